import { SOUTHERN_VIETNAM_CLIMATE, type CloudClimate } from '../assets/cloud-model.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { checkNoHoles } from '../validation/checks.js';

// The day types' probabilities are written as decimals (0.7, 0.25, 0.05): their double sum may
// miss 1 by a few ulps, never by this much.
const SUM_TOLERANCE = 1e-9;
// A standard deviation of the clear-sky index (itself 0.05 to 1) beyond 1 means nothing.
const MAX_FORECAST_ERROR = 1;

/**
 * A scenario's `climate`, checked before any run (the cloud model reads it only mid-run, where a
 * bad value would surface as a TypeError or as a PV asset's failure): undefined gives the
 * default, southern Vietnam; otherwise an object with exactly `monthly` (12 months, each three
 * probabilities of a clear, a mixed and an overcast day, from 0 to 1, summing to 1) and
 * `forecastError` (a number from 0 to 1). Returns a copy of the values checked.
 *
 * @throws WattError INVALID_SCENARIO naming the field (and month).
 */
export function resolveClimate(value: unknown, fn: string): CloudClimate {
  if (value === undefined) return SOUTHERN_VIETNAM_CLIMATE;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(ErrorCode.INVALID_SCENARIO, fn, `climate must be an object { monthly, forecastError }; got ${describeValue(value)}`);
  }
  const c = value as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(c)) {
    if (key !== 'monthly' && key !== 'forecastError') fail(ErrorCode.INVALID_SCENARIO, fn, `climate.${key} is not a field of a climate (monthly, forecastError)`);
  }
  const monthly = c['monthly'];
  if (!Array.isArray(monthly) || monthly.length !== 12) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `climate.monthly must be a list of 12 months; got ${Array.isArray(monthly) ? `${monthly.length} entries` : describeValue(monthly)}`);
  }
  checkNoHoles(monthly, fn, 'climate.monthly', ErrorCode.INVALID_SCENARIO);
  // The values are copied as they are checked: the run reads this copy, so a getter or a later
  // change to the caller's object cannot put an unchecked value into the cloud model.
  const months: [number, number, number][] = [];
  (monthly as readonly unknown[]).forEach((month, i) => {
    const field = `climate.monthly[${i}]`;
    if (!Array.isArray(month) || month.length !== 3) {
      fail(ErrorCode.INVALID_SCENARIO, fn, `${field} must be [clear, mixed, overcast] probabilities; got ${Array.isArray(month) ? `${month.length} entries` : describeValue(month)}`);
    }
    checkNoHoles(month, fn, field, ErrorCode.INVALID_SCENARIO);
    let sum = 0;
    const probabilities = (month as readonly unknown[]).map((p, j) => {
      if (typeof p !== 'number' || !(p >= 0 && p <= 1)) fail(ErrorCode.INVALID_SCENARIO, fn, `${field}[${j}] must be a probability from 0 to 1; got ${describeValue(p)}`);
      sum += p;
      return p;
    });
    months.push(probabilities as [number, number, number]);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) fail(ErrorCode.INVALID_SCENARIO, fn, `${field}: the probabilities of a clear, a mixed and an overcast day must sum to 1; they sum to ${sum}`);
  });
  const error = c['forecastError'];
  if (typeof error !== 'number' || !(error >= 0 && error <= MAX_FORECAST_ERROR)) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `climate.forecastError must be a number from 0 to ${MAX_FORECAST_ERROR} (a standard deviation of the clear-sky index); got ${describeValue(error)}`);
  }
  return { monthly: months, forecastError: error };
}
