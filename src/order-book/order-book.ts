import type { Decimal } from 'decimal.js';
import type { Step } from '../units/step.js';
import { EventEmitter } from 'eventemitter3';
import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail } from '../errors/watt-error.js';
import { fromSteps } from '../units/from-steps.js';
import { numberToSteps, toSteps, valueSpec } from '../units/to-steps.js';
import { checkId, checkInteger, checkObject } from '../validation/checks.js';
import { BookEngine } from './book-engine.js';
import { EMPTY_TRADES, TIF_GTC, TIF_IOC } from './engine-codes.js';
import { sideDepth, type BookDepth } from './book-depth.js';
import { EVENT_NAMES, type OrderBookEventName, type OrderBookEvents } from './book-events.js';
import { checkListener, noop, timeInForce, unknownField, type LooseOrder } from './order-checks.js';
import { hashState, readSnapshot, takeSnapshot, type OrderBookSnapshot } from './book-snapshot.js';
import { hashId } from './id-hash.js';
import { resolveBookOptions, type OrderBookOptions, type ResolvedBookOptions } from './order-book-options.js';
import type { OrderChange, OrderInput } from './order-types.js';
import { FLAG_SELL } from './order-store.js';
import { restingOrderView, type RestingOrder } from './resting-order.js';
import { BookSubmitResult, type SubmitResult } from './submit-result.js';
import { BookTrade } from './trade.js';

