import { ErrorCode } from '../../errors/error-codes.js';
import { fail } from '../../errors/watt-error.js';
import { AllocationBuilder } from '../allocation-builder.js';
import { BuiltAllocation } from '../built-allocation.js';
import { fillBest, type SortedRun } from '../fill-best.js';
import { asFraction, scaleBy } from '../fraction.js';
import type { AllocationTrades, MechanismContext, ZoneTickPrices } from '../mechanism.js';
import type { NormalisedOrders, NormalisedSide } from '../normalised-orders.js';
import { fillArrays } from '../mechanisms/lot-kit.js';
import { FillCursor, pairFills } from '../pair-fills.js';
import { solveTransport } from './transport.js';
import { zonePotentials, type ZoneBounds } from './zone-potentials.js';
import { groupByZone, LevelCursor, zoneRun } from './zone-runs.js';

/**
 * Clears an auction with zones and grid fees, for the uniform and the discriminatory mechanism.
 *
 * 1. Allocation: the transportation problem between seller and buyer zones, solved exactly in
 *    integers (see solveTransport): welfare net of fees is maximised, then volume. Each zone
 *    fills its best lots; its marginal price level is rationed by `context.rationing`.
 * 2. Zonal prices (uniform): each zone z gets a buyer price B_z and a seller price S_z from the
 *    dual of the transportation problem: B_z - S_y = fee(y, z) wherever lots flow from y to z,
 *    B_z - S_y <= fee(y, z) everywhere, every filled order willing and every unfilled lot
 *    unwilling at its zone's price. Those prices form a lattice with a lowest and a highest
 *    point; each zone's price is `low + k * (high - low)` of its own range, the offset rounded
 *    half-up. Rounding half-up (towards +infinity on a tie) is monotone and commutes with
 *    adding whole ticks, so the rounded prices keep every constraint: every trade pays exactly
 *    its fee between buyer and seller price, and every trader is individually rational.
 *    With link capacities (`context.capacity`) the transportation problem has capacitated arcs,
 *    and a full link drops its upper constraint: the gap B_z - S_y may exceed the fee there, and
 *    the excess times the flow is congestion rent.
 * 3. Trades: the lots flowing on each zone pair (in zone order) pair the seller zone's filled
 *    asks with the buyer zone's filled bids, best first. Uniform: at the zones' prices;
 *    discriminatory: seller price `ask + k * (bid - fee - ask)`, buyer price that plus the fee
 *    (every pair on a flowing zone pair crosses net of the fee, so this is individually rational).
 */
export function clearZonal(orders: NormalisedOrders, context: MechanismContext, mode: 'uniform' | 'discriminatory'): BuiltAllocation {
  const { bids, asks } = orders;
  const Z = context.zoneCount;
  const fees = context.fees;
  const bidRuns = groupByZone(bids, Z);
  const askRuns = groupByZone(asks, Z);
  const bidZone: SortedRun[] = [];
  const askZone: SortedRun[] = [];
  for (let z = 0; z < Z; z++) {
    bidZone.push(zoneRun(bids, bidRuns, z));
    askZone.push(zoneRun(asks, askRuns, z));
  }
  const { flow, bought, sold } = solveTransport(
    askZone.map((run) => new LevelCursor(run)),
    bidZone.map((run) => new LevelCursor(run)),
    fees,
    Z,
    context.capacity,
  );
  const { bidFill, askFill } = fillArrays(orders);
  for (let z = 0; z < Z; z++) {
    fillBest(bidZone[z] as SortedRun, bought[z] as number, context.rationing, bidFill);
    fillBest(askZone[z] as SortedRun, sold[z] as number, context.rationing, askFill);
  }
  let volume = 0;
  for (let z = 0; z < Z; z++) volume += bought[z] as number;
  const zonePrices = volume === 0 ? [] : priceZones(bids, asks, bidZone, askZone, bidFill, askFill, flow, context);
  for (let y = 0; y < Z; y++) {
    for (let z = 0; z < Z; z++) {
      // Zones that trade are bounded on both sides, so they always have prices.
      if ((flow[y * Z + z] as number) > 0 && (zonePrices[z]?.buyerPrice === undefined || zonePrices[y]?.sellerPrice === undefined)) {
        fail(ErrorCode.MECHANISM_FAILED, 'clearAuction', 'a trading zone has no price (a bug in wattmarket)');
      }
    }
  }
  const pair = (): AllocationTrades => {
    const out = new AllocationBuilder(64);
    const bidCursors = bidZone.map((run) => new FillCursor(run, bidFill));
    const askCursors = askZone.map((run) => new FillCursor(run, askFill));
    for (let y = 0; y < Z; y++) {
      for (let z = 0; z < Z; z++) {
        const lots = flow[y * Z + z] as number;
        if (lots === 0) continue;
        const fee = fees[y * Z + z] as number;
        const pricing =
          mode === 'uniform'
            ? { kind: 'fixed' as const, buyer: zonePrices[z]?.buyerPrice as number, seller: zonePrices[y]?.sellerPrice as number }
            : { kind: 'split' as const, k: asFraction(context.k), fee };
        pairFills(bidCursors[z] as FillCursor, askCursors[y] as FillCursor, lots, bids.price, asks.price, pricing, out);
      }
    }
    return out.build();
  };
  if (mode === 'discriminatory') {
    const intervalsOnly = zonePrices.map((p) => ({ ...p, buyerPrice: undefined, sellerPrice: undefined }));
    return new BuiltAllocation(bidFill, askFill, volume, pair, undefined, undefined, intervalsOnly);
  }
  return new BuiltAllocation(bidFill, askFill, volume, pair, commonPrice(zonePrices), undefined, zonePrices);
}

