import { MAX_SERIES_LENGTH } from '../assets/measured-series.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { checkNoHoles } from '../validation/checks.js';
import type { DecimalInput } from '../units/decimal-input.js';
import type { Step } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';

/**
 * A measured tariff price (`tariff.retailPrice` or `tariff.feedInPrice`): the price per kWh of
 * each interval, from the scenario's start, one value per interval, each an exact multiple of the
 * price tick (never rounded). Values are read as in {@link MeasuredSeries}.
 *
 * @example
 * ```ts
 * tariff: { retailPrice: { series: ['1800', '1800', '3200', '3200'] }, feedInPrice: 671 }
 * ```
 */
export interface PriceSeries {
  /** The price per kWh of each interval, in the currency (any sign, on the price tick). */
  readonly series: readonly DecimalInput[];
  /** Where the values came from, named in messages (`parseScenario` sets it to a CSV file's path). */
  readonly source?: string;
}

/** A tariff price after validation: flat, or one price per interval. */
export interface ResolvedPrice {
  /** The flat price in ticks; for a series, the extreme of the series (highest retail, lowest feed-in). */
  readonly ticks: number;
  /** Price ticks per interval, or undefined for a flat price. */
  readonly series: readonly number[] | undefined;
  /** The field (`'tariff.retailPrice'`), for messages. */
  readonly field: string;
  /** The series' source, for messages. */
  readonly source: string | undefined;
}

/**
 * Reads a tariff price, flat or a {@link PriceSeries}, in whole price ticks.
 * @throws WattError INVALID_SCENARIO naming the field (with the index and source for a series
 *   value) for a value off the tick, not a finite number, a hole in the series (a missing
 *   index), or an unknown field of a series.
 */
export function resolvePrice(value: unknown, tick: Step, fn: string, field: string, extreme: 'max' | 'min'): ResolvedPrice {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'series')) {
    return { ticks: toSteps(value, tick, valueSpec(fn, field, ErrorCode.INVALID_SCENARIO, 'any', 'price tick')), series: undefined, field, source: undefined };
  }
  const o = value as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(o)) {
    if (key !== 'series' && key !== 'source') fail(ErrorCode.INVALID_SCENARIO, fn, `${field}.${key} is not a field of a price series (series, source)`);
  }
  const source = o['source'];
  if (source !== undefined && typeof source !== 'string') fail(ErrorCode.INVALID_SCENARIO, fn, `${field}.source must be a string; got ${describeValue(source)}`);
  const at = source === undefined ? '' : ` (${source})`;
  const list = o['series'];
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_SERIES_LENGTH) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `${field}.series${at} must be an array of 1 to ${MAX_SERIES_LENGTH} prices; got ${Array.isArray(list) ? `${list.length} values` : describeValue(list)}`);
  }
  checkNoHoles(list as readonly unknown[], fn, `${field}.series`, ErrorCode.INVALID_SCENARIO);
  const series = (list as readonly unknown[]).map((v, i) => toSteps(v, tick, valueSpec(fn, `${field}.series[${i}]${at}`, ErrorCode.INVALID_SCENARIO, 'any', 'price tick')));
  let ticks = series[0] as number;
  for (const t of series) ticks = extreme === 'max' ? Math.max(ticks, t) : Math.min(ticks, t);
  return { ticks, series: Object.freeze(series), field, source };
}

/** The price of interval `k`: the series' value, or the flat price. */
export function priceAt(p: ResolvedPrice, k: number): number {
  return p.series === undefined ? p.ticks : (p.series[k] as number);
}

/**
 * Checks that feed-in never exceeds retail in any interval both prices give.
 * @throws WattError INVALID_SCENARIO naming the first interval where it does.
 */
export function checkBand(retail: ResolvedPrice, feedIn: ResolvedPrice, fn: string): void {
  const n = Math.max(retail.series?.length ?? 1, feedIn.series?.length ?? 1);
  const both = Math.min(retail.series?.length ?? n, feedIn.series?.length ?? n);
  for (let k = 0; k < both; k++) {
    if (priceAt(feedIn, k) > priceAt(retail, k)) {
      fail(ErrorCode.INVALID_SCENARIO, fn, retail.series === undefined && feedIn.series === undefined ? 'tariff.feedInPrice must not exceed tariff.retailPrice' : `tariff.feedInPrice must not exceed tariff.retailPrice; it does in interval ${k} (from 0)`);
    }
  }
}

/**
 * Checks that a price series covers a run of `intervals` intervals.
 * @throws WattError INVALID_SCENARIO naming the field and source when it is shorter.
 */
export function checkPriceCovers(p: ResolvedPrice, intervals: number, fn: string): void {
  if (p.series !== undefined && p.series.length < intervals) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `${p.field}.series${p.source === undefined ? '' : ` (${p.source})`} has ${p.series.length} prices, but the run has ${intervals} intervals: a run may not be longer than its series`);
  }
}

/** The price band over the first `intervals` intervals: the highest retail and lowest feed-in price. */
export function bandOver(retail: ResolvedPrice, feedIn: ResolvedPrice, intervals: number): { retailTicks: number; feedInTicks: number } {
  const extreme = (p: ResolvedPrice, pick: (a: number, b: number) => number): number => (p.series === undefined ? p.ticks : p.series.slice(0, intervals).reduce((a, b) => pick(a, b)));
  return { retailTicks: extreme(retail, Math.max), feedInTicks: extreme(feedIn, Math.min) };
}
