import { I32, SCRATCH } from './scratch.js';

// A JS Set or Map of a million fresh strings costs several times a sort of a million numbers
// (measured: about 450 ms against 125 ms), and even for a hundred ids a new Map costs more than
// the rest of a small auction. So ids are hashed once (by the parser, while it reads them) and
// checked in an open-addressing table of positions kept in a reused Int32Array. Large inputs are
// first bucketed by the top bits of the hash, so each bucket's table stays in the cache.
const DIRECT_MAX = 4096;
const BUCKET_BITS = 11;

/**
 * The positions `[first, second]` of the earliest id that repeats (second is the smallest
 * position whose id occurs before it), or undefined when all ids differ. `hashes[i]` must be
 * {@link hashString} of `ids[i]`.
 */
export function findDuplicateId(ids: readonly string[], hashes: Int32Array): [number, number] | undefined {
  const n = ids.length;
  if (n < 2) return undefined;
  if (n <= DIRECT_MAX) {
    const cap = tableSize(n);
    const table = SCRATCH.int32(I32.TABLE, cap);
    table.fill(-1);
    for (let i = 0; i < n; i++) if (insert(table, cap - 1, i, ids, hashes)) return firstRepeat(ids);
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
  // Positions and their hashes, both in bucket order: a bucket's table then reads its hashes
  // sequentially instead of jumping about the whole hash column.
  const byBucket = SCRATCH.int32(I32.BY_BUCKET, n);
  const hashByBucket = SCRATCH.int32(I32.HASH_BY_BUCKET, n);
  for (let i = 0; i < n; i++) {
    const h = hashes[i] as number;
    const at = (heads[h >>> shift] as number)++;
    byBucket[at] = i;
    hashByBucket[at] = h;
  }
  const cap = tableSize(largest);
  const table = SCRATCH.int32(I32.TABLE, cap);
  for (let b = 0; b < buckets; b++) {
    const from = start[b] as number;
    const to = start[b + 1] as number;
    if (to - from < 2) continue;
    table.fill(-1);
    for (let k = from; k < to; k++) if (insertSorted(table, cap - 1, k, byBucket, hashByBucket, ids)) return firstRepeat(ids);
  }
  return undefined;
}

/** {@link insert} for bucket order: inserts bucket position k; true when an equal id is already in. */
function insertSorted(table: Int32Array, mask: number, k: number, byBucket: Int32Array, hashByBucket: Int32Array, ids: readonly string[]): boolean {
  const h = hashByBucket[k] as number;
  let slot = h & mask;
  for (;;) {
    const j = table[slot] as number;
    if (j === -1) {
      table[slot] = k;
      return false;
    }
    if (hashByBucket[j] === h && ids[byBucket[j] as number] === ids[byBucket[k] as number]) return true;
    slot = (slot + 1) & mask;
  }
}

function tableSize(n: number): number {
  let cap = 16;
  while (cap < n * 2) cap <<= 1;
  return cap;
}

/** Inserts position i; true when an equal id is already in the table. */
function insert(table: Int32Array, mask: number, i: number, ids: readonly string[], hashes: Int32Array): boolean {
  const h = hashes[i] as number;
  let slot = h & mask;
  for (;;) {
    const j = table[slot] as number;
    if (j === -1) {
      table[slot] = i;
      return false;
    }
    if (hashes[j] === h && ids[j] === ids[i]) return true;
    slot = (slot + 1) & mask;
  }
}

// Only the error path needs the earliest repeat; a simple scan finds it.
function firstRepeat(ids: readonly string[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    const first = seen.get(id);
    if (first !== undefined) return [first, i];
    seen.set(id, i);
  }
  return undefined;
}

