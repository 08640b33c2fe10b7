import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { createPending, hasTransfer, repostPending, resolvePendings } from '../ledger/pending-steps.js';
import { accountIndex } from '../ledger/step-legs.js';
import { formatSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { idPart, type SettlementConfig } from './settlement-config.js';

const MAX = Number.MAX_SAFE_INTEGER;
// Where createPending reports the reservation number it used (one object, not one per call).
const used = { n: 0 };

/**
 * One order's collateral: a pending ledger transfer into the clearing account and what is left
 * of the order. Whoever holds the order holds this too (the market keeps it on its live order,
 * {@link Collateral} in a map by order id), so working with it needs no look-up by id.
 * @internal
 */
export interface Reservation {
  readonly orderId: string;
  readonly side: 'buy' | 'sell';
  readonly owner: string;
  /** The step of the reserved asset (money for a buy, energy for a sell). */
  readonly step: Step;
  /** The limit price in ticks (buy orders). */
  readonly limit: number;
  /** Open quantity, energy steps. */
  open: number;
  /** Held by the current pending transfer, steps of the reserved asset. */
  held: number;
  /** The number of the current reservation id, `<prefix>/<order>/<n>`. */
  n: number;
  /** The ledger index of the current pending transfer (while `held` > 0). */
  t: number;
  /** Posted by deferred fills so far (see {@link Reservations.fillDeferred}). */
  spent: number;
}

/**
 * The reservation arithmetic and ledger calls of collateral, on integers: quantities in energy
 * steps, prices in ticks, accounts and pending transfers by index. Shared by the public
 * {@link Collateral} and the market.
 * @internal
 */
export class Reservations {
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
   * Reserves price x quantity (rounded up; nothing for a price of zero or less) of the owner's
   * money for a buy, or the quantity of its energy for a sell.
   * @throws WattError BALANCE_OVERFLOW, UNKNOWN_ACCOUNT and the ledger's codes (INSUFFICIENT_FUNDS, ...).
   */
  reserve(orderId: string, owner: string, side: 'buy' | 'sell', quantity: number, limit: number, fn: string): Reservation {
    const buy = side === 'buy';
    let amount = quantity;
    if (buy) {
      amount = limit <= 0 ? 0 : this.cfg.scale.valueN(limit, quantity, 'ceil');
      if (!(amount <= MAX)) fail(ErrorCode.BALANCE_OVERFLOW, fn, 'the reservation is too large to hold exactly');
    }
    const base = this.base(orderId);
    let t = -1;
    let n: number;
    if (amount > 0) {
      t = createPending(this.ledger, base, 0, this.accountOf(owner, buy, fn), this.escrowOf(buy, fn), amount, fn, used);
      n = used.n;
    } else {
      n = this.freshNumber(base, 0);
    }
    return { orderId, side, owner, step: buy ? this.cfg.moneyStep : this.cfg.energyStep, limit, open: quantity, held: amount, n, t, spent: 0 };
  }

  /**
   * Posts a fill's part of the reservation to the clearing account and re-reserves the rest under
   * a new pending transfer while the order stays open (one atomic ledger call).
   * @returns the steps posted.
   */
  fill(r: Reservation, quantity: number, price: number, fn: string): number {
    const cost = this.costOf(r, quantity, price, fn);
    const open = r.open - quantity;
    const rest = r.held - cost;
    if (r.held > 0) {
      let next = r.n;
      let nextId: string | undefined;
      if (open > 0 && rest > 0) {
        const base = this.base(r.orderId);
        next = this.freshNumber(base, r.n + 1);
        nextId = `${base}/${next}`;
      }
      const t = repostPending(this.ledger, r.t, cost, nextId, rest, fn);
      if (nextId !== undefined) {
        r.n = next;
        r.t = t;
      }
    }
    r.open = open;
    r.held = open > 0 ? rest : 0;
    return cost;
  }

  /**
   * Records a fill without touching the ledger, for a call auction after which every order
   * leaves: {@link close} then posts what each order's fills cost and releases the rest, for all
   * orders in one ledger call. Returns what {@link fill} would have posted.
   */
  fillDeferred(r: Reservation, quantity: number, price: number, fn: string): number {
    const cost = this.costOf(r, quantity, price, fn);
    r.open -= quantity;
    r.held -= cost;
    r.spent += cost;
    return cost;
  }

  /**
   * Ends reservations: each posts what its deferred fills cost (one journal entry) and releases
   * the rest, or is voided when nothing was spent; all in one atomic ledger call.
   */
  close(rs: readonly Reservation[], fn: string): void {
    const refs: number[] = [];
    const posted: number[] = [];
    for (const r of rs) {
      if (r.held + r.spent > 0) {
        refs.push(r.t);
        posted.push(r.spent);
      }
      r.held = 0;
    }
    resolvePendings(this.ledger, refs, posted, fn);
  }

  /** Voids what a reservation still holds. */
  release(r: Reservation, fn: string): void {
    if (r.held > 0) resolvePendings(this.ledger, [r.t], [0], fn);
    r.held = 0;
  }

  /** `<prefix>/<order id, escaped>`: an order's reservation ids are `<base>/<n>`. */
  base(orderId: string): string {
    return `${this.cfg.prefix}/${idPart(orderId)}`;
  }

  private costOf(r: Reservation, quantity: number, price: number, fn: string): number {
    const energy = this.cfg.energyStep;
    if (quantity > r.open) {
      fail(ErrorCode.INVALID_QUANTITY, fn, `order '${r.orderId}' has ${formatSteps(r.open, energy)} open, not ${formatSteps(quantity, energy)}`, 'OUT_OF_RANGE');
    }
    if (r.side !== 'buy') return quantity;
    if (price > r.limit) {
      fail(ErrorCode.INVALID_PRICE, fn, `the fill price ${formatSteps(price, this.cfg.tick)} is above the order's limit ${formatSteps(r.limit, this.cfg.tick)}`, 'OUT_OF_RANGE');
    }
    // Each fill rounds up on its own, so after several fills at the limit what is left reserved
    // can be a few steps short of the last fill's value: post what is left then; settlement
    // charges the buyer the difference (the prepayment is only a prepayment).
    const value = price <= 0 ? 0 : this.cfg.scale.valueN(price, quantity, 'ceil');
    return value > r.held ? r.held : value;
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
