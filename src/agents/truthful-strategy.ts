import type { AgentOrder, BiddingStrategy } from './bidding-strategy.js';

/**
 * The truthful marginal-value agent: it bids its true value for energy. A prosumer short of energy
 * values a local kWh at what the utility would charge it (the retail price), one with a surplus at
 * what the utility would pay (the feed-in price); it offers exactly its forecast net position.
 * Under a truthful mechanism this is its best strategy; under pay-as-clear it is a baseline.
 */
export const truthfulStrategy: BiddingStrategy = Object.freeze<BiddingStrategy>({
  name: 'truthful',
  orders(ctx, state): readonly AgentOrder[] {
    const net = state.netForecastWh;
    if (net > 0) return [{ side: 'buy', priceTicks: ctx.retailTicks, quantityWh: net }];
    if (net < 0) return [{ side: 'sell', priceTicks: ctx.feedInTicks, quantityWh: -net }];
    return [];
  },
});
