/**
 * Reusable work arrays for one clearing at a time. A million-order auction needs tens of MB of
 * temporary columns; allocating them on every call makes V8 collect the caller's whole heap (the
 * orders themselves) for the external memory, which costs more than the clearing. Views handed
 * out here are not zeroed and must not outlive the step that borrowed them.
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
export const I32 = { ZONE: 0, MEMBERS: 1, ORDER_OUT: 2, COUNTS: 3, HASHES: 4, BY_BUCKET: 5, TABLE: 6, STARTS: 7, BY_INPUT: 8, HASH_BY_BUCKET: 9 } as const;
/** Uint8 slots of {@link SCRATCH}. */
export const U8 = { IS_BID: 0 } as const;

/**
 * The auction module's scratch areas, one per level of nesting. A clearing works on its own level
 * between {@link ScratchLevels.enter} and {@link ScratchLevels.leave}: user code that runs inside
 * (a getter of an order read while parsing, a custom mechanism that clears another auction)
 * enters a level of its own, so no two running clearings ever share a buffer. Levels are kept
 * for reuse (as many as the deepest nesting seen), so the steady state allocates nothing.
 */
class ScratchLevels {
  // Level 0 serves the helpers when called directly (their unit tests); every entry point of the
  // library (clearAuction, clearAuctionSteps, huang) enters a level of its own.
  private readonly levels: Scratch[] = [new Scratch()];
  private depth = 0;
  private current: Scratch = this.levels[0] as Scratch;

  /** Takes the next level for the calling clearing; pair with {@link leave} in a `finally`. */
  enter(): void {
    const d = ++this.depth;
    this.current = this.levels[d] ??= new Scratch();
  }

  /** Gives the level taken by {@link enter} back. */
  leave(): void {
    this.current = this.levels[--this.depth] as Scratch;
  }

  private level(): Scratch {
    return this.current;
  }

  /** A Float64Array view of length `n` in slot `slot` of the current level (contents undefined). */
  float64(slot: number, n: number): Float64Array {
    return this.level().float64(slot, n);
  }

  /** An Int32Array view of length `n` in slot `slot` of the current level (contents undefined). */
  int32(slot: number, n: number): Int32Array {
    return this.level().int32(slot, n);
  }

  /** A Uint8Array view of length `n` in slot `slot` of the current level (contents undefined). */
  uint8(slot: number, n: number): Uint8Array {
    return this.level().uint8(slot, n);
  }

  /** `n` zeros that are never written, and so may be kept (see {@link Scratch.zeroInts}). */
  zeroInts(n: number): Int32Array {
    return this.level().zeroInts(n);
  }
}

/** The scratch areas of the auction module (see {@link ScratchLevels}). */
export const SCRATCH = new ScratchLevels();
