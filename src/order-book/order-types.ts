import type { DecimalInput } from '../units/decimal-input.js';
import type { Step } from '../units/step.js';

/** The side of an order: `'buy'` (a bid) or `'sell'` (an ask). */
export type Side = 'buy' | 'sell';

/**
 * The kind of an order. A `'limit'` order carries a price and trades at that price or better;
 * a `'market'` order carries no price and takes whatever the other side offers, best first.
 */
export type OrderType = 'limit' | 'market';

/**
 * How long an order stays.
 * - `'GTC'` (good till cancelled): the unfilled rest joins the book.
 * - `'IOC'` (immediate or cancel): trades what it can at once; the rest is cancelled.
 * - `'FOK'` (fill or kill): trades its whole quantity at once, or nothing at all.
 */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';

/**
 * What happens when an incoming order would trade with a resting order of the same owner.
 * - `'allow'`: they trade.
 * - `'cancel-taker'` (default): the incoming order's unfilled rest is cancelled; fills made
 *   before stand, and the resting order stays.
 * - `'cancel-maker'`: the resting order is cancelled and matching goes on.
 * - `'cancel-both'`: the resting order is cancelled and so is the incoming order's rest.
 */
export type SelfTradeMode = 'allow' | 'cancel-taker' | 'cancel-maker' | 'cancel-both';

/**
 * Why an order submitted (or amended) was cancelled by the call itself:
 * - `'ioc'`: an IOC or market order's unfilled rest;
 * - `'self-trade'`: self-trade prevention stopped it;
 * - `'fok'`: a fill-or-kill order that could not fill completely (nothing traded);
 * - `'post-only'`: a post-only order that would have traded on arrival (nothing traded).
 */
export type SubmitCancelReason = 'ioc' | 'self-trade' | 'fok' | 'post-only';

/**
 * Why an order left the book or the call without filling: {@link SubmitCancelReason}, or
 * `'user'` for {@link OrderBook.cancel}.
 */
export type OrderCancelReason = 'user' | SubmitCancelReason;

/**
 * An order for {@link OrderBook.submit}.
 *
 * @example
 * ```ts
 * book.submit({ id: 'a1', owner: 'alice', side: 'sell', price: '0.12', quantity: '2.5' });
 * book.submit({ id: 'b1', owner: 'bob', side: 'buy', type: 'market', quantity: 1 });
 * ```
 */
export interface OrderInput {
  /** The order id: a non-empty string not used by any resting order. */
  id: string;
  /** Who places the order (a participant id): a non-empty string. */
  owner: string;
  /** `'buy'` or `'sell'`. */
  side: Side;
  /** The quantity in kWh: positive, a whole multiple of the book's `quantityStep`. */
  quantity: DecimalInput;
  /**
   * The limit price per kWh, a whole multiple of the book's `priceTick`; zero and negative
   * prices are allowed. Required for limit orders; a market order must not have one.
   */
  price?: DecimalInput;
  /** `'limit'` (default) or `'market'`. */
  type?: OrderType;
  /** Default `'GTC'` for limit orders and `'IOC'` for market orders; a market order cannot be GTC. */
  timeInForce?: TimeInForce;
  /**
   * Default false. A post-only order only adds liquidity: if it would trade on arrival it is
   * cancelled (reason `'post-only'`) and nothing trades. Only GTC limit orders can be post-only.
   */
  postOnly?: boolean;
}

/**
 * The change for {@link OrderBook.amend}: at least one of the two fields.
 *
 * @example
 * ```ts
 * book.amend('a1', { quantity: '1.5' });   // lower: keeps its place in the queue
 * book.amend('a1', { price: '0.11' });     // new price: back of the queue, may trade at once
 * ```
 */
export interface OrderChange {
  /** The new limit price (the order's current price when absent). */
  price?: DecimalInput;
  /** The new OPEN (unfilled) quantity (the current open quantity when absent). */
  quantity?: DecimalInput;
}

/** The two grids of a book, shared by the objects that build Decimals lazily from integers. */
export interface BookUnits {
  readonly priceTick: Step;
  readonly quantityStep: Step;
}
