import { describe, expect, it } from 'vitest';
import { runSimulation, truthfulStrategy, type AgentContext, type AgentState, type BiddingStrategy } from '../../src/index.js';

describe('the contexts a run gives its agents', () => {
  // The built-in strategies share one context and state object per run (they keep neither);
  // a strategy of the user's may keep what it is given, so it gets fresh objects every call.
  it('gives a strategy of the user\'s a context and state of its own on every call, unchanged after the call', () => {
    const kept: { ctx: AgentContext; state: AgentState; interval: number; net: number; storage: boolean }[] = [];
    const keeper: BiddingStrategy = {
      name: 'keeper',
      orders(ctx, state) {
        kept.push({ ctx, state, interval: ctx.interval, net: state.netForecastWh, storage: state.storage !== undefined });
        return truthfulStrategy.orders(ctx, state);
      },
    };
    const result = runSimulation({ scenario: 'campus', days: 1, seed: 3, strategies: { truthful: keeper, 'battery-arbitrage': keeper } });
    expect(result.totals.p2pTradedKWh).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(96);
    expect(new Set(kept.map((k) => k.ctx)).size).toBe(kept.length);
    expect(new Set(kept.map((k) => k.state)).size).toBe(kept.length);
    for (const k of kept) {
      expect(k.ctx.interval).toBe(k.interval);
      expect(k.state.netForecastWh).toBe(k.net);
      expect(k.state.storage !== undefined).toBe(k.storage);
      expect('storage' in k.state).toBe(k.storage);
    }
  });
});
