import type { SimulationSeries } from '../simulation/simulation-result.js';
import { localDay, type IntervalTimeline } from './time-axis.js';

/** The flows summed per period, in kWh. */
export interface PeriodTotals {
  /** The first local day of each period (days since the epoch, local calendar). */
  readonly firstDay: readonly number[];
  /** Days per period: 1 for a daily chart, more when the run is too long for a bar group per day. */
  readonly daysPerPeriod: number;
  /** How many intervals fell into each period (fewer than a full period at a partial start or end). */
  readonly intervals: readonly number[];
  /** Generation per period. */
  readonly generationKWh: readonly number[];
  /** Consumption per period. */
  readonly consumptionKWh: readonly number[];
  /** Grid import per period. */
  readonly gridImportKWh: readonly number[];
  /** Grid export per period. */
  readonly gridExportKWh: readonly number[];
  /** Local trades per period. */
  readonly p2pTradedKWh: readonly number[];
}

/** The most bar groups a chart gets before days are combined into periods. */
export const MAX_GROUPS = 62;

/**
 * Sums the flows of each local day, or of each run of 7 (or more) days when there are more than
 * {@link MAX_GROUPS} days, so a year still gives groups wide enough to read (53 weeks). Periods
 * count from the first local day of the run.
 */
export function periodTotals(series: SimulationSeries, timeline: IntervalTimeline): PeriodTotals {
  const n = series.time.length;
  const day0 = n === 0 ? 0 : localDay(timeline, 0);
  const days = n === 0 ? 0 : localDay(timeline, n - 1) - day0 + 1;
  const daysPerPeriod = days <= MAX_GROUPS ? 1 : days <= MAX_GROUPS * 7 ? 7 : Math.ceil(days / MAX_GROUPS);
  const periods = Math.ceil(days / daysPerPeriod);
  const zeros = (): number[] => new Array<number>(periods).fill(0);
  const firstDay = Array.from({ length: periods }, (_, p) => day0 + p * daysPerPeriod);
  const intervals = zeros();
  const generation = zeros();
  const consumption = zeros();
  const gridImport = zeros();
  const gridExport = zeros();
  const traded = zeros();
  for (let i = 0; i < n; i++) {
    const p = Math.floor((localDay(timeline, i) - day0) / daysPerPeriod);
    intervals[p] = (intervals[p] ?? 0) + 1;
    generation[p] = (generation[p] ?? 0) + (series.generationKWh[i] ?? 0);
    consumption[p] = (consumption[p] ?? 0) + (series.consumptionKWh[i] ?? 0);
    gridImport[p] = (gridImport[p] ?? 0) + (series.gridImportKWh[i] ?? 0);
    gridExport[p] = (gridExport[p] ?? 0) + (series.gridExportKWh[i] ?? 0);
    traded[p] = (traded[p] ?? 0) + (series.p2pTradedKWh[i] ?? 0);
  }
  return {
    firstDay,
    daysPerPeriod,
    intervals,
    generationKWh: generation,
    consumptionKWh: consumption,
    gridImportKWh: gridImport,
    gridExportKWh: gridExport,
    p2pTradedKWh: traded,
  };
}
