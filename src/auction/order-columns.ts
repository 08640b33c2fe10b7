import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { hashString } from '../hashing/string-hash.js';
import { findDuplicateId } from './find-duplicate-id.js';
import { F64, I32, SCRATCH, U8 } from './scratch.js';
import type { ResolvedZones } from './zonal/resolve-zones.js';

/** The orders in input order, as integer columns (scratch views: valid until the next clearing). */
export interface ParsedOrders {
  readonly count: number;
  readonly ids: string[];
  readonly owners: string[];
  /** 1 for a bid, 0 for an ask. */
  readonly isBid: Uint8Array;
  readonly price: Float64Array;
  readonly quantity: Float64Array;
  /** Zone index per order, or undefined when the auction has no zones (all zone 0). */
  readonly zone: Int32Array | undefined;
  readonly bidCount: number;
  readonly askCount: number;
  readonly bidMin: number;
  readonly bidMax: number;
  readonly askMin: number;
  readonly askMax: number;
}

/**
 * The largest price magnitude in ticks (2^50): differences of a bid, an ask and a fee then stay
 * safe integers. At a 0.0001 tick it is about 1.1e11 per kWh.
 */
export const MAX_PRICE_TICKS = 2 ** 50;

const FN = 'clearAuction';

/**
 * The columns one clearing writes while it reads its orders, and each side's running tally. Both
 * ways in (order objects in `parseOrders`, integer columns in `clearAuctionSteps`) convert an
 * order their own way and then hand it to {@link acceptOrder}: the checks of names and zones, the
 * id hashes for the duplicate check, the columns and the tally are this one code. A plain object
 * of fixed shape: the per-order calls are small enough for the engine to inline into each loop.
 * @internal
 */
export interface OrderColumns {
  readonly ids: string[];
  readonly owners: string[];
  /** Whether {@link acceptOrder} writes ids and owners (false when the caller's arrays are the columns). */
  readonly copyNames: boolean;
  readonly isBid: Uint8Array;
  readonly price: Float64Array;
  readonly quantity: Float64Array;
  /** Each id's hash, for the duplicate check; undefined when the caller vouches its ids are distinct. */
  readonly hashes: Int32Array | undefined;
  readonly zone: Int32Array | undefined;
  readonly zones: ResolvedZones | undefined;
  bidCount: number;
  bidMin: number;
  bidMax: number;
  bidLots: number;
  askMin: number;
  askMax: number;
  askLots: number;
}

/**
 * Columns for `n` orders in the current level of SCRATCH. With `names` given, those arrays are
 * the id and owner columns as they are (the integer entry point: the caller's arrays, already
 * filled); without, fresh arrays that {@link acceptOrder} fills. With `idsDistinct` the ids are
 * neither hashed nor checked for repeats (see StepOrders.idsDistinct).
 */
export function openColumns(
  n: number,
  zones: ResolvedZones | undefined,
  names?: { readonly ids: string[]; readonly owners: string[] },
  idsDistinct = false,
): OrderColumns {
  return {
    ids: names === undefined ? new Array<string>(n) : names.ids,
    owners: names === undefined ? new Array<string>(n) : names.owners,
    copyNames: names === undefined,
    isBid: SCRATCH.uint8(U8.IS_BID, n),
    price: SCRATCH.float64(F64.PRICE, n),
    quantity: SCRATCH.float64(F64.QUANTITY, n),
    // Hashing each id while it is at hand saves the duplicate check a pass over the strings.
    hashes: idsDistinct ? undefined : SCRATCH.int32(I32.HASHES, n),
    zone: zones === undefined ? undefined : SCRATCH.int32(I32.ZONE, n),
    zones,
    bidCount: 0,
    bidMin: Infinity,
    bidMax: -Infinity,
    bidLots: 0,
    askMin: Infinity,
    askMax: -Infinity,
    askLots: 0,
  };
}

/** How an order is named in messages: its position, and its id when it has a usable one. */
export function where(i: number, id: unknown): string {
  return typeof id === 'string' && id !== '' ? `order ${i} (id ${describeValue(id)})` : `order ${i}`;
}

/**
 * Refuses an id that is not a non-empty string: the first check of every order in both ways in.
 * @throws WattError INVALID_ID
 */
export function checkId(i: number, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '') badId(i, id);
}

