import { collectOrders, type AgentContext, type AgentOrder, type AgentState, type BiddingStrategy, type OrderSink } from './bidding-strategy.js';
import { priceOutlook } from './price-outlook.js';

/**
 * An EV that meets its departure deadline: it bids at the retail price for the energy it must take
 * this interval to leave with what it needs (the utility would sell it at that price anyway), bids
 * for more only when the forecast says energy is cheap, at no more than the cheap level, and, with
 * vehicle-to-grid, offers its spare energy when the forecast says energy is dear.
 */
export const evDeadlineStrategy: BiddingStrategy = Object.freeze<BiddingStrategy>({
  name: 'ev-deadline',
  orders(ctx, state): readonly AgentOrder[] {
    return collectOrders(writeEvDeadlineOrders, ctx, state);
  },
});

/** {@link evDeadlineStrategy}'s orders, written into `sink` (internal). */
export function writeEvDeadlineOrders(ctx: AgentContext, state: AgentState, sink: OrderSink): void {
  const storage = state.storage;
  if (storage === undefined) return;
  const { lowTicks, highTicks, nowTicks } = priceOutlook(ctx);
  const must = Math.min(storage.mustChargeWh, storage.maxChargeWh);
  if (must > 0) sink.order('buy', ctx.retailTicks, must);
  const extra = storage.maxChargeWh - must;
  // Cheap and dear can coincide (a narrow band, flat prices): buying extra then rules out
  // selling, so the EV never offers against its own bid.
  if (nowTicks <= lowTicks && extra > 0) sink.order('buy', lowTicks, extra);
  else if (must === 0 && nowTicks >= highTicks && storage.maxDischargeWh > 0) {
    sink.order('sell', highTicks, storage.maxDischargeWh);
  }
}
