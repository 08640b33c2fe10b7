import { ExactSum } from '../units/exact-sum.js';
import type { AllocationTrades, MechanismContext } from './mechanism.js';
import type { NormalisedOrders } from './normalised-orders.js';

/** What moves on one link: between two different zones, or inside a zone whose own link has a capacity. */
export interface LinkFlow {
  /** Seller zone index. */
  readonly from: number;
  /** Buyer zone index. */
  readonly to: number;
  /** Lots moved by trades. */
  readonly lots: number;
  /** Whether the link is full: it has a capacity and the flow, with the lots self-trade prevention withheld on it, reaches it. */
  readonly full: boolean;
  /** Sum of (buyerPrice - sellerPrice - fee) * lots over its trades when full, else 0: ticks times lots. */
  readonly rent: bigint;
}

/**
 * Lots using each link, `[askZone * Z + bidZone]`: those the trades move plus `withheld`, the lots
 * self-trade prevention left untraded on each link (a participant's own supply meeting its own
 * demand still uses the link the mechanism allotted it; see `docs/network.md`).
 */
export function linkLots(trades: AllocationTrades, orders: NormalisedOrders, Z: number, withheld?: Float64Array): Float64Array {
  const lots = withheld === undefined ? new Float64Array(Z * Z) : withheld.slice();
  for (let t = 0; t < trades.count; t++) {
    const link = (orders.asks.zone[trades.ask[t] as number] as number) * Z + (orders.bids.zone[trades.bid[t] as number] as number);
    lots[link] = (lots[link] as number) + (trades.quantity[t] as number);
  }
  return lots;
}

/** Whether the link `[askZone * Z + bidZone]` is full: it has a capacity and `lots` reach it. */
export function isFull(context: MechanismContext, lots: Float64Array, link: number): boolean {
  const cap = context.capacity;
  return cap !== undefined && (lots[link] as number) >= (cap[link] as number);
}

/**
 * The flows between different zones (and inside a zone whose own link has a capacity), seller
 * zone then buyer zone in index (name) order, with
 * the congestion rent each full link earns: what buyers across it pay beyond the sellers'
 * receipts and the fee. Money crossing a link that is not full is not rent (it is surplus).
 * `withheld` (lots per link that self-trade prevention left untraded) counts towards fullness only.
 */
export function linkFlows(trades: AllocationTrades, orders: NormalisedOrders, context: MechanismContext, withheld?: Float64Array): LinkFlow[] {
  const Z = context.zoneCount;
  if (context.zones.length === 0) return [];
  const lots = linkLots(trades, orders, Z);
  const use = withheld === undefined ? lots : linkLots(trades, orders, Z, withheld);
  const rent = new Map<number, ExactSum>();
  if (context.capacity !== undefined) {
    for (let t = 0; t < trades.count; t++) {
      const az = orders.asks.zone[trades.ask[t] as number] as number;
      const bz = orders.bids.zone[trades.bid[t] as number] as number;
      const link = az * Z + bz;
      if (!isFull(context, use, link)) continue;
      let sum = rent.get(link);
      if (sum === undefined) rent.set(link, (sum = new ExactSum()));
      sum.addProduct((trades.buyerPrice[t] as number) - (trades.sellerPrice[t] as number) - (context.fees[link] as number), trades.quantity[t] as number);
    }
  }
  const out: LinkFlow[] = [];
  for (let y = 0; y < Z; y++) {
    for (let z = 0; z < Z; z++) {
      const link = y * Z + z;
      const q = lots[link] as number;
      if (q === 0 || (y === z && (context.capacity?.[link] ?? Infinity) === Infinity)) continue;
      out.push({ from: y, to: z, lots: q, full: isFull(context, use, link), rent: rent.get(link)?.value() ?? 0n });
    }
  }
  return out;
}
