/**
 * A growable column of numbers by slot that holds them as 32-bit integers while every value
 * written fits one, and switches the whole column to float64 the first time one does not (a
 * fraction, NaN, -0, or a magnitude past 2^31). Reads give back exactly the number written.
 *
 * Why: the market's open orders keep a price, a quantity and an arrival number per order, and a
 * day of a large market holds a million of them. Ticks, lots and arrival numbers are integers
 * that nearly always fit 32 bits: 4 bytes an order where float64 takes 8. The check costs one
 * comparison per write; the fallback keeps every value exact, whatever the market's options.
 */
export class NarrowColumn {
  /** The values while they all fit int32; null once the column went wide. */
  private narrow: Int32Array | null;
  /** The values once one did not fit int32; null before. */
  private wide: Float64Array | null = null;

  /** @param capacity - the slots it holds at first. */
  constructor(capacity: number) {
    this.narrow = new Int32Array(capacity);
  }

  /** The number of slots held. */
  get capacity(): number {
    return this.narrow !== null ? this.narrow.length : (this.wide as Float64Array).length;
  }

  /** Whether the column went to float64 (for tests and memory figures). */
  get isWide(): boolean {
    return this.narrow === null;
  }

  /** The value in `slot` (0 for a slot never written). */
  get(slot: number): number {
    const narrow = this.narrow;
    return narrow !== null ? (narrow[slot] as number) : ((this.wide as Float64Array)[slot] as number);
  }

  /** Writes `value` to `slot` (which must be below the capacity). */
  set(slot: number, value: number): void {
    const narrow = this.narrow;
    if (narrow !== null) {
      // (value | 0) === value fails NaN, fractions and anything outside int32; -0 passes it but
      // would read back as +0, so it goes wide too.
      if ((value | 0) === value && (value !== 0 || 1 / value > 0)) {
        narrow[slot] = value;
        return;
      }
      this.widen();
    }
    (this.wide as Float64Array)[slot] = value;
  }

  /** Grows to `capacity` slots, keeping the values. */
  grow(capacity: number): void {
    if (this.narrow !== null) {
      const bigger = new Int32Array(capacity);
      bigger.set(this.narrow);
      this.narrow = bigger;
    } else {
      const bigger = new Float64Array(capacity);
      bigger.set(this.wide as Float64Array);
      this.wide = bigger;
    }
  }

  private widen(): void {
    const narrow = this.narrow as Int32Array;
    const wide = new Float64Array(narrow.length);
    for (let i = 0; i < narrow.length; i++) wide[i] = narrow[i] as number;
    this.wide = wide;
    this.narrow = null;
  }
}
