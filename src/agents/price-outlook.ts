import { divideSafe } from '../units/rounding.js';
import type { AgentContext } from './bidding-strategy.js';

/** Cheap and dear price levels from recent prices, for storage that buys low and sells high. */
export interface PriceOutlook {
  /** Below this price (ticks) energy counts as cheap. */
  readonly lowTicks: number;
  /** Above this price (ticks) energy counts as dear. */
  readonly highTicks: number;
  /** The expected price now, ticks. */
  readonly nowTicks: number;
}

/**
 * The 30th and 70th percentiles of the recent prices (the band's thirds before there is history),
 * and the forecast for now (the middle of the band before there is one). Integer ticks throughout.
 */
export function priceOutlook(ctx: AgentContext): PriceOutlook {
  const band = ctx.retailTicks - ctx.feedInTicks;
  const mid = ctx.feedInTicks + divideSafe(band, 2, 'floor');
  const prices = ctx.recentPricesTicks;
  if (prices.length < 8) {
    return {
      lowTicks: ctx.feedInTicks + divideSafe(band, 3, 'floor'),
      highTicks: ctx.retailTicks - divideSafe(band, 3, 'floor'),
      nowTicks: ctx.priceForecastTicks ?? mid,
    };
  }
  const sorted = sortedCopy(prices);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, divideSafe(p * (sorted.length - 1), 100, 'half-even'))] as number;
  return { lowTicks: at(30), highTicks: at(70), nowTicks: ctx.priceForecastTicks ?? at(50) };
}

// Every agent of a zone reads the same history array in an interval: sort it once. Callers that
// change a history replace the array, so its identity keys the cache. Re-entrancy: no user code
// runs between the look-up and the store (the sort's comparator is this one).
const sortedCache = new WeakMap<readonly number[], number[]>();
function sortedCopy(prices: readonly number[]): number[] {
  let sorted = sortedCache.get(prices);
  if (sorted === undefined) {
    sorted = prices.slice().sort((a, b) => a - b);
    sortedCache.set(prices, sorted);
  }
  return sorted;
}
