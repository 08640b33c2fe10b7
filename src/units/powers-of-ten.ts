/** 10^0 ... 10^22 as numbers: every one of them is exact in a double. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** 10^n as a bigint, cached for the small exponents that occur in practice. */
export function pow10Big(n: number): bigint {
  return n < BIG_POW10.length ? (BIG_POW10[n] as bigint) : 10n ** BigInt(n);
}
const BIG_POW10: readonly bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));
