/**
 * An incremental, stable 64-bit hash of a sequence of values, for `stateHash()` methods: two
 * states hash equal exactly when they fed the same values in the same order (up to collisions,
 * about 2^-32 per pair even for adversarial input; this is not a cryptographic hash).
 * It depends on nothing but the values, so the same state gives the same hash on every machine,
 * in every process, in any Node version.
 */
export class StateHasher {
  // Two independent 32-bit lanes (murmur3-style mixing with different seeds).
  private a = 0x9747b28c;
  private b = 0x85ebca6b;
  private count = 0;

  /** Feeds a 32-bit chunk. */
  private word(w: number): void {
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    this.a ^= k;
    this.a = (this.a << 13) | (this.a >>> 19);
    this.a = (Math.imul(this.a, 5) + 0xe6546b64) | 0;
    let j = Math.imul(w ^ 0x5bd1e995, 0x85ebca77);
    j = (j << 17) | (j >>> 15);
    j = Math.imul(j, 0xc2b2ae3d);
    this.b ^= j;
    this.b = (this.b << 11) | (this.b >>> 21);
    this.b = (Math.imul(this.b, 9) + 0x27d4eb2f) | 0;
    this.count++;
  }

  /** Feeds a number. Safe integers hash by value; any other number by its text. */
  number(n: number): this {
    if (Number.isSafeInteger(n)) {
      this.word(1);
      this.word(n | 0);
      this.word(Math.floor(n / 4294967296) | 0);
    } else {
      this.string(String(n));
    }
    return this;
  }

  /** Feeds a bigint, by its decimal text. */
  bigint(n: bigint): this {
    this.word(2);
    return this.string(n.toString());
  }

  /** Feeds a string: its length, then its UTF-16 code units. */
  string(s: string): this {
    this.word(3);
    this.word(s.length);
    let i = 0;
    for (; i + 1 < s.length; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < s.length) this.word(s.charCodeAt(i));
    return this;
  }

  /** Feeds a boolean. */
  boolean(v: boolean): this {
    this.word(v ? 5 : 4);
    return this;
  }

  /** Feeds undefined or null as a distinct marker (an optional field that is absent). */
  absent(): this {
    this.word(6);
    return this;
  }

  /** The hash of everything fed so far, as 16 lowercase hex digits. Feeding may continue. */
  digest(): string {
    let a = this.a ^ this.count;
    let b = this.b ^ this.count;
    a = fmix(a + b);
    b = fmix(b + a);
    return hex(a) + hex(b);
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
