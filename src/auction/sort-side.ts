import { slabRegion } from './buffer-slab.js';
import type { NormalisedSide } from './normalised-orders.js';
import type { ParsedOrders } from './order-columns.js';
import { F64, I32, SCRATCH, type Scratch } from './scratch.js';

/** Where a sort takes its work arrays: the calling clearing's level of {@link SCRATCH}, or a {@link Scratch}. */
type ScratchArea = Pick<Scratch, 'float64' | 'int32'>;

// Sides this small are sorted by insertion: no table to clear, a thousand comparisons at most.
// (Measured: as fast as the engine's native sort of packed keys, and simpler.)
const SMALL_MAX = 64;
// A counting sort clears and scans one counter per tick of the price range: worth it while the
// range is not much larger than the number of orders.
const COUNTING_SLACK = 1024;
// A forced counting sort (tests only) still never allocates more than this many counters.
const COUNTING_CAP = 1 << 22;

/**
 * Which way {@link sortSide} orders a side: `auto` chooses from the price range and order count;
 * `counting` forces the histogram wherever the range is within a fixed memory cap; `keyed` forces
 * the path for wide ranges (insertion or LSD radix on the key), never a histogram. Every path
 * gives the same order: tests force each one and compare.
 * @internal
 */
export type SideOrdering = 'auto' | 'counting' | 'keyed';

// A mode flag, not a buffer: a re-entrant call can only see which (equivalent) path is used.
let forced: SideOrdering = 'auto';

/**
 * Forces how sides are ordered until called again (tests compare the paths on the same orders).
 * Returns the previous mode, to restore it.
 * @internal
 */
export function forceSideOrdering(mode: SideOrdering): SideOrdering {
  const was = forced;
  forced = mode;
  return was;
}

/** Whether a side of `count` orders over `range` ticks is ordered by a histogram. */
function useCounting(count: number, range: number): boolean {
  if (forced === 'counting') return count > 0 && range <= COUNTING_CAP;
  if (forced === 'keyed') return false;
  // Counters are bounded by the order count, never by the prices alone.
  return count > SMALL_MAX && range <= 2 * count + COUNTING_SLACK;
}

/**
 * One side of the orders, sorted best first (bids by price descending, asks ascending), ties by
 * input position: a stable sort on a key that is the price (asks) or its negation (bids). No
 * comparison sort on the large path: a counting sort over the price range when it is reasonable
 * (the usual case: prices on a tick within a band), else an LSD radix sort of the key offsets.
 * Small sides (up to 64 orders) are sorted by insertion. The side's arrays are `into`'s when
 * given (of this side's count; see {@link sortSides}), else a new buffer's. Work arrays come
 * from `scratch`: by default the calling clearing's level of SCRATCH (a mechanism that clears
 * again inside a clearing enters a level of its own), so nothing here is shared across running
 * clearings.
 */
export function sortSide(parsed: ParsedOrders, bids: boolean, scratch: ScratchArea = SCRATCH, into?: NormalisedSide): NormalisedSide {
  const count = bids ? parsed.bidCount : parsed.askCount;
  // Keys ascending: for bids, max - price; for asks, price - min. Both are in [0, range].
  const base = bids ? parsed.bidMax : parsed.askMin;
  const sign = bids ? -1 : 1;
  const range = count === 0 ? 0 : bids ? parsed.bidMax - parsed.bidMin : parsed.askMax - parsed.askMin;
  if (useCounting(count, range)) return countingSide(parsed, bids, count, base, sign, range, scratch, into);
  const { isBid, price, quantity, zone } = parsed;
  const want = bids ? 1 : 0;
  const members = scratch.int32(I32.MEMBERS, count);
  let m = 0;
  for (let i = 0; i < parsed.count && m < count; i++) if (isBid[i] === want) members[m++] = i;
  const side = into ?? allocateSide(count, zone !== undefined);
  const { input, price: sortedPrice, quantity: sortedQuantity } = side;
  input.set(count > SMALL_MAX ? radixSort(members, price, base, sign, range, scratch) : insertionSort(members, price, base, sign));
  for (let k = 0; k < count; k++) {
    const i = input[k] as number;
    sortedPrice[k] = price[i] as number;
    sortedQuantity[k] = quantity[i] as number;
  }
  gatherZones(zone, side);
  return side;
}

/**
 * Both sides of the orders, sorted (see {@link sortSide}), their arrays in one region of a
 * shared buffer ({@link slabRegion}): a market's gate clears many small auctions (a district's
 * feeders: tens of orders each), where allocating an ArrayBuffer (outside the heap, tracked by
 * the garbage collector) per side cost more than the sort.
 */
