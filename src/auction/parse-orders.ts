import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail, WattError } from '../errors/watt-error.js';
import type { Step } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
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
const PRICE = valueSpec(FN, 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const QUANTITY = valueSpec(FN, 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step');

export function where(i: number, id: unknown): string {
  return typeof id === 'string' && id !== '' ? `order ${i} (id ${describeValue(id)})` : `order ${i}`;
}

// toSteps names the field, not the order; the message is rebuilt with the order's position.
function inOrder(e: unknown, i: number, id: unknown): unknown {
  if (!(e instanceof WattError)) return e;
  return new WattError(e.code, e.message.replace(`${FN}: `, `${FN}: ${where(i, id)}: `), e.reason);
}

/**
 * Validates every order and converts it to integers. Reads each order once; allocates no
 * per-order object.
 * @throws WattError for the first bad order (by position), or DUPLICATE_ORDER_ID.
 */
export function parseOrders(orders: unknown, tick: Step, step: Step, zones: ResolvedZones | undefined): ParsedOrders {
  if (!Array.isArray(orders)) return fail(ErrorCode.INVALID_ARGUMENT, FN, `orders must be an array; got ${describeValue(orders)}`);
  const list = orders as readonly unknown[];
  const n = list.length;
  const ids = new Array<string>(n);
  const owners = new Array<string>(n);
  const isBid = SCRATCH.uint8(U8.IS_BID, n);
  const price = SCRATCH.float64(F64.PRICE, n);
  const quantity = SCRATCH.float64(F64.QUANTITY, n);
  const zone = zones === undefined ? undefined : SCRATCH.int32(I32.ZONE, n);
  // Hashing each id while it is at hand saves the duplicate check a pass over the strings.
  const hashes = SCRATCH.int32(I32.HASHES, n);
  const t = newTally();
  for (let i = 0; i < n; i++) {
    const o = list[i] as Record<string, unknown> | null | undefined;
    if (typeof o !== 'object' || o === null) fail(ErrorCode.INVALID_ARGUMENT, FN, `order ${i} must be an object; got ${describeValue(o)}`);
    const id = o['id'];
    if (typeof id !== 'string' || id === '') fail(ErrorCode.INVALID_ID, FN, `order ${i}: id must be a non-empty string; got ${describeValue(id)}`);
    const owner = o['owner'];
    if (typeof owner !== 'string' || owner === '') {
      fail(ErrorCode.INVALID_OWNER, FN, `${where(i, id)}: owner must be a non-empty string; got ${describeValue(owner)}`);
    }
    const side = o['side'];
    const bid = side === 'buy';
    if (!bid && side !== 'sell') fail(ErrorCode.INVALID_SIDE, FN, `${where(i, id)}: side must be 'buy' or 'sell'; got ${describeValue(side)}`);
    let p: number;
    let q: number;
    try {
      p = toSteps(o['price'], tick, PRICE);
      q = toSteps(o['quantity'], step, QUANTITY);
    } catch (e) {
      throw inOrder(e, i, id);
    }
    if (p > MAX_PRICE_TICKS || p < -MAX_PRICE_TICKS) {
      fail(ErrorCode.INVALID_PRICE, FN, `${where(i, id)}: price ${describeValue(o['price'])} is too large for clearing (at most 2^50 ticks)`, 'TOO_LARGE');
    }
    if (zone !== undefined) zone[i] = zoneOf(o['zone'], zones as ResolvedZones, i, id);
    else if (o['zone'] !== undefined) fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)} names zone ${describeValue(o['zone'])} but the auction has no zones option`);
    ids[i] = id;
    hashes[i] = hashString(id);
    owners[i] = owner;
    price[i] = p;
    quantity[i] = q;
    isBid[i] = bid ? 1 : 0;
    tally(t, bid, p, q);
  }
  return summarise(n, ids, hashes, owners, isBid, price, quantity, zone, t);
}

/** Each side's order count, price range and total quantity, tallied while the orders are parsed. */
export interface SideTally {
  bidCount: number;
  bidMin: number;
  bidMax: number;
  bidLots: number;
  askMin: number;
  askMax: number;
  askLots: number;
}

/**
 * Completes parsed order columns, shared by both ways in (objects and integer columns): refuses a
 * side whose total quantity passes 2^53 and a duplicate id, and returns the columns with the tally.
 * @throws WattError INVALID_QUANTITY (a side's total too large), DUPLICATE_ORDER_ID.
 */
/** An empty tally. */
export function newTally(): SideTally {
  return { bidCount: 0, bidMin: Infinity, bidMax: -Infinity, bidLots: 0, askMin: Infinity, askMax: -Infinity, askLots: 0 };
}

/** Counts one order of price `p` and quantity `q` into its side. */
export function tally(t: SideTally, bid: boolean, p: number, q: number): void {
  if (bid) {
    t.bidCount++;
    if (p < t.bidMin) t.bidMin = p;
    if (p > t.bidMax) t.bidMax = p;
    t.bidLots += q;
  } else {
    if (p < t.askMin) t.askMin = p;
    if (p > t.askMax) t.askMax = p;
    t.askLots += q;
  }
}

export function summarise(
  n: number,
  ids: string[],
  hashes: Int32Array,
  owners: string[],
  isBid: Uint8Array,
  price: Float64Array,
  quantity: Float64Array,
  zone: Int32Array | undefined,
  t: SideTally,
): ParsedOrders {
  // Each term is safe, so a running sum is exact until it first passes 2^53.
  if (t.bidLots > Number.MAX_SAFE_INTEGER || t.askLots > Number.MAX_SAFE_INTEGER) {
    fail(ErrorCode.INVALID_QUANTITY, FN, `the total ${t.bidLots > Number.MAX_SAFE_INTEGER ? 'buy' : 'sell'} quantity is too large to hold exactly`, 'TOO_LARGE');
  }
  const dup = findDuplicateId(ids, hashes);
  if (dup !== undefined) {
    fail(ErrorCode.DUPLICATE_ORDER_ID, FN, `order ${dup[1]} uses id ${describeValue(ids[dup[1]])}, already used by order ${dup[0]}`);
  }
  const { bidCount, bidMin, bidMax, askMin, askMax } = t;
  return { count: n, ids, owners, isBid, price, quantity, zone, bidCount, askCount: n - bidCount, bidMin, bidMax, askMin, askMax };
}

export function zoneOf(value: unknown, zones: ResolvedZones, i: number, id: string): number {
  if (value === undefined) {
    if (zones.defaultZone >= 0) return zones.defaultZone;
    return fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)} names no zone and zones.defaultZone is not set`);
  }
  const z = typeof value === 'string' ? zones.index.get(value) : undefined;
  if (z === undefined) return fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)}: unknown zone ${describeValue(value)} (zones: ${zones.names.join(', ')})`);
  return z;
}
