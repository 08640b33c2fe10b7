import type { ErrorCode } from '../errors/error-codes.js';
import { fail, type ValueErrorReason } from '../errors/watt-error.js';
import { parseExactDecimal, type ExactDecimal } from './exact-decimal.js';
import { POW10 } from './powers-of-ten.js';
import { describeValue } from '../errors/describe-value.js';
import type { Step } from './step.js';

/**
 * How one kind of value is checked: the names for the error message, the code, and its sign.
 * Call sites keep their specs as module constants, so the hot path allocates nothing.
 */
export interface ValueSpec {
  /** The public function being called, e.g. `'OrderBook.submit'`. */
  readonly fn: string;
  /** The field's name in messages, e.g. `'price'`. */
  readonly field: string;
  /** The code thrown for any bad value of this field. */
  readonly code: ErrorCode;
  /** Which signs are allowed. */
  readonly sign: 'positive' | 'non-negative' | 'any';
  /** The step's name in messages, e.g. `'tick'`. */
  readonly stepName: string;
}

/** Builds a frozen {@link ValueSpec}. */
export function valueSpec(
  fn: string,
  field: string,
  code: ErrorCode,
  sign: ValueSpec['sign'],
  stepName: string,
): ValueSpec {
  return Object.freeze({ fn, field, code, sign, stepName });
}

// Below 2^49 units a double's spacing is under an eighth of a unit, so at most one decimal on the
// unit grid rounds to a given double: if the grid value round-trips, it is the decimal the number
// prints as (see test/units/to-steps.test.ts for the property that checks this).
const FAST_NUMBER_LIMIT = 2 ** 49;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Converts a `DecimalInput` to an exact integer count of `step`s: `value = result * step`.
 * Never rounds: a value off the step, not finite, of the wrong sign or beyond the safe integer
 * range throws. Plain numbers and short decimal strings take a path that builds no Decimal and
 * allocates nothing.
 *
 * @throws WattError with `spec.code` and a {@link ValueErrorReason}.
 */
export function toSteps(value: unknown, step: Step, spec: ValueSpec): number {
  let steps: number;
  if (typeof value === 'number') {
    steps = numberToSteps(value, step);
  } else if (typeof value === 'string') {
    steps = shortStringToUnits(value, step.decimals);
    if (step.multiple !== 1 && steps === steps) {
      steps /= step.multiple;
      if (!Number.isInteger(steps)) steps = NaN;
    }
  } else {
    return slowToSteps(value, step, spec);
  }
  // NaN (not on the fast path) fails both comparisons and goes to the exact path.
  if (!(steps > 0) && !(steps === 0 ? spec.sign !== 'positive' : steps < 0 && spec.sign === 'any')) {
    return slowToSteps(value, step, spec);
  }
  return steps === 0 ? 0 : steps; // never -0
}

/**
 * The fast path of {@link toSteps} for a plain number, any sign: the exact count of `step`s,
 * or NaN when the number must go to the exact path (NaN, an infinity, off the step, beyond
 * 2^49 units). Small enough to inline at hot call sites, which then check the sign themselves
 * and call {@link toSteps} on NaN (for the error, or the exact answer). Never returns -0.
 */
export function numberToSteps(value: number, step: Step): number {
  const scale = step.scale;
  const units = Math.round(value * scale);
  // NaN fails the equality, an infinity fails the limit.
  if (units / scale !== value || Math.abs(units) > FAST_NUMBER_LIMIT) return NaN;
  const multiple = step.multiple;
  if (multiple === 1) return units === 0 ? 0 : units;
  const steps = units / multiple;
  if (!Number.isInteger(steps)) return NaN;
  return steps === 0 ? 0 : steps;
}

/**
 * Parses `[+-]digits[.digits]` with at most 15 digits into units of 10^-decimals.
 * Returns NaN for anything else (exponents, long or odd text, extra decimals): the exact path
 * then decides.
 */
function shortStringToUnits(s: string, decimals: number): number {
  const n = s.length;
  if (n === 0 || n > 17) return NaN;
  let i = 0;
  let negative = false;
  let c = s.charCodeAt(0);
  if (c === 45) {
    negative = true;
    i = 1;
  } else if (c === 43) {
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i) - 48;
    if (c === -2) break; // '.'
    if (c < 0 || c > 9) return NaN;
    whole = whole * 10 + c;
    digits++;
  }
  let frac = 0;
  let fracDigits = 0;
  for (i++; i < n; i++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    frac = frac * 10 + c;
    fracDigits++;
  }
  if (digits + fracDigits === 0 || digits + fracDigits > 15 || fracDigits > decimals) return NaN;
  const scale = POW10[decimals] as number;
  if (whole > MAX_SAFE / scale) return NaN;
  const units = whole * scale + frac * (POW10[decimals - fracDigits] as number);
  if (units > MAX_SAFE) return NaN;
  return negative ? -units : units;
}

/** The exact path: every kind of input, BigInt arithmetic, and the precise reason when it fails. */
function slowToSteps(value: unknown, step: Step, spec: ValueSpec): number {
  const d = parseExactDecimal(value);
  if (typeof d === 'string') return reject(value, d, step, spec);
  const steps = exactToSteps(d, step);
  if (typeof steps === 'string') return reject(value, steps, step, spec);
  if (steps < 0 && spec.sign !== 'any') return reject(value, 'NEGATIVE', step, spec);
  if (steps === 0 && spec.sign === 'positive') return reject(value, 'NOT_POSITIVE', step, spec);
  return steps === 0 ? 0 : steps;
}

/** An exact decimal as a safe-integer count of steps, or why it is not one. */
export function exactToSteps(d: ExactDecimal, step: Step): number | ValueErrorReason {
  if (d.digits === '0') return 0;
  // units = digits * 10^(exponent + decimals); a negative power must divide out exactly, and
  // digits carries no trailing zeros, so any negative power means the value is off the grid.
  const power = d.exponent + step.decimals;
  if (power < 0) return 'OFF_STEP';
  if (d.digits.length + power > 40) return 'TOO_LARGE';
  const units = BigInt(d.digits) * 10n ** BigInt(power);
  const multiple = BigInt(step.multiple);
  if (units % multiple !== 0n) return 'OFF_STEP';
  const steps = units / multiple;
  if (steps > BigInt(MAX_SAFE)) return 'TOO_LARGE';
  return d.negative ? -Number(steps) : Number(steps);
}

function reject(value: unknown, reason: ValueErrorReason, step: Step, spec: ValueSpec): never {
  const shown = describeValue(value);
  let text: string;
  switch (reason) {
    case 'NOT_A_NUMBER':
      text = `${spec.field} ${shown} is not a decimal number`;
      break;
    case 'NOT_FINITE':
      text = `${spec.field} ${shown} is not finite`;
      break;
    case 'NOT_POSITIVE':
      text = `${spec.field} ${shown} must be positive`;
      break;
    case 'NEGATIVE':
      text = `${spec.field} ${shown} must not be negative`;
      break;
    case 'OFF_STEP':
      text = `${spec.field} ${shown} is not a multiple of the ${spec.stepName} ${step.text}`;
      break;
    case 'TOO_LARGE':
      text = `${spec.field} ${shown} is too large to hold exactly (at most ${MAX_SAFE} ${spec.stepName}s of ${step.text})`;
      break;
    case 'OUT_OF_RANGE':
      text = `${spec.field} ${shown} is out of range`;
      break;
  }
  return fail(spec.code, spec.fn, text, reason);
}
