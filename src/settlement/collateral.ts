import type { Decimal } from 'decimal.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { toSteps, valueSpec, type ValueSpec } from '../units/to-steps.js';
import { checkFields, checkId, checkKnownKeys, checkObject } from '../validation/checks.js';
import { Reservations } from './reservations.js';
import { checkLedger, resolveSettlementConfig } from './settlement-config.js';
import type { SettlementAccounts } from './settlement-types.js';

/** Options of {@link Collateral}. */
export interface CollateralOptions {
  /** The money asset. Default: the ledger's only asset other than the energy asset. */
  moneyAsset?: string;
  /** The energy asset. Default `'kWh'`. */
  energyAsset?: string;
  /** The tick of order and fill prices. Default `'0.0001'`. */
  priceTick?: DecimalInput;
  /**
   * Account ids; reservations go to `clearing` (money) and `clearingEnergy` (energy), the
   * settlement clearing accounts, so a fill is a prepayment that {@link settleInterval} credits
   * (see `buyerPrepaid` / `sellerPrepaid`). Defaults as for settlement.
   */
  accounts?: SettlementAccounts;
  /** A participant's account id for an asset. Default `` `${participant}:${asset}` ``. */
  participantAccount?: (participant: string, asset: string) => string;
  /** The first component of every reservation id. Default `'collateral'`. */
  idPrefix?: string;
}

/** A buy order whose funds to reserve: price x quantity, rounded up to the money step. */
export interface CollateralBuyOrder {
  /** The order id; reservation ids derive from it. */
  readonly id: string;
  /** The buyer. */
  readonly owner: string;
  /** The limit price per kWh. */
  readonly price: DecimalInput;
  /** The quantity in kWh. */
  readonly quantity: DecimalInput;
}

/** A sell order whose energy to reserve. */
export interface CollateralSellOrder {
  /** The order id. */
  readonly id: string;
  /** The seller. */
  readonly owner: string;
  /** The quantity in kWh. */
  readonly quantity: DecimalInput;
}

/** A fill of a reserved order. */
export interface CollateralFill {
  /** The quantity filled, at most the order's open quantity. */
  readonly quantity: DecimalInput;
  /** The trade price per kWh; required for a buy order, ignored for a sell order. */
  readonly price?: DecimalInput;
}

/** What a fill moved into escrow: pass it to settlement as `buyerPrepaid` or `sellerPrepaid`. */
export interface CollateralFillResult {
  /** The asset moved (money for a buy order, energy for a sell order). */
  readonly asset: string;
  /** The amount posted to the clearing account. */
  readonly posted: Decimal;
  /** The same amount in steps of the asset. */
  readonly postedSteps: number;
}

/** The state of one reservation. */
export interface CollateralReservation {
  /** The order id. */
  readonly orderId: string;
  /** The owner. */
  readonly owner: string;
  /** `'buy'` reserves money, `'sell'` reserves energy. */
  readonly side: 'buy' | 'sell';
  /** The quantity still open, in kWh. */
  readonly open: Decimal;
  /** The amount held by the current pending transfer. */
  readonly held: Decimal;
  /** The id of the current pending transfer, if anything is held. */
  readonly pendingId: string | undefined;
}

const reserveBuySpecs = specs('Collateral.reserveBuy');
const reserveSellSpecs = specs('Collateral.reserveSell');
const fillSpecs = specs('Collateral.fill');

function specs(fn: string): { fn: string; price: ValueSpec; quantity: ValueSpec } {
  return {
    fn,
    price: valueSpec(fn, 'price', ErrorCode.INVALID_PRICE, 'any', 'tick'),
    quantity: valueSpec(fn, 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'energy step'),
  };
}

/** A reservation as {@link Collateral.reservation} shows it; Decimals built on first read. */
class ReservationView implements CollateralReservation {
  readonly orderId: string;
  readonly owner: string;
  readonly side: 'buy' | 'sell';
  readonly pendingId: string | undefined;
  private readonly openSteps: number;
  private readonly heldSteps: number;
  private readonly step: Step;
  private readonly energyStep: Step;

