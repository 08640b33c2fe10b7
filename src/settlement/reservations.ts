import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { createPending, hasTransfer, repostPending, resolvePendings, transferIndexOf } from '../ledger/pending-steps.js';
import { accountIndex } from '../ledger/step-legs.js';
import { formatSteps } from '../units/from-steps.js';
import { NarrowColumn } from '../units/narrow-column.js';
import type { Step } from '../units/step.js';
import { idPart, type SettlementConfig } from './settlement-config.js';

const MAX = Number.MAX_SAFE_INTEGER;

/** One reservation as plain data: see {@link Reservations.exportSlot}. @internal */
export interface ReservationData {
  readonly orderId: string;
  readonly owner: string;
  readonly side: 'buy' | 'sell';
  /** Limit price, ticks. */
  readonly limit: number;
  /** Open quantity, energy steps. */
  readonly open: number;
  /** Held by the pending transfer, steps of the reserved asset. */
  readonly held: number;
  /** The number of the current reservation id. */
  readonly number: number;
}
// Where createPending reports the reservation number it used (one object, not one per call).
// Re-entrancy: createPending reads the ledger's clock (user code) first and writes `used.n` last,
// with no user code in between, and `reserve` reads it on the next line: a nested reservation
// made from the clock has finished with it before this one writes it.
const used = { n: 0 };
const INITIAL = 256;

/**
 * The collateral of many orders, on integers: quantities in energy steps, prices in ticks,
 * accounts and pending transfers by index. Each reservation lives in a numbered slot of typed
 * columns (a day of a large market holds a million of them: columns keep them out of the garbage
 * collector's way and side by side in memory). Whoever holds an order holds its slot number (the
 * market keeps it on its live order, {@link Collateral} in a map by order id); a slot is free
 * again once its reservation is closed or released, so a holder must drop the number then.
 * Shared by the public {@link Collateral} and the market.
 *
 * Prices and step counts sit in {@link NarrowColumn}s: 4 bytes a value while they fit int32 (as
 * they nearly always do), exact float64 from the first one that does not.
 * @internal
 */
export class Reservations {
  private readonly orderIds: (string | undefined)[] = [];
  /**
   * The owner by number (a number of `ownerNames`): 4 bytes a reservation outside the heap where
   * a string pointer per reservation took 8 on it (a market day holds a million reservations of
   * a few thousand owners).
   */
  private owners = new Int32Array(INITIAL);
  /** Every owner seen, by number, and the numbers by owner. */
  private readonly ownerNames: string[] = [];
  private readonly ownerNumbers = new Map<string, number>();
  private side = new Uint8Array(INITIAL); // 1 buy, 2 sell, 0 free
  /** The limit price in ticks (buy orders). */
  private readonly limit = new NarrowColumn(INITIAL);
  /** Open quantity, energy steps. */
  private readonly openSteps = new NarrowColumn(INITIAL);
  /** Held by the current pending transfer, steps of the reserved asset. */
  private readonly heldSteps = new NarrowColumn(INITIAL);
  /** Posted by deferred fills so far. */
  private readonly spent = new NarrowColumn(INITIAL);
  /** The number of the current reservation id, `<prefix>/<order>/<n>`. */
  private number = new Int32Array(INITIAL);
  /** The ledger index of the current pending transfer (while held > 0). */
  private transfer = new Int32Array(INITIAL);
  private readonly free: number[] = [];
  private slots = 0;
  // Account indexes found so far: an owner's account (by asset) and the two escrow accounts.
  private readonly moneyAccounts = new Map<string, number>();
  private readonly energyAccounts = new Map<string, number>();
  private moneyEscrow = -1;
  private energyEscrow = -1;

  constructor(
    private readonly ledger: Ledger,
    readonly cfg: SettlementConfig,
  ) {}

