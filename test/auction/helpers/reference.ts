// A naive reference for the lot-level mechanisms: every order expanded into explicit lots, every
// quantity found by counting. Slow and obvious, to compare the fast implementation against.
import type { IntOrder } from './market.js';

export interface Lot {
  readonly order: number;
  readonly price: number;
}

export interface ReferenceOutcome {
  readonly fills: number[];
  /** Per-lot prices: for each trading order, what it pays or receives per lot (uniform ones). */
  readonly buyerPrice: number | undefined;
  readonly sellerPrice: number | undefined;
  readonly interval: { low: number; high: number } | undefined;
}

/** Bids' lots, highest price first, ties by input position. */
export function bidLots(market: readonly IntOrder[]): Lot[] {
  const lots: Lot[] = [];
  market.forEach((o, i) => {
    if (o.side === 'buy') for (let q = 0; q < o.quantity; q++) lots.push({ order: i, price: o.price });
  });
  return lots.sort((a, b) => b.price - a.price || a.order - b.order);
}

/** Asks' lots, lowest price first, ties by input position. */
export function askLots(market: readonly IntOrder[]): Lot[] {
  const lots: Lot[] = [];
  market.forEach((o, i) => {
    if (o.side === 'sell') for (let q = 0; q < o.quantity; q++) lots.push({ order: i, price: o.price });
  });
  return lots.sort((a, b) => a.price - b.price || a.order - b.order);
}

/** K: the largest k with b_k >= s_k (1-based), by scanning. */
export function efficientLots(bids: Lot[], asks: Lot[]): number {
  let k = 0;
  while (k < bids.length && k < asks.length && (bids[k] as Lot).price >= (asks[k] as Lot).price) k++;
  return k;
}

/** [max(s_K, b_{K+1}), min(b_K, s_{K+1})], or undefined when K = 0. */
export function clearingInterval(market: readonly IntOrder[]): { low: number; high: number } | undefined {
  const b = bidLots(market);
  const s = askLots(market);
  const K = efficientLots(b, s);
  if (K === 0) return undefined;
  let low = (s[K - 1] as Lot).price;
  let high = (b[K - 1] as Lot).price;
  if (K < b.length) low = Math.max(low, (b[K] as Lot).price);
  if (K < s.length) high = Math.min(high, (s[K] as Lot).price);
  return { low, high };
}

/** floor(x + 1/2) for a rational x = num / den with den > 0 (half-up for the non-negative offsets). */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  const twice = 2n * num + den;
  const d = 2n * den;
  const q = twice / d;
  return twice % d !== 0n && twice < 0n ? q - 1n : q;
}

/** low + k * (high - low), the offset rounded half-up, k = kNum / kDen. */
export function atK(low: number, high: number, kNum: bigint, kDen: bigint): number {
  return low + Number(roundHalfUp(BigInt(high - low) * kNum, kDen));
}

/** Fills of the first `count` lots, with input-order or pro-rata rationing at the marginal level. */
export function fillFirstLots(market: readonly IntOrder[], lots: Lot[], count: number, rationing: 'input-order' | 'pro-rata'): number[] {
  const fills = market.map(() => 0);
  if (count === 0) return fills;
  const marginal = (lots[count - 1] as Lot).price;
  const levelTotal = lots.filter((l) => l.price === marginal).length;
  const aboveCount = lots.slice(0, count).filter((l) => l.price !== marginal).length;
  for (const l of lots.slice(0, aboveCount)) fills[l.order] = (fills[l.order] as number) + 1;
  const share = count - aboveCount;
  if (rationing === 'input-order' || share === levelTotal) {
    for (const l of lots.slice(aboveCount, count)) fills[l.order] = (fills[l.order] as number) + 1;
    return fills;
  }
  // Pro rata by largest remainder, ties by input position.
  const members = [...new Set(lots.filter((l) => l.price === marginal).map((l) => l.order))].sort((a, b) => a - b);
  const rows = members.map((i) => {
    const q = (market[i] as IntOrder).quantity;
    return { i, base: Math.floor((share * q) / levelTotal), rem: (share * q) % levelTotal };
  });
  let left = share - rows.reduce((s, r) => s + r.base, 0);
  for (const r of rows) fills[r.i] = (fills[r.i] as number) + r.base;
  for (const r of [...rows].sort((a, b) => b.rem - a.rem || a.i - b.i)) {
    if (left === 0) break;
    fills[r.i] = (fills[r.i] as number) + 1;
    left--;
  }
  return fills;
}

