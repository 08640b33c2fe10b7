/**
 * How an integer division rounds. Every division in wattmarket names one of these.
 * - `floor`: towards minus infinity; `ceil`: towards plus infinity;
 * - `down`: towards zero; `up`: away from zero;
 * - `half-even`: to the nearest, ties to the even neighbour (banker's rounding);
 * - `half-up`: to the nearest, ties away from zero.
 */
export type RoundingMode = 'floor' | 'ceil' | 'down' | 'up' | 'half-even' | 'half-up';

/** All rounding modes, for validation and exhaustive tests. */
export const ROUNDING_MODES: readonly RoundingMode[] = Object.freeze(['floor', 'ceil', 'down', 'up', 'half-even', 'half-up']);

/**
 * Whether an inexact quotient truncated towards zero must move one away from zero, for `mode`.
 * `negative`: the exact quotient is negative; `half`: twice the remainder against the divisor
 * (-1 below half, 0 exactly half, 1 above, in absolute values); `even`: the truncated quotient is even.
 * Shared by the bigint and the safe-integer division so both round the same way.
 */
function awayFromZero(mode: RoundingMode, negative: boolean, half: number, even: boolean): boolean {
  switch (mode) {
    case 'down':
      return false;
    case 'up':
      return true;
    case 'floor':
      return negative;
    case 'ceil':
      return !negative;
    case 'half-up':
      return half >= 0;
    case 'half-even':
      return half > 0 || (half === 0 && !even);
  }
}

/**
 * `a / b` rounded by `mode`, exactly, in bigint. `b` must not be zero.
 * @example `divide(7n, 2n, 'half-even') === 4n`, `divide(5n, 2n, 'half-even') === 2n`
 */
export function divide(a: bigint, b: bigint, mode: RoundingMode): bigint {
  if (b === 0n) throw new RangeError('divide: division by zero');
  const q = a / b; // truncates towards zero
  const r = a % b;
  if (r === 0n) return q;
  const negative = a < 0n !== b < 0n;
  const twice = 2n * (r < 0n ? -r : r);
  const absB = b < 0n ? -b : b;
  const half = twice < absB ? -1 : twice > absB ? 1 : 0;
  if (!awayFromZero(mode, negative, half, q % 2n === 0n)) return q;
  return negative ? q - 1n : q + 1n;
}

// Below 2^52 in |a|, the quotient of doubles a / b is within |a / b| x 2^-53 < 1 / (2|b|) of the
// exact one, while an exact quotient that is not whole lies at least 1 / |b| from every integer:
// so it truncates to the exact truncated quotient, whose product with b (at most |a|) is exact.
const TRUNC_LIMIT = 2 ** 52;

/**
 * `a / b` rounded by `mode` for safe integers; exact because the remainder is computed in
 * integers, not by a floating-point quotient.
 */
export function divideSafe(a: number, b: number, mode: RoundingMode): number {
  if (b === 0) throw new RangeError('divideSafe: division by zero');
  // The same remainders, in 32-bit integers where the operands are: a remainder of doubles is a
  // call into the C library (fmod), which made this a tenth of a simulated interval's settlement.
  // Beyond them, below 2^52 (a settlement's amounts: Wh times ticks times the scale), from the
  // truncated quotient of doubles (see TRUNC_LIMIT): a division instead of fmod.
  const r = (a | 0) === a && (b | 0) === b ? (a | 0) % (b | 0) : a < TRUNC_LIMIT && a > -TRUNC_LIMIT ? a - Math.trunc(a / b) * b : a % b;
  const q = (a - r) / b; // exact: a - r is a multiple of b
  if (r === 0) return q === 0 ? 0 : q;
  const negative = a < 0 !== b < 0;
  const twice = 2 * Math.abs(r);
  const absB = Math.abs(b);
  const half = twice < absB ? -1 : twice > absB ? 1 : 0;
  const even = (q | 0) === q ? (q & 1) === 0 : q % 2 === 0;
  if (!awayFromZero(mode, negative, half, even)) return q === 0 ? 0 : q;
  return negative ? q - 1 : q + 1;
}

/**
 * `a * b / c` rounded by `mode`, exactly, for safe-integer inputs whose product may pass 2^53.
 * The result must be a safe integer; `RangeError` otherwise (callers validate ranges first).
 */
export function mulDiv(a: number, b: number, c: number, mode: RoundingMode): number {
  const p = a * b;
  if (Number.isSafeInteger(p)) return divideSafe(p, c, mode);
  const q = divide(BigInt(a) * BigInt(b), BigInt(c), mode);
  const n = Number(q);
  if (!Number.isSafeInteger(n)) throw new RangeError('mulDiv: result is not a safe integer');
  return n;
}