  /**
   * What {@link reserve} would hold, in the asset's steps: for a buy, price x quantity rounded up
   * (nothing for a price of zero or less; NaN when it is past the safe integers), for a sell the
   * quantity. A caller that checks funds before reserving asks this, so both use one amount.
   */
  amountFor(side: 'buy' | 'sell', quantity: number, limit: number): number {
    if (side === 'sell') return quantity;
    return limit <= 0 ? 0 : this.cfg.scale.valueN(limit, quantity, 'ceil');
  }

  /**
   * Reserves price x quantity (rounded up; nothing for a price of zero or less) of the owner's
   * money for a buy, or the quantity of its energy for a sell. `account`: the owner's account of
   * that asset by index, when the caller knows it (else found by the participant account naming).
   * @returns the reservation's slot.
   * @throws WattError BALANCE_OVERFLOW, UNKNOWN_ACCOUNT and the ledger's codes (INSUFFICIENT_FUNDS, ...).
   */
  reserve(orderId: string, owner: string, side: 'buy' | 'sell', quantity: number, limit: number, fn: string, account = -1): number {
    const buy = side === 'buy';
    const amount = this.amountFor(side, quantity, limit);
    if (buy && !(amount <= MAX)) fail(ErrorCode.BALANCE_OVERFLOW, fn, 'the reservation is too large to hold exactly');
    const base = this.base(orderId);
    let t = -1;
    let n: number;
    if (amount > 0) {
      t = createPending(this.ledger, base, 0, account >= 0 ? account : this.accountOf(owner, buy, fn), this.escrowOf(buy, fn), amount, fn, used);
      n = used.n;
    } else {
      n = this.freshNumber(base, 0);
    }
    const r = this.free.length > 0 ? (this.free.pop() as number) : this.newSlot();
    this.orderIds[r] = orderId;
    this.owners[r] = this.ownerNumber(owner);
    this.side[r] = buy ? 1 : 2;
    this.limit.set(r, limit);
    this.openSteps.set(r, quantity);
    this.heldSteps.set(r, amount);
    this.spent.set(r, 0);
    this.number[r] = n;
    this.transfer[r] = t;
    return r;
  }

  /**
   * Posts a fill's part of the reservation to the clearing account and re-reserves the rest under
   * a new pending transfer while the order stays open (one atomic ledger call). When nothing
   * stays open ({@link open} is 0), the holder ends it with {@link forget}.
   * @returns the steps posted.
   */
  fill(r: number, quantity: number, price: number, fn: string): number {
    const cost = this.costOf(r, quantity, price, fn);
    const held = this.heldSteps.get(r);
    const open = this.openSteps.get(r) - quantity;
    // What stays reserved is what the open rest can still cost at the limit, never more: a fill
    // at a better price than the limit frees the difference at once (held - cost would keep it).
    const rest = Math.min(held - cost, this.amountFor(this.side[r] === 1 ? 'buy' : 'sell', open, this.limit.get(r)));
    if (held > 0) {
      let next = this.number[r] as number;
      let nextId: string | undefined;
      if (open > 0 && rest > 0) {
        const base = this.base(this.orderIds[r] as string);
        next = this.freshNumber(base, next + 1);
        nextId = `${base}/${next}`;
      }
      const t = repostPending(this.ledger, this.transfer[r] as number, cost, nextId, rest, fn);
      if (nextId !== undefined) {
        this.number[r] = next;
        this.transfer[r] = t;
      }
    }
    this.openSteps.set(r, open);
    this.heldSteps.set(r, open > 0 ? rest : 0);
    return cost;
  }

  /**
   * Records a fill without touching the ledger, for a call auction after which every order
   * leaves: {@link close} then posts what each order's fills cost and releases the rest, for all
   * orders in one ledger call. Returns what {@link fill} would have posted.
   */
  fillDeferred(r: number, quantity: number, price: number, fn: string): number {
    const cost = this.costOf(r, quantity, price, fn);
    this.openSteps.set(r, this.openSteps.get(r) - quantity);
    this.heldSteps.set(r, this.heldSteps.get(r) - cost);
    this.spent.set(r, this.spent.get(r) + cost);
    return cost;
  }

