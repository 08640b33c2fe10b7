const EMPTY = -1;
const DELETED = -2;

/**
 * The ledger's transfer-id index: maps each id to its transfer index (a non-negative integer)
 * and keeps the ids themselves, as UTF-16 code units in one growing typed array.
 *
 * Why not a `Map<string, number>` and an array of the caller's strings: at a million transfers
 * a Map lookup spends most of its time on cache misses comparing candidate keys, and every id
 * string the ledger keeps survives into the old generation, so each minor garbage collection
 * copies and rescans them. Here a lookup compares 32-bit hashes held side by side (open
 * addressing, linear probing) and reads a stored id only on a hash match, and the ids live
 * outside the garbage-collected heap. The profile of `npm run bench:ledger` showed both costs.
 */
export class IdIndex {
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(1024).fill(EMPTY);
  private mask = 1023;
  private live = 0;
  private used = 0; // live + deleted slots
  private chars = new Uint16Array(1 << 14);
  private charEnd = 0;
  /** Characters of deleted ids still in `chars` (only the newest ids give theirs back at once). */
  private wasted = 0;
  /**
   * A bit per hash of a parent: the text before the last '/' of an id whose last part is a leg
   * number (`collateral/o1/0` marks `collateral/o1`). Made on the first such id; bits are never
   * cleared (a deleted id only makes a later check slower, not wrong).
   */
  private parents: Int32Array | undefined;
  // Per value (transfer index): where its id starts in `chars`, and its length.
  private keyStart = new Int32Array(1024);
  private keyLength = new Int32Array(1024);
  // The last missed lookup, so that the insert that usually follows need not hash or probe again.
  private lastKey: string | undefined;
  private lastHash = 0;
  private lastSlot = 0;

  /** The number of ids held. */
  get size(): number {
    return this.live;
  }

  /** The value stored for `key`, or undefined. */
  get(key: string): number | undefined {
    const h = hashString(key);
    const hashes = this.hashes;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    let free = -1;
    for (;;) {
      const v = slots[i] as number;
      if (v === EMPTY) break;
      if (v === DELETED) {
        if (free < 0) free = i;
      } else if (hashes[i] === h && this.keyEquals(v, key)) {
        return v;
      }
      i = (i + 1) & mask;
    }
    this.lastKey = key;
    this.lastHash = h;
    this.lastSlot = free < 0 ? i : free;
    return undefined;
  }

