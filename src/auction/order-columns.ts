import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { hashString } from '../hashing/string-hash.js';
import { findDuplicateId } from './find-duplicate-id.js';
import type { OrderNames } from './order-names.js';
import { F64, I32, SCRATCH, U8 } from './scratch.js';
import type { ResolvedZones } from './zonal/resolve-zones.js';

/** The orders in input order, as integer columns (scratch views: valid until the next clearing). */
export interface ParsedOrders {
  readonly count: number;
  /** Ids by input position (kept by the result). */
  readonly ids: OrderNames;
  /** Owners by input position (kept by the result). */
  readonly owners: OrderNames;
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

/** How an order is named in messages: by position, and by id when it has a usable one. */
export function where(i: number, id: unknown): string {
  return typeof id === 'string' && id !== '' ? `order ${i} (id ${describeValue(id)})` : `order ${i}`;
}

/** Order i's id, checked. @throws WattError INVALID_ID. */
export function checkId(i: number, id: unknown): string {
  if (typeof id !== 'string' || id === '') fail(ErrorCode.INVALID_ID, FN, `order ${i}: id must be a non-empty string; got ${describeValue(id)}`);
  return id;
}

/** Order i's owner, checked. @throws WattError INVALID_OWNER. */
export function checkOwner(i: number, id: string, owner: unknown): string {
  if (typeof owner !== 'string' || owner === '') fail(ErrorCode.INVALID_OWNER, FN, `${where(i, id)}: owner must be a non-empty string; got ${describeValue(owner)}`);
  return owner;
}

/** The zone index of order i from its zone name. @throws WattError UNKNOWN_ZONE. */
export function zoneOf(value: unknown, zones: ResolvedZones, i: number, id: string): number {
  if (value === undefined) {
    if (zones.defaultZone >= 0) return zones.defaultZone;
    return fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)} names no zone and zones.defaultZone is not set`);
  }
  const z = typeof value === 'string' ? zones.index.get(value) : undefined;
  if (z === undefined) return fail(ErrorCode.UNKNOWN_ZONE, FN, `${where(i, id)}: unknown zone ${describeValue(value)} (zones: ${zones.names.join(', ')})`);
  return z;
}

/**
 * The integer columns of one parse, filled order by order: the one implementation behind both
 * ways into an auction (decimal order objects, {@link parseOrders}; integer columns,
 * `clearAuctionSteps`). Each way checks and converts what only it has (decimal values, a side
 * name; or whole numbers), then {@link put}s the order; {@link finish} refuses what only the
 * whole set can show (a side's total, a repeated id). The columns are views of the calling
 * clearing's level of SCRATCH, and the tally is kept in fields, so no order allocates anything.
 */
export class OrderColumns {
  readonly isBid: Uint8Array;
  readonly price: Float64Array;
  readonly quantity: Float64Array;
  /** Zone index per order; undefined when the auction has no zones. */
  readonly zone: Int32Array | undefined;
  // Hashing each id while it is at hand saves the duplicate check a pass over the strings.
  private readonly hashes: Int32Array;
  private bidCount = 0;
  private bidMin = Infinity;
  private bidMax = -Infinity;
  private bidLots = 0;
  private askMin = Infinity;
  private askMax = -Infinity;
  private askLots = 0;

  constructor(
    private readonly n: number,
    zoned: boolean,
  ) {
    this.isBid = SCRATCH.uint8(U8.IS_BID, n);
    this.price = SCRATCH.float64(F64.PRICE, n);
    this.quantity = SCRATCH.float64(F64.QUANTITY, n);
    this.zone = zoned ? SCRATCH.int32(I32.ZONE, n) : undefined;
    this.hashes = SCRATCH.int32(I32.HASHES, n);
  }

  /** Records order i, already checked: price `p` in ticks, quantity `q` in lots. */
  put(i: number, id: string, bid: boolean, p: number, q: number): void {
    this.hashes[i] = hashString(id);
    this.price[i] = p;
    this.quantity[i] = q;
    this.isBid[i] = bid ? 1 : 0;
    if (bid) {
      this.bidCount++;
      if (p < this.bidMin) this.bidMin = p;
      if (p > this.bidMax) this.bidMax = p;
      this.bidLots += q;
    } else {
      if (p < this.askMin) this.askMin = p;
      if (p > this.askMax) this.askMax = p;
      this.askLots += q;
    }
  }

  /**
   * The parsed orders, once every order is put: refuses a side whose total quantity passes 2^53
   * and a repeated id.
   * @throws WattError INVALID_QUANTITY (a side's total too large), DUPLICATE_ORDER_ID.
   */
  finish(ids: OrderNames, owners: OrderNames): ParsedOrders {
    // Each term is safe, so a running sum is exact until it first passes 2^53.
    if (this.bidLots > Number.MAX_SAFE_INTEGER || this.askLots > Number.MAX_SAFE_INTEGER) {
      fail(ErrorCode.INVALID_QUANTITY, FN, `the total ${this.bidLots > Number.MAX_SAFE_INTEGER ? 'buy' : 'sell'} quantity is too large to hold exactly`, 'TOO_LARGE');
    }
    const dup = findDuplicateId(ids, this.hashes);
    if (dup !== undefined) {
      fail(ErrorCode.DUPLICATE_ORDER_ID, FN, `order ${dup[1]} uses id ${describeValue(ids.at(dup[1]))}, already used by order ${dup[0]}`);
    }
    const { n, isBid, price, quantity, zone, bidCount, bidMin, bidMax, askMin, askMax } = this;
    return { count: n, ids, owners, isBid, price, quantity, zone, bidCount, askCount: n - bidCount, bidMin, bidMax, askMin, askMax };
  }
}
