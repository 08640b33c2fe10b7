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
 * With one value sd and ci95 are null (no spread can be estimated). Floating point: these are
 * statistics for reports, never inputs of clearing or settlement.
 */
export function sweepStatistic(values: readonly (number | null)[]): SweepStatistic | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean, sd: null, ci95: null };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci95: [mean - half, mean + half] };
}