export function sortSides(parsed: ParsedOrders, scratch: ScratchArea = SCRATCH): { bids: NormalisedSide; asks: NormalisedSide } {
  const nb = parsed.bidCount;
  const na = parsed.askCount;
  const n = nb + na;
  const zoned = parsed.zone !== undefined;
  // The Float64 columns first (the region is 8-byte aligned), then the Int32 ones.
  const { buffer, offset } = slabRegion(n * (zoned ? 24 : 20));
  const side = (count: number, f64: number, i32: number): NormalisedSide => ({
    count,
    price: new Float64Array(buffer, offset + 8 * f64, count),
    quantity: new Float64Array(buffer, offset + 8 * (n + f64), count),
    input: new Int32Array(buffer, offset + 16 * n + 4 * i32, count),
    zone: zoned ? new Int32Array(buffer, offset + 20 * n + 4 * i32, count) : SCRATCH.zeroInts(count),
  });
  return { bids: sortSide(parsed, true, scratch, side(nb, 0, 0)), asks: sortSide(parsed, false, scratch, side(na, nb, nb)) };
}

/**
 * The arrays of a side in one ArrayBuffer: a small auction allocates one buffer per side
 * instead of four (each typed array with its own buffer costs an allocation and external memory
 * the garbage collector tracks).
 */
function allocateSide(count: number, zoned: boolean): NormalisedSide {
  const buffer = new ArrayBuffer(count * (zoned ? 24 : 20));
  return {
    count,
    price: new Float64Array(buffer, 0, count),
    quantity: new Float64Array(buffer, 8 * count, count),
    input: new Int32Array(buffer, 16 * count, count),
    zone: zoned ? new Int32Array(buffer, 20 * count, count) : SCRATCH.zeroInts(count),
  };
}

function gatherZones(zone: Int32Array | undefined, side: NormalisedSide): void {
  if (zone === undefined) return;
  for (let k = 0; k < side.count; k++) side.zone[k] = zone[side.input[k] as number] as number;
}

/**
 * The counting sort, fused with the gather: one pass counts the orders per price, the prices of
 * the sorted side are written bucket by bucket (sequentially, no lookup), and a second pass
 * scatters each order's position and quantity into its bucket. Every read is sequential, which
 * matters more than the number of passes at a million orders.
 */
function countingSide(parsed: ParsedOrders, bids: boolean, count: number, base: number, sign: number, range: number, scratch: ScratchArea, into: NormalisedSide | undefined): NormalisedSide {
  const { isBid, price, quantity, zone } = parsed;
  const n = parsed.count;
  const want = bids ? 1 : 0;
  const counts = scratch.int32(I32.COUNTS, range + 2);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    if (isBid[i] !== want) continue;
    const c = sign * ((price[i] as number) - base) + 1;
    counts[c] = (counts[c] as number) + 1;
  }
  const side = into ?? allocateSide(count, zone !== undefined);
  const { input, price: sortedPrice, quantity: sortedQuantity } = side;
  for (let v = 0; v <= range; v++) {
    const from = counts[v] as number;
    const to = from + (counts[v + 1] as number);
    counts[v + 1] = to;
    const p = base + sign * v;
    for (let k = from; k < to; k++) sortedPrice[k] = p;
  }
  for (let i = 0; i < n; i++) {
    if (isBid[i] !== want) continue;
    const at = (counts[sign * ((price[i] as number) - base)] as number)++;
    input[at] = i;
    sortedQuantity[at] = quantity[i] as number;
  }
  gatherZones(zone, side);
  return side;
}

function insertionSort(members: Int32Array, price: Float64Array, base: number, sign: number): Int32Array {
  for (let a = 1; a < members.length; a++) {
    const i = members[a] as number;
    const key = sign * ((price[i] as number) - base);
    let b = a - 1;
    // Strictly greater only: equal keys keep their input order.
    while (b >= 0 && sign * ((price[members[b] as number] as number) - base) > key) {
      members[b + 1] = members[b] as number;
      b--;
    }
    members[b + 1] = i;
  }
  return members;
}

function radixSort(members: Int32Array, price: Float64Array, base: number, sign: number, range: number, scratch: ScratchArea): Int32Array {
  const n = members.length;
  const bits = n < 4096 ? 8 : 11;
  const buckets = 1 << bits;
  const mask = buckets - 1;
  let from: Int32Array = members;
  let to: Int32Array = scratch.int32(I32.ORDER_OUT, n);
  let fromKeys = scratch.float64(F64.KEYS, n);
  let toKeys = scratch.float64(F64.KEYS_OUT, n);
  for (let k = 0; k < n; k++) fromKeys[k] = sign * ((price[members[k] as number] as number) - base);
  const counts = scratch.int32(I32.COUNTS, buckets + 1);
  // Keys are below 2^52, so each digit is exact: a power-of-two division and a floor.
  for (let divisor = 1; divisor <= range; divisor *= buckets) {
    counts.fill(0);
    for (let k = 0; k < n; k++) {
      const c = (Math.floor((fromKeys[k] as number) / divisor) & mask) + 1;
      counts[c] = (counts[c] as number) + 1;
    }
    for (let d = 0; d < buckets; d++) counts[d + 1] = (counts[d + 1] as number) + (counts[d] as number);
    for (let k = 0; k < n; k++) {
      const key = fromKeys[k] as number;
      const at = (counts[Math.floor(key / divisor) & mask] as number)++;
      to[at] = from[k] as number;
      toKeys[at] = key;
    }
    [from, to] = [to, from];
    [fromKeys, toKeys] = [toKeys, fromKeys];
  }
  return from;
}
