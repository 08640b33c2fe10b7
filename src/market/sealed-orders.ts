/** The room a product's first order makes: a simulated feeder seals about a hundred an interval. */
const INITIAL = 64;
/** No slots (a zero-length array, so it holds no state to share): a product's before its first order and after clearing. */
const EMPTY = new Int32Array(0);

/**
 * A product's sealed orders, waiting for its auction, in arrival order (the auction's tie rule),
 * as slots of the market's order index: clearing reads their fields from the index's columns.
 * After clearing only their ids are kept (for the state hash).
 *
 * The slots sit in a growing Int32Array, not a `number[]`: a day of a large market seals a
 * million orders across its products, and a JavaScript array takes 8 bytes an element on the
 * heap (plus up to half again of growth slack) where this takes 4 outside it.
 */
export class SealedOrders {
  private buffer = EMPTY;
  private count = 0;
  /** The ids, once cleared. */
  clearedIds: readonly string[] = [];

  /** The order index slots, in arrival order (a copy: changing it changes nothing here). */
  get slots(): readonly number[] {
    return Array.from(this.buffer.subarray(0, this.count));
  }

  /** The number of orders waiting. */
  get length(): number {
    return this.count;
  }

  /** The slot of the `i`-th order waiting (0 = the oldest); `i` must be below {@link length}. */
  at(i: number): number {
    return this.buffer[i] as number;
  }

  /** Appends an order at the back. */
  push(slot: number): void {
    if (this.count === this.buffer.length) {
      const bigger = new Int32Array(Math.max(INITIAL, this.count * 2));
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.count++] = slot;
  }

  /** Puts orders at the front, in the order given (orders that arrived before every waiting one). */
  unshift(slots: readonly number[]): void {
    const waiting = this.buffer.slice(0, this.count);
    this.count = 0;
    for (const slot of slots) this.push(slot);
    for (const slot of waiting) this.push(slot);
  }

  /** Takes an order out (cancelled). */
  remove(slot: number): void {
    const i = this.buffer.subarray(0, this.count).indexOf(slot);
    if (i < 0) return; // nothing to take: a slot it does not hold
    this.buffer.copyWithin(i, i + 1, this.count);
    this.count--;
  }

  /** Moves an order to the back (an amend that lost its place). */
  toBack(slot: number): void {
    this.remove(slot);
    this.push(slot);
  }

  /** Records the ids of the cleared orders and forgets their slots (now free for others). */
  cleared(ids: readonly string[]): void {
    this.clearedIds = ids;
    this.count = 0;
    // The slots are done with: give the buffer back rather than hold a day's worth of them.
    this.buffer = EMPTY;
  }
}
