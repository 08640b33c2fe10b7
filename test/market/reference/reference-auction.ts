// A naive call auction for the reference market, written from docs/auction.md ("the lot ladder"):
// every order is expanded into single lots, bids from the highest price down and asks from the
// lowest up (equal prices by input position), K is the last lot pair that crosses, the uniform
// price is low + k * (high - low) of the clearing interval, the offset rounded half-up to the
// tick, and the first K bid lots are paired with the first K ask lots, best with best. Plain
// integers (ticks, lots), arrays of lots: obviously right, not fast. Imports nothing from src/.

/** A sealed order as the auction sees it: input position is its index in the array. */
export interface RefAuctionOrder {
  readonly id: string;
  readonly owner: string;
  readonly buy: boolean;
  /** Limit price, ticks. */
  readonly price: number;
  /** Quantity, lots (quantity steps). */
  readonly lots: number;
}

/** One trade of the auction: a maximal run of lot pairs between the same bid and ask. */
export interface RefAuctionTrade {
  readonly buyOrderId: string;
  readonly sellOrderId: string;
  readonly buyer: string;
  readonly seller: string;
  readonly lots: number;
  readonly buyerPrice: number;
  readonly sellerPrice: number;
}

/** `k` as an exact fraction num/den in [0, 1]. */
export interface RefK {
  readonly num: number;
  readonly den: number;
}

/** num / den rounded half-up (to the nearer integer, a tie upwards); den > 0, num >= 0. */
function halfUp(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/**
 * Clears one auction with the `uniform` or `discriminatory` mechanism and input-order rationing.
 * With `capacity` (the lots the zone's own link has left, docs/network.md), at most that many
 * lot pairs trade; when they reach it the link is full, and the uniform buyer and seller prices
 * may part: each lies in its own interval of supporting prices (filled lots willing, unfilled
 * not, buyer price >= seller price) at position k, rounded half-up; the gap is congestion rent.
 */
export function refClear(orders: readonly RefAuctionOrder[], mechanism: 'uniform' | 'discriminatory', k: RefK, capacity = Infinity): RefAuctionTrade[] {
  const ladder = (buy: boolean): { order: RefAuctionOrder; pos: number }[] => {
    const side = orders.map((order, pos) => ({ order, pos })).filter((x) => x.order.buy === buy);
    side.sort((a, b) => (buy ? b.order.price - a.order.price : a.order.price - b.order.price) || a.pos - b.pos);
    const lots: { order: RefAuctionOrder; pos: number }[] = [];
    for (const x of side) for (let i = 0; i < x.order.lots; i++) lots.push(x);
    return lots;
  };
  const bids = ladder(true);
  const asks = ladder(false);
  let K = 0;
  while (K < bids.length && K < asks.length && K < capacity && (bids[K]?.order.price as number) >= (asks[K]?.order.price as number)) K++;
  if (K === 0) return [];
  const bK = bids[K - 1]?.order.price as number;
  const sK = asks[K - 1]?.order.price as number;
  const bNext = bids[K]?.order.price;
  const sNext = asks[K]?.order.price;
  const low = bNext === undefined ? sK : Math.max(sK, bNext);
  const high = sNext === undefined ? bK : Math.min(bK, sNext);
  let buyerUniform = low + halfUp(k.num * (high - low), k.den);
  let sellerUniform = buyerUniform;
  if (K === capacity) {
    // The link is full: the buyer price in [max(b_{K+1}, s_K), b_K], the seller price in [s_K, min(s_{K+1}, b_K)].
    const bLow = bNext === undefined ? sK : Math.max(sK, bNext);
    const sHigh = sNext === undefined ? bK : Math.min(bK, sNext);
    buyerUniform = bLow + halfUp(k.num * (bK - bLow), k.den);
    sellerUniform = sK + halfUp(k.num * (sHigh - sK), k.den);
  }
  const trades: RefAuctionTrade[] = [];
  for (let i = 0; i < K; i++) {
    const b = (bids[i] as { order: RefAuctionOrder }).order;
    const s = (asks[i] as { order: RefAuctionOrder }).order;
    const price = mechanism === 'uniform' ? buyerUniform : s.price + halfUp(k.num * (b.price - s.price), k.den);
    const sellerPrice = mechanism === 'uniform' ? sellerUniform : price;
    const last = trades[trades.length - 1];
    if (last !== undefined && last.buyOrderId === b.id && last.sellOrderId === s.id && last.buyerPrice === price && last.sellerPrice === sellerPrice) {
      trades[trades.length - 1] = { ...last, lots: last.lots + 1 };
    } else {
      trades.push({ buyOrderId: b.id, sellOrderId: s.id, buyer: b.owner, seller: s.owner, lots: 1, buyerPrice: price, sellerPrice });
    }
  }
  return trades;
}
