import { StateHasher } from '../hashing/state-hasher.js';
import { fromSteps } from '../units/from-steps.js';
import type { MarketCore } from './market-core.js';
import type { TradeRecord } from './market-trade.js';
import type { MarketOrderView, ProductInfo, ProductStatus } from './market-types.js';
import { venueAt } from './order-intake.js';

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
