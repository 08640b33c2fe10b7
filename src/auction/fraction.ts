import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { describeValue } from '../errors/describe-value.js';
import { parseExactDecimal } from '../units/exact-decimal.js';
import { gcd } from '../units/gcd.js';
import { divide, mulDiv, type RoundingMode } from '../units/rounding.js';

/** An exact fraction in [0, 1]: the `k` of an auction. Numbers are set when both parts are safe. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
  /** The numerator as a safe integer, or NaN when it is not one. */
  readonly num: number;
  /** The denominator as a safe integer, or NaN when it is not one. */
  readonly den: number;
}

// More decimal places than any meaningful k needs; refused rather than parsed.
const MAX_K_DECIMALS = 60;

/** Builds a reduced fraction. */
export function fraction(numerator: bigint, denominator: bigint): Fraction {
  const g = numerator === 0n ? denominator : gcd(numerator, denominator);
  const n = numerator / g;
  const d = denominator / g;
  const safe = n <= BigInt(Number.MAX_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER);
  return Object.freeze({ numerator: n, denominator: d, num: safe ? Number(n) : NaN, den: safe ? Number(d) : NaN });
}

/** k = 1/2, the default. */
export const HALF: Fraction = fraction(1n, 2n);

/**
 * Parses `k` exactly (a number by the decimal it prints as) into a fraction in [0, 1].
 * @throws WattError INVALID_K with a reason: NOT_A_NUMBER, NOT_FINITE, OUT_OF_RANGE, TOO_LARGE.
 */
export function parseK(value: unknown, fn: string): Fraction {
  const d = parseExactDecimal(value);
  if (typeof d === 'string') return fail(ErrorCode.INVALID_K, fn, `k ${describeValue(value)} is not a finite decimal in [0, 1]`, d);
  if (d.digits === '0') return fraction(0n, 1n);
  if (d.negative) return fail(ErrorCode.INVALID_K, fn, `k ${describeValue(value)} is outside [0, 1]`, 'OUT_OF_RANGE');
  if (d.exponent >= 0) {
    if (d.digits === '1' && d.exponent === 0) return fraction(1n, 1n);
    return fail(ErrorCode.INVALID_K, fn, `k ${describeValue(value)} is outside [0, 1]`, 'OUT_OF_RANGE');
  }
  if (-d.exponent > MAX_K_DECIMALS) {
    return fail(ErrorCode.INVALID_K, fn, `k ${describeValue(value)} has more than ${MAX_K_DECIMALS} decimal places`, 'TOO_LARGE');
  }
  const numerator = BigInt(d.digits);
  const denominator = 10n ** BigInt(-d.exponent);
  if (numerator > denominator) return fail(ErrorCode.INVALID_K, fn, `k ${describeValue(value)} is outside [0, 1]`, 'OUT_OF_RANGE');
  return fraction(numerator, denominator);
}

/**
 * `delta * k` rounded by `mode`, exactly: the offset of a price at position k of an interval of
 * width `delta` (a safe integer).
 */
export function scaleBy(delta: number, k: Fraction, mode: RoundingMode): number {
  if (delta === 0 || k.numerator === 0n) return 0;
  if (!Number.isNaN(k.num)) return mulDiv(delta, k.num, k.den, mode);
  return Number(divide(BigInt(delta) * k.numerator, k.denominator, mode));
}

/**
 * The fraction of a context's `k`: the same object when it is one already (the usual case), else
 * reduced from its numerator and denominator.
 */
export function asFraction(k: { readonly numerator: bigint; readonly denominator: bigint }): Fraction {
  return 'num' in k ? (k as Fraction) : fraction(k.numerator, k.denominator);
}
