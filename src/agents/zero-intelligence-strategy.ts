import type { AgentOrder, BiddingStrategy } from './bidding-strategy.js';

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
    const net = state.netForecastWh;
    if (net === 0) return [];
    const priceTicks = ctx.rng.nextInt(ctx.feedInTicks, ctx.retailTicks);
    return [net > 0 ? { side: 'buy', priceTicks, quantityWh: net } : { side: 'sell', priceTicks, quantityWh: -net }];
  },
});