/**
 * Refuses an owner that is not a non-empty string: the check after the id in both ways in.
 * @throws WattError INVALID_OWNER
 */
export function checkOwner(i: number, id: string, owner: unknown): asserts owner is string {
  if (typeof owner !== 'string' || owner === '') badOwner(i, id, owner);
}

// The messages are built out of line: the checks above and acceptOrder are inlined into both
// parse loops, and the engine inlines by bytecode size, so what only runs on an error stays out.
function badId(i: number, id: unknown): never {
  return fail(ErrorCode.INVALID_ID, FN, `order ${i}: id must be a non-empty string; got ${describeValue(id)}`);
}

function badOwner(i: number, id: string, owner: unknown): never {
  return fail(ErrorCode.INVALID_OWNER, FN, `${where(i, id)}: owner must be a non-empty string; got ${describeValue(owner)}`);
}

function noZones(i: number, id: string, zoneValue: unknown): never {
  return fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)} names zone ${describeValue(zoneValue)} but the auction has no zones option`);
}

/**
 * Writes order `i`, already converted (`p` ticks within 2^50, `q` positive safe-integer lots), into
 * the columns and the tally, after checking its zone: a zone name when the auction has zones (none
 * means the default zone), and none at all when it has not (the integer entry point passes
 * undefined there, as it reads zone names only for zoned auctions).
 * @throws WattError UNKNOWN_ZONE
 */
export function acceptOrder(c: OrderColumns, i: number, id: string, owner: string, bid: boolean, p: number, q: number, zoneValue: unknown): void {
  const zone = c.zone;
  if (zone !== undefined) zone[i] = zoneOf(zoneValue, c.zones as ResolvedZones, i, id);
  else if (zoneValue !== undefined) noZones(i, id, zoneValue);
  if (c.copyNames) {
    c.ids[i] = id;
    c.owners[i] = owner;
  }
  const hashes = c.hashes;
  if (hashes !== undefined) hashes[i] = hashString(id);
  c.price[i] = p;
  c.quantity[i] = q;
  if (bid) {
    c.isBid[i] = 1;
    c.bidCount++;
    if (p < c.bidMin) c.bidMin = p;
    if (p > c.bidMax) c.bidMax = p;
    c.bidLots += q;
  } else {
    c.isBid[i] = 0;
    if (p < c.askMin) c.askMin = p;
    if (p > c.askMax) c.askMax = p;
    c.askLots += q;
  }
}

/**
 * Completes the columns of `n` accepted orders: refuses a side whose total quantity passes 2^53
 * and a duplicate id (the earliest repeat; not looked for when the ids were vouched distinct),
 * and returns the columns with the tally.
 * @throws WattError INVALID_QUANTITY (a side's total too large), DUPLICATE_ORDER_ID.
 */
export function closeColumns(c: OrderColumns, n: number): ParsedOrders {
  // Each term is safe, so a running sum is exact until it first passes 2^53.
  if (c.bidLots > Number.MAX_SAFE_INTEGER || c.askLots > Number.MAX_SAFE_INTEGER) {
    fail(ErrorCode.INVALID_QUANTITY, FN, `the total ${c.bidLots > Number.MAX_SAFE_INTEGER ? 'buy' : 'sell'} quantity is too large to hold exactly`, 'TOO_LARGE');
  }
  const { ids, owners, isBid, price, quantity, zone, bidCount, bidMin, bidMax, askMin, askMax } = c;
  const dup = c.hashes === undefined ? undefined : findDuplicateId(ids, c.hashes);
  if (dup !== undefined) {
    fail(ErrorCode.DUPLICATE_ORDER_ID, FN, `order ${dup[1]} uses id ${describeValue(ids[dup[1]])}, already used by order ${dup[0]}`);
  }
  return { count: n, ids, owners, isBid, price, quantity, zone, bidCount, askCount: n - bidCount, bidMin, bidMax, askMin, askMax };
}

function zoneOf(value: unknown, zones: ResolvedZones, i: number, id: string): number {
  if (value === undefined) {
    if (zones.defaultZone >= 0) return zones.defaultZone;
    return fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)} names no zone and zones.defaultZone is not set`);
  }
  const z = typeof value === 'string' ? zones.index.get(value) : undefined;
  if (z === undefined) return fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)}: unknown zone ${describeValue(value)} (zones: ${zones.names.join(', ')})`);
  return z;
}
