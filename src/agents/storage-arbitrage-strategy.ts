import { divideSafe } from '../units/rounding.js';
import { collectOrders, type AgentContext, type AgentOrder, type AgentState, type BiddingStrategy, type OrderSink } from './bidding-strategy.js';
import { priceOutlook } from './price-outlook.js';

/**
 * A battery that arbitrages against a price forecast: when the expected price is cheap it bids to
 * charge, paying at most what selling later at the dear level is worth after losses; when it is dear
 * it offers to discharge, asking at least what charging at the cheap level cost after losses. In
 * between it asks a little above and bids a little below the forecast, so it trades only on a
 * spread that covers its round-trip losses. It never plans beyond its power and energy limits.
 */
export const storageArbitrageStrategy: BiddingStrategy = Object.freeze<BiddingStrategy>({
  name: 'battery-arbitrage',
  orders(ctx, state): readonly AgentOrder[] {
    return collectOrders(writeStorageArbitrageOrders, ctx, state);
  },
});

/** {@link storageArbitrageStrategy}'s orders, written into `sink` (internal). */
export function writeStorageArbitrageOrders(ctx: AgentContext, state: AgentState, sink: OrderSink): void {
  const storage = state.storage;
  if (storage === undefined) return;
  const { lowTicks, highTicks, nowTicks } = priceOutlook(ctx);
  // Break-even prices: buying at p pays if p * 1e6 / rte <= the dear price, and vice versa.
  const maxBuy = Math.min(ctx.retailTicks, divideSafe(highTicks * storage.roundTripPpm, 1_000_000, 'floor'));
  const minSell = Math.max(ctx.feedInTicks, divideSafe(lowTicks * 1_000_000, Math.max(1, storage.roundTripPpm), 'ceil'));
  const must = storage.mustChargeWh;
  if (must > 0) sink.order('buy', ctx.retailTicks, must);
  if (nowTicks <= lowTicks && storage.maxChargeWh > must && maxBuy >= ctx.feedInTicks) {
    sink.order('buy', Math.max(ctx.feedInTicks, maxBuy), storage.maxChargeWh - must);
  } else if (nowTicks >= highTicks && storage.maxDischargeWh > 0 && must === 0 && minSell <= ctx.retailTicks) {
    sink.order('sell', minSell, storage.maxDischargeWh);
  }
}
