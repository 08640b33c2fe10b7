import { OrderBook } from '../order-book/order-book.js';
import type { Trade } from '../order-book/trade.js';
import { LiveOrder, type MarketCore, type ProductState } from './market-core.js';
import type { MarketCancelReason } from './market-events.js';
import { TradeRecord, stepsInput } from './market-trade.js';
import type { ParsedOrder } from './order-intake.js';
import { bookLinkLeft, cappedBookCall, useBookLink, type BookCall } from './capped-book-call.js';

/** What one call into a book did, in the market's terms. */
export interface BookOutcome {
  /** The product's id. */
  readonly product: string;
  readonly status: 'resting' | 'filled' | 'cancelled';
  readonly trades: readonly TradeRecord[];
  readonly filledLots: number;
  readonly remainingLots: number;
}

// The public call collateral errors are reported under (book calls come from submit and amend,
// gate closures from advanceTo; a reservation's release cannot fail on valid state).
const FN = 'Market';

/** A new book with the market's grids, reporting its self-trade cancellations to the core. */
function newBook(core: MarketCore): OrderBook {
  return wireBook(core, new OrderBook({ priceTick: core.config.priceTick.text, quantityStep: core.config.quantityStep.text }));
}

/**
 * Connects a book (new, or restored from a snapshot) to the market: self-trade prevention cancels
 * resting makers inside book.submit, which the book reports only through its events; they are
 * collected per market (never in a shared buffer) for the current call.
 */
export function wireBook(core: MarketCore, book: OrderBook): OrderBook {
  book.on('cancelled', (event) => {
    if (event.reason === 'self-trade') core.cancelledMakers.push(event);
  });
  return book;
}

/** The product's book, created on first use with the market's grids. */
export function bookOf(core: MarketCore, product: ProductState): OrderBook {
  return (product.book ??= newBook(core));
}

/**
 * Places a validated order into its product's book: matches, then reserves collateral, records
 * the trades (posting each buy side's collateral), and retires whatever left the book. The book
 * is called first: it checks what only it knows (its capacity) before changing anything, so a
 * refusal there leaves the market exactly as it was; past it nothing can fail. `accepted` runs
 * once the order is certain to stand (the market journals it there). An order larger than what
 * is left of its zone's link (link capacities) trades no more than that: see {@link cappedBookCall}.
 */
export function submitToBook(core: MarketCore, order: ParsedOrder, reserve: (o: ParsedOrder) => number, accepted: (o: ParsedOrder) => void): BookOutcome {
  const existing = core.findProduct(order.participant.zoneIndex, order.start);
  const book = existing?.book ?? newBook(core);
  core.cancelledMakers.length = 0;
  const { priceTick, quantityStep } = core.config;
  const left = order.postOnly ? Infinity : bookLinkLeft(core, order.participant.zoneIndex, order.start);
  const market = order.type === 'market';
  const timeInForce = order.timeInForce ?? (market ? 'IOC' : 'GTC');
  const result: BookCall = order.lots > left
    ? cappedBookCall(core, book, { id: order.id, owner: order.participant.id, side: order.side, lots: order.lots, priceTicks: order.priceTicks, timeInForce }, left)
    : book.submit({
    id: order.id,
    owner: order.participant.id,
    side: order.side,
    quantity: stepsInput(order.lots, quantityStep),
    ...(order.type === 'market' ? { type: 'market' as const } : { price: stepsInput(order.priceTicks, priceTick) }),
    ...(order.timeInForce === undefined ? {} : { timeInForce: order.timeInForce }),
    ...(order.postOnly ? { postOnly: true } : {}),
  });
  const product = existing ?? core.product(order.participant.zoneIndex, order.start);
  product.book ??= book;
  const reservation = reserve(order);
  const seq = core.nextSeq();
  const slot = core.live.add(order.id, order.participant, product, order.side, order.priceTicks, order.lots, 'book', reservation, seq);
  product.bookSlots.push(slot);
  product.bookSeqs.push(seq);
  accepted(order);
  return afterBookCall(core, product, new LiveOrder(core.live, slot), result);
}

