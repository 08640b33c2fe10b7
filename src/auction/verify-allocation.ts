import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail } from '../errors/watt-error.js';
import { AllocationBuilder } from './allocation-builder.js';
import { BuiltAllocation } from './built-allocation.js';
import { ExactSum } from '../units/exact-sum.js';
import type { AllocationTrades, AuctionMechanism, MechanismAllocation, MechanismContext, TickInterval, ZoneTickPrices } from './mechanism.js';
import type { NormalisedOrders } from './normalised-orders.js';
import { isFull, linkLots } from './link-flows.js';

/** An allocation ready for the result: its source (trades read lazily) and its fills. */
export interface ClearedAllocation {
  /** The mechanism's allocation; its `trades` are read only when the result's trades are. */
  readonly source: MechanismAllocation;
  readonly price: number | undefined;
  readonly interval: TickInterval | undefined;
  readonly zonePrices: readonly ZoneTickPrices[] | undefined;
  /** Lots filled per bid position. */
  readonly bidFill: Float64Array;
  /** Lots filled per ask position. */
  readonly askFill: Float64Array;
  /** Lots traded. */
  readonly volume: number;
  /**
   * Lots per link `[askZone * Z + bidZone]` that self-trade prevention left untraded, when there
   * are link capacities: they still count as use of the link (its capacity and congestion).
   */
  readonly withheld?: Float64Array | undefined;
}

/** Exact sums over an allocation's trades, in ticks times lots. */
export interface AllocationSums {
  /** Sum of (bid - ask - fee) * lots: gains from trade at the limit prices, net of fees. */
  readonly welfare: bigint;
  /** Sum of (buyerPrice - sellerPrice - fee) * lots over trades on links that are not full. */
  readonly surplus: bigint;
  /** The same sum over trades on full links (link capacities): congestion rent. */
  readonly congestionRent: bigint;
  /** Sum of fee * lots. */
  readonly fees: bigint;
}

const FN = 'clearAuction';
const SAFE = Number.MAX_SAFE_INTEGER;
// Trade prices beyond this could make bp - sp - fee inexact; no sane mechanism needs them.
const MAX_TRADE_PRICE = 2 ** 51;

function broken(mechanism: AuctionMechanism, text: string): never {
  return fail(ErrorCode.MECHANISM_FAILED, FN, `mechanism '${mechanism.name}' ${text}`);
}