  constructor(engine: Reservations, r: number) {
    this.orderId = engine.orderId(r);
    this.owner = engine.owner(r);
    this.side = engine.sideOf(r);
    this.pendingId = engine.pendingId(r);
    this.openSteps = engine.open(r);
    this.heldSteps = engine.held(r);
    this.step = engine.step(r);
    this.energyStep = engine.cfg.energyStep;
  }

  get open(): Decimal {
    return fromSteps(this.openSteps, this.energyStep);
  }

  get held(): Decimal {
    return fromSteps(this.heldSteps, this.step);
  }

  /** Plain data with exact decimal strings, for JSON and logs. */
  toJSON(): Record<string, string | undefined> {
    return { orderId: this.orderId, owner: this.owner, side: this.side, open: this.open.toString(), held: this.held.toString(), pendingId: this.pendingId };
  }
}

/**
 * Collateral for orders: a buy order reserves price x quantity (rounded up) of the buyer's money,
 * a sell order its quantity of the seller's energy, each as a pending ledger transfer into the
 * settlement clearing account. A fill posts the traded part (for a buy, trade price x quantity
 * rounded up) and keeps reserved what the open rest can still cost (limit x open quantity,
 * rounded up; a fill below the limit frees the saving at once) under a new pending transfer (one atomic ledger call);
 * the last fill releases what is left; a cancel voids the reservation. Reservation ids derive
 * from the order id: `collateral/<order>/0`, `/1`, ... (skipping numbers the ledger already holds,
 * so an order id used again never collides with an old reservation).
 *
 * The order state lives in this object, not in the ledger: keep one Collateral per ledger.
 *
 * @example
 * ```ts
 * const collateral = new Collateral(ledger);
 * collateral.reserveBuy({ id: 'b1', owner: 'lab', price: '2000', quantity: '3' }); // holds 6000
 * const { posted } = collateral.fill('b1', { quantity: '1', price: '1800' });     // 1800 to clearing
 * // later: settleInterval(..., trades: [{ ..., buyerPrepaid: posted }])
 * collateral.cancel('b1');                                                        // releases 4200
 * ```
 */
export class Collateral {
  private readonly engine: Reservations;
  /** Open orders: their reservation slots in the engine. */
  private readonly orders = new Map<string, number>();

  /**
   * @param ledger - the ledger holding the participants' and clearing accounts.
   * @param options - see {@link CollateralOptions}.
   * @throws WattError INVALID_ARGUMENT, INVALID_OPTION, UNKNOWN_ASSET.
   */
  constructor(ledger: Ledger, options: CollateralOptions = {}) {
    const fn = 'Collateral';
    const l = checkLedger(ledger, fn);
    const o = checkObject(options, fn, 'options');
    checkKnownKeys(o, ['moneyAsset', 'energyAsset', 'priceTick', 'accounts', 'participantAccount', 'idPrefix'], fn, 'option');
    const { idPrefix, ...rest } = o;
    this.engine = new Reservations(l, resolveSettlementConfig(l, { ...rest, idPrefix: (idPrefix ?? 'collateral') as string }, fn));
  }

  /**
   * Reserves price x quantity (rounded up; nothing for a price of zero or less) of the owner's
   * money for a buy order.
   * @throws WattError INVALID_ID, INVALID_OWNER, INVALID_PRICE, INVALID_QUANTITY,
   *   DUPLICATE_ORDER_ID, and the ledger's codes (INSUFFICIENT_FUNDS, UNKNOWN_ACCOUNT, ...).
   */
  reserveBuy(order: CollateralBuyOrder): CollateralReservation {
    const { fn } = reserveBuySpecs;
    const cfg = this.engine.cfg;
    const o = this.orderFields(order, fn, ['id', 'owner', 'price', 'quantity']);
    const price = toSteps(o.raw['price'], cfg.tick, reserveBuySpecs.price);
    const quantity = toSteps(o.raw['quantity'], cfg.energyStep, reserveBuySpecs.quantity);
    return this.view(this.add(o.id, this.engine.reserve(o.id, o.owner, 'buy', quantity, price, fn)));
  }