/** Records a book call's trades and retires the orders that left the book. */
export function afterBookCall(core: MarketCore, product: ProductState, taker: LiveOrder, result: BookCall): BookOutcome {
  // Re-entrancy: taken before recording the trades, whose collateral posts read the ledger clock
  // (user code that may trade on another market): the list is filled only inside book calls,
  // which run no user code (the market's books have only its own listener).
  const cancelled = core.cancelledMakers.splice(0);
  const trades = recordBookTrades(core, product, result.trades);
  let filledLots = 0;
  for (const t of trades) filledLots += t.lots;
  for (const event of cancelled) {
    const maker = core.live.get(event.orderId);
    if (maker !== undefined && maker.slot !== taker.slot) expire(core, maker, 'self-trade');
  }
  if (result.status === 'resting') {
    // A resting taker lost only what it traded (a cancelled rest would not be resting).
    taker.lots -= filledLots;
  } else {
    taker.lots = 0;
    core.retire(taker, FN);
    if (result.status === 'cancelled' && core.listens('orderCancelled')) core.emit('orderCancelled', { orderId: taker.id, product: product.id, reason: result.cancelReason ?? 'ioc' });
  }
  return { product: product.id, status: result.status, trades, filledLots, remainingLots: taker.lots };
}

function recordBookTrades(core: MarketCore, product: ProductState, trades: readonly Trade[]): TradeRecord[] {
  const records: TradeRecord[] = [];
  for (const t of trades) {
    const record = new TradeRecord(
      product.trades.length + 1,
      product.id,
      product.start,
      t.buyOrderId,
      t.sellOrderId,
      t.buyer,
      t.seller,
      t.quantitySteps,
      t.priceTicks,
      t.priceTicks,
      0,
      core.config,
    );
    const buy = core.live.get(t.buyOrderId);
    const collateral = core.collateral;
    if (buy !== undefined && buy.reservation >= 0 && collateral !== undefined) {
      const r = buy.reservation;
      record.buyerPrepaid = collateral.fill(r, core.energySteps(t.quantitySteps), t.priceTicks, FN);
      if (collateral.open(r) === 0) {
        collateral.forget(r);
        buy.reservation = -1;
      }
    }
    useBookLink(core, product, t.quantitySteps);
    const maker = core.live.get(t.makerOrderId);
    if (maker !== undefined) {
      maker.lots -= t.quantitySteps;
      if (maker.lots === 0) core.retire(maker, FN);
    }
    product.trades.push(record);
    records.push(record);
    core.emit('trade', record);
  }
  return records;
}

/** Takes an order out of the market (its book entry is already gone), releasing its collateral. */
export function expire(core: MarketCore, order: LiveOrder, reason: MarketCancelReason): void {
  order.lots = 0;
  core.retire(order, FN);
  core.emit('orderCancelled', { orderId: order.id, product: order.product.id, reason });
}

/** At gate closure: every order still resting in the product's book expires. */
export function closeBook(core: MarketCore, product: ProductState): void {
  const b = product.book;
  if (b === undefined) return;
  for (const order of restingOrders(core, product)) {
    b.cancel(order.id);
    expire(core, order, 'gate-closed');
  }
  product.bookSlots.length = 0;
  product.bookSeqs.length = 0;
  core.cancelledMakers.length = 0;
}

/** The product's live book orders, in arrival order (deterministic), from its own list: not a scan of every open order. */
export function restingOrders(core: MarketCore, product: ProductState): LiveOrder[] {
  const out: LiveOrder[] = [];
  const live = core.live;
  const { bookSlots, bookSeqs } = product;
  for (let k = 0; k < bookSlots.length; k++) {
    const slot = bookSlots[k] as number;
    if (live.isOpen(slot) && live.seqOf(slot) === bookSeqs[k] && live.venueOf(slot) === 'book') out.push(new LiveOrder(live, slot));
  }
  return out;
}
