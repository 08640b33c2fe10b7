// The read side of a market (its queries: products, orders, trades, the state hash), kept apart
// from market.ts so that the class holds the public surface and this file what the answers are made of.

import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { StateHasher } from '../hashing/state-hasher.js';
import { fromSteps } from '../units/from-steps.js';
import type { MarketConfig } from './market-config.js';
import type { MarketCore } from './market-core.js';
import type { TradeRecord } from './market-trade.js';
import type { MarketOrderView, MarketTrade, ProductInfo, ProductStatus } from './market-types.js';
import { venueAt } from './order-intake.js';
import { checkMarketTime } from './product-schedule.js';

/** A zone's index, refused (UNKNOWN_ZONE) when `zone` is not one of the market's. */
export function zoneIndexOf(config: MarketConfig, zone: unknown, fn: string): number {
  const z = typeof zone === 'string' ? config.zoneIndex.get(zone) : undefined;
  if (z === undefined) fail(ErrorCode.UNKNOWN_ZONE, fn, `zone ${describeValue(zone)} is not one of ${config.zones.join(', ')}`);
  return z;
}

/** `start`, refused (UNKNOWN_PRODUCT) when it is not an interval start. */
export function intervalStartOf(config: MarketConfig, start: unknown, fn: string): number {
  if (typeof start !== 'number' || !config.schedule.isStart(start)) fail(ErrorCode.UNKNOWN_PRODUCT, fn, `${describeValue(start)} is not an interval start`);
  return start;
}

/** A product's description and status at the market's time. */
export function productInfo(core: MarketCore, zoneIndex: number, start: number): ProductInfo {
  const { config } = core;
  const s = config.schedule;
  const zone = config.zones[zoneIndex] as string;
  return Object.freeze({
    id: s.productId(zone, start),
    zone,
    deliveryStart: start,
    deliveryEnd: s.deliveryEnd(start),
    opensAt: s.opensAt(start),
    gateClosure: s.gateClosure(start),
    mode: config.modes[zoneIndex] as ProductInfo['mode'],
    status: productStatus(core, zoneIndex, start),
  });
}

function productStatus(core: MarketCore, zoneIndex: number, start: number): ProductStatus {
  const { config } = core;
  const s = config.schedule;
  const now = core.now();
  if (core.intervals.get(start)?.settled === true || core.prunedSettled.has(start)) return 'settled';
  if (now >= s.deliveryEnd(start)) return 'delivered';
  if (now >= s.gateClosure(start)) return 'closed';
  if (now < s.opensAt(start)) return 'scheduled';
  return venueAt(config, zoneIndex, start, now, 'Market.product') === 'sealed' && config.modes[zoneIndex] === 'continuous-then-auction' ? 'call' : 'open';
}

/**
 * Market.products: every product (all zones) with a start in `[from, to)`, in time then zone
 * order, refused when the range holds more than `max` products.
 */
export function productsBetween(core: MarketCore, from: number, to: number, max: number): ProductInfo[] {
  const fn = 'Market.products';
  checkMarketTime(from, fn, 'from');
  checkMarketTime(to, fn, 'to');
  if (to < from) fail(ErrorCode.INVALID_ARGUMENT, fn, `to (${to}) is before from (${from})`);
  const s = core.config.schedule;
  const zones = core.config.zones.length;
  const first = Math.ceil(from / s.intervalMs) * s.intervalMs;
  const count = first >= to ? 0 : Math.ceil((to - first) / s.intervalMs) * zones;
  if (count > max) fail(ErrorCode.INVALID_ARGUMENT, fn, `the range holds ${count} products; at most ${max} per call`);
  const out: ProductInfo[] = [];
  for (let start = first; start < to; start += s.intervalMs) {
    for (let z = 0; z < zones; z++) out.push(productInfo(core, z, start));
  }
  return out;
}

/** The trades of the interval starting at `start` (all zones), in the order they happened per product. */
export function intervalTrades(core: MarketCore, start: number): readonly MarketTrade[] {
  const interval = core.intervals.get(start);
  if (interval === undefined) return [];
  // A loop rather than flatMap, which costs a simulation (that reads every interval's trades) more.
  const out: MarketTrade[] = [];
  for (const p of interval.products) if (p !== undefined) for (const t of p.trades) out.push(t);
  return out;
}

/** An open order as the public sees it, or undefined. */
export function orderView(core: MarketCore, orderId: string): MarketOrderView | undefined {
  const o = core.live.get(orderId);
  if (o === undefined) return undefined;
  return Object.freeze({
    id: o.id,
    participant: o.participant.id,
    product: o.product.id,
    side: o.side,
    price: Number.isNaN(o.priceTicks) ? undefined : fromSteps(o.priceTicks, core.config.priceTick),
    quantity: fromSteps(o.lots, core.config.quantityStep),
    venue: o.venue,
  });
}

/**
 * A stable hash of the whole market state: time, sequence, participants, open orders, products
 * (books, sealed orders, trades), settlements, forgotten intervals and the ledger.
 */
export function marketStateHash(core: MarketCore, sequence: number): string {
  const h = new StateHasher();
  h.number(core.processed).number(sequence);
  for (const p of core.registry.all()) h.string(p.id).number(p.zoneIndex);
  for (const o of core.live.values()) {
    h.string(o.id).string(o.product.id).string(o.side).number(Number.isNaN(o.priceTicks) ? -1 : o.priceTicks).number(o.lots).string(o.venue).boolean(o.reservation >= 0);
  }
  for (const [start, interval] of core.intervals) {
    h.number(start).boolean(interval.closed).boolean(interval.settled);
    // Only in a market with capacities, so the hash of every other market is unchanged.
    if (interval.linkUse !== undefined) for (const lots of interval.linkUse) h.number(lots);
    for (const p of interval.products) {
      if (p === undefined) {
        h.absent();
        continue;
      }
      h.string(p.id).string(p.phase);
      if (p.book === undefined) h.absent();
      else h.string(p.book.stateHash());
      for (const slot of p.sealed.slots) h.string(core.live.idOf(slot));
      for (const id of p.sealed.clearedIds) h.string(id);
      for (const t of p.trades) hashTrade(h, t);
    }
  }
  // Only when there are any, so the hash of a market that never pruned a settled interval is unchanged.
  if (core.prunedSettled.size > 0) for (const start of [...core.prunedSettled].sort((a, b) => a - b)) h.number(start);
  return h.string(core.config.ledger.stateHash()).digest();
}

function hashTrade(h: StateHasher, t: TradeRecord): void {
  h.string(t.id).string(t.buyOrderId).string(t.sellOrderId).number(t.lots).number(t.buyerTicks).number(t.sellerTicks).number(t.feeTicks).number(t.buyerPrepaid);
  if (t.rentTicks !== 0) h.string('rent').number(t.rentTicks);
}
