import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { createStep } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { divideSafe } from '../units/rounding.js';

/** Milliseconds in an hour: power (W) times duration (ms) over this is energy (Wh). */
export const MS_PER_HOUR = 3_600_000;

const WATT_HOURS = createStep('0.001', 'assets', 'kWh step');
const WATTS = createStep('0.001', 'assets', 'kW step');

/**
 * Reads a kWh figure of a scenario as whole Wh (kWh with at most three decimals).
 * @throws WattError INVALID_SCENARIO naming `field` when it is not a non-negative (or, with
 *   `positive`, a positive) decimal on 1 Wh.
 */
export function kWhToWh(value: DecimalInput, fn: string, field: string, positive = false): number {
  return toSteps(value, WATT_HOURS, positive ? specFor(fn, field, 'positive', 'Wh') : specFor(fn, field, 'non-negative', 'Wh'));
}

/** Reads a kW figure of a scenario as whole W. Same rules as {@link kWhToWh}. */
export function kWToW(value: DecimalInput, fn: string, field: string, positive = false): number {
  return toSteps(value, WATTS, positive ? specFor(fn, field, 'positive', 'W') : specFor(fn, field, 'non-negative', 'W'));
}

// Scenario parsing is not a hot path: specs are built per call.
function specFor(fn: string, field: string, sign: 'positive' | 'non-negative', unit: string): ReturnType<typeof valueSpec> {
  return valueSpec(fn, field, ErrorCode.INVALID_SCENARIO, sign, `${unit} step`);
}

/** The most energy (Wh) that `watts` can move in `durationMs`, rounded down (never more than possible). */
export function energyLimitWh(watts: number, durationMs: number): number {
  return divideSafe(watts * durationMs, MS_PER_HOUR, 'floor');
}

/**
 * Reads a fraction (an efficiency, a state-of-charge bound) given as a decimal in [`minPpm`/1e6, 1]
 * with at most six decimals, as parts per million.
 * @throws WattError INVALID_SCENARIO naming `field` otherwise.
 */
export function fractionToPpm(value: DecimalInput, fn: string, field: string, minPpm = 0): number {
  const ppm = toSteps(value, PPM_STEP, valueSpec(fn, field, ErrorCode.INVALID_SCENARIO, 'non-negative', 'millionth'));
  if (ppm < minPpm || ppm > 1_000_000) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `${field} must be a fraction from ${minPpm / 1_000_000} to 1; got ${String(value)}`);
  }
  return ppm;
}
const PPM_STEP = createStep('0.000001', 'assets', 'millionth');

/** The largest integer whose square is at most `n` (a safe integer >= 0): exact, no float sqrt. */
export function isqrtFloor(n: number): number {
  let x = Math.floor(Math.sqrt(n));
  while (x * x > n) x--;
  while ((x + 1) * (x + 1) <= n) x++;
  return x;
}
