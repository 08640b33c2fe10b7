import { NONE, growFloat64, growInt32 } from './order-store.js';

const MIN_LEVELS = 64;

/**
 * The price levels of both sides as a struct of arrays with a free list. A level is the FIFO
 * queue of the orders resting at one price: an intrusive doubly-linked list through the order
 * store's next/prev arrays, from `head` (the oldest, matched first) to `tail`.
 */
export class LevelPool {
  /** The number of levels the arrays hold. */
  capacity = 0;
  /** The price, in ticks. */
  price = new Float64Array(0);
  /** The first (oldest) order, or NONE; free levels chain through it. */
  head = new Int32Array(0);
  /** The last (newest) order, or NONE. */
  tail = new Int32Array(0);
  /** The number of orders. */
  count = new Int32Array(0);
  /** The total open quantity, in quantity steps (at most 2^53 - 1: the book checks per side). */
  quantity = new Float64Array(0);
  private freeHead = NONE;

  constructor() {
    this.grow();
  }

  /** Makes sure {@link alloc} will not need to grow. */
  reserve(): void {
    if (this.freeHead === NONE) this.grow();
  }

  /** An empty level at `price`; {@link reserve} must have been called. */
  alloc(price: number): number {
    const lv = this.freeHead;
    this.freeHead = this.head[lv] as number;
    this.price[lv] = price;
    this.head[lv] = NONE;
    this.tail[lv] = NONE;
    this.count[lv] = 0;
    this.quantity[lv] = 0;
    return lv;
  }

  /** Returns an empty level to the free list. */
  release(lv: number): void {
    this.head[lv] = this.freeHead;
    this.freeHead = lv;
  }

  private grow(): void {
    const old = this.capacity;
    const capacity = old === 0 ? MIN_LEVELS : old * 2;
    this.price = growFloat64(this.price, capacity);
    this.head = growInt32(this.head, capacity);
    this.tail = growInt32(this.tail, capacity);
    this.count = growInt32(this.count, capacity);
    this.quantity = growFloat64(this.quantity, capacity);
    for (let lv = capacity - 1; lv >= old; lv--) {
      this.head[lv] = this.freeHead;
      this.freeHead = lv;
    }
    this.capacity = capacity;
  }
}

/**
 * One side's levels, sorted by key ascending so the best level is the LAST element: matching,
 * and most inserts and removals, happen at the end of the arrays, where they cost O(1). The key
 * is the price for bids and minus the price for asks, so "better" is "larger" on both sides.
 *
 * Lookups binary-search the keys, so any prices work without a band and without a ladder over
 * the absolute range (a VND price on a 0.0001 tick spans 10^7 ticks). A level that appears or
 * empties deep inside the book moves the levels above it by one: a memmove of 12 bytes per
 * level, a few microseconds even at ten thousand levels.
 */
export class SideLevels {
  /** The sort keys (price for bids, -price for asks), ascending. */
  keys = new Float64Array(MIN_LEVELS);
  /** The level handle at each position. */
  levels = new Int32Array(MIN_LEVELS);
  /** The number of levels. */
  length = 0;

  /** Makes sure one more level fits without growing mid-call. */
  reserve(): void {
    if (this.length === this.keys.length) {
      this.keys = growFloat64(this.keys, this.keys.length * 2);
      this.levels = growInt32(this.levels, this.levels.length * 2);
    }
  }

  /** The first position whose key is >= `key` (the length when there is none). */
  lowerBound(key: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts a level at position `i`; {@link reserve} must have been called. */
  insertAt(i: number, key: number, lv: number): void {
    const n = this.length;
    if (i < n) {
      this.keys.copyWithin(i + 1, i, n);
      this.levels.copyWithin(i + 1, i, n);
    }
    this.keys[i] = key;
    this.levels[i] = lv;
    this.length = n + 1;
  }

  /** Removes the level at position `i`. */
  removeAt(i: number): void {
    const n = this.length - 1;
    if (i < n) {
      this.keys.copyWithin(i, i + 1, n + 1);
      this.levels.copyWithin(i, i + 1, n + 1);
    }
    this.length = n;
  }

  /** Removes every level. */
  clear(): void {
    this.length = 0;
  }
}
