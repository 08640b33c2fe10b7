/**
 * A product's sealed orders, waiting for its auction, in arrival order (the auction's tie rule),
 * as slots of the market's order index: clearing reads their fields from the index's columns.
 * After clearing only their ids are kept (for the state hash).
 */
export class SealedOrders {
  /** Order index slots, in arrival order. */
  readonly slots: number[] = [];
  /** The ids, once cleared. */
  clearedIds: readonly string[] = [];

  /** The number of orders waiting. */
  get length(): number {
    return this.slots.length;
  }

  /** Appends an order at the back. */
  push(slot: number): void {
    this.slots.push(slot);
  }

  /** Puts orders at the front, in the order given (orders that arrived before every waiting one). */
  unshift(slots: readonly number[]): void {
    const waiting = this.slots.splice(0);
    for (const slot of slots) this.slots.push(slot);
    for (const slot of waiting) this.slots.push(slot);
  }

  /** Takes an order out (cancelled). */
  remove(slot: number): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1); // splice(-1, 1) would take the last order instead
  }

  /** Moves an order to the back (an amend that lost its place). */
  toBack(slot: number): void {
    this.remove(slot);
    this.slots.push(slot);
  }

  /** Records the ids of the cleared orders and forgets their slots (now free for others). */
  cleared(ids: readonly string[]): void {
    this.clearedIds = ids;
    this.slots.length = 0;
  }
}