function bounds(side: NormalisedSide, run: SortedRun, fill: Float64Array): ZoneBounds {
  let filledEdge = NaN;
  let openEdge = NaN;
  for (let k = run.from; k < run.to; k++) {
    const p = run.positions === undefined ? k : (run.positions[k] as number);
    const price = side.price[p] as number;
    const f = fill[p] as number;
    // Sorted best first: the last filled order has the worst filled price, the first order with
    // lots left the best open one.
    if (f > 0) filledEdge = price;
    if (f < (side.quantity[p] as number) && Number.isNaN(openEdge)) openEdge = price;
  }
  return { active: run.to > run.from, filledEdge, openEdge };
}

function priceZones(
  bids: NormalisedSide,
  asks: NormalisedSide,
  bidZone: readonly SortedRun[],
  askZone: readonly SortedRun[],
  bidFill: Float64Array,
  askFill: Float64Array,
  flow: Float64Array,
  context: MechanismContext,
): ZoneTickPrices[] {
  const Z = context.zoneCount;
  const buyers = bidZone.map((run) => bounds(bids, run, bidFill));
  const sellers = askZone.map((run) => bounds(asks, run, askFill));
  const pot = zonePotentials(buyers, sellers, context.fees, flow, Z, context.capacity);
  const result: ZoneTickPrices[] = [];
  for (let z = 0; z < Z; z++) {
    const buyerInterval = (buyers[z] as ZoneBounds).active ? interval(pot.buyerLow[z] as number, pot.buyerHigh[z] as number) : undefined;
    const sellerInterval = (sellers[z] as ZoneBounds).active ? interval(pot.sellerLow[z] as number, pot.sellerHigh[z] as number) : undefined;
    result.push({
      zone: z,
      buyerInterval,
      sellerInterval,
      buyerPrice: buyerInterval === undefined ? undefined : buyerInterval.low + scaleBy(buyerInterval.high - buyerInterval.low, asFraction(context.k), 'half-up'),
      sellerPrice: sellerInterval === undefined ? undefined : sellerInterval.low + scaleBy(sellerInterval.high - sellerInterval.low, asFraction(context.k), 'half-up'),
    });
  }
  return result;
}

function interval(low: number, high: number): { low: number; high: number } | undefined {
  return Number.isNaN(low) || Number.isNaN(high) ? undefined : { low, high };
}

/** The one price everyone pays and receives, when all zones' prices agree (no fees in effect). */
function commonPrice(zonePrices: readonly ZoneTickPrices[]): number | undefined {
  let price: number | undefined;
  for (const p of zonePrices) {
    for (const v of [p.buyerPrice, p.sellerPrice]) {
      if (v === undefined) continue;
      if (price === undefined) price = v;
      else if (price !== v) return undefined;
    }
  }
  return price;
}
