import { fnv1a, fnv1aChar, FNV_OFFSET, hashString, mix32 } from '../hashing/string-hash.js';

// A table entry's value slot holds the value + 1, so that a fresh (zeroed) table is all EMPTY:
// growing it needs no fill, and its pages are touched only as entries arrive.
const EMPTY = 0;
const DELETED = -1;

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
  // Entry i is table[2i] (the hash) and table[2i + 1] (value + 1, EMPTY or DELETED): a probe
  // reads one cache line, not one in a hash array and another in a value array.
  private table = emptyTable(1024);
  private mask = 1023;
  private live = 0;
  private used = 0; // live + deleted slots
  // The ids' text: one byte a character when every character of an id is below 256 (ids are
  // nearly always ASCII: half the memory, and half the fresh pages to touch, of UTF-16), else
  // UTF-16 code units as byte pairs (low byte first).
  private chars = new Uint8Array(1 << 15);
  private charEnd = 0;
  /** Bytes of deleted ids still in `chars` (only the newest ids give theirs back at once). */
  private wasted = 0;
  /**
   * A bit per hash of a family: the text before the first '/' of an id whose last part is a leg
   * number (`collateral/o1/0` marks `collateral`). An id `<B>/<n>` is in the family of `B`'s first
   * part, so a batch whose family has no bit has no explicit id among its derived ones. Families
   * are few (a market's ledger marks `collateral`), so the bits stay in cache; one bit per id's
   * parent would be a cache miss per insert at a million ids. Bits are never cleared (a deleted
   * id only makes a later check slower, not wrong).
   */
  private readonly families = new Int32Array(FAMILY_MASK + 1);
  // Per value (transfer index): where its id starts in `chars`, and its length in bytes, negative
  // for an id stored as byte pairs.
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
    const table = this.table;
    const mask = this.mask;
    let i = h & mask;
    let free = -1;
    for (;;) {
      const v = (table[2 * i + 1] as number) - 1;
      if (v === EMPTY - 1) break;
      if (v === DELETED - 1) {
        if (free < 0) free = i;
      } else if (table[2 * i] === h && this.keyEquals(v, key)) {
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
    const h = mix32(hashDigits(prefixState, n));
    const table = this.table;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = (table[2 * i + 1] as number) - 1;
      if (v === EMPTY - 1) return undefined;
      if (v !== DELETED - 1 && table[2 * i] === h && this.keyIsDerived(v, prefix, n)) return v;
    }
  }

  /** Whether the id stored for `value` is `<prefix>/<n>`, compared without building it. */
  keyIsDerived(value: number, prefix: string, n: number): boolean {
    const p = prefix.length;
    const digits = digitCount(n);
    const length = this.keyLength[value] as number;
    const wide = length < 0;
    if ((wide ? -length / 2 : length) !== p + 1 + digits) return false;
    const start = this.keyStart[value] as number;
    for (let k = 0; k < p; k++) if (this.charAt(start, wide, k) !== prefix.charCodeAt(k)) return false;
    if (this.charAt(start, wide, p) !== SLASH) return false;
    for (let k = p + digits, rest = n; k > p; k--, rest = Math.floor(rest / 10)) {
      if (this.charAt(start, wide, k) !== 48 + (rest % 10)) return false;
    }
    return true;
  }

  /** The `k`-th character of the id stored from `start`. */
  private charAt(start: number, wide: boolean, k: number): number {
    const chars = this.chars;
    return wide ? (chars[start + 2 * k] as number) | ((chars[start + 2 * k + 1] as number) << 8) : (chars[start + k] as number);
  }

  /** Whether `key` is held. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The id stored for `value`. */
  keyOf(value: number): string {
    const start = this.keyStart[value] as number;
    const length = this.keyLength[value] as number;
    if (length < 0) {
      let text = '';
      for (let k = 0; k < -length / 2; k++) text += String.fromCharCode(this.charAt(start, true, k));
      return text;
    }
    const end = start + length;
    let text = '';
    for (let p = start; p < end; p += 4096) {
      text += String.fromCharCode.apply(null, this.chars.subarray(p, Math.min(end, p + 4096)) as unknown as number[]);
    }
    return text;
  }

  /** Makes room for `count` more ids without a rehash on the way (a capacity hint, as when a checkpoint is restored). */
  reserve(count: number): void {
    const need = (this.used + count) * 2;
    let capacity = this.mask + 1;
    if (need <= capacity) return;
    while (capacity < need) capacity *= 2;
    this.rehash(capacity);
    this.lastKey = undefined;
  }

  /** Stores `value` (a non-negative integer, not held yet) for `key`, which must not be held. */
  insert(key: string, value: number): void {
    const capacity = this.mask + 1;
    if ((this.used + 1) * 2 > capacity) {
      this.rehash(this.live * 4 > capacity ? capacity * 2 : capacity);
      this.lastKey = undefined;
    }
    if (this.lastKey !== key) this.get(key);
    const i = this.lastSlot;
    if (this.table[2 * i + 1] === EMPTY) this.used++;
    this.table[2 * i] = this.lastHash;
    this.table[2 * i + 1] = value + 1;
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
      const v = (this.table[2 * i + 1] as number) - 1;
      if (v === EMPTY - 1) return undefined;
      if (v !== DELETED - 1 && this.table[2 * i] === h && this.keyEquals(v, key)) {
        this.table[2 * i + 1] = DELETED;
        this.live--;
        this.lastKey = undefined;
        const start = this.keyStart[v] as number;
        const length = Math.abs(this.keyLength[v] as number);
        if (start + length === this.charEnd) this.charEnd = start;
        else this.wasted += length;
        // An index whose ids come and go would otherwise keep the characters of every id it
        // ever held.
        if (this.wasted > 1 << 16 && this.wasted * 2 > this.charEnd) this.compact();
        return v;
      }
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Whether any id held (or once held) might be `<prefix>/<n>` for a leg number n, `prefixHash`
   * being {@link familyHash} of the prefix. False means certainly not, so a batch's derived leg
   * ids need no look-up at all; true may be a false positive.
   */
  mayHaveChildren(prefixHash: number): boolean {
    return ((this.families[(prefixHash >>> 5) & FAMILY_MASK] as number) & (1 << (prefixHash & 31))) !== 0;
  }

  private markFamily(hash: number): void {
    const i = (hash >>> 5) & FAMILY_MASK;
    this.families[i] = (this.families[i] as number) | (1 << (hash & 31));
  }

  /**
   * Drops every id whose value is not marked in `keep` (a byte per value, 1 to keep), in a few
   * passes over typed arrays (for a caller that retires ids lazily: it marks values dead, and
   * rebuilds now and then instead of deleting each id with a look-up). Values stay as they are.
   */
  retain(keep: Uint8Array): void {
    const old = this.table;
    let live = 0;
    for (let j = 1; j < old.length; j += 2) {
      const v = (old[j] as number) - 1;
      if (v < 0) continue;
      if (keep[v] === 1) live++;
      else old[j] = DELETED;
    }
    let capacity = 1024;
    while (capacity < live * 4) capacity *= 2;
    this.live = live;
    this.rehash(capacity);
    this.lastKey = undefined;
    this.packChars(keep);
  }

  /** Copies the live ids' characters into a new array, dropping those of deleted ids. */
  private compact(): void {
    const keep = new Uint8Array(this.keyStart.length);
    for (let j = 1; j < this.table.length; j += 2) {
      const v = (this.table[j] as number) - 1;
      if (v >= 0) keep[v] = 1;
    }
    this.packChars(keep);
  }

  /**
   * Copies the characters of the values marked in `keep` into a new array, in value order: values
   * were handed out in arrival order, so this copies (nearly) front to back instead of jumping
   * about in table order.
   */
  private packChars(keep: Uint8Array): void {
    let total = 0;
    const values = Math.min(keep.length, this.keyStart.length);
    for (let v = 0; v < values; v++) if (keep[v] === 1) total += Math.abs(this.keyLength[v] as number);
    const chars = new Uint8Array(Math.max(1 << 15, total * 2));
    let end = 0;
    for (let v = 0; v < values; v++) {
      if (keep[v] !== 1) continue;
      const start = this.keyStart[v] as number;
      const length = Math.abs(this.keyLength[v] as number);
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
    const length = this.keyLength[v] as number;
    const start = this.keyStart[v] as number;
    const chars = this.chars;
    if (length >= 0) {
      if (length !== n) return false;
      for (let k = 0; k < n; k++) if (chars[start + k] !== key.charCodeAt(k)) return false;
      return true;
    }
    if (-length !== 2 * n) return false;
    for (let k = 0; k < n; k++) if (this.charAt(start, true, k) !== key.charCodeAt(k)) return false;
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
    const start = this.charEnd;
    this.reserveChars(start + n);
    let chars = this.chars;
    let k = 0;
    for (; k < n; k++) {
      const c = key.charCodeAt(k);
      if (c > 255) break;
      chars[start + k] = c;
    }
    const wide = k < n;
    const bytes = wide ? 2 * n : n;
    if (wide) {
      this.reserveChars(start + bytes);
      chars = this.chars;
      for (k = 0; k < n; k++) {
        const c = key.charCodeAt(k);
        chars[start + 2 * k] = c & 0xff;
        chars[start + 2 * k + 1] = c >>> 8;
      }
    }
    // An id whose last part is a leg number looks like a batch leg's derived id: mark its family.
    const slash = key.lastIndexOf('/');
    if (slash >= 0 && isLegNumber(key, slash + 1)) this.markFamily(familyHash(key));
    this.keyStart[value] = start;
    this.keyLength[value] = wide ? -bytes : bytes;
    this.charEnd = start + bytes;
  }

  /** Grows `chars` to hold at least `end` bytes. */
  private reserveChars(end: number): void {
    if (end <= this.chars.length) return;
    let capacity = this.chars.length * 2;
    while (end > capacity) capacity *= 2;
    const chars = new Uint8Array(capacity);
    chars.set(this.chars.subarray(0, this.charEnd));
    this.chars = chars;
  }

  private rehash(capacity: number): void {
    const old = this.table;
    const table = emptyTable(capacity);
    const mask = capacity - 1;
    this.table = table;
    this.mask = mask;
    this.used = this.live;
    for (let j = 0; j < old.length; j += 2) {
      const stored = old[j + 1] as number;
      if (stored <= EMPTY) continue; // EMPTY or DELETED
      const h = old[j] as number;
      let i = h & mask;
      while (table[2 * i + 1] !== EMPTY) i = (i + 1) & mask;
      table[2 * i] = h;
      table[2 * i + 1] = stored;
    }
  }
}

/** A table of `capacity` entries, every one EMPTY (zero). */
function emptyTable(capacity: number): Int32Array {
  return new Int32Array(2 * capacity);
}

// 2^16 bits (8 KB).
const FAMILY_MASK = (1 << 11) - 1;
const SLASH = 47;

/**
 * The FNV-1a state after `<prefix>/`: FNV-1a is a running hash, so the hash of `<prefix>/<n>`
 * continues from it with the digits of `n` (see {@link IdIndex.getDerived}).
 */
export function derivedPrefixState(prefix: string): number {
  return fnv1aChar(fnv1a(prefix), SLASH);
}

// Re-entrancy: used only inside hashDigits, which runs no user code.
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
  while (count > 0) h = fnv1aChar(h, 48 + (digitScratch[--count] as number));
  return h;
}

/** {@link IdIndex.mayHaveChildren}'s hash of a prefix: the string hash of its text up to its first '/'. */
export function familyHash(prefix: string): number {
  const slash = prefix.indexOf('/');
  return mix32(fnv1a(prefix, FNV_OFFSET, 0, slash < 0 ? prefix.length : slash));
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
