// Every value the sum holds as a double is a safe integer, so it is exact.
const MAX = Number.MAX_SAFE_INTEGER;
// Below 2^52 in magnitude, a rounded product of two integers is the exact product.
const PRODUCT_LIMIT = 2 ** 52;

/**
 * An exact running sum of integers (steps, ticks times lots): a double while it stays a safe
 * integer, a bigint for the rest. Adding costs an addition and two comparisons on the usual path
 * (and a multiplication for a product), so totals over a million trades stay cheap, and nothing
 * is ever rounded. The one exact sum of the library: the auction's welfare and surplus, the
 * settlement's interval totals.
 *
 * @example
 * ```ts
 * const total = new ExactSum();
 * total.add(Number.MAX_SAFE_INTEGER);
 * total.add(2);
 * total.addProduct(3, 4);
 * total.value(); // 9007199254741005n
 * ```
 */
export class ExactSum {
  private small = 0;
  private big = 0n;

  /** Adds a safe integer. */
  add(v: number): void {
    const s = this.small + v;
    if (s <= MAX && s >= -MAX) {
      this.small = s;
      return;
    }
    this.big += BigInt(this.small) + BigInt(v);
    this.small = 0;
  }

  /** Adds `a * b` for safe integers `a` and `b`. */
  addProduct(a: number, b: number): void {
    const p = a * b;
    // A rounded product below the limit means the exact one is below it too, so p is exact.
    if (p < PRODUCT_LIMIT && p > -PRODUCT_LIMIT) {
      this.add(p);
      return;
    }
    this.big += BigInt(a) * BigInt(b);
  }

  /** Adds a bigint. */
  addBig(v: bigint): void {
    this.big += v;
  }

  /** The sum so far. */
  value(): bigint {
    return this.big + BigInt(this.small);
  }
}
