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
  const levels = percentiles(prices);
  return { lowTicks: levels.p30, highTicks: levels.p70, nowTicks: ctx.priceForecastTicks ?? levels.p50 };
}

/** The 30th, 50th and 70th percentiles of a price history (nearest rank, half-even). */
interface Percentiles {
  readonly p30: number;
  readonly p50: number;
  readonly p70: number;
}

// Every agent of a zone reads the same history array in an interval: its percentiles are found
// once (a sorted copy), and each agent's outlook is then three reads, small enough to be inlined
// into the strategy (no object made per agent). Callers that change a history replace the array,
// so its identity keys the cache. Re-entrancy: no user code runs between the look-up and the
// store (the sort's comparator is this one), and what is cached never changes.
const percentileCache = new WeakMap<readonly number[], Percentiles>();
function percentiles(prices: readonly number[]): Percentiles {
  let levels = percentileCache.get(prices);
  if (levels === undefined) {
    const sorted = prices.slice().sort((a, b) => a - b);
    const at = (p: number): number => sorted[Math.min(sorted.length - 1, divideSafe(p * (sorted.length - 1), 100, 'half-even'))] as number;
    levels = { p30: at(30), p50: at(50), p70: at(70) };
    percentileCache.set(prices, levels);
  }
  return levels;
}