  /**
   * Reserves the quantity of the owner's energy for a sell order.
   * @throws WattError INVALID_ID, INVALID_OWNER, INVALID_QUANTITY, DUPLICATE_ORDER_ID, and the ledger's codes.
   */
  reserveSell(order: CollateralSellOrder): CollateralReservation {
    const { fn } = reserveSellSpecs;
    const o = this.orderFields(order, fn, ['id', 'owner', 'quantity']);
    const quantity = toSteps(o.raw['quantity'], this.engine.cfg.energyStep, reserveSellSpecs.quantity);
    return this.view(this.add(o.id, this.engine.reserve(o.id, o.owner, 'sell', quantity, 0, fn)));
  }

  /**
   * Posts the traded part of a reserved order to the clearing account and keeps held what the
   * open rest can still cost at the limit (or releases it all, when nothing stays open).
   * @returns what was posted: pass it to {@link settleInterval} as the trade's prepayment.
   * For a buy, the amount posted is trade price x quantity rounded up, or what is left reserved if
   * that is less (possible only by a few steps, after several fills at the limit price).
   * @throws WattError UNKNOWN_ORDER; INVALID_QUANTITY (more than open: OUT_OF_RANGE); INVALID_PRICE
   *   (missing for a buy, or above its limit: OUT_OF_RANGE).
   */
  fill(orderId: string, fill: CollateralFill): CollateralFillResult {
    const { fn } = fillSpecs;
    const cfg = this.engine.cfg;
    const [id, r] = this.orderOf(orderId, fn);
    const f = checkObject(fill, fn, 'fill');
    checkFields(f, ['quantity', 'price'], fn, 'fill field');
    const quantity = toSteps(f['quantity'], cfg.energyStep, fillSpecs.quantity);
    const buy = this.engine.sideOf(r) === 'buy';
    const price = buy ? toSteps(f['price'], cfg.tick, fillSpecs.price) : 0;
    const step = this.engine.step(r);
    const cost = this.engine.fill(r, quantity, price, fn);
    if (this.engine.open(r) === 0) {
      this.engine.forget(r);
      this.orders.delete(id);
    }
    return Object.freeze({ asset: buy ? cfg.moneyAsset : cfg.energyAsset, posted: fromSteps(cost, step), postedSteps: cost });
  }

  /**
   * Cancels an order's reservation: voids what is still held.
   * @returns the amount released.
   * @throws WattError UNKNOWN_ORDER.
   */
  cancel(orderId: string): Decimal {
    const fn = 'Collateral.cancel';
    const [id, r] = this.orderOf(orderId, fn);
    const held = fromSteps(this.engine.held(r), this.engine.step(r));
    this.engine.release(r, fn);
    this.orders.delete(id);
    return held;
  }

  /** The reservation of an order still open, or undefined. */
  reservation(orderId: string): CollateralReservation | undefined {
    const r = this.orders.get(orderId);
    return r === undefined ? undefined : this.view(r);
  }

  private add(orderId: string, r: number): number {
    this.orders.set(orderId, r);
    return r;
  }

  private orderFields(order: unknown, fn: string, keys: readonly string[]): { raw: Record<string, unknown>; id: string; owner: string } {
    const raw = checkObject(order, fn, 'order');
    checkFields(raw, keys, fn, 'order field');
    const id = checkId(raw['id'], fn, 'order id');
    const owner = checkId(raw['owner'], fn, 'owner', ErrorCode.INVALID_OWNER);
    if (this.orders.has(id)) fail(ErrorCode.DUPLICATE_ORDER_ID, fn, `order '${id}' already has a reservation`);
    return { raw, id, owner };
  }

  private orderOf(orderId: unknown, fn: string): [string, number] {
    const id = checkId(orderId, fn, 'order id');
    const r = this.orders.get(id);
    if (r === undefined) fail(ErrorCode.UNKNOWN_ORDER, fn, `order '${id}' has no open reservation`);
    return [id, r];
  }

  private view(r: number): CollateralReservation {
    return Object.freeze(new ReservationView(this.engine, r));
  }
}
