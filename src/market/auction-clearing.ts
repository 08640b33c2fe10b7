import { clearAuction } from '../auction/clear-auction.js';
import type { AuctionOrder } from '../auction/auction-order.js';
import type { LiveOrder, MarketCore, ProductState } from './market-core.js';
import { TradeRecord, stepsInput } from './market-trade.js';
import { UTILITY_PARTICIPANT } from './participant-registry.js';

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
      orders.push({
        id: o.id,
        owner: o.participant.id,
        side: o.side,
        price: stepsInput(o.priceTicks, config.priceTick),
        quantity: stepsInput(o.lots, config.quantityStep),
        ...(zoneOf ? { zone: p.zone } : {}),
      });
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
  const byZone = new Map<string, ProductState>(products.map((p) => [p.zone, p]));
  const filled = new Map<string, number>();
  const recorded: TradeRecord[] = [];
  for (const t of result.trades) {
    const buy = core.live.get(t.buyOrderId);
    // A buyer's own product; for the utility's orders, the product of the buyer's zone.
    const product: ProductState = buy?.product ?? (t.buyerZone === undefined ? undefined : byZone.get(t.buyerZone)) ?? (products[0] as ProductState);
    const record = new TradeRecord(
      `${product.id}#${product.trades.length + 1}`,
      product.id,
      start,
      t.buyOrderId,
      t.sellOrderId,
      t.buyer,
      t.seller,
      t.quantitySteps,
      t.buyerPriceTicks,
      t.sellerPriceTicks,
      t.feeTicks,
      config,
    );
    if (buy?.reserved === true && core.collateral !== undefined) {
      record.buyerPrepaid = core.collateral.fill(buy.id, {
        quantity: stepsInput(t.quantitySteps, config.quantityStep),
        price: stepsInput(t.buyerPriceTicks, config.priceTick),
      }).postedSteps;
      if (core.collateral.reservation(buy.id) === undefined) buy.reserved = false;
    }
    filled.set(t.buyOrderId, (filled.get(t.buyOrderId) ?? 0) + t.quantitySteps);
    filled.set(t.sellOrderId, (filled.get(t.sellOrderId) ?? 0) + t.quantitySteps);
    product.trades.push(record);
    recorded.push(record);
  }
  const leftOver: LiveOrder[] = [];
  for (const p of products) {
    for (const o of p.sealed) {
      if ((filled.get(o.id) ?? 0) < o.lots) leftOver.push(o);
      o.lots = 0;
      core.retire(o);
    }
    p.auction = result;
    p.phase = 'closed';
  }
  core.emit('auctionCleared', { products: products.map((p) => p.id), deliveryStart: start, result });
  for (const r of recorded) core.emit('trade', r);
  for (const o of leftOver) core.emit('orderCancelled', { orderId: o.id, product: o.product.id, reason: 'unfilled' });
}
