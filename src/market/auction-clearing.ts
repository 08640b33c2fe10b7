import { clearAuction } from '../auction/clear-auction.js';
import type { AuctionOrder } from '../auction/auction-order.js';
import type { MarketCore, ProductState } from './market-core.js';
import { TradeRecord, stepsInput } from './market-trade.js';
import { UTILITY_PARTICIPANT } from './participant-registry.js';

const FN = 'Market.advanceTo';

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
  // Auction input position -> product and position in its sealed orders (read from the columns).
  const owner: ProductState[] = [];
  const local: number[] = [];
  for (const p of products) {
    const s = p.sealed;
    let bidLots = 0;
    let askLots = 0;
    for (let i = 0; i < s.length; i++) {
      const id = s.ids[i] as string;
      const buy = s.buy[i] as boolean;
      const lots = s.lots[i] as number;
      const side = buy ? 'buy' : 'sell';
      const price = stepsInput(s.price[i] as number, config.priceTick);
      const quantity = stepsInput(lots, config.quantityStep);
      const ownerId = s.owners[i] as string;
      orders.push(zoneOf ? { id, owner: ownerId, side, price, quantity, zone: p.zone } : { id, owner: ownerId, side, price, quantity });
      owner.push(p);
      local.push(i);
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
  const position = new Map<string, number>();
  for (let g = 0; g < n; g++) position.set((orders[g] as AuctionOrder).id, g);
  const filled = new Float64Array(n);
  const byZone = zoneOf ? new Map<string, ProductState>(products.map((p) => [p.zone, p])) : undefined;
  const collateral = core.collateral;
  const recorded: TradeRecord[] = [];
  for (const t of result.trades) {
    const q = t.quantitySteps;
    const b = position.get(t.buyOrderId);
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
      const r = (owner[b] as ProductState).sealed.reservation[local[b] as number] as number;
      if (r >= 0 && collateral !== undefined) record.buyerPrepaid = collateral.fillDeferred(r, core.energySteps(q), t.buyerPriceTicks, FN);
      filled[b] = (filled[b] as number) + q;
    }
    const s = position.get(t.sellOrderId);
    if (s !== undefined) filled[s] = (filled[s] as number) + q;
    product.trades.push(record);
    recorded.push(record);
  }
  const leftOver: number[] = [];
  const reserved: number[] = [];
  for (let g = 0; g < n; g++) {
    const p = owner[g] as ProductState;
    const i = local[g] as number;
    if ((filled[g] as number) < (p.sealed.lots[i] as number)) leftOver.push(g);
    const r = p.sealed.reservation[i] as number;
    if (r >= 0) reserved.push(r);
    core.live.release(p.sealed.slot[i] as number);
  }
  for (const p of products) {
    // The order objects are not touched again (they are out of the market): only their ids stay.
    p.sealed.cleared();
    p.auction = result;
    p.phase = 'closed';
  }
  // Every reservation of the auction ends in one ledger call: fills posted, the rest released.
  if (reserved.length > 0) collateral?.close(reserved, FN);
  if (core.listens('auctionCleared')) core.emit('auctionCleared', { products: products.map((p) => p.id), deliveryStart: start, result });
  if (core.listens('trade')) for (const r of recorded) core.emit('trade', r);
  if (core.listens('orderCancelled')) {
    for (const g of leftOver) core.emit('orderCancelled', { orderId: (orders[g] as AuctionOrder).id, product: (owner[g] as ProductState).id, reason: 'unfilled' });
  }
}
