import type { Scenario } from './scenario-types.js';
import type { SimulationMetrics } from './simulation-metrics.js';
import type { SimulationResult } from './simulation-result.js';

/** The parts of a result the metrics read (a result as runSimulation returns it, or read back from JSON). */
export type MetricsInput = Pick<SimulationResult, 'days' | 'intervalMinutes' | 'totals' | 'participants' | 'series'>;

/** Rounds a reported figure to six decimals (as the totals' ratios are). */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6 + 0;

/**
 * Computes the {@link SimulationMetrics} of a run from its result. `scenario` tells which
 * participants charge EVs (for the EV service level); without it the level is null.
 *
 * @example
 * ```ts
 * const r = runSimulation({ scenario: 'campus', days: 1, seed: 1 });
 * r.metrics.savingGini; // the same figures, already computed
 * ```
 */
export function simulationMetrics(r: MetricsInput, scenario?: Scenario): SimulationMetrics {
  const t = r.totals;
  const hours = r.intervalMinutes / 60;
  const peak = (xs: readonly number[]): number => round6(xs.reduce((a, b) => Math.max(a, b), 0) / hours);
  const savings = r.participants.map((p) => p.baselineNetCost - p.netCost);
  const base = Math.abs(t.baselineCommunityNetCost);
  const saving = t.baselineCommunityNetCost - t.communityNetCost;
  const evIds = new Set((scenario?.participants ?? []).filter((p) => p.ev !== undefined).map((p) => p.id));
  const evCharged = r.participants.filter((p) => evIds.has(p.id)).reduce((a, p) => a + p.consumptionKWh, 0);
  const evNeed = evCharged + t.evShortfallKWh;
  return {
    selfSufficiency: t.consumptionKWh === 0 ? 0 : round6(1 - t.gridImportKWh / t.consumptionKWh),
    selfConsumption: t.generationKWh === 0 ? 0 : round6(1 - t.gridExportKWh / t.generationKWh),
    peakGridImportKW: peak(r.series.gridImportKWh),
    peakGridExportKW: peak(r.series.gridExportKWh),
    communitySaving: round6(saving),
    communitySavingShare: base === 0 ? null : round6(saving / base),
    shareGaining: savings.length === 0 ? 0 : round6(savings.filter((s) => s > 0).length / savings.length),
    savingGini: gini(savings),
    localPriceMean: t.averageLocalPrice,
    localPriceSpread: priceSpread(r.series.price, r.series.p2pTradedKWh),
    tradedKWh: t.p2pTradedKWh,
    tradedShare: t.consumptionKWh === 0 ? null : round6(t.p2pTradedKWh / t.consumptionKWh),
    evServiceLevel: evIds.size === 0 || evNeed === 0 ? null : round6(evCharged / evNeed),
    missedSwapsPerDay: r.days === 0 ? 0 : round6(t.missedSwaps / r.days),
    swapServiceLevel: swapServiceLevel(t.swapsServed, t.missedSwaps),
    marketEfficiency: t.marketEfficiency ?? null,
  };
}

/** Swaps served over riders arriving; null without riders (or in a result from before swaps were counted). */
function swapServiceLevel(served: number | undefined, missed: number): number | null {
  if (served === undefined) return null;
  const arrived = served + missed;
  return arrived === 0 ? null : round6(served / arrived);
}

/**
 * Gini coefficient: sum over all pairs |x_i - x_j| / (2 n sum |x_i|). For non-negative values
 * this is the usual Gini (0: equal, towards 1: one takes all); dividing by the sum of absolute
 * values keeps it in [0, 1] when some savings are negative (the usual form divides by the mean,
 * which can be 0 or negative). Null when every value is 0. Sorted: O(n log n).
 */
export function gini(values: readonly number[]): number | null {
  const n = values.length;
  const absSum = values.reduce((a, b) => a + Math.abs(b), 0);
  if (n === 0 || absSum === 0) return null;
  const xs = values.slice().sort((a, b) => a - b);
  // sum_{i<j} (x_j - x_i) = sum_j x_j (2j - n + 1) over the sorted values (j from 0).
  let pairs = 0;
  for (let j = 0; j < n; j++) pairs += (xs[j] as number) * (2 * j - n + 1);
  return round6((2 * pairs) / (2 * n * absSum));
}

/** Volume-weighted standard deviation of the interval prices (weights: traded kWh). */
function priceSpread(prices: readonly (number | null)[], volumes: readonly number[]): number | null {
  let w = 0;
  let sum = 0;
  for (let k = 0; k < prices.length; k++) {
    const p = prices[k];
    const v = volumes[k] ?? 0;
    if (p === null || p === undefined || v <= 0) continue;
    w += v;
    sum += p * v;
  }
  if (w === 0) return null;
  const mean = sum / w;
  let sq = 0;
  for (let k = 0; k < prices.length; k++) {
    const p = prices[k];
    const v = volumes[k] ?? 0;
    if (p === null || p === undefined || v <= 0) continue;
    sq += v * (p - mean) ** 2;
  }
  return round6(Math.sqrt(sq / w));
}
