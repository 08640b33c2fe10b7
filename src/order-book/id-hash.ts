/**
 * The hash of an order id for the book's id index ({@link StoreIdIndex}): FNV-1a's multiply
 * over two UTF-16 code units at a time, then a one-multiply finaliser (xor-shift 16, multiply,
 * xor-shift 15: the first round of Wellons' lowbias32). The book hashes every id twice
 * in its life (submit, and the cancel or fill that removes it), and the one-unit-a-time
 * `hashString` chain of dependent multiplies was the largest single cost of a cancel;
 * two units a step halves that chain. The hash only places ids in the index's slots (a hash hit
 * is always confirmed by comparing the strings), so it is never stored, hashed into a state hash
 * or snapshot, and a weaker spread than `hashString` can cost a probe, never a wrong answer.
 * The finaliser folds the high bits, which the multiplies filled, into the low bits that pick a
 * slot; Murmur3's two-multiply finaliser (`mix32`) measured about 3% slower over the whole
 * benchmark workload, for the same probe lengths (1.16 slots an insert on windows of 1,000 to
 * 4,000 sequential ids at a quarter full, with either finaliser): the hash is on the path of
 * every lookup.
 */
export function hashId(s: string): number {
  const n = s.length;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}
