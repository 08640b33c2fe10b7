import { clearAuction } from '../auction/clear-auction.js';
import type { AuctionOrder } from '../auction/auction-order.js';
import type { MarketCore, ProductState } from './market-core.js';
import { TradeRecord, stepsInput } from './market-trade.js';
import { UTILITY_PARTICIPANT } from './participant-registry.js';



const FN = 'Market.advanceTo';

/**
 * The auction input positions of the first `n` orders by id, for finding each trade's orders.
 * A `Map` of a thousand fresh ids costs more than the rest of this loop (it grows and rehashes
 * as it fills); this is one open-addressing table of positions, sized once and reused.
 */
class Positions {
  private table = new Int32Array(4096);
  private mask = 4095;

  fill(orders: readonly AuctionOrder[], n: number): this {
    let cap = this.table.length;
    while (cap < 2 * n) cap *= 2;
    if (cap !== this.table.length) this.table = new Int32Array(cap);
    this.mask = cap - 1;
    const table = this.table;
    table.fill(-1);
    for (let g = 0; g < n; g++) {
      let i = hashId((orders[g] as AuctionOrder).id) & this.mask;
      while (table[i] !== -1) i = (i + 1) & this.mask;
      table[i] = g;
    }
    return this;
  }

  /** The position of the order with this id among the first `n`, or undefined (the utility's). */
  get(id: string, orders: readonly AuctionOrder[]): number | undefined {
    const table = this.table;
    for (let i = hashId(id) & this.mask; ; i = (i + 1) & this.mask) {
      const g = table[i] as number;
      if (g === -1) return undefined;
      if ((orders[g] as AuctionOrder).id === id) return g;
    }
  }
}

const scratchPositions = new Positions();

function positions(orders: readonly AuctionOrder[], n: number): Positions {
  return scratchPositions.fill(orders, n);
}

/** FNV-1a with a final mix, for the position table. */
function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  return Math.imul(h, 0x85ebca6b);
}

/**
 * Clears the auctions of the interval starting at `start` at its gate closure: one joint auction
 * over every auction product of the interval when the market has zone fees (a trade across zones
 * pays the fee), else one per product, in zone order. Every sealed order leaves the market:
 * filled ones through their trades, the rest with reason 'unfilled', releasing collateral.
 */
export function clearIntervalAuctions(core: MarketCore, start: number): void {
  const interval = core.intervals.get(start);
  if (interval === undefined) return;
  const products = interval.products.filter((p): p is ProductState => p !== undefined && p.phase !== 'closed' && p.mode !== 'continuous');
  if (core.config.coupled) {
    if (products.length > 0) clearGroup(core, start, products);
  } else {
    for (const p of products) clearGroup(core, start, [p]);
  }
}

