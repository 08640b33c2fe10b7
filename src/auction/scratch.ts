/**
 * Reusable work arrays for one clearing at a time. A million-order auction needs tens of MB of
 * temporary columns; allocating them on every call makes V8 collect the caller's whole heap (the
 * orders themselves) for the external memory, which costs more than the clearing. Views handed
 * out here are not zeroed, must not outlive the step that borrowed them, and are all free again
 * before a mechanism runs (so a mechanism may even call clearAuction itself).
 */
export class Scratch {
  private readonly f64: (Float64Array | undefined)[] = [];
  private readonly i32: (Int32Array | undefined)[] = [];
  private readonly u8: (Uint8Array | undefined)[] = [];
  private zeros = new Int32Array(64);

  /** A Float64Array view of length `n` in slot `slot` (contents undefined). */
  float64(slot: number, n: number): Float64Array {
    let a = this.f64[slot];
    if (a === undefined || a.length < n) this.f64[slot] = a = new Float64Array(grow(a?.length ?? 0, n));
    return a.subarray(0, n);
  }

  /** An Int32Array view of length `n` in slot `slot` (contents undefined). */
  int32(slot: number, n: number): Int32Array {
    let a = this.i32[slot];
    if (a === undefined || a.length < n) this.i32[slot] = a = new Int32Array(grow(a?.length ?? 0, n));
    return a.subarray(0, n);
  }

  /** A Uint8Array view of length `n` in slot `slot` (contents undefined). */
  uint8(slot: number, n: number): Uint8Array {
    let a = this.u8[slot];
    if (a === undefined || a.length < n) this.u8[slot] = a = new Uint8Array(grow(a?.length ?? 0, n));
    return a.subarray(0, n);
  }

  /**
   * A shared, never-written Int32Array of `n` zeros: the zone column of auctions without zones.
   * Unlike the other views it may be kept (nothing ever writes it).
   */
  zeroInts(n: number): Int32Array {
    if (this.zeros.length < n) this.zeros = new Int32Array(grow(this.zeros.length, n));
    return this.zeros.subarray(0, n);
  }
}

function grow(have: number, need: number): number {
  return Math.max(need, Math.min(have * 2, need + (1 << 20)), 64);
}

/** Slots of {@link SCRATCH}: each names one use, so no two live views share a buffer. */
export const F64 = { PRICE: 0, QUANTITY: 1, KEYS: 2, KEYS_OUT: 3 } as const;
/** Int32 slots of {@link SCRATCH}. */
export const I32 = { ZONE: 0, MEMBERS: 1, ORDER_OUT: 2, COUNTS: 3, HASHES: 4, BY_BUCKET: 5, TABLE: 6, STARTS: 7, BY_INPUT: 8 } as const;
/** Uint8 slots of {@link SCRATCH}. */
export const U8 = { IS_BID: 0 } as const;

/** The one scratch area of the auction module. */
export const SCRATCH = new Scratch();