  /**
   * The value stored for the id `<prefix>/<n>` (a batch leg's derived id), found without building
   * the string: `prefixState` is {@link derivedPrefixState} of `prefix`, so hashing costs only the
   * digits of `n`. Leaves the insert cache of {@link get} alone.
   */
  getDerived(prefix: string, prefixState: number, n: number): number | undefined {
    const h = finishHash(hashDigits(prefixState, n));
    const hashes = this.hashes;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[i] as number;
      if (v === EMPTY) return undefined;
      if (v !== DELETED && hashes[i] === h && this.keyIsDerived(v, prefix, n)) return v;
    }
  }

  /** Whether the id stored for `value` is `<prefix>/<n>`, compared without building it. */
  keyIsDerived(value: number, prefix: string, n: number): boolean {
    const p = prefix.length;
    const digits = digitCount(n);
    if (this.keyLength[value] !== p + 1 + digits) return false;
    const chars = this.chars;
    const start = this.keyStart[value] as number;
    for (let k = 0; k < p; k++) if (chars[start + k] !== prefix.charCodeAt(k)) return false;
    if (chars[start + p] !== SLASH) return false;
    for (let k = start + p + digits, rest = n; k > start + p; k--, rest = Math.floor(rest / 10)) {
      if (chars[k] !== 48 + (rest % 10)) return false;
    }
    return true;
  }

  /** Whether `key` is held. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The id stored for `value`. */
  keyOf(value: number): string {
    const start = this.keyStart[value] as number;
    const end = start + (this.keyLength[value] as number);
    let text = '';
    for (let p = start; p < end; p += 4096) {
      text += String.fromCharCode.apply(null, this.chars.subarray(p, Math.min(end, p + 4096)) as unknown as number[]);
    }
    return text;
  }

  /** Stores `value` (a non-negative integer, not held yet) for `key`, which must not be held. */
  insert(key: string, value: number): void {
    if ((this.used + 1) * 2 > this.slots.length) {
      this.rehash(this.live * 4 > this.slots.length ? this.slots.length * 2 : this.slots.length);
      this.lastKey = undefined;
    }
    if (this.lastKey !== key) this.get(key);
    const i = this.lastSlot;
    if (this.slots[i] === EMPTY) this.used++;
    this.hashes[i] = this.lastHash;
    this.slots[i] = value;
    this.live++;
    this.lastKey = undefined;
    this.storeKey(key, value);
  }

  /**
   * Removes `key` if held, returning its value. Deleting the most recently inserted ids, newest
   * first (as a refused batch does), also gives their characters back.
   */
  delete(key: string): number | undefined {
    const h = hashString(key);
    let i = h & this.mask;
    for (;;) {
      const v = this.slots[i] as number;
      if (v === EMPTY) return undefined;
      if (v !== DELETED && this.hashes[i] === h && this.keyEquals(v, key)) {
        this.slots[i] = DELETED;
        this.live--;
        this.lastKey = undefined;
        const start = this.keyStart[v] as number;
        const length = this.keyLength[v] as number;
        if (start + length === this.charEnd) this.charEnd = start;
        else this.wasted += length;
        // An index whose ids come and go (the market's open orders) would otherwise keep the
        // characters of every id it ever held.
        if (this.wasted > 1 << 16 && this.wasted * 2 > this.charEnd) this.compact();
        return v;
      }
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Whether any id held (or once held) might be `<prefix>/<n>` for a leg number n, `prefixHash`
   * being {@link parentHash} of the prefix. False means certainly not, so a batch's derived leg
   * ids need no look-up at all; true may be a false positive (a bit shared by another prefix).
   */
  mayHaveChildren(prefixHash: number): boolean {
    const bits = this.parents;
    return bits !== undefined && ((bits[(prefixHash >>> 5) & PARENT_MASK] as number) & (1 << (prefixHash & 31))) !== 0;
  }

  private markParent(prefixHash: number): void {
    const bits = (this.parents ??= new Int32Array(PARENT_MASK + 1));
    bits[(prefixHash >>> 5) & PARENT_MASK] = (bits[(prefixHash >>> 5) & PARENT_MASK] as number) | (1 << (prefixHash & 31));
  }

  /** Copies the live ids' characters into a new array, dropping those of deleted ids. */
  private compact(): void {
    const chars = new Uint16Array(Math.max(1 << 14, (this.charEnd - this.wasted) * 2));
    let end = 0;
    for (let j = 0; j < this.slots.length; j++) {
      const v = this.slots[j] as number;
      if (v < 0) continue;
      const start = this.keyStart[v] as number;
      const length = this.keyLength[v] as number;
      chars.set(this.chars.subarray(start, start + length), end);
      this.keyStart[v] = end;
      end += length;
    }
    this.chars = chars;
    this.charEnd = end;
    this.wasted = 0;
  }

  private keyEquals(v: number, key: string): boolean {
    const n = key.length;
    if (this.keyLength[v] !== n) return false;
    const chars = this.chars;
    const start = this.keyStart[v] as number;
    for (let k = 0; k < n; k++) if (chars[start + k] !== key.charCodeAt(k)) return false;
    return true;
  }

  private storeKey(key: string, value: number): void {
    const n = key.length;
    if (value >= this.keyStart.length) {
      let capacity = this.keyStart.length * 2;
      while (value >= capacity) capacity *= 2;
      const starts = new Int32Array(capacity);
      starts.set(this.keyStart);
      this.keyStart = starts;
      const lengths = new Int32Array(capacity);
      lengths.set(this.keyLength);
      this.keyLength = lengths;
    }
    let start = this.charEnd;
    if (start + n > this.chars.length) {
      let capacity = this.chars.length * 2;
      while (start + n > capacity) capacity *= 2;
      const chars = new Uint16Array(capacity);
      chars.set(this.chars.subarray(0, start));
      this.chars = chars;
    }
    const chars = this.chars;
    // While copying, hash the text before the last '/' and see whether what follows is a leg
    // number: then the id looks like a batch leg's derived id, and its parent is marked.
    let h = FNV_OFFSET;
    let parent = 0;
    let slash = -1;
    for (let k = 0; k < n; k++) {
      const c = key.charCodeAt(k);
      chars[start + k] = c;
      if (c === SLASH) {
        slash = k;
        parent = h;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (slash >= 0 && isLegNumber(key, slash + 1)) this.markParent(finishHash(parent));
    this.keyStart[value] = start;
    this.keyLength[value] = n;
    start += n;
    this.charEnd = start;
  }

  private rehash(capacity: number): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.used = this.live;
    for (let j = 0; j < oldSlots.length; j++) {
      const v = oldSlots[j] as number;
      if (v < 0) continue;
      const h = oldHashes[j] as number;
      let i = h & this.mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.slots[i] = v;
    }
  }
}

const FNV_OFFSET = 0x811c9dc5;
// 2^24 bits (2 MB): a million marked parents leave about one bit in sixteen set.
const PARENT_MASK = (1 << 19) - 1;
const FNV_PRIME = 0x01000193;
const SLASH = 47;

/** FNV-1a over the UTF-16 code units, with a final avalanche so linear probing spreads well. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return finishHash(h);
}

/**
 * The FNV-1a state after `<prefix>/`: FNV-1a is a running hash, so the hash of `<prefix>/<n>`
 * continues from it with the digits of `n` (see {@link IdIndex.getDerived}).
 */
export function derivedPrefixState(prefix: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ SLASH, FNV_PRIME);
}

const digitScratch = new Int32Array(16);

function hashDigits(state: number, n: number): number {
  // The digits least significant first, then hashed most significant first, in integer steps.
  let count = 0;
  let rest = n;
  do {
    const q = rest >= 0x80000000 ? Math.floor(rest / 10) : ((rest / 10) | 0);
    digitScratch[count++] = rest - q * 10;
    rest = q;
  } while (rest > 0);
  let h = state;
  while (count > 0) h = Math.imul(h ^ (48 + (digitScratch[--count] as number)), FNV_PRIME);
  return h;
}

function finishHash(state: number): number {
  let h = state;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** {@link IdIndex.mayHaveChildren}'s hash of a prefix: the FNV-1a hash of its text. */
export function parentHash(prefix: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), FNV_PRIME);
  return finishHash(h);
}

/** Whether `key` from `start` to its end is a leg number: canonical decimal digits. */
function isLegNumber(key: string, start: number): boolean {
  const n = key.length;
  if (start >= n || n - start > 10 || (key.charCodeAt(start) === 48 && n - start > 1)) return false;
  for (let i = start; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The number of decimal digits of a non-negative safe integer. */
export function digitCount(n: number): number {
  let d = 1;
  for (let p = 10; p <= n; p *= 10) d++;
  return d;
}
