import { ErrorCode } from '../../errors/error-codes.js';
import { fail } from '../../errors/watt-error.js';
import { AllocationBuilder } from '../allocation-builder.js';
import { BuiltAllocation } from '../built-allocation.js';
import { slabRegion } from '../buffer-slab.js';
import { fillBest, type SortedRun } from '../fill-best.js';
import type { LotCrossing } from '../lot-ladder.js';
import type { AllocationTrades, MechanismContext, TickInterval } from '../mechanism.js';
import type { NormalisedOrders, NormalisedSide } from '../normalised-orders.js';
import { FillCursor, pairFills, type PairPricing } from '../pair-fills.js';

/** An allocation without trades. */
export const NO_TRADES: AllocationTrades = Object.freeze({
  count: 0,
  bid: new Int32Array(0),
  ask: new Int32Array(0),
  quantity: new Float64Array(0),
  buyerPrice: new Float64Array(0),
  sellerPrice: new Float64Array(0),
});

/** A whole side as a run. */
export function wholeSide(side: NormalisedSide): SortedRun {
  return { price: side.price, quantity: side.quantity, positions: undefined, from: 0, to: side.count };
}

/**
 * The fee every trade pays when the lot-level mechanisms apply: 0 without zones, the common fee
 * when every zone pair has the same one. Options refuse other fee matrices for the built-ins by
 * name, but a custom mechanism that delegates to one without declaring `supports` is taken to
 * support zonal fees: reading such a matrix as no fee would price trades below their fees (a
 * deficit that verification catches only when the surplus happens to turn negative), so it
 * fails here, always, with the MECHANISM_FAILED that `MechanismSupport` promises.
 * @throws WattError MECHANISM_FAILED when the zones' fees differ by pair.
 */
export function uniformFee(context: MechanismContext): number {
  if (context.constantFee !== undefined) return context.constantFee;
  if (context.zones.length === 0) return 0;
  return fail(
    ErrorCode.MECHANISM_FAILED,
    'clearAuction',
    "the lot-level mechanisms ('mcafee', 'trade-reduction', 'huang') support grid fees only when every zone pair has the same fee; a mechanism delegating to one must declare supports.zonalFees: false",
  );
}

/**
 * Trades the best `lots` lots of each side against each other: fills by {@link fillBest} (so
 * the marginal levels are rationed), paired best with best and priced by `pricing` when the
 * trades are first read.
 */
export function tradeBestLots(
  orders: NormalisedOrders,
  lots: number,
  context: MechanismContext,
  pricing: PairPricing,
  price?: number,
  interval?: TickInterval,
): BuiltAllocation {
  const { bids, asks } = orders;
  const { bidFill, askFill } = fillArrays(orders);
  if (lots > 0) {
    fillBest(wholeSide(bids), lots, context.rationing, bidFill);
    fillBest(wholeSide(asks), lots, context.rationing, askFill);
  }
  return filledAllocation(orders, bidFill, askFill, lots, pricing, price, interval);
}

/** Zeroed fill arrays for both sides, in one region of a shared buffer (see {@link slabRegion}). */
export function fillArrays(orders: NormalisedOrders): { bidFill: Float64Array; askFill: Float64Array } {
  const nb = orders.bids.count;
  const { buffer, offset } = slabRegion(8 * (nb + orders.asks.count));
  return { bidFill: new Float64Array(buffer, offset, nb), askFill: new Float64Array(buffer, offset + 8 * nb, orders.asks.count) };
}

/** An allocation of given fills (equal totals of `lots`), paired best with best when read. */
export function filledAllocation(
  orders: NormalisedOrders,
  bidFill: Float64Array,
  askFill: Float64Array,
  lots: number,
  pricing: PairPricing,
  price?: number,
  interval?: TickInterval,
): BuiltAllocation {
  return new BuiltAllocation(bidFill, askFill, lots, () => (lots === 0 ? NO_TRADES : pairAll(orders, bidFill, askFill, lots, pricing)), price, interval);
}

/** Pairs given fills (equal totals of `lots`) best with best. */
export function pairAll(orders: NormalisedOrders, bidFill: Float64Array, askFill: Float64Array, lots: number, pricing: PairPricing): AllocationTrades {
  const { bids, asks } = orders;
  // A two-pointer walk makes at most one piece per filled order on either side.
  const out = new AllocationBuilder(nonZero(bidFill) + nonZero(askFill));
  pairFills(new FillCursor(wholeSide(bids), bidFill), new FillCursor(wholeSide(asks), askFill), lots, bids.price, asks.price, pricing, out);
  return out.build();
}

/**
 * The interval of market-clearing prices at the level of lots, for a constant fee: with
 * b_k the bids' lots net of the fee and s_k the asks' lots, [max(s_K, b_{K+1}), min(b_K, s_{K+1})],
 * a missing b_{K+1} or s_{K+1} dropping out. Undefined when nothing trades.
 */
export function lotInterval(orders: NormalisedOrders, c: LotCrossing, fee: number): TickInterval | undefined {
  if (c.lots === 0) return undefined;
  const bp = orders.bids.price;
  const ap = orders.asks.price;
  let low = ap[c.askLast] as number;
  let high = (bp[c.bidLast] as number) - fee;
  if (c.bidNext >= 0) low = Math.max(low, (bp[c.bidNext] as number) - fee);
  if (c.askNext >= 0) high = Math.min(high, ap[c.askNext] as number);
  return { low, high };
}

function nonZero(a: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  return n;
}