const SUBMIT = 'OrderBook.submit';
const AMEND = 'OrderBook.amend';
const SUBMIT_PRICE = valueSpec(SUBMIT, 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const SUBMIT_QUANTITY = valueSpec(SUBMIT, 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step');
const AMEND_PRICE = valueSpec(AMEND, 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const AMEND_QUANTITY = valueSpec(AMEND, 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step');
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** The most orders one book holds; far beyond memory on any machine this runs on. */
const MAX_ORDERS = 2 ** 28;

/**
 * One book, one result and one trade that live as long as this module, frozen, never read and
 * out of reach of user code (filled once by OrderBook's static block). Why: V8 holds the hidden
 * classes ("maps") that instances reach by adding their fields only through weak transitions,
 * so once every book (or every result, or every trade) has died, a full GC frees those maps and
 * throws away all optimised code that embedded them; the next book then runs its first hundred
 * thousand or so orders in unoptimised code while the compiler catches up (measured on the bench
 * workload: the first 131,072 orders of a fresh book took 3 to 5 times as long as each later
 * batch). A live instance of each keeps its maps, and the code stays. Costs about 70 kB, once.
 */
const MAP_ANCHORS: object[] = [];

/**
 * A continuous double auction for one product (one delivery interval): a limit order book
 * matched by price, then time, each trade at the resting (maker) order's price.
 *
 * Limit and market orders; GTC, IOC and FOK; post-only; self-trade prevention; cancel and
 * amend; depth and best prices; typed events; snapshots and a stable state hash. Prices and
 * quantities are exact integers inside (ticks and quantity steps) and `Decimal`s outside.
 * Every call that throws leaves the book exactly as it was, with no events emitted.
 *
 * @example
 * ```ts
 * const book = new OrderBook({ priceTick: '0.01' });
 * book.on('trade', (t) => console.log(`${t.seller} -> ${t.buyer}: ${t.quantity} kWh at ${t.price}`));
 * book.submit({ id: 's1', owner: 'solar-roof', side: 'sell', price: '0.10', quantity: '5' });
 * const r = book.submit({ id: 'b1', owner: 'ev-charger', side: 'buy', price: '0.12', quantity: '3' });
 * // solar-roof -> ev-charger: 3 kWh at 0.1
 * r.status;                      // 'filled'
 * book.bestAsk()?.toString();    // '0.1' (2 kWh left)
 * ```
 */
export class OrderBook {
  private readonly options: ResolvedBookOptions;
  private readonly engine: BookEngine;
  /** `options.priceTick` and `options.quantityStep`, one load closer to the hot path. */
  private readonly priceTick: Step;
  private readonly quantityStep: Step;
  private readonly emitter = new EventEmitter();
  private draining = false;

  static {
    const { priceTick, quantityStep } = resolveBookOptions(undefined, 'OrderBook');
    const units = Object.freeze({ priceTick, quantityStep });
    MAP_ANCHORS.push(
      Object.freeze(new OrderBook()),
      Object.freeze(new BookSubmitResult('anchor', 'resting', undefined, EMPTY_TRADES, 0, 0, 0, units)),
      Object.freeze(new BookTrade(1, 0, 1, 'anchor', 'anchor', 'anchor', 'anchor', 'buy', units)),
    );
    Object.freeze(MAP_ANCHORS);
  }

  /**
   * @param options - see {@link OrderBookOptions}; defaults: tick `'0.0001'`, step `'0.001'`,
   *   `selfTrade: 'cancel-taker'`, no price band.
   * @throws WattError INVALID_STEP for a bad tick or step; INVALID_OPTION for an unknown option
   *   or option value or a bad band; INVALID_ARGUMENT when `options` is not an object.
   */
  constructor(options?: OrderBookOptions) {
    this.options = resolveBookOptions(options, 'OrderBook');
    const { priceTick, quantityStep, stp } = this.options;
    this.priceTick = priceTick;
    this.quantityStep = quantityStep;
    this.engine = new BookEngine(Object.freeze({ priceTick, quantityStep }), stp);
  }

  /**
   * Rebuilds a book from {@link OrderBook.snapshot}'s data: same options, same resting orders
   * in the same queue order, same trade counter, so the same {@link OrderBook.stateHash}, and
   * the same commands then give the same results and events. Listeners are not part of a
   * snapshot.
   * @throws WattError INVALID_SNAPSHOT for a malformed or inconsistent snapshot.
   */
  static restore(snapshot: OrderBookSnapshot): OrderBook {
    const data = readSnapshot(snapshot);
    // readSnapshot resolved these options already, so building the book cannot throw.
    const book = new OrderBook(snapshot.options);
    const engine = book.engine;
    for (const order of data.orders) {
      engine.reserve();
      engine.load(order.id, order.hash, order.owner, order.sell, order.postOnly, order.price, order.open, order.filled, order.original);
    }
    engine.sequence = data.sequence;
    return book;
  }

  /** The number of resting orders. */
  get size(): number {
    return this.engine.size;
  }

  /**
   * Submits an order: it matches the other side at once (best price first, oldest first within
   * a price, at each resting order's price) and a GTC limit order's unfilled rest joins the back
   * of its price level. IOC and market orders never rest; a FOK order fills completely or
   * changes nothing; a post-only order that would trade is cancelled instead.
   *
   * @param order - see {@link OrderInput}.
   * @returns the {@link SubmitResult}: status, the trades, and filled, remaining and cancelled quantities.
   * @throws WattError INVALID_ARGUMENT (not an object, unknown field), INVALID_ID, INVALID_OWNER,
   *   INVALID_SIDE, INVALID_ORDER_TYPE, INVALID_TIME_IN_FORCE, INVALID_OPTION (postOnly not a
   *   boolean), INVALID_PRICE (missing on a limit order, present on a market order, not a
   *   finite decimal, off the tick, outside the band, too large), INVALID_QUANTITY,
   *   DUPLICATE_ORDER_ID (the id of a resting order), CAPACITY_EXCEEDED.
   *
   * @example
   * ```ts
   * book.submit({ id: 'a', owner: 'alice', side: 'sell', price: '0.1', quantity: 2 });
   * book.submit({ id: 'b', owner: 'bob', side: 'buy', price: '0.1', quantity: 5, timeInForce: 'IOC' });
   * // { status: 'cancelled', cancelReason: 'ioc', filled: 2, remaining: 0, cancelled: 3, trades: [...] }
   * ```
   */
  submit(order: OrderInput): SubmitResult {
    // Typed callers cannot pass most bad inputs; JavaScript callers can, so read it untyped.
    const o = order as unknown as LooseOrder | null;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return checkObject(o, SUBMIT, 'order') as never;
    // A misspelt field (timeinforce: 'IOC') must not be ignored: it would change the order.
    for (const key in o) {
      switch (key) {
        case 'id':
        case 'owner':
        case 'side':
        case 'quantity':
        case 'price':
        case 'type':
        case 'timeInForce':
        case 'postOnly':
          break;
        default:
          unknownField(SUBMIT, 'order', key);
      }
    }
    const id = checkId(o.id, SUBMIT, 'id');
    const owner = checkId(o.owner, SUBMIT, 'owner', ErrorCode.INVALID_OWNER);
    const side = o.side;
    const sell = side === 'sell';
    if (!sell && side !== 'buy') fail(ErrorCode.INVALID_SIDE, SUBMIT, `side must be 'buy' or 'sell'; got ${describeValue(side)}`);
    const type = o.type;
    const market = type === 'market';
    if (!market && type !== undefined && type !== 'limit') {
      fail(ErrorCode.INVALID_ORDER_TYPE, SUBMIT, `type must be 'limit' or 'market'; got ${describeValue(type)}`);
    }
    const tifInput = o.timeInForce;
    const tif = tifInput === undefined ? (market ? TIF_IOC : TIF_GTC) : timeInForce(tifInput, market, SUBMIT);
    const postOnly = o.postOnly;
    if (postOnly !== undefined && postOnly !== false) {
      if (postOnly !== true) fail(ErrorCode.INVALID_OPTION, SUBMIT, `postOnly must be a boolean; got ${describeValue(postOnly)}`);
      if (market) fail(ErrorCode.INVALID_ORDER_TYPE, SUBMIT, 'a market order cannot be post-only');
      if (tif !== TIF_GTC) fail(ErrorCode.INVALID_TIME_IN_FORCE, SUBMIT, 'a post-only order must be GTC');
    }
    const price = o.price;
    let limit: number;
    if (market) {
      if (price !== undefined) fail(ErrorCode.INVALID_PRICE, SUBMIT, 'a market order takes no price');
      limit = sell ? -Infinity : Infinity;
    } else {
      if (price === undefined) fail(ErrorCode.INVALID_PRICE, SUBMIT, 'a limit order needs a price', 'NOT_A_NUMBER');
      // A plain number on the grid is converted inline; anything else (and every error) takes
      // toSteps, which gives the same answer on the numbers converted here.
      limit = typeof price === 'number' ? numberToSteps(price, this.priceTick, SUBMIT_PRICE.sign) : NaN;
      if (limit !== limit) limit = toSteps(price, this.priceTick, SUBMIT_PRICE);
      if (limit < this.options.bandMin || limit > this.options.bandMax) this.outOfBand(SUBMIT, limit);
    }
    const quantityInput = o.quantity;
    let quantity = typeof quantityInput === 'number' ? numberToSteps(quantityInput, this.quantityStep, SUBMIT_QUANTITY.sign) : NaN;
    if (!(quantity > 0)) quantity = toSteps(quantityInput, this.quantityStep, SUBMIT_QUANTITY);
    const engine = this.engine;
    const hash = hashId(id);
    if (engine.find(id, hash) !== -1) fail(ErrorCode.DUPLICATE_ORDER_ID, SUBMIT, `order id ${describeValue(id)} is already resting`);
    if (tif === TIF_GTC && !market) {
      if ((sell ? engine.askQuantity : engine.bidQuantity) + quantity > MAX_SAFE) this.full(SUBMIT, 'open quantity on one side');
      if (engine.size >= MAX_ORDERS) this.full(SUBMIT, 'resting orders');
    }
    engine.reserve();
    const result = engine.submit(id, hash, owner, sell, limit, quantity, tif, postOnly === true, market);
    if (engine.queue.length !== 0) this.deliver();
    return result;
  }

  /**
   * Cancels a resting order.
   * @param id - the order id.
   * @returns true when a resting order was removed; false when no resting order has that id
   *   (never placed, already filled or cancelled): that is not an error.
   * @throws WattError INVALID_ID when `id` is not a non-empty string.
   */
  cancel(id: string): boolean {
    checkId(id, 'OrderBook.cancel', 'id');
    const engine = this.engine;
    if (!engine.cancelId(id, hashId(id))) return false;
    if (engine.queue.length !== 0) this.deliver();
    return true;
  }

  /**
   * Changes a resting order's price and/or open quantity. Lowering the quantity at the same
   * price keeps the order's place in its queue (the cut counts as cancelled); a larger
   * quantity or a new price sends it to the back, and a new price that crosses the other side
   * trades at once like a new GTC limit order of the same owner (self-trade prevention applies;
   * a post-only order that would cross is cancelled instead).
   *
   * @param id - a resting order's id.
   * @param change - see {@link OrderChange}: at least one of price and quantity.
   * @returns a {@link SubmitResult} for this call: its trades, `filled` by this call,
   *   `remaining` open after it, and `cancelled` (a lowered quantity, or a rest that could not stay).
   * @throws WattError UNKNOWN_ORDER when no resting order has that id; INVALID_ID,
   *   INVALID_ARGUMENT (not an object, unknown field, neither field), INVALID_PRICE,
   *   INVALID_QUANTITY, CAPACITY_EXCEEDED.
   *
   * @example
   * ```ts
   * book.amend('a', { quantity: '0.5' });          // keeps its place
   * book.amend('a', { price: '0.09', quantity: 3 }); // back of the 0.09 queue, trades if it crosses
   * ```
   */
  amend(id: string, change: OrderChange): SubmitResult {
    checkId(id, AMEND, 'id');
    const c = checkObject(change, AMEND, 'change');
    for (const key in c) if (key !== 'price' && key !== 'quantity') unknownField(AMEND, 'change', key);
    const priceInput = c['price'];
    const quantityInput = c['quantity'];
    if (priceInput === undefined && quantityInput === undefined) {
      fail(ErrorCode.INVALID_ARGUMENT, AMEND, 'change must give a price or a quantity');
    }
    let newPrice = 0;
    if (priceInput !== undefined) {
      newPrice = toSteps(priceInput, this.options.priceTick, AMEND_PRICE);
      if (newPrice < this.options.bandMin || newPrice > this.options.bandMax) this.outOfBand(AMEND, newPrice);
    }
    const quantity = quantityInput === undefined ? 0 : toSteps(quantityInput, this.options.quantityStep, AMEND_QUANTITY);
    const engine = this.engine;
    const h = engine.find(id, hashId(id));
    if (h === -1) fail(ErrorCode.UNKNOWN_ORDER, AMEND, `no resting order has id ${describeValue(id)}`);
    const { store, levels } = engine;
    const open = store.open[h] as number;
    const price = priceInput === undefined ? (levels.price[store.level[h] as number] as number) : newPrice;
    const newQuantity = quantityInput === undefined ? open : quantity;
    if (newQuantity > open) {
      const sideQuantity = ((store.flags[h] as number) & FLAG_SELL) !== 0 ? engine.askQuantity : engine.bidQuantity;
      if (sideQuantity - open + newQuantity > MAX_SAFE) this.full(AMEND, 'open quantity on one side');
      if ((store.original[h] as number) + (newQuantity - open) > MAX_SAFE) this.full(AMEND, 'quantity of one order');
    }
    engine.reserve();
    const result = engine.amend(h, price, newQuantity);
    if (engine.queue.length !== 0) this.deliver();
    return result;
  }

  /**
   * The resting order with this id, as a frozen copy, or undefined when none rests.
   * @throws WattError INVALID_ID when `id` is not a non-empty string.
   */
  order(id: string): RestingOrder | undefined {
    checkId(id, 'OrderBook.order', 'id');
    const h = this.engine.find(id, hashId(id));
    return h === -1 ? undefined : restingOrderView(this.engine, h);
  }

  /** The highest bid price, or undefined when no bid rests. */
  bestBid(): Decimal | undefined {
    return this.bestOf(this.engine.bids);
  }

  /** The lowest ask price, or undefined when no ask rests. */
  bestAsk(): Decimal | undefined {
    return this.bestOf(this.engine.asks);
  }

  /**
   * The aggregated book: per price level, the total open quantity and the number of orders,
   * best price first on each side.
   * @param levels - the most levels per side to return (an integer >= 0; default all).
   * @throws WattError INVALID_RANGE for a `levels` that is not such an integer.
   */
  depth(levels?: number): BookDepth {
    const max = checkInteger(levels, MAX_SAFE, 0, MAX_SAFE, 'OrderBook.depth', 'levels');
    return { bids: sideDepth(this.engine, this.engine.bids, max), asks: sideDepth(this.engine, this.engine.asks, max) };
  }

  /**
   * The book's whole state as plain deep-frozen data (see {@link OrderBookSnapshot}); give it to
   * {@link OrderBook.restore} to rebuild the book. JSON-ready.
   */
  snapshot(): OrderBookSnapshot {
    return takeSnapshot(this.engine, this.options);
  }

  /**
   * A stable 16-hex-digit hash of the state: the options, the trade counter and every resting
   * order with all its fields in queue order. Equal states give equal hashes on every machine;
   * listeners and internal layout do not count.
   */
  stateHash(): string {
    return hashState(this.engine, this.options);
  }

  /**
   * Adds a listener (eventemitter3). Events are emitted after the call's whole state change is
   * complete, so a listener sees a consistent book and may call back into it. Order within one
   * call: first `accepted` (submit) or `amended` (amend); then, for each resting order met in
   * matching order, `cancelled` (self-trade) or `trade` followed by `filled` when that order
   * is complete; last the incoming order's `filled` or `cancelled`, if any. `cancel` emits one
   * `cancelled` (reason `'user'`). A call made from a listener completes its state change and
   * returns at once, and its events are queued behind the events not yet delivered, so events
   * always arrive in the order the changes happened (trade sequences ascending). A listener
   * that throws stops the delivery: the error propagates from the book call that was
   * delivering, and the events still queued are dropped (the book's state is complete).
   * Payloads are built only for events that have a listener when the call changes the state,
   * so a listener added during a delivery hears the changes made from then on.
   *
   * @param event - `'accepted'`, `'trade'`, `'filled'`, `'cancelled'` or `'amended'`.
   * @param listener - called with the event's payload (see {@link OrderBookEvents}).
   * @returns this book, for chaining.
   * @throws WattError INVALID_ARGUMENT for an unknown event name or a listener that is not a function.
   *
   * @example
   * ```ts
   * book.on('trade', (t) => ledger.record(t.buyer, t.seller, t.quantity, t.price));
   * book.on('cancelled', (e) => console.log(e.orderId, e.reason));
   * ```
   */
  on<E extends OrderBookEventName>(event: E, listener: OrderBookEvents[E]): this {
    checkListener('OrderBook.on', event, listener);
    this.emitter.on(event, listener);
    this.refreshMask();
    return this;
  }

  /**
   * Adds a listener that is removed after its first call. See {@link OrderBook.on}.
   * @returns this book, for chaining.
   * @throws WattError INVALID_ARGUMENT for an unknown event name or a listener that is not a function.
   */
  once<E extends OrderBookEventName>(event: E, listener: OrderBookEvents[E]): this {
    checkListener('OrderBook.once', event, listener);
    this.emitter.once(event, listener);
    this.refreshMask();
    return this;
  }

  /**
   * Removes a listener, or every listener of `event` when `listener` is omitted.
   * @returns this book, for chaining.
   * @throws WattError INVALID_ARGUMENT for an unknown event name.
   */
  off<E extends OrderBookEventName>(event: E, listener?: OrderBookEvents[E]): this {
    checkListener('OrderBook.off', event, listener ?? noop);
    if (listener === undefined) this.emitter.removeAllListeners(event);
    else this.emitter.off(event, listener);
    this.refreshMask();
    return this;
  }

  /** The number of listeners of `event`. */
  listenerCount(event: OrderBookEventName): number {
    return this.emitter.listenerCount(event);
  }

  private bestOf(side: BookEngine['bids']): Decimal | undefined {
    const n = side.length;
    if (n === 0) return undefined;
    return fromSteps(this.engine.levels.price[side.levels[n - 1] as number] as number, this.options.priceTick);
  }

  /** Delivers the queued events; re-entrant calls append to the queue being delivered. */
  private deliver(): void {
    if (this.draining) return;
    const queue = this.engine.queue;
    this.draining = true;
    try {
      for (let i = 0; i < queue.length; i += 2) this.emitter.emit(queue[i] as string, queue[i + 1]);
    } finally {
      queue.length = 0;
      this.draining = false;
      this.refreshMask();
    }
  }

  private refreshMask(): void {
    let mask = 0;
    for (let i = 0; i < EVENT_NAMES.length; i++) {
      if (this.emitter.listenerCount(EVENT_NAMES[i] as string) > 0) mask |= 1 << i;
    }
    this.engine.mask = mask;
  }

  private outOfBand(fn: string, ticks: number): never {
    const o = this.options;
    const tick = o.priceTick;
    const low = o.bandMin === -Infinity ? '-inf' : fromSteps(o.bandMin, tick).toString();
    const high = o.bandMax === Infinity ? '+inf' : fromSteps(o.bandMax, tick).toString();
    return fail(ErrorCode.INVALID_PRICE, fn, `price ${fromSteps(ticks, tick).toString()} is outside the price band [${low}, ${high}]`, 'OUT_OF_RANGE');
  }

  private full(fn: string, what: string): never {
    return fail(ErrorCode.CAPACITY_EXCEEDED, fn, `the book cannot hold more ${what}`);
  }
}
