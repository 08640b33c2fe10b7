import type { NormalisedOrders, NormalisedSide } from './normalised-orders.js';

// 8192 entries (64 KiB) per chunk: under V8's largest regular object (128 KiB), so a chunk is
// allocated like any small object. A flat array of a million entries is a large object instead,
// placed in freshly mapped memory on every call: measured, its first touch of ~2,000 pages was
// most of the parse of a million orders (see docs/auction-performance.md).
const CHUNK_BITS = 13;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/**
 * The ids or owners of an auction's orders by input position, as a parse of order objects keeps
 * them for the result: in chunks, flattened into one array only when something reads them as an
 * array (a custom mechanism, the trades, the fills). The result must own a copy (the caller may
 * change its orders afterwards); chunks make that copy cheap to take.
 */
export class ChunkedNames {
  readonly length: number;
  readonly #chunks: string[][] = [];
  #flat: string[] | undefined;

  constructor(n: number) {
    this.length = n;
    for (let from = 0; from < n; from += CHUNK) this.#chunks.push(new Array<string>(Math.min(CHUNK, n - from)));
  }

  /** Sets the name at position i (0 <= i < length). */
  set(i: number, name: string): void {
    (this.#chunks[i >>> CHUNK_BITS] as string[])[i & MASK] = name;
  }

  /** The name at position i, like `Array.prototype.at` for 0 <= i < length. */
  at(i: number): string | undefined {
    return this.#chunks[i >>> CHUNK_BITS]?.[i & MASK];
  }

  /** Every name as one array, built on the first call and the same array after. */
  toArray(): string[] {
    if (this.#flat !== undefined) return this.#flat;
    const flat = new Array<string>(this.length);
    let i = 0;
    for (const chunk of this.#chunks) for (const name of chunk) flat[i++] = name;
    return (this.#flat = flat);
  }
}

/** Ids or owners by input position: the caller's array (integer way in) or chunks (decimal way in). */
export type OrderNames = string[] | ChunkedNames;

/** The names as one array. */
export function namesArray(names: OrderNames): string[] {
  return names instanceof ChunkedNames ? names.toArray() : names;
}

/**
 * {@link NormalisedOrders} whose ids and owners are read as arrays only on demand: a built-in
 * mechanism that prices and sizes the trades never needs them, and a million-entry array costs
 * more than the rest of such a clearing.
 */
export class SortedOrders implements NormalisedOrders {
  readonly #ids: OrderNames;
  readonly #owners: OrderNames;

  constructor(
    readonly bids: NormalisedSide,
    readonly asks: NormalisedSide,
    ids: OrderNames,
    owners: OrderNames,
  ) {
    this.#ids = ids;
    this.#owners = owners;
  }

  /** Every order's id, by input position. */
  get ids(): readonly string[] {
    return namesArray(this.#ids);
  }

  /** Every order's owner, by input position. */
  get owners(): readonly string[] {
    return namesArray(this.#owners);
  }
}
