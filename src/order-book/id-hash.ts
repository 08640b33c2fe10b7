import { mix32 } from '../hashing/string-hash.js';

/**
 * The hash of an order id for the book's id index ({@link StoreIdIndex}): FNV-1a's multiply
 * over two UTF-16 code units at a time, then Murmur3's finaliser. The book hashes every id twice
 * in its life (submit, and the cancel or fill that removes it), and the one-unit-a-time
 * `hashString` chain of dependent multiplies was the largest single cost of a cancel;
 * two units a step halves that chain. The hash only places ids in the index's slots (a hash hit
 * is always confirmed by comparing the strings), so it is never stored, hashed into a state hash
 * or snapshot, and a weaker spread than `hashString` can cost a probe, never a wrong answer.
 */
export function hashId(s: string): number {
  const n = s.length;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}
