/** The size of one slab: a few small auctions' sorted sides and fills. */
const SLAB_BYTES = 16 * 1024;
/** Larger requests get an ArrayBuffer of their own (a slab would then hold little else). */
const OWN_MAX = 4 * 1024;

/** A region of an ArrayBuffer: where a clearing lays out arrays its result keeps. */
export interface Region {
  readonly buffer: ArrayBuffer;
  /** The region's first byte in `buffer` (a multiple of 8). */
  readonly offset: number;
}

// The current slab and how much of it is handed out. Module state, but never scratch: a region
// is handed out once and never again, so a clearing run inside another (user code: a custom
// mechanism) only takes the next region, and no two results share a byte.
let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/**
 * A zeroed region of `bytes` bytes for arrays a clearing result keeps (sorted sides, fills).
 * A market's gate clears many small auctions (a district: one per feeder, tens of orders each),
 * and every ArrayBuffer is an allocation outside the heap that the garbage collector tracks: made
 * one per array, they cost more than the sort. Small regions are carved from a shared 16 KB slab
 * by a bump offset; a slab lives while any result holding a region of it does (a small result
 * kept alone keeps its regions' slabs alive: its sorted sides and its fills may fall in two, so up
 * to 32 KB). Requests over 4 KB get a buffer of their own. A caller that transfers such an array's
 * `.buffer` to a worker detaches the whole slab: the library never does.
 * @internal
 */
export function slabRegion(bytes: number): Region {
  // Rounded up to 8 bytes, so that every region can start with Float64 views.
  const size = Math.ceil(bytes / 8) * 8;
  if (size > OWN_MAX) return { buffer: new ArrayBuffer(size), offset: 0 };
  if (used + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const offset = used;
  used += size;
  return { buffer: slab, offset };
}