  /**
   * Ends reservations and frees their slots: each posts what its deferred fills cost (one journal
   * entry) and releases the rest, or is voided when nothing was spent; all in one atomic ledger
   * call.
   */
  close(slots: readonly number[], fn: string): void {
    const refs: number[] = [];
    const posted: number[] = [];
    for (const r of slots) {
      const spent = this.spent.get(r);
      if (this.heldSteps.get(r) + spent > 0) {
        refs.push(this.transfer[r] as number);
        posted.push(spent);
      }
    }
    resolvePendings(this.ledger, refs, posted, fn);
    for (const r of slots) this.freeSlot(r);
  }

  /** Voids what a reservation still holds and frees its slot. */
  release(r: number, fn: string): void {
    if (this.heldSteps.get(r) > 0) resolvePendings(this.ledger, [this.transfer[r] as number], [0], fn);
    this.freeSlot(r);
  }

  /** Frees the slot of a reservation that holds nothing any more (its last fill released the rest). */
  forget(r: number): void {
    this.freeSlot(r);
  }

  /** A reservation as plain data (for a market snapshot; between calls, so nothing is deferred). */
  exportSlot(r: number): ReservationData {
    return {
      orderId: this.orderIds[r] as string,
      owner: this.ownerNames[this.owners[r] as number] as string,
      side: this.sideOf(r),
      limit: this.limit.get(r),
      open: this.openSteps.get(r),
      held: this.heldSteps.get(r),
      number: this.number[r] as number,
    };
  }

  /**
   * Takes a reservation back from {@link exportSlot}'s data, on a ledger restored from the same
   * snapshot (its pending transfer is found there by id); returns its new slot.
   * @throws WattError INVALID_SNAPSHOT when the pending transfer is missing.
   */
  importSlot(d: ReservationData, fn: string): number {
    let t = -1;
    if (d.held > 0) {
      const found = transferIndexOf(this.ledger, `${this.base(d.orderId)}/${d.number}`);
      if (found === undefined) fail(ErrorCode.INVALID_SNAPSHOT, fn, `the reservation of order '${d.orderId}' has no pending transfer in the ledger`);
      t = found;
    }
    const r = this.free.length > 0 ? (this.free.pop() as number) : this.newSlot();
    this.orderIds[r] = d.orderId;
    this.owners[r] = this.ownerNumber(d.owner);
    this.side[r] = d.side === 'buy' ? 1 : 2;
    this.limit.set(r, d.limit);
    this.openSteps.set(r, d.open);
    this.heldSteps.set(r, d.held);
    this.spent.set(r, 0);
    this.number[r] = d.number;
    this.transfer[r] = t;
    return r;
  }

  /** The order id of a reservation. */
  orderId(r: number): string {
    return this.orderIds[r] as string;
  }

  /** Its owner. */
  owner(r: number): string {
    return this.ownerNames[this.owners[r] as number] as string;
  }

  /** `'buy'` (money reserved) or `'sell'` (energy reserved). */
  sideOf(r: number): 'buy' | 'sell' {
    return this.side[r] === 1 ? 'buy' : 'sell';
  }

  /** Open quantity, energy steps. */
  open(r: number): number {
    return this.openSteps.get(r);
  }

  /** Held now, in steps of the reserved asset. */
  held(r: number): number {
    return this.heldSteps.get(r);
  }

  /** The step of the reserved asset. */
  step(r: number): Step {
    return this.side[r] === 1 ? this.cfg.moneyStep : this.cfg.energyStep;
  }

  /** The id of the pending transfer holding it, when anything is held. */
  pendingId(r: number): string | undefined {
    return this.heldSteps.get(r) > 0 ? `${this.base(this.orderIds[r] as string)}/${this.number[r] as number}` : undefined;
  }

  /** `<prefix>/<order id, escaped>`: an order's reservation ids are `<base>/<n>`. */
  base(orderId: string): string {
    return `${this.cfg.prefix}/${idPart(orderId)}`;
  }

