import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { exactDecimalText, parseExactDecimal, type ExactDecimal } from '../units/exact-decimal.js';
import { pow10Big } from '../units/powers-of-ten.js';
import { divide } from '../units/rounding.js';

/**
 * Measured data in place of a model (a participant's `load` or `pv`): the average power in kW
 * over each interval, from the scenario's start, one value per interval.
 *
 * Values are exact decimals: a string is read by its text (`'1.25'`), a number by the decimal it
 * prints as (`0.1` is one tenth; a JSON number with more than 15 significant digits may print
 * differently from how it was written, so write such a value as a string).
 *
 * @example
 * ```ts
 * { id: 'house-1', type: 'home', load: { series: ['0.42', '0.40', '1.15', '2.5'] } }
 * ```
 */
export interface MeasuredSeries {
  /** Average kW over each interval (non-negative, finite). */
  readonly series: readonly DecimalInput[];
  /** Where the values came from, named in messages (`parseScenario` sets it to a CSV file's path). */
  readonly source?: string;
}

/** A validated measured series: its exact values and where they came from. */
export interface MeasuredSeriesSpec {
  /** Always 'measured'. */
  readonly kind: 'measured';
  /** The values, exact. */
  readonly values: readonly ExactDecimal[];
  /** The field it was given under (`'load'`, `'pv'`), for messages. */
  readonly field: string;
  /** Its source (a file), for messages; undefined for inline values. */
  readonly source: string | undefined;
}

/** The most kW one value may give: 1 GW, far above any prosumer, far below where Wh sums get inexact. */
export const MAX_SERIES_KW = 1_000_000;
/** The most values a series may hold: ten years of one-minute intervals. */
export const MAX_SERIES_LENGTH = 3660 * 1440;
const MS_PER_HOUR_OVER_1000 = 3600n; // kW x ms / 3,600,000 = Wh x 1000 / 1000: ms / 3600 per kW

/** Whether a participant's options for an asset are a measured series rather than a model. */
export function isMeasuredSeries(options: unknown): options is MeasuredSeries {
  return typeof options === 'object' && options !== null && Object.hasOwn(options, 'series');
}

/**
 * Validates a measured series given under `field`.
 * @throws WattError INVALID_SCENARIO naming the field (and the source) for a field other than
 *   `series` and `source`, a series that is not a non-empty array, and a value that is not a
 *   finite number from 0 to {@link MAX_SERIES_KW}, with its index.
 */
export function defineMeasuredSeries(options: MeasuredSeries, fn: string, field: string): MeasuredSeriesSpec {
  for (const key of Object.keys(options)) {
    if (key !== 'series' && key !== 'source') fail(ErrorCode.INVALID_SCENARIO, fn, `${field}.${key} is not a field of a measured series (series, source)`);
  }
  const source = options.source;
  if (source !== undefined && typeof source !== 'string') fail(ErrorCode.INVALID_SCENARIO, fn, `${field}.source must be a string; got ${describeValue(source)}`);
  const at = source === undefined ? '' : ` (${source})`;
  const series: unknown = options.series;
  // The length is read once and bounds the loop: a Proxy's length, or getters that grow the array
  // while it is read, cannot take the loop past the checked count.
  const n = Array.isArray(series) ? series.length : 0;
  if (!Array.isArray(series) || n === 0 || n > MAX_SERIES_LENGTH) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `${field}.series${at} must be an array of 1 to ${MAX_SERIES_LENGTH} values; got ${Array.isArray(series) ? `${n} values` : describeValue(series)}`);
  }
  // Every index, holes included: map() skips the holes of a sparse array, whose values would then
  // be missing at run time (ASSET_FAILED mid-run) rather than refused here.
  const list = series as readonly unknown[];
  const values: ExactDecimal[] = [];
  for (let i = 0; i < n; i++) values.push(seriesValue(list[i], fn, `${field}.series[${i}]${at}`));
  return Object.freeze({ kind: 'measured' as const, values: Object.freeze(values), field, source });
}

/**
 * One value of a series, exact: a finite decimal from 0 to {@link MAX_SERIES_KW}.
 * @throws WattError INVALID_SCENARIO naming `name` otherwise.
 */
export function seriesValue(value: unknown, fn: string, name: string): ExactDecimal {
  const d = parseExactDecimal(value);
  if (typeof d === 'string') {
    return fail(ErrorCode.INVALID_SCENARIO, fn, `${name} must be a finite number (kW); got ${describeValue(value)}`, d);
  }
  if (d.negative && d.digits !== '0') return fail(ErrorCode.INVALID_SCENARIO, fn, `${name} must not be negative; got ${exactDecimalText(d)}`, 'NEGATIVE');
  // Integer digits of the value: more than 7 is past 10^7; 7 is 10^6 itself or above it.
  const magnitude = d.digits.length + d.exponent;
  if (magnitude > 7 || (magnitude === 7 && !(d.digits === '1' && d.exponent === 6))) {
    return fail(ErrorCode.INVALID_SCENARIO, fn, `${name} must be at most ${MAX_SERIES_KW} kW; got ${describeValue(value)}`, 'TOO_LARGE');
  }
  return d;
}

/**
 * The energy of one interval of `intervalMs` at an average of `kW`, in Wh: kW x hours, exact,
 * rounded half-even to the whole Wh (the only rounding). `kW` is one of a spec's values (at most
 * {@link MAX_SERIES_KW}).
 * @example `intervalEnergyWh(parseExactDecimal('1.002'), 900_000) === 250` (250.5 Wh, to even)
 */
export function intervalEnergyWh(kW: ExactDecimal, intervalMs: number): number {
  // Below 1e-13 kW no interval of at most a day reaches half a Wh: skip the huge power of ten.
  if (kW.digits === '0' || kW.digits.length + kW.exponent < -12) return 0;
  // Wh = digits x 10^exponent x 1000 x intervalMs / 3,600,000 = digits x 10^exponent x intervalMs / 3600
  let num = BigInt(kW.digits) * BigInt(intervalMs);
  let den = MS_PER_HOUR_OVER_1000;
  if (kW.exponent >= 0) num *= pow10Big(kW.exponent);
  else den *= pow10Big(-kW.exponent);
  return Number(divide(num, den, 'half-even'));
}

/** Every interval's energy of a series, Wh (see {@link intervalEnergyWh}). */
export function seriesEnergyWh(spec: MeasuredSeriesSpec, intervalMs: number): readonly number[] {
  return spec.values.map((v) => intervalEnergyWh(v, intervalMs));
}

/**
 * Checks that a series covers a run of `intervals` intervals.
 * @throws WattError INVALID_SCENARIO naming the field and the source when it is shorter.
 */
export function checkSeriesCovers(length: number, intervals: number, fn: string, field: string, source: string | undefined): void {
  if (length < intervals) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `${field}.series${source === undefined ? '' : ` (${source})`} has ${length} values, but the run has ${intervals} intervals: a run may not be longer than its series`);
  }
}
