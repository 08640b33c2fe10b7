import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { resolveAuctionOptions, type AuctionOptions, type ResolvedAuctionOptions } from './auction-options.js';
import type { AuctionOrder } from './auction-order.js';
import { AuctionOutcome, Units } from './auction-outcome.js';
import type { AuctionResult } from './auction-result.js';
import { maxLotWelfare } from './lot-ladder.js';
import type { MechanismContext } from './mechanism.js';
import type { NormalisedOrders, NormalisedSide } from './normalised-orders.js';
import type { ParsedOrders } from './order-columns.js';
import { parseOrders } from './parse-orders.js';
import { preventSelfTrades } from './self-trades.js';
import { SCRATCH } from './scratch.js';
import { sortSides } from './sort-side.js';
import { BuiltAllocation } from './built-allocation.js';
import { trustedAllocation, verifyAllocation } from './verify-allocation.js';
import { solveTransport } from './zonal/transport.js';
import { groupByZone, LevelCursor, zoneRun } from './zonal/zone-runs.js';

// Zeros shared by every auction without zones: built-in mechanisms only read it, and a custom
// mechanism gets a copy (see runMechanism), so nothing ever writes it.
const NO_FEES = new Float64Array(1);

/**
 * Clears one sealed-bid call auction (a double auction at gate closure): validates the orders,
 * converts them to integer ticks and lots, runs the mechanism and returns its trades, fills,
 * prices, welfare and curves. Pure: the orders array is never modified and the same input
 * always gives the same output.
 *
 * Mechanisms (see `docs/auction.md` and {@link MECHANISM_PROPERTIES}):
 * - `'uniform'` (default, pay-as-clear): trades the largest volume the orders allow; every bid
 *   above and every ask below the clearing price fills completely; the price is at position `k`
 *   of the interval of market-clearing prices, on the tick.
 * - `'discriminatory'`: the same allocation, each paired piece at `ask + k * (bid - ask)`.
 * - `'mcafee'`, `'trade-reduction'`: truthful for one-lot traders, applied to lots.
 * - `'huang'`: truthful for multi-unit traders; the marginal orders set the prices.
 * - a custom {@link AuctionMechanism}.
 *
 * Orders at the same price are served by input position (earlier first), or pro rata with
 * `rationing: 'pro-rata'`. With `selfTrade: 'prevent'` no trade has the same participant on both
 * sides (see `docs/auction.md`, "Self-trade prevention"). When nothing can trade, `price` is undefined and `volume` is 0.
 *
 * @param orders - the sealed orders; ids unique within the auction.
 * @param options - mechanism, k, ticks, rationing, zones; see {@link AuctionOptions}.
 * @returns the result; its Decimals are built on first read.
 * @throws WattError INVALID_ARGUMENT, INVALID_ID, INVALID_OWNER, INVALID_SIDE, INVALID_PRICE,
 *   INVALID_QUANTITY (with a reason), DUPLICATE_ORDER_ID, UNKNOWN_ZONE for bad orders;
 *   INVALID_OPTION, INVALID_K, INVALID_STEP, INVALID_FEE, UNKNOWN_MECHANISM for bad options;
 *   INVALID_CAPACITY, UNKNOWN_ZONE for a bad link capacity, INVALID_OPTION for capacities given
 *   to a mechanism that does not declare `supports.capacities` (each naming the link);
 *   MECHANISM_FAILED when a mechanism's result breaks the rules or its declared properties.
 *
 * @example
 * ```ts
 * const result = clearAuction([
 *   { id: 'b1', owner: 'lab', side: 'buy', price: '0.25', quantity: 10 },
 *   { id: 'b2', owner: 'dorm', side: 'buy', price: '0.20', quantity: 5 },
 *   { id: 's1', owner: 'roof', side: 'sell', price: '0.10', quantity: 8 },
 *   { id: 's2', owner: 'battery', side: 'sell', price: '0.19', quantity: 6 },
 * ]);
 * result.price?.toString(); // '0.2'
 * result.volume.toString(); // '14'
 * result.trades[0];         // { buyOrderId: 'b1', sellOrderId: 's1', quantity: 8, ... }
 * ```
 */
