import type { Decimal } from 'decimal.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import type { LedgerOperation } from '../ledger/ledger-types.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { formatSteps, fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { toSteps, valueSpec, type ValueSpec } from '../units/to-steps.js';
import { checkFields, checkId, checkKnownKeys, checkObject } from '../validation/checks.js';
import { checkLedger, idPart, resolveSettlementConfig, type SettlementConfig } from './settlement-config.js';
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

interface Order {
  readonly side: 'buy' | 'sell';
  readonly owner: string;
  readonly account: string;
  readonly escrow: string;
  readonly step: Step;
  /** The limit price in ticks (buy orders). */
  readonly limit: number;
  open: number;
  held: number;
  n: number;
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

/**
 * Collateral for orders: a buy order reserves price x quantity (rounded up) of the buyer's money,
 * a sell order its quantity of the seller's energy, each as a pending ledger transfer into the
 * settlement clearing account. A fill posts the traded part (for a buy, trade price x quantity
 * rounded up) and keeps the rest reserved under a new pending transfer (one atomic ledger call);
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
  private readonly ledger: Ledger;
  private readonly cfg: SettlementConfig;
  private readonly orders = new Map<string, Order>();

  /**
   * @param ledger - the ledger holding the participants' and clearing accounts.
   * @param options - see {@link CollateralOptions}.
   * @throws WattError INVALID_ARGUMENT, INVALID_OPTION, UNKNOWN_ASSET.
   */
  constructor(ledger: Ledger, options: CollateralOptions = {}) {
    const fn = 'Collateral';
    this.ledger = checkLedger(ledger, fn);
    const o = checkObject(options, fn, 'options');
    checkKnownKeys(o, ['moneyAsset', 'energyAsset', 'priceTick', 'accounts', 'participantAccount', 'idPrefix'], fn, 'option');
    const { idPrefix, ...rest } = o;
    this.cfg = resolveSettlementConfig(this.ledger, { ...rest, idPrefix: (idPrefix ?? 'collateral') as string }, fn);
  }

  /**
   * Reserves price x quantity (rounded up; nothing for a price of zero or less) of the owner's
   * money for a buy order.
   * @throws WattError INVALID_ID, INVALID_OWNER, INVALID_PRICE, INVALID_QUANTITY,
   *   DUPLICATE_ORDER_ID, and the ledger's codes (INSUFFICIENT_FUNDS, UNKNOWN_ACCOUNT, ...).
   */
  reserveBuy(order: CollateralBuyOrder): CollateralReservation {
    const { fn } = reserveBuySpecs;
    const o = this.orderFields(order, fn, ['id', 'owner', 'price', 'quantity']);
    const price = toSteps(o.raw['price'], this.cfg.tick, reserveBuySpecs.price);
    const quantity = toSteps(o.raw['quantity'], this.cfg.energyStep, reserveBuySpecs.quantity);
    const value = price <= 0 ? 0n : this.cfg.scale.value(price, quantity, 'ceil');
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(ErrorCode.BALANCE_OVERFLOW, fn, 'the reservation is too large to hold exactly');
    return this.open(fn, o.id, 'buy', o.owner, this.cfg.moneyAsset, this.cfg.accounts.clearing, this.cfg.moneyStep, quantity, Number(value), price);
  }

  /**
   * Reserves the quantity of the owner's energy for a sell order.
   * @throws WattError INVALID_ID, INVALID_OWNER, INVALID_QUANTITY, DUPLICATE_ORDER_ID, and the ledger's codes.
   */
  reserveSell(order: CollateralSellOrder): CollateralReservation {
    const { fn } = reserveSellSpecs;
    const o = this.orderFields(order, fn, ['id', 'owner', 'quantity']);
    const quantity = toSteps(o.raw['quantity'], this.cfg.energyStep, reserveSellSpecs.quantity);
    return this.open(fn, o.id, 'sell', o.owner, this.cfg.energyAsset, this.cfg.accounts.clearingEnergy, this.cfg.energyStep, quantity, quantity, 0);
  }

  /**
   * Posts the traded part of a reserved order to the clearing account and keeps the rest of the
   * reservation held (or releases it, when nothing stays open).
   * @returns what was posted: pass it to {@link settleInterval} as the trade's prepayment.
   * For a buy, the amount posted is trade price x quantity rounded up, or what is left reserved if
   * that is less (possible only by a few steps, after several fills at the limit price).
   * @throws WattError UNKNOWN_ORDER; INVALID_QUANTITY (more than open: OUT_OF_RANGE); INVALID_PRICE
   *   (missing for a buy, or above its limit: OUT_OF_RANGE).
   */
  fill(orderId: string, fill: CollateralFill): CollateralFillResult {
    const { fn } = fillSpecs;
    const order = this.orderOf(orderId, fn);
    const f = checkObject(fill, fn, 'fill');
    checkFields(f, ['quantity', 'price'], fn, 'fill field');
    const quantity = toSteps(f['quantity'], this.cfg.energyStep, fillSpecs.quantity);
    if (quantity > order.open) {
      fail(ErrorCode.INVALID_QUANTITY, fn, `order '${orderId}' has ${formatSteps(order.open, this.cfg.energyStep)} open, not ${formatSteps(quantity, this.cfg.energyStep)}`, 'OUT_OF_RANGE');
    }
    let cost = quantity;
    if (order.side === 'buy') {
      const price = toSteps(f['price'], this.cfg.tick, fillSpecs.price);
      if (price > order.limit) {
        fail(ErrorCode.INVALID_PRICE, fn, `the fill price ${formatSteps(price, this.cfg.tick)} is above the order's limit ${formatSteps(order.limit, this.cfg.tick)}`, 'OUT_OF_RANGE');
      }
      // Each fill rounds up on its own, so after several fills at the limit what is left reserved
      // can be a few steps short of the last fill's value: post what is left then; settlement
      // charges the buyer the difference (the prepayment is only a prepayment).
      const value = price <= 0 ? 0n : this.cfg.scale.value(price, quantity, 'ceil');
      cost = value > BigInt(order.held) ? order.held : Number(value);
    }
    const open = order.open - quantity;
    const rest = order.held - cost;
    const ops: LedgerOperation[] = [];
    let next = order.n;
    if (order.held > 0) {
      const current = this.pendingId(orderId, order.n);
      ops.push(cost > 0 ? { kind: 'post', id: current, amount: formatSteps(cost, order.step) } : { kind: 'void', id: current });
      if (open > 0 && rest > 0) {
        next = this.freshNumber(orderId, order.n + 1);
        ops.push({ kind: 'transfer', id: this.pendingId(orderId, next), from: order.account, to: order.escrow, amount: formatSteps(rest, order.step), pending: true });
      }
    }
    this.call(fn, () => this.ledger.execute(ops));
    if (ops.length === 2) order.n = next;
    order.open = open;
    order.held = open > 0 ? rest : 0;
    if (open === 0) this.orders.delete(orderId);
    const asset = order.side === 'buy' ? this.cfg.moneyAsset : this.cfg.energyAsset;
    return Object.freeze({ asset, posted: fromSteps(cost, order.step), postedSteps: cost });
  }

  /**
   * Cancels an order's reservation: voids what is still held.
   * @returns the amount released.
   * @throws WattError UNKNOWN_ORDER.
   */
  cancel(orderId: string): Decimal {
    const fn = 'Collateral.cancel';
    const order = this.orderOf(orderId, fn);
    const held = order.held;
    if (held > 0) {
      this.call(fn, () => {
        this.ledger.voidPending(this.pendingId(orderId, order.n));
      });
    }
    this.orders.delete(orderId);
    return fromSteps(held, order.step);
  }

  /** The reservation of an order still open, or undefined. */
  reservation(orderId: string): CollateralReservation | undefined {
    const order = this.orders.get(orderId);
    return order === undefined ? undefined : this.view(orderId, order);
  }

  private orderFields(order: unknown, fn: string, keys: readonly string[]): { raw: Record<string, unknown>; id: string; owner: string } {
    const raw = checkObject(order, fn, 'order');
    checkFields(raw, keys, fn, 'order field');
    const id = checkId(raw['id'], fn, 'order id');
    const owner = checkId(raw['owner'], fn, 'owner', ErrorCode.INVALID_OWNER);
    if (this.orders.has(id)) fail(ErrorCode.DUPLICATE_ORDER_ID, fn, `order '${id}' already has a reservation`);
    return { raw, id, owner };
  }

  private open(
    fn: string, id: string, side: 'buy' | 'sell', owner: string, asset: string, escrow: string, step: Step, quantity: number, amount: number, limit: number,
  ): CollateralReservation {
    const account = this.cfg.participantAccount(owner, asset);
    const n = this.freshNumber(id, 0);
    if (amount > 0) {
      this.call(fn, () =>
        this.ledger.transfer({ id: this.pendingId(id, n), from: account, to: escrow, amount: formatSteps(amount, step), pending: true }),
      );
    }
    const order: Order = { side, owner, account, escrow, step, limit, open: quantity, held: amount, n };
    this.orders.set(id, order);
    return this.view(id, order);
  }

  private orderOf(orderId: unknown, fn: string): Order {
    const id = checkId(orderId, fn, 'order id');
    const order = this.orders.get(id);
    if (order === undefined) fail(ErrorCode.UNKNOWN_ORDER, fn, `order '${id}' has no open reservation`);
    return order;
  }

  /**
   * The first reservation number from `from` on whose id the ledger does not hold yet: an order id
   * used again after its order closed, or by an earlier Collateral on the same ledger, gets new
   * reservation ids instead of colliding with (or silently retrying) the old ones.
   */
  private freshNumber(orderId: string, from: number): number {
    let n = from;
    while (this.ledger.transferInfo(this.pendingId(orderId, n)) !== undefined) n++;
    return n;
  }

  private pendingId(orderId: string, n: number): string {
    return `${this.cfg.prefix}/${idPart(orderId)}/${n}`;
  }

  private view(orderId: string, order: Order): CollateralReservation {
    return Object.freeze({
      orderId,
      owner: order.owner,
      side: order.side,
      open: fromSteps(order.open, this.cfg.energyStep),
      held: fromSteps(order.held, order.step),
      pendingId: order.held > 0 ? this.pendingId(orderId, order.n) : undefined,
    });
  }

  /** Runs a ledger call, reporting its errors under this class's function name. */
  private call(fn: string, f: () => unknown): void {
    try {
      f();
    } catch (e) {
      if (e instanceof WattError) throw new WattError(e.code, `${fn}: ${e.message.replace(/^[\w.]+: /, '')}`, e.reason);
      throw e;
    }
  }
}
