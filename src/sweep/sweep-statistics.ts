import type { SweepStatistic } from './sweep-types.js';

/** t(0.975, df) for df = 1..30 (two-sided 95 %), from the standard tables. */
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093,
  2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];
const Z975 = 1.959964;

/**
 * The 0.975 quantile of Student's t-distribution with `df` degrees of freedom: the table for df
 * up to 30, beyond it the Cornish-Fisher expansion around the normal quantile z (error below
 * 1e-4 there): t = z + (z^3 + z) / (4 df) + (5z^5 + 16z^3 + 3z) / (96 df^2) + (3z^7 + 19z^5 + 17z^3 - 15z) / (384 df^3).
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`tQuantile975: df must be a whole number >= 1; got ${df}`);
  const tabled = T975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = Z975;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
}

/**
 * Mean, sample standard deviation and 95 % confidence interval of the mean over `values`
 * (nulls left out), or null when no value is left:
 * mean = sum x / n; sd = sqrt(sum (x - mean)^2 / (n - 1)); ci95 = mean -/+ t(0.975, n - 1) sd / sqrt(n).
 * With one value sd and ci95 are null (no spread can be estimated).
 *
 * The figures are exact decimals (kWh to the Wh, money to its step) that a float sum would
 * blur: the mean of `[0.1, 0.1, 0.1]` would be 0.10000000000000002 with a spread of 1.7e-17. So
 * the sums are exact: each value is read as the decimal it prints as, and mean and variance are
 * computed as exact fractions of integers (bigint), rounded to a double once at the end (sd is
 * then the square root of that variance). Equal values give exactly that value as the mean, sd
 * 0 and an interval of width 0. The results are still floating point: statistics for reports,
 * never inputs of clearing or settlement.
 */
export function sweepStatistic(values: readonly (number | null)[]): SweepStatistic | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return null;
  const first = xs[0] as number;
  if (n === 1) return { n, mean: first, sd: null, ci95: null };
  const { mean, variance } = xs.every((x) => x === first) ? { mean: first, variance: 0 } : exactMoments(xs);
  const sd = Math.sqrt(variance);
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci95: [mean - half, mean + half] };
}

/**
 * Mean and sample variance of `xs` (two or more finite numbers), each read as the shortest
 * decimal that prints it (`String(x)`): every value is m x 10^p (m a bigint), all are brought to
 * the smallest p, and mean = S / n, variance = (n Q - S^2) / (n (n - 1)) with S the sum and Q the
 * sum of squares, exactly, then rounded to a double.
 */
function exactMoments(xs: readonly number[]): { mean: number; variance: number } {
  const parts = xs.map(decimalParts);
  let p = Infinity;
  for (const [, e] of parts) p = Math.min(p, e);
  let sum = 0n;
  let squares = 0n;
  for (const [m, e] of parts) {
    const scaled = m * 10n ** BigInt(e - p);
    sum += scaled;
    squares += scaled * scaled;
  }
  const n = BigInt(xs.length);
  return { mean: fractionToNumber(sum, n, p), variance: fractionToNumber(n * squares - sum * sum, n * (n - 1n), 2 * p) };
}

/** `x` (finite) as [m, p] with x = m x 10^p exactly as `String(x)` prints it. */
function decimalParts(x: number): [bigint, number] {
  const [digits = '0', exponent = '0'] = String(x).split('e');
  const [whole = '0', fraction = ''] = digits.split('.');
  return [BigInt(whole + fraction), Number(exponent) - fraction.length];
}

/**
 * num / den x 10^p (den > 0) as the nearest double (ties to even): the quotient to 64 or 65 bits
 * plus a sticky bit that is 1 when the division left a remainder, converted by `Number(bigint)`
 * (which rounds to nearest): the 53 bits kept then round exactly as the exact quotient would.
 * (A decimal string cut to 20 digits, the most an engine must parse exactly, could round the
 * wrong way near a midpoint.)
 */
function fractionToNumber(num: bigint, den: bigint, p: number): number {
  if (num === 0n) return 0;
  const negative = num < 0n;
  const a = (negative ? -num : num) * (p > 0 ? 10n ** BigInt(p) : 1n);
  const b = den * (p < 0 ? 10n ** BigInt(-p) : 1n);
  const shift = 64 - (a.toString(2).length - b.toString(2).length);
  const top = shift >= 0 ? a << BigInt(shift) : a;
  const bottom = shift >= 0 ? b : b << BigInt(-shift);
  const sticky = (top / bottom) * 2n + (top % bottom === 0n ? 0n : 1n);
  const magnitude = timesPowerOfTwo(Number(sticky), -(shift + 1));
  return negative ? -magnitude : magnitude;
}

/** x times 2^e, in steps that neither overflow nor underflow on the way. */
function timesPowerOfTwo(x: number, e: number): number {
  let v = x;
  let rest = e;
  for (; rest > 1000; rest -= 1000) v *= 2 ** 1000;
  for (; rest < -1000; rest += 1000) v *= 2 ** -1000;
  return v * 2 ** rest;
}