export function clearAuction(orders: readonly AuctionOrder[], options?: AuctionOptions): AuctionResult {
  const o = resolveAuctionOptions(options);
  SCRATCH.enter();
  let normalised: NormalisedOrders;
  try {
    normalised = normalise(parseOrders(orders, o.priceTick, o.quantityStep, o.zones));
  } finally {
    SCRATCH.leave();
  }
  return clearNormalised(o, normalised);
}

/**
 * Sorts orders already validated and in integers (by {@link parseOrders} or the integer entry
 * point) into the mechanism's form. Runs inside `SCRATCH.enter()`/`leave()` with its parsing:
 * the parsed columns are views of the caller's scratch level, free again once this returns.
 * @internal
 */
export function normalise(parsed: ParsedOrders): NormalisedOrders {
  const { bids, asks } = sortSides(parsed);
  return { bids, asks, ids: parsed.ids, owners: parsed.owners };
}

/**
 * Clears normalised orders (from {@link normalise}): runs the mechanism, verifies when asked,
 * prevents self trades when asked, and builds the result. Holds no scratch: a mechanism may
 * clear other auctions.
 * @internal
 */
export function clearNormalised(o: ResolvedAuctionOptions, normalised: NormalisedOrders): AuctionOutcome {
  const context = makeContext(o);
  const allocation = runMechanism(o, normalised, context);
  const verified =
    o.builtIn && !o.verify && allocation instanceof BuiltAllocation
      ? trustedAllocation(allocation)
      : verifyAllocation(allocation, normalised, context, o.mechanism, !o.builtIn || o.verify, () => maxWelfare(normalised, context));
  const cleared = o.selfTrade === 'prevent' ? preventSelfTrades(verified, normalised, context, o.mechanism, o.builtIn) : verified;
  return new AuctionOutcome(o.mechanism.name, o.mechanism.properties, normalised, context, cleared, new Units(o.priceTick, o.quantityStep));
}

function makeContext(o: ResolvedAuctionOptions): MechanismContext {
  const z = o.zones;
  return Object.freeze({
    k: o.k,
    rationing: o.rationing,
    zones: z === undefined ? [] : z.names,
    zoneCount: z === undefined ? 1 : z.names.length,
    fees: z === undefined ? NO_FEES : z.fees,
    constantFee: z === undefined ? 0 : z.constantFee,
    capacity: z?.capacity,
    priceTick: o.priceTick.text,
    quantityStep: o.quantityStep.text,
  });
}

function copySide(side: NormalisedSide): NormalisedSide {
  return { count: side.count, price: side.price.slice(), quantity: side.quantity.slice(), input: side.input.slice(), zone: side.zone.slice() };
}

function runMechanism(o: ResolvedAuctionOptions, orders: NormalisedOrders, context: MechanismContext): unknown {
  if (o.builtIn) return o.mechanism.clear(orders, context);
  // A custom mechanism works on copies, so whatever it does cannot corrupt the orders the result
  // and the verification read; anything it throws other than a WattError is its failure.
  const copy: NormalisedOrders = {
    bids: copySide(orders.bids),
    asks: copySide(orders.asks),
    ids: Object.freeze(orders.ids.slice()),
    owners: Object.freeze(orders.owners.slice()),
  };
  const zoned: MechanismContext = { ...context, fees: context.fees.slice(), capacity: context.capacity?.slice(), zones: Object.freeze(context.zones.slice()) };
  try {
    return o.mechanism.clear(copy, zoned);
  } catch (e) {
    if (e instanceof WattError) throw e;
    return fail(ErrorCode.MECHANISM_FAILED, 'clearAuction', `mechanism '${o.mechanism.name}' threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The largest welfare the orders allow, net of fees and within link capacities, for verifying declared efficiency. */
function maxWelfare(orders: NormalisedOrders, context: MechanismContext): bigint {
  if (context.zones.length === 0) return maxLotWelfare(orders.bids, orders.asks, 0);
  const Z = context.zoneCount;
  const bidRuns = groupByZone(orders.bids, Z);
  const askRuns = groupByZone(orders.asks, Z);
  const asks: LevelCursor[] = [];
  const bids: LevelCursor[] = [];
  for (let z = 0; z < Z; z++) {
    asks.push(new LevelCursor(zoneRun(orders.asks, askRuns, z)));
    bids.push(new LevelCursor(zoneRun(orders.bids, bidRuns, z)));
  }
  return solveTransport(asks, bids, context.fees, Z, context.capacity).welfare;
}
