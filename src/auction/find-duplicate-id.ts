import { I32, SCRATCH } from './scratch.js';

// A JS Set or Map of a million fresh strings costs several times a sort of a million numbers
// (measured: about 450 ms against 125 ms), and even for a hundred ids a new Map costs more than
// the rest of a small auction. So ids are hashed once (by the parser, while it reads them) and
// checked in an open-addressing table of positions kept in a reused Int32Array. Large inputs are
// first bucketed by the top bits of the hash, so each bucket's table stays in the cache.
const DIRECT_MAX = 4096;
const BUCKET_BITS = 11;

/** Ids by position: an array, or the chunks a parse keeps them in (`ChunkedNames`). */
export interface IdColumn {
  readonly length: number;
  at(i: number): string | undefined;
}

/**
 * The positions `[first, second]` of the earliest id that repeats (second is the smallest
 * position whose id occurs before it), or undefined when all ids differ. `hashes[i]` must be
 * {@link hashString} of `ids[i]`.
 */
export function findDuplicateId(ids: IdColumn, hashes: Int32Array): [number, number] | undefined {
  const n = ids.length;
  if (n < 2) return undefined;
  if (n <= DIRECT_MAX) {
    const cap = tableSize(n);
    const table = SCRATCH.int32(I32.TABLE, cap);
    table.fill(-1);
    for (let i = 0; i < n; i++) if (insert(table, cap - 1, i, undefined, hashes, ids)) return firstRepeat(ids);
    return undefined;
  }
  const buckets = 1 << BUCKET_BITS;
  const shift = 32 - BUCKET_BITS;
  const start = SCRATCH.int32(I32.STARTS, 2 * buckets + 1);
  start.fill(0, 0, buckets + 1);
  for (let i = 0; i < n; i++) {
    const b = ((hashes[i] as number) >>> shift) + 1;
    start[b] = (start[b] as number) + 1;
  }
  let largest = 0;
  for (let b = 0; b < buckets; b++) {
    const size = start[b + 1] as number;
    if (size > largest) largest = size;
    start[b + 1] = (start[b] as number) + size;
  }
  const heads = start.subarray(buckets + 1);
  heads.set(start.subarray(0, buckets));
  // Each order's position and hash are scattered together into bucket order, so that checking a
  // bucket reads only its own stretch of both arrays (sequential) and never the hash column by
  // position (a cache miss per order at a million orders, measured as most of this step's time).
  const byBucket = SCRATCH.int32(I32.BY_BUCKET, n);
  const hashInBucket = SCRATCH.int32(I32.BUCKET_HASH, n);
  for (let i = 0; i < n; i++) {
    const h = hashes[i] as number;
    const at = (heads[h >>> shift] as number)++;
    byBucket[at] = i;
    hashInBucket[at] = h;
  }
  const cap = tableSize(largest);
  const table = SCRATCH.int32(I32.TABLE, cap);
  for (let b = 0; b < buckets; b++) {
    const from = start[b] as number;
    const to = start[b + 1] as number;
    if (to - from < 2) continue;
    table.fill(-1);
    for (let k = from; k < to; k++) if (insert(table, cap - 1, k, byBucket, hashInBucket, ids)) return firstRepeat(ids);
  }
  return undefined;
}

function tableSize(n: number): number {
  let cap = 16;
  while (cap < n * 2) cap <<= 1;
  return cap;
}

/**
 * Inserts entry k (the order at position `at[k]`, or at k when `at` is undefined, with hash
 * `hash[k]`); true when an equal id is already in the table. The table holds entries, not
 * positions, so a probe compares hashes without leaving the entries' stretch of memory.
 */
function insert(table: Int32Array, mask: number, k: number, at: Int32Array | undefined, hash: Int32Array, ids: IdColumn): boolean {
  const h = hash[k] as number;
  let slot = h & mask;
  for (;;) {
    const j = table[slot] as number;
    if (j === -1) {
      table[slot] = k;
      return false;
    }
    if (hash[j] === h && (at === undefined ? ids.at(j) === ids.at(k) : ids.at(at[j] as number) === ids.at(at[k] as number))) return true;
    slot = (slot + 1) & mask;
  }
}

// Only the error path needs the earliest repeat; a simple scan finds it.
function firstRepeat(ids: IdColumn): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids.at(i) as string;
    const first = seen.get(id);
    if (first !== undefined) return [first, i];
    seen.set(id, i);
  }
  return undefined;
}

