import { StepLegs } from '../ledger/step-legs.js';

/**
 * The reusable working memory of one settlement: its legs by phase and all of them in posting
 * order, each participant's running sums while the legs are planned, and (for the market) each
 * reading's account indexes. Typed columns allocated once and grown, never per interval: a
 * settlement of a hundred participants made ten fresh typed arrays, whose allocation (outside
 * the heap, counted against the collector's external memory) cost about as much as planning.
 */
export class PlanLegs {
  /**
   * All legs in posting order; credits come first, so the credits are planned straight into it
   * (`credits` is this same buffer) and only the debits and system legs are appended after.
   */
  readonly all = new StepLegs(4096);
  readonly credits = this.all;
  readonly debits = new StepLegs(1024);
  readonly system = new StepLegs(16);
  /** Per participant: energy sold and bought, money paid and received, fees (steps). */
  sold = new Float64Array(0);
  bought = new Float64Array(0);
  paid = new Float64Array(0);
  received = new Float64Array(0);
  fees = new Float64Array(0);
  /** Per reading, for a caller that knows its participants' accounts (see PreparedSettlement). */
  money = new Int32Array(0);
  energy = new Int32Array(0);

  /** Makes the per-participant sums hold `n` participants, zeroed. */
  sums(n: number): void {
    if (this.sold.length < n) {
      const capacity = Math.max(n, 2 * this.sold.length, 64);
      this.sold = new Float64Array(capacity);
      this.bought = new Float64Array(capacity);
      this.paid = new Float64Array(capacity);
      this.received = new Float64Array(capacity);
      this.fees = new Float64Array(capacity);
      return;
    }
    this.sold.fill(0, 0, n);
    this.bought.fill(0, 0, n);
    this.paid.fill(0, 0, n);
    this.received.fill(0, 0, n);
    this.fees.fill(0, 0, n);
  }

  /** Makes the account columns hold `n` readings (contents unspecified until written). */
  accountColumns(n: number): void {
    if (this.money.length < n) {
      const capacity = Math.max(n, 2 * this.money.length, 64);
      this.money = new Int32Array(capacity);
      this.energy = new Int32Array(capacity);
    }
  }
}

// Leg buffers not in use. A settlement takes one set for its whole run (planning and posting)
// and gives it back when done: posting reads the ledger's clock, which is user code and may
// settle another interval (of this ledger or another) before the first posts; that settlement
// takes a set of its own, so no two running settlements ever share one. Sets are kept for reuse
// (as many as the deepest nesting seen): the steady state allocates nothing.
const freeLegs: PlanLegs[] = [];

/** A set of leg buffers owned by the caller until {@link givePlanLegs}. */
export function takePlanLegs(): PlanLegs {
  return freeLegs.pop() ?? new PlanLegs();
}

/** Gives a set taken by {@link takePlanLegs} back (in a `finally`). */
export function givePlanLegs(legs: PlanLegs): void {
  freeLegs.push(legs);
}
