import { collectOrders, type AgentContext, type AgentOrder, type AgentState, type BiddingStrategy, type OrderSink } from './bidding-strategy.js';

/**
 * The truthful marginal-value agent: it bids its true value for energy. A prosumer short of energy
 * values a local kWh at what the utility would charge it (the retail price), one with a surplus at
 * what the utility would pay (the feed-in price); it offers exactly its forecast net position.
 * Under a truthful mechanism this is its best strategy; under pay-as-clear it is a baseline.
 */
export const truthfulStrategy: BiddingStrategy = Object.freeze<BiddingStrategy>({
  name: 'truthful',
  orders(ctx, state): readonly AgentOrder[] {
    return collectOrders(writeTruthfulOrders, ctx, state);
  },
});

/** {@link truthfulStrategy}'s orders, written into `sink` (internal). */
export function writeTruthfulOrders(ctx: AgentContext, state: AgentState, sink: OrderSink): void {
  const net = state.netForecastWh;
  if (net > 0) sink.order('buy', ctx.retailTicks, net);
  else if (net < 0) sink.order('sell', ctx.feedInTicks, -net);
}
