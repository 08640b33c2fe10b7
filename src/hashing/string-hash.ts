/**
 * The library's one string hash, for its hash tables (order ids in the book, the auction and the
 * market; transfer ids in the ledger) and for deriving seeds: FNV-1a over the UTF-16 code units,
 * then a finaliser. FNV-1a is a running hash, so a table that hashes `<prefix>/<n>` for many `n`
 * (the ledger's derived leg ids) continues from {@link fnv1a} of the prefix with
 * {@link fnv1aChar}. Deterministic: it depends on the text alone, in every process and version.
 */

/** FNV-1a's offset basis: the state before any character. */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The FNV-1a state after code unit `c`, from state `h`. */
export function fnv1aChar(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/** The FNV-1a state after the code units of `s` from `from` (default 0) up to `to` (default its end), from state `h`. */
export function fnv1a(s: string, h = FNV_OFFSET, from = 0, to = s.length): number {
  let state = h;
  for (let i = from; i < to; i++) state = Math.imul(state ^ s.charCodeAt(i), FNV_PRIME);
  return state;
}

/**
 * Murmur3's 32-bit finaliser: every output bit depends on every input bit, so the low bits that
 * pick a table slot (and the high bits that pick a bucket) are well mixed.
 */
export function mix32(state: number): number {
  let h = state;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The hash of a string for hash tables: `mix32(fnv1a(s))`, a signed 32-bit integer.
 * @example
 * ```ts
 * const slot = hashString('order-17') & (capacity - 1);
 * ```
 */
export function hashString(s: string): number {
  return mix32(fnv1a(s));
}
