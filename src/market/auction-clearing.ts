import { clearAuction } from '../auction/clear-auction.js';
import type { AuctionOrder } from '../auction/auction-order.js';
import type { Reservation } from '../settlement/reservations.js';
import type { LiveOrder, MarketCore, ProductState } from './market-core.js';
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
  for (const p of products) {
    let bidLots = 0;
    let askLots = 0;
    for (const o of p.sealed) {
      const id = o.id;
      const owner = o.participant.id;
      const side = o.side;
      const price = stepsInput(o.priceTicks, config.priceTick);
      const quantity = stepsInput(o.lots, config.quantityStep);
      orders.push(zoneOf ? { id, owner, side, price, quantity, zone: p.zone } : { id, owner, side, price, quantity });
      if (o.side === 'buy') bidLots += o.lots;
      else askLots += o.lots;
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
  const byZone = zoneOf ? new Map<string, ProductState>(products.map((p) => [p.zone, p])) : undefined;
  const collateral = core.collateral;
  const recorded: TradeRecord[] = [];
  for (const t of result.trades) {
    const q = t.quantitySteps;
    const buy = core.live.get(t.buyOrderId);
    const sell = core.live.get(t.sellOrderId);
    // A buyer's own product; for the utility's orders, the product of the buyer's zone.
    const product: ProductState =
      buy?.product ?? (byZone === undefined || t.buyerZone === undefined ? undefined : byZone.get(t.buyerZone)) ?? (products[0] as ProductState);
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
    if (buy !== undefined) {
      // Every sealed order leaves the market now: its fills are posted, and the rest of its
      // reservation released, for all orders in one ledger call below.
      const r = buy.reservation;
      if (r !== undefined && collateral !== undefined) record.buyerPrepaid = collateral.fillDeferred(r, core.energySteps(q), t.buyerPriceTicks, FN);
      buy.auctionFilled += q;
    }
    if (sell !== undefined) sell.auctionFilled += q;
    product.trades.push(record);
    recorded.push(record);
  }
  const leftOver: LiveOrder[] = [];
  const reserved: Reservation[] = [];
  for (const p of products) {
    for (const o of p.sealed) {
      if (o.auctionFilled < o.lots) leftOver.push(o);
      o.lots = 0;
      if (o.reservation !== undefined) {
        reserved.push(o.reservation);
        o.reservation = undefined;
      }
      core.retire(o, FN);
    }
    p.auction = result;
    p.phase = 'closed';
  }
  // Every reservation of the auction ends in one ledger call: fills posted, the rest released.
  if (reserved.length > 0) collateral?.close(reserved, FN);
  if (core.listens('auctionCleared')) core.emit('auctionCleared', { products: products.map((p) => p.id), deliveryStart: start, result });
  if (core.listens('trade')) for (const r of recorded) core.emit('trade', r);
  if (core.listens('orderCancelled')) {
    for (const o of leftOver) core.emit('orderCancelled', { orderId: o.id, product: o.product.id, reason: 'unfilled' });
  }
}
