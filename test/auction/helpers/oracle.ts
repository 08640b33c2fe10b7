// A brute-force oracle: every matching of bid lots to ask lots, for markets of a few lots.
import type { IntOrder } from './market.js';

export interface OracleResult {
  /** The largest welfare (sum of bid - fee - ask over matched lot pairs). */
  readonly maxWelfare: number;
  /** The largest volume among the allocations of largest welfare. */
  readonly volumeAtMaxWelfare: number;
  /** The largest volume of any allocation of crossing pairs. */
  readonly maxVolume: number;
}

type Fee = (askZone: string | undefined, bidZone: string | undefined) => number;

/**
 * Tries every matching of lots (each bid lot to at most one ask lot) whose pairs cross net of
 * fees, with at most `capacity(askZone, bidZone)` lots on each zone pair (unlimited by default).
 */
export function bruteForce(market: readonly IntOrder[], fee: Fee = () => 0, capacity: Fee = () => Infinity): OracleResult {
  const bids: IntOrder[] = [];
  const asks: IntOrder[] = [];
  for (const o of market) for (let q = 0; q < o.quantity; q++) (o.side === 'buy' ? bids : asks).push(o);
  const used = asks.map(() => false);
  const onLink = new Map<string, number>();
  let maxWelfare = 0;
  let volumeAtMaxWelfare = 0;
  let maxVolume = 0;
  const visit = (i: number, welfare: number, volume: number): void => {
    if (i === bids.length) {
      if (welfare > maxWelfare || (welfare === maxWelfare && volume > volumeAtMaxWelfare)) {
        maxWelfare = welfare;
        volumeAtMaxWelfare = volume;
      }
      if (volume > maxVolume) maxVolume = volume;
      return;
    }
    visit(i + 1, welfare, volume);
    const b = bids[i] as IntOrder;
    for (let j = 0; j < asks.length; j++) {
      const a = asks[j] as IntOrder;
      // Lots of the same ask are interchangeable: try only the first unused one of each run.
      if (used[j] || (j > 0 && asks[j - 1] === a && !used[j - 1])) continue;
      const gain = b.price - fee(a.zone, b.zone) - a.price;
      if (gain < 0) continue;
      const link = `${a.zone ?? ''}>${b.zone ?? ''}`;
      const moved = onLink.get(link) ?? 0;
      if (moved >= capacity(a.zone, b.zone)) continue;
      used[j] = true;
      onLink.set(link, moved + 1);
      visit(i + 1, welfare + gain, volume + 1);
      onLink.set(link, moved);
      used[j] = false;
    }
  };
  visit(0, 0, 0);
  return { maxWelfare, volumeAtMaxWelfare, maxVolume };
}

/** Total lots per side. */
export function lotCounts(market: readonly IntOrder[]): { bids: number; asks: number } {
  let bids = 0;
  let asks = 0;
  for (const o of market) {
    if (o.side === 'buy') bids += o.quantity;
    else asks += o.quantity;
  }
  return { bids, asks };
}

/**
 * The largest volume that can trade at one price, as a uniform price must: the maximum over
 * prices p of min(kWh bid at p or more, kWh offered at p or less).
 */
export function maxUniformVolume(market: readonly IntOrder[]): number {
  let best = 0;
  for (const candidate of market) {
    const p = candidate.price;
    let demand = 0;
    let supply = 0;
    for (const o of market) {
      if (o.side === 'buy' && o.price >= p) demand += o.quantity;
      if (o.side === 'sell' && o.price <= p) supply += o.quantity;
    }
    best = Math.max(best, Math.min(demand, supply));
  }
  return best;
}
