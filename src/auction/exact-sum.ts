// Below 2^52 a product of two integers, and the sum of two such values, is exact in a double.
const LIMIT = 2 ** 52;

/**
 * An exact running sum of integer products `a * b` (ticks times lots): doubles while they are
 * exact, a bigint for the rest. Adding costs a multiplication and two comparisons on the usual
 * path, so sums over a million trades stay cheap.
 */
export class ExactSum {
  private small = 0;
  private big = 0n;

  /** Adds `a * b` for safe integers `a` and `b`. */
  add(a: number, b: number): void {
    const p = a * b;
    // A rounded product below the limit means the exact one is below it too, so p is exact.
    if (p < LIMIT && p > -LIMIT) {
      const s = this.small + p;
      if (s < LIMIT && s > -LIMIT) {
        this.small = s;
        return;
      }
      this.big += BigInt(this.small) + BigInt(p);
      this.small = 0;
      return;
    }
    this.big += BigInt(a) * BigInt(b);
  }

  /** The sum so far. */
  value(): bigint {
    return this.big + BigInt(this.small);
  }
}
