import { collectOrders, type AgentContext, type AgentOrder, type AgentState, type BiddingStrategy, type OrderSink } from './bidding-strategy.js';

/**
 * Zero intelligence constrained (Gode and Sunder 1993): prices drawn uniformly at random, but never
 * at a loss. A buyer bids uniformly in [feed-in, its value = retail]; a seller asks uniformly in
 * [its cost = feed-in, retail]. Gode and Sunder showed that such traders already reach most of the
 * available efficiency in a double auction: the market's rules, not the traders' intelligence, do
 * most of the work.
 */
export const zeroIntelligenceStrategy: BiddingStrategy = Object.freeze<BiddingStrategy>({
  name: 'zi-c',
  orders(ctx, state): readonly AgentOrder[] {
    return collectOrders(writeZeroIntelligenceOrders, ctx, state);
  },
});

/** {@link zeroIntelligenceStrategy}'s orders, written into `sink` (internal). */
export function writeZeroIntelligenceOrders(ctx: AgentContext, state: AgentState, sink: OrderSink): void {
  const net = state.netForecastWh;
  if (net === 0) return;
  const priceTicks = ctx.rng.nextInt(ctx.feedInTicks, ctx.retailTicks);
  if (net > 0) sink.order('buy', priceTicks, net);
  else sink.order('sell', priceTicks, -net);
}