function isSafe(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/**
 * Checks an allocation against the orders and the mechanism's declared properties, and returns
 * the fills. Always: the shape, positions in range, positive whole lots, prices as safe integer
 * ticks (hence on the tick), no order filled beyond its quantity, bought = sold (by construction
 * of pairs, and checked in total), every trade crossing net of its fee (bid - fee >= ask), a
 * reported single price or zonal prices matching the trades, individual rationality and budget
 * balance when declared, every link within its capacity. Money that trades on a full link leave
 * beyond their fee is congestion rent, not surplus: budget balance is checked on the surplus, and
 * the rent must not be negative. `withheld` (lots per link self-trade prevention left untraded)
 * counts as use of its link, for the capacity and for which links are full.
 * With `checkEfficiency`, declared efficiency against `maxWelfare()`.
 * @throws WattError MECHANISM_FAILED naming the first broken rule.
 */
export function verifyAllocation(
  value: unknown,
  orders: NormalisedOrders,
  context: MechanismContext,
  mechanism: AuctionMechanism,
  checkEfficiency: boolean,
  maxWelfare: () => bigint,
  withheld?: Float64Array,
): ClearedAllocation {
  if (typeof value !== 'object' || value === null) broken(mechanism, `returned ${describeValue(value)}, not an allocation object`);
  const allocation = value as MechanismAllocation;
  const trades = allocation.trades as AllocationTrades | undefined;
  if (typeof trades !== 'object' || (trades as unknown) === null) broken(mechanism, 'returned no trades object');
  const n = trades.count;
  if (!isSafe(n) || n < 0) broken(mechanism, `returned a trade count of ${describeValue(n)}`);
  for (const key of ['bid', 'ask', 'quantity', 'buyerPrice', 'sellerPrice'] as const) {
    const arr = trades[key] as ArrayLike<number> | undefined;
    if (typeof arr !== 'object' || (arr as unknown) === null || !((arr.length) >= n)) {
      broken(mechanism, `returned trades.${key} with fewer than ${n} entries`);
    }
  }
  const { bids, asks } = orders;
  const Z = context.zoneCount;
  const price = allocation.price;
  if (price !== undefined && !isSafe(price)) broken(mechanism, `returned a price of ${describeValue(price)} (not whole ticks)`);
  // What is verified is what is kept: everything a mechanism returned is read once, and a custom
  // mechanism's arrays and objects are copied as they are read, so a mechanism that reuses them
  // for its next clearing cannot change this result afterwards.
  const owned = !(allocation instanceof BuiltAllocation);
  const interval = owned ? copyInterval(allocation.interval) : allocation.interval;
  if (interval !== undefined) {
    if (!isSafe(interval.low) || !isSafe(interval.high) || interval.low > interval.high) broken(mechanism, 'returned a malformed interval');
    if (price !== undefined && (price < interval.low || price > interval.high)) broken(mechanism, 'returned a price outside its interval');
  }
  const given: unknown = allocation.zonePrices;
  if (given !== undefined && !Array.isArray(given)) broken(mechanism, 'returned zonePrices that are not an array');
  const listed = given as readonly ZoneTickPrices[] | undefined;
  const zonePrices = owned && listed !== undefined ? Object.freeze(Array.from(listed, copyZonePrices)) : listed;
  const zoneBuyer = new Float64Array(Z).fill(NaN);
  const zoneSeller = new Float64Array(Z).fill(NaN);
  if (zonePrices !== undefined) {
    for (const zp of zonePrices) {
      if (!isSafe(zp.zone) || zp.zone < 0 || zp.zone >= Z) broken(mechanism, `returned prices for an unknown zone ${describeValue(zp.zone)}`);
      if (zp.buyerPrice !== undefined) {
        if (!isSafe(zp.buyerPrice)) broken(mechanism, 'returned a zone buyer price that is not whole ticks');
        zoneBuyer[zp.zone] = zp.buyerPrice;
      }
      if (zp.sellerPrice !== undefined) {
        if (!isSafe(zp.sellerPrice)) broken(mechanism, 'returned a zone seller price that is not whole ticks');
        zoneSeller[zp.zone] = zp.sellerPrice;
      }
    }
  }
  const copy = owned ? new AllocationBuilder(n) : undefined;
  const props = mechanism.properties;
  const ir = props.individuallyRational;
  const bidFill = new Float64Array(bids.count);
  const askFill = new Float64Array(asks.count);
  const { bid: tb, ask: ta, quantity: tq, buyerPrice: tbp, sellerPrice: tsp } = trades;
  const fees = context.fees;
  const surplus = new ExactSum();
  let bought = 0;
  let sold = 0;
  for (let t = 0; t < n; t++) {
    const b = tb[t];
    const a = ta[t];
    const q = tq[t];
    const bp = tbp[t];
    const sp = tsp[t];
    if (!isSafe(b) || b < 0 || b >= bids.count) broken(mechanism, `trade ${t} names bid position ${describeValue(b)}, not one of 0..${bids.count - 1}`);
    if (!isSafe(a) || a < 0 || a >= asks.count) broken(mechanism, `trade ${t} names ask position ${describeValue(a)}, not one of 0..${asks.count - 1}`);
    if (!isSafe(q) || q <= 0) broken(mechanism, `trade ${t} has quantity ${describeValue(q)} (not a positive whole number of lots)`);
    if (!isSafe(bp) || !isSafe(sp) || Math.abs(bp) > MAX_TRADE_PRICE || Math.abs(sp) > MAX_TRADE_PRICE) {
      broken(mechanism, `trade ${t} has a price that is not a whole number of ticks within 2^51`);
    }
    const bf = (bidFill[b] as number) + q;
    const af = (askFill[a] as number) + q;
    if (bf > (bids.quantity[b] as number)) broken(mechanism, `fills bid ${orders.ids[bids.input[b] as number] ?? ''} beyond its quantity`);
    if (af > (asks.quantity[a] as number)) broken(mechanism, `fills ask ${orders.ids[asks.input[a] as number] ?? ''} beyond its quantity`);
    bidFill[b] = bf;
    askFill[a] = af;
    bought += q;
    sold += q;
    const bidLimit = bids.price[b] as number;
    const askLimit = asks.price[a] as number;
    const bz = bids.zone[b] as number;
    const az = asks.zone[a] as number;
    const fee = fees[az * Z + bz] as number;
    if (bidLimit - fee < askLimit) broken(mechanism, `trade ${t} pairs a bid and an ask that do not cross net of the fee`);
    if (ir && (bp > bidLimit || sp < askLimit)) broken(mechanism, `trade ${t} is not individually rational`);
    if (price !== undefined && (bp !== price || sp !== price)) broken(mechanism, `trade ${t} is not at the reported price`);
    const zb = zoneBuyer[bz] as number;
    const zs = zoneSeller[az] as number;
    if ((!Number.isNaN(zb) && bp !== zb) || (!Number.isNaN(zs) && sp !== zs)) broken(mechanism, `trade ${t} is not at its zones' prices`);
    surplus.addProduct(bp - sp - fee, q);
    copy?.add(b, a, q, bp, sp);
  }
  if (bought !== sold || bought > SAFE) broken(mechanism, 'bought and sold differ');
  let s = surplus.value();
  if (context.capacity !== undefined) {
    const lots = linkLots(trades, orders, Z, withheld);
    for (let link = 0; link < lots.length; link++) {
      if ((lots[link] as number) > (context.capacity[link] as number)) {
        const from = context.zones[Math.floor(link / Z)] ?? '';
        const to = context.zones[link % Z] ?? '';
        broken(mechanism, `moves ${lots[link] as number} lots from zone ${from} to zone ${to}, beyond the link's capacity of ${context.capacity[link] as number}`);
      }
    }
    const sums = allocationSums(trades, orders, context, withheld);
    if (sums.congestionRent < 0n) broken(mechanism, 'leaves a negative congestion rent on a full link');
    s = sums.surplus;
  }
  if (props.budgetBalance === 'strong' && s !== 0n) broken(mechanism, 'is declared strongly budget-balanced but its surplus is not zero');
  if (props.budgetBalance === 'weak' && s < 0n) broken(mechanism, 'is declared weakly budget-balanced but its surplus is negative');
  const kept: MechanismAllocation = copy === undefined ? allocation : Object.freeze({ trades: Object.freeze(copy.build()), price, interval, zonePrices });
  if (checkEfficiency && props.efficient) {
    const welfare = allocationSums(kept.trades, orders, context).welfare;
    if (welfare !== maxWelfare()) broken(mechanism, 'is declared efficient but does not maximise welfare');
  }
  if (allocation instanceof BuiltAllocation) {
    // The fills a built-in decided must be exactly those its trades imply.
    if (allocation.volume !== bought) broken(mechanism, 'reports a volume its trades do not have');
    for (let p = 0; p < bids.count; p++) if (allocation.bidFill[p] !== bidFill[p]) broken(mechanism, 'reports bid fills its trades do not have');
    for (let p = 0; p < asks.count; p++) if (allocation.askFill[p] !== askFill[p]) broken(mechanism, 'reports ask fills its trades do not have');
  }
  return { source: kept, price, interval, zonePrices, bidFill, askFill, volume: bought, withheld };
}

function copyInterval(interval: TickInterval | undefined): TickInterval | undefined {
  if (interval === undefined) return undefined;
  return Object.freeze({ low: interval.low, high: interval.high });
}

function copyZonePrices(zp: ZoneTickPrices): ZoneTickPrices {
  return Object.freeze({ zone: zp.zone, buyerPrice: zp.buyerPrice, sellerPrice: zp.sellerPrice, buyerInterval: copyInterval(zp.buyerInterval), sellerInterval: copyInterval(zp.sellerInterval) });
}

/** A built-in allocation taken as it is (its properties are proven by the test suite). */
export function trustedAllocation(allocation: BuiltAllocation): ClearedAllocation {
  const { price, interval, zonePrices, bidFill, askFill, volume } = allocation;
  return { source: allocation, price, interval, zonePrices, bidFill, askFill, volume };
}

/** Welfare, surplus, congestion rent and fees of verified trades, exactly; `withheld` lots count towards full links. */
export function allocationSums(trades: AllocationTrades, orders: NormalisedOrders, context: MechanismContext, withheld?: Float64Array): AllocationSums {
  const { bids, asks } = orders;
  const Z = context.zoneCount;
  const welfare = new ExactSum();
  const surplus = new ExactSum();
  const rent = new ExactSum();
  const fees = new ExactSum();
  // Which links are full is known only once every trade is counted: a first pass when there
  // are capacities.
  const lots = context.capacity === undefined ? undefined : linkLots(trades, orders, Z, withheld);
  for (let t = 0; t < trades.count; t++) {
    const b = trades.bid[t] as number;
    const a = trades.ask[t] as number;
    const q = trades.quantity[t] as number;
    const link = (asks.zone[a] as number) * Z + (bids.zone[b] as number);
    const fee = context.fees[link] as number;
    welfare.addProduct((bids.price[b] as number) - (asks.price[a] as number) - fee, q);
    const excess = (trades.buyerPrice[t] as number) - (trades.sellerPrice[t] as number) - fee;
    if (lots !== undefined && isFull(context, lots, link)) rent.addProduct(excess, q);
    else surplus.addProduct(excess, q);
    if (fee !== 0) fees.addProduct(fee, q);
  }
  return { welfare: welfare.value(), surplus: surplus.value(), congestionRent: rent.value(), fees: fees.value() };
}
