import { I32, SCRATCH } from './scratch.js';

// Below this, a Set is fastest; above it, a Set of a million fresh strings costs several times a
// sort of a million numbers (measured: about 450 ms against 125 ms), so ids are hashed, bucketed
// by the top bits of the hash and checked bucket by bucket in a small, cache-resident table.
const SMALL = 2048;
const BUCKET_BITS = 11;

/** Whether {@link findDuplicateId} wants the ids' hashes (computed by the caller while it reads them). */
export function wantsHashes(n: number): boolean {
  return n >= SMALL;
}

/**
 * The positions `[first, second]` of the earliest id that repeats (second is the smallest
 * position whose id occurs before it), or undefined when all ids differ. `hashes` holds
 * {@link hashString} of every id when {@link wantsHashes}; it is computed here otherwise.
 */
export function findDuplicateId(ids: readonly string[], hashes?: Int32Array): [number, number] | undefined {
  const n = ids.length;
  if (n < SMALL) return firstRepeat(ids);
  if (hashes === undefined) {
    hashes = SCRATCH.int32(I32.HASHES, n);
    for (let i = 0; i < n; i++) hashes[i] = hashString(ids[i] as string);
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
  const byBucket = SCRATCH.int32(I32.BY_BUCKET, n);
  for (let i = 0; i < n; i++) byBucket[(heads[(hashes[i] as number) >>> shift] as number)++] = i;
  let cap = 16;
  while (cap < largest * 2) cap <<= 1;
  const mask = cap - 1;
  const table = SCRATCH.int32(I32.TABLE, cap);
  for (let b = 0; b < buckets; b++) {
    const from = start[b] as number;
    const to = start[b + 1] as number;
    if (to - from < 2) continue;
    table.fill(-1);
    for (let k = from; k < to; k++) {
      const i = byBucket[k] as number;
      const h = hashes[i] as number;
      let slot = h & mask;
      for (;;) {
        const j = table[slot] as number;
        if (j === -1) {
          table[slot] = i;
          break;
        }
        // Only the error path needs the earliest repeat; find it with the simple scan.
        if (hashes[j] === h && ids[j] === ids[i]) return firstRepeat(ids);
        slot = (slot + 1) & mask;
      }
    }
  }
  return undefined;
}

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

/** FNV-1a over UTF-16 code units with a final avalanche, so the top bits are well mixed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