function clearGroup(core: MarketCore, start: number, products: readonly ProductState[]): void {
  const { config } = core;
  const orders: AuctionOrder[] = [];
  const zoneOf = config.coupled;
  // Auction input position -> product and order index slot (fields read from the columns).
  const live = core.live;
  const owner: ProductState[] = [];
  const slots: number[] = [];
  const firsts: number[] = [];
  for (const p of products) {
    firsts.push(orders.length);
    let bidLots = 0;
    let askLots = 0;
    for (const slot of p.sealed.slots) {
      const id = live.idOf(slot);
      const buy = live.isBuy(slot);
      const lots = live.lotsOf(slot);
      const side = buy ? 'buy' : 'sell';
      const price = stepsInput(live.priceOf(slot), config.priceTick);
      const quantity = stepsInput(lots, config.quantityStep);
      const ownerId = live.participantOf(slot).id;
      orders.push(zoneOf ? { id, owner: ownerId, side, price, quantity, zone: p.zone } : { id, owner: ownerId, side, price, quantity });
      owner.push(p);
      slots.push(slot);
      if (buy) bidLots += lots;
      else askLots += lots;
    }
    // The utility stands ready to sell everything bid at the retail price and to buy everything
    // offered at the feed-in price, so every order has a counterparty at the band's edge.
    if (config.utilityOrders) {
      const zone = zoneOf ? { zone: p.zone } : {};
      if (bidLots > 0) orders.push({ id: `${UTILITY_PARTICIPANT}/${p.id}/sell`, owner: UTILITY_PARTICIPANT, side: 'sell', price: stepsInput(config.retailTicks, config.priceTick), quantity: stepsInput(bidLots, config.quantityStep), ...zone });
      if (askLots > 0) orders.push({ id: `${UTILITY_PARTICIPANT}/${p.id}/buy`, owner: UTILITY_PARTICIPANT, side: 'buy', price: stepsInput(config.feedInTicks, config.priceTick), quantity: stepsInput(askLots, config.quantityStep), ...zone });
    }
  }
  if (orders.length === 0) {
    for (const p of products) p.phase = 'closed';
    return;
  }
  const result = clearAuction(orders, config.auction);
  const n = owner.length;
  const position = positions(orders, n);
  const filled = new Float64Array(n);
  const byZone = zoneOf ? new Map<string, ProductState>(products.map((p) => [p.zone, p])) : undefined;
  const collateral = core.collateral;
  const recorded: TradeRecord[] = [];
  for (const t of result.trades) {
    const q = t.quantitySteps;
    const b = position.get(t.buyOrderId, orders);
    // A buyer's own product; for the utility's orders, the product of the buyer's zone.
    const product: ProductState =
      (b === undefined ? undefined : owner[b]) ?? (byZone === undefined || t.buyerZone === undefined ? undefined : byZone.get(t.buyerZone)) ?? (products[0] as ProductState);
    const record = new TradeRecord(
      product.trades.length + 1,
      product.id,
      start,
      t.buyOrderId,
      t.sellOrderId,
      t.buyer,
      t.seller,
      q,
      t.buyerPriceTicks,
      t.sellerPriceTicks,
      t.feeTicks,
      config,
    );
    if (b !== undefined) {
      // Every sealed order leaves the market now: its fills are posted, and the rest of its
      // reservation released, for all orders in one ledger call below.
      const r = live.reservationOf(slots[b] as number);
      if (r >= 0 && collateral !== undefined) record.buyerPrepaid = collateral.fillDeferred(r, core.energySteps(q), t.buyerPriceTicks, FN);
      filled[b] = (filled[b] as number) + q;
    }
    const s = position.get(t.sellOrderId, orders);
    if (s !== undefined) filled[s] = (filled[s] as number) + q;
    product.trades.push(record);
    recorded.push(record);
  }
  const leftOver: number[] = [];
  const reserved: number[] = [];
  for (let g = 0; g < n; g++) {
    const slot = slots[g] as number;
    if ((filled[g] as number) < live.lotsOf(slot)) leftOver.push(g);
    const r = live.reservationOf(slot);
    if (r >= 0) reserved.push(r);
    live.release(slot);
  }
  products.forEach((p, k) => {
    // The orders are out of the market now: only their ids stay (in input order).
    const first = firsts[k] as number;
    p.sealed.cleared(orders.slice(first, first + p.sealed.length).map((o) => o.id));
    p.auction = result;
    p.phase = 'closed';
  });
  // Every reservation of the auction ends in one ledger call: fills posted, the rest released.
  if (reserved.length > 0) collateral?.close(reserved, FN);
  if (core.listens('auctionCleared')) core.emit('auctionCleared', { products: products.map((p) => p.id), deliveryStart: start, result });
  if (core.listens('trade')) for (const r of recorded) core.emit('trade', r);
  if (core.listens('orderCancelled')) {
    for (const g of leftOver) core.emit('orderCancelled', { orderId: (orders[g] as AuctionOrder).id, product: (owner[g] as ProductState).id, reason: 'unfilled' });
  }
}
