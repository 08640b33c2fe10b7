/**
 * The greatest common divisor of two integers, never negative (`gcd(0, 0)` is 0): Euclid's
 * algorithm on bigints. The one gcd of the library (reducing k, scaling money).
 * @example
 * ```ts
 * gcd(12n, -18n); // 6n
 * ```
 */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x < 0n ? -x : x;
}
