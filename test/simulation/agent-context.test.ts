import { describe, expect, it } from 'vitest';
import { ErrorCode, runSimulation, truthfulStrategy, type AgentContext, type AgentOrder, type AgentState, type BiddingStrategy } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

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

  it('refuses an order of a user\'s strategy off the band, of no whole positive Wh or of no side, naming the strategy and participant', () => {
    const bad: ((ctx: AgentContext, net: number) => unknown)[] = [
      (ctx, net) => ({ side: net > 0 ? 'buy' : 'sell', priceTicks: ctx.retailTicks + 1, quantityWh: Math.abs(net) }),
      (ctx, net) => ({ side: net > 0 ? 'buy' : 'sell', priceTicks: ctx.feedInTicks - 1, quantityWh: Math.abs(net) }),
      (ctx) => ({ side: 'buy', priceTicks: ctx.retailTicks, quantityWh: 1.5 }),
      (ctx) => ({ side: 'sell', priceTicks: ctx.feedInTicks, quantityWh: 0 }),
      (ctx) => ({ side: 'hold', priceTicks: ctx.feedInTicks, quantityWh: 1 }),
    ];
    for (const make of bad) {
      const strategy: BiddingStrategy = {
        name: 'broken',
        orders(ctx, state) {
          // A valid order first: the run stops at the bad one after it.
          const net = state.netForecastWh === 0 ? 1 : state.netForecastWh;
          return [{ side: 'buy', priceTicks: ctx.retailTicks, quantityWh: 1 }, make(ctx, net) as AgentOrder];
        },
      };
      const e = expectWattError(() => runSimulation({ scenario: 'campus', days: 1, seed: 1, strategies: { truthful: strategy } }), ErrorCode.INVALID_ARGUMENT, { fnName: 'runSimulation' });
      expect(e.message).toContain("strategy 'broken' of '");
    }
  });
});