function sum(a: number[], b: number[]): number[] {
  return a.map((x, i) => x + (b[i] as number));
}

export function referenceUniform(market: readonly IntOrder[], kNum: bigint, kDen: bigint, rationing: 'input-order' | 'pro-rata' = 'input-order'): ReferenceOutcome {
  const b = bidLots(market);
  const s = askLots(market);
  const K = efficientLots(b, s);
  const interval = clearingInterval(market);
  const fills = sum(fillFirstLots(market, b, K, rationing), fillFirstLots(market, s, K, rationing));
  const price = interval === undefined ? undefined : atK(interval.low, interval.high, kNum, kDen);
  return { fills, buyerPrice: price, sellerPrice: price, interval };
}

export function referenceTradeReduction(market: readonly IntOrder[], rationing: 'input-order' | 'pro-rata' = 'input-order'): ReferenceOutcome {
  const b = bidLots(market);
  const s = askLots(market);
  const K = efficientLots(b, s);
  if (K === 0) return { fills: market.map(() => 0), buyerPrice: undefined, sellerPrice: undefined, interval: undefined };
  const fills = sum(fillFirstLots(market, b, K - 1, rationing), fillFirstLots(market, s, K - 1, rationing));
  return { fills, buyerPrice: (b[K - 1] as Lot).price, sellerPrice: (s[K - 1] as Lot).price, interval: undefined };
}

export function referenceMcAfee(market: readonly IntOrder[], rationing: 'input-order' | 'pro-rata' = 'input-order'): ReferenceOutcome {
  const b = bidLots(market);
  const s = askLots(market);
  const K = efficientLots(b, s);
  if (K === 0) return { fills: market.map(() => 0), buyerPrice: undefined, sellerPrice: undefined, interval: undefined };
  if (K < b.length && K < s.length) {
    // (b_{K+1} + s_{K+1}) / 2 rounded half to even.
    const twice = (b[K] as Lot).price + (s[K] as Lot).price;
    let p0 = Math.floor(twice / 2);
    if (twice % 2 !== 0 && p0 % 2 !== 0) p0 += 1;
    if ((s[K - 1] as Lot).price <= p0 && p0 <= (b[K - 1] as Lot).price) {
      const fills = sum(fillFirstLots(market, b, K, rationing), fillFirstLots(market, s, K, rationing));
      return { fills, buyerPrice: p0, sellerPrice: p0, interval: undefined };
    }
  }
  return referenceTradeReduction(market, rationing);
}

export function referenceHuang(market: readonly IntOrder[]): ReferenceOutcome {
  const b = bidLots(market);
  const s = askLots(market);
  const K = efficientLots(b, s);
  const fills = market.map(() => 0);
  if (K === 0) return { fills, buyerPrice: undefined, sellerPrice: undefined, interval: undefined };
  const marginalBid = (b[K - 1] as Lot).order;
  const marginalAsk = (s[K - 1] as Lot).order;
  // Orders ranked before the marginal ones: the owners of the lots before the marginal order's first lot.
  const buyers = [...new Set(b.slice(0, b.findIndex((l) => l.order === marginalBid)).map((l) => l.order))];
  const sellers = [...new Set(s.slice(0, s.findIndex((l) => l.order === marginalAsk)).map((l) => l.order))];
  const qb = buyers.reduce((t, i) => t + (market[i] as IntOrder).quantity, 0);
  const qs = sellers.reduce((t, i) => t + (market[i] as IntOrder).quantity, 0);
  const volume = Math.min(qb, qs);
  for (const group of [buyers, sellers]) {
    // Equal reduction: the smallest cut c with sum(max(0, q - c)) <= volume, by counting up.
    let c = 0;
    const given = (cut: number): number => group.reduce((t, i) => t + Math.max(0, (market[i] as IntOrder).quantity - cut), 0);
    while (given(c) > volume) c++;
    for (const i of group) fills[i] = Math.max(0, (market[i] as IntOrder).quantity - c);
    let extra = volume - given(c);
    for (const i of [...group].sort((x, y) => x - y)) {
      if (extra === 0) break;
      if ((market[i] as IntOrder).quantity >= c) {
        fills[i] = (fills[i] as number) + 1;
        extra--;
      }
    }
  }
  return { fills, buyerPrice: market[marginalBid]?.price, sellerPrice: market[marginalAsk]?.price, interval: undefined };
}
