import { WattError } from '../errors/watt-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { OrderBook } from '../order-book/order-book.js';
import type { Trade } from '../order-book/trade.js';
import { remainingLots } from './link-capacity.js';
import type { MarketCore, ProductState } from './market-core.js';
import type { MarketCancelReason } from './market-events.js';
import { stepsDecimal, stepsInput } from './market-trade.js';

/** What one placement into a book did: a book's SubmitResult, or the steps of a capped one. */
export interface BookCall {
  readonly status: 'resting' | 'filled' | 'cancelled';
  readonly cancelReason: MarketCancelReason | undefined;
  readonly trades: readonly Trade[];
}

/** An order as a capped placement takes it: in the market's integers. */
export interface CappedOrder {
  readonly id: string;
  readonly owner: string;
  readonly side: 'buy' | 'sell';
  /** Quantity, steps. */
  readonly lots: number;
  /** Limit price, ticks; NaN for a market order. */
  readonly priceTicks: number;
  /** The order's time in force (a market order's is IOC, a limit order's default GTC). */
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK';
}

const NONE: readonly Trade[] = Object.freeze([]);

/**
 * How many lots a new trade in a product's book may still carry: what is left for its interval
 * of the link of its zone to itself (a book trades only inside its zone); `Infinity` without
 * capacities or where that link has none.
 */
export function bookLinkLeft(core: MarketCore, zoneIndex: number, start: number): number {
  const capacity = core.config.capacity;
  if (capacity === undefined) return Infinity;
  return remainingLots(capacity, core.intervals.get(start)?.linkUse, core.config.zones.length, zoneIndex, zoneIndex);
}

/** Counts a book trade into its interval's use of its zone's own link (a market with capacities). */
export function useBookLink(core: MarketCore, product: ProductState, lots: number): void {
  const { config } = core;
  if (config.capacity === undefined) return;
  const interval = core.interval(product.start);
  const Z = config.zones.length;
  const link = product.zoneIndex * Z + product.zoneIndex;
  const used = (interval.linkUse ??= new Float64Array(Z * Z));
  used[link] = (used[link] as number) + lots;
}

/**
 * Places an order larger than what is left of its zone's link (`left` lots, less than its
 * quantity) so that it trades no more than that: it takes the best orders it may reach as usual
 * (price, then time) up to `left` lots, and its rest follows its time in force:
 * - FOK cannot fill completely within the link: cancelled without trading (reason 'capacity').
 * - IOC and market orders: up to `left` lots trade, the rest is cancelled ('capacity' when the
 *   link stopped it, else the book's reason).
 * - GTC: up to `left` lots trade; the rest rests in the book if it does not cross it, and is
 *   cancelled ('capacity') if it does: with the link full it could not trade, and a resting
 *   order that crosses would lock the book.
 * The book is called as an IOC for `left` lots, then, for a GTC rest that does not cross, as a
 * GTC (which then cannot trade).
 */
export function cappedBookCall(core: MarketCore, book: OrderBook, order: CappedOrder, left: number): BookCall {
  const { priceTick, quantityStep } = core.config;
  if (order.timeInForce === "FOK") return { status: 'cancelled', cancelReason: 'capacity', trades: NONE };
  const market = Number.isNaN(order.priceTicks);
  let trades: readonly Trade[] = NONE;
  let filled = 0;
  if (left > 0) {
    const r = book.submit({
      id: order.id,
      owner: order.owner,
      side: order.side,
      quantity: stepsInput(left, quantityStep),
      ...(market ? { type: 'market' as const } : { price: stepsInput(order.priceTicks, priceTick) }),
      timeInForce: 'IOC',
    });
    trades = r.trades;
    for (const t of trades) filled += t.quantitySteps;
    // Self-trade prevention cancelled the taker: so it would have without the link.
    if (r.status === 'cancelled' && r.cancelReason === 'self-trade') return { status: 'cancelled', cancelReason: 'self-trade', trades };
  }
  if (order.timeInForce === 'IOC') return { status: 'cancelled', cancelReason: filled === left ? 'capacity' : 'ioc', trades };
  // The rest never trades: one that would cross the book is cancelled (the link is full, or
  // the IOC above would have taken what it crosses), one that does not rests as a plain GTC.
  const best = order.side === 'buy' ? book.bestAsk() : book.bestBid();
  const limit = stepsDecimal(order.priceTicks, priceTick);
  if (best !== undefined && (order.side === 'buy' ? limit.gte(best) : limit.lte(best))) return { status: 'cancelled', cancelReason: 'capacity', trades };
  let rest;
  try {
    rest = book.submit({ id: order.id, owner: order.owner, side: order.side, quantity: stepsInput(order.lots - filled, quantityStep), price: stepsInput(order.priceTicks, priceTick) });
  } catch (e) {
    // Past a trade nothing may be refused: a book too full to hold the rest cancels it.
    if (e instanceof WattError && e.code === ErrorCode.CAPACITY_EXCEEDED) return { status: 'cancelled', cancelReason: 'capacity', trades };
    throw e;
  }
  if (rest.status === 'resting') return { status: 'resting', cancelReason: undefined, trades };
  return { status: 'cancelled', cancelReason: 'capacity', trades };
}