  private costOf(r: number, quantity: number, price: number, fn: string): number {
    const energy = this.cfg.energyStep;
    const open = this.openSteps.get(r);
    if (quantity > open) {
      fail(ErrorCode.INVALID_QUANTITY, fn, `order '${this.orderId(r)}' has ${formatSteps(open, energy)} open, not ${formatSteps(quantity, energy)}`, 'OUT_OF_RANGE');
    }
    if (this.side[r] !== 1) return quantity;
    const limit = this.limit.get(r);
    if (price > limit) {
      fail(ErrorCode.INVALID_PRICE, fn, `the fill price ${formatSteps(price, this.cfg.tick)} is above the order's limit ${formatSteps(limit, this.cfg.tick)}`, 'OUT_OF_RANGE');
    }
    // Each fill rounds up on its own, so after several fills at the limit what is left reserved
    // can be a few steps short of the last fill's value: post what is left then; settlement
    // charges the buyer the difference (the prepayment is only a prepayment).
    const held = this.heldSteps.get(r);
    const value = price <= 0 ? 0 : this.cfg.scale.valueN(price, quantity, 'ceil');
    return value > held ? held : value;
  }

  private newSlot(): number {
    const r = this.slots++;
    if (r === this.side.length) {
      const capacity = r * 2;
      this.side = grown(this.side, new Uint8Array(capacity));
      this.limit.grow(capacity);
      this.openSteps.grow(capacity);
      this.heldSteps.grow(capacity);
      this.spent.grow(capacity);
      this.number = grown(this.number, new Int32Array(capacity));
      this.transfer = grown(this.transfer, new Int32Array(capacity));
      this.owners = grown(this.owners, new Int32Array(capacity));
    }
    return r;
  }

  /** The number of `owner`, given it the first time it is seen. */
  private ownerNumber(owner: string): number {
    const known = this.ownerNumbers.get(owner);
    if (known !== undefined) return known;
    const n = this.ownerNames.length;
    this.ownerNames.push(owner);
    this.ownerNumbers.set(owner, n);
    return n;
  }

  private freeSlot(r: number): void {
    if (this.side[r] === 0) return; // already free: a second push would hand the slot out twice
    this.side[r] = 0;
    this.heldSteps.set(r, 0);
    this.orderIds[r] = undefined;
    this.free.push(r);
  }

  private accountOf(owner: string, money: boolean, fn: string): number {
    const known = money ? this.moneyAccounts : this.energyAccounts;
    const hit = known.get(owner);
    if (hit !== undefined) return hit;
    const id = this.cfg.participantAccount(owner, money ? this.cfg.moneyAsset : this.cfg.energyAsset);
    const index = accountIndex(this.ledger, id);
    if (index === undefined) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `from account '${id}' is not open`);
    // A participantAccount function is asked every time, as it always was: only the default
    // naming (a pure function of the owner) is remembered.
    if (this.cfg.defaultNaming) known.set(owner, index);
    return index;
  }

  private escrowOf(money: boolean, fn: string): number {
    const known = money ? this.moneyEscrow : this.energyEscrow;
    if (known >= 0) return known;
    const id = money ? this.cfg.accounts.clearing : this.cfg.accounts.clearingEnergy;
    const index = accountIndex(this.ledger, id);
    if (index === undefined) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `to account '${id}' is not open`);
    if (money) this.moneyEscrow = index;
    else this.energyEscrow = index;
    return index;
  }

  /**
   * The first reservation number from `from` on whose id the ledger does not hold yet: an order id
   * used again after its order closed, or by an earlier Collateral on the same ledger, gets new
   * reservation ids instead of colliding with (or silently retrying) the old ones.
   */
  private freshNumber(base: string, from: number): number {
    let n = from;
    while (hasTransfer(this.ledger, `${base}/${n}`)) n++;
    return n;
  }
}

type Column = Int32Array | Uint8Array;

function grown<T extends Column>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
