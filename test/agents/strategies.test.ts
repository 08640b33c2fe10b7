import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentContext, AgentState, BiddingStrategy } from '../../src/agents/bidding-strategy.js';
import { priceOutlook } from '../../src/agents/price-outlook.js';
import { BUILT_IN_STRATEGIES, resolveStrategy } from '../../src/agents/strategy-registry.js';
import { createRandom, ErrorCode } from '../../src/index.js';
import { calendarDate } from '../../src/time/calendar.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const contextArb = fc
  .record({
    feedIn: fc.integer({ min: -500, max: 1000 }),
    spread: fc.integer({ min: 0, max: 3000 }),
    forecast: fc.option(fc.integer({ min: -500, max: 4000 }), { nil: undefined }),
    recent: fc.array(fc.integer({ min: -500, max: 4000 }), { maxLength: 96 }),
    seed: fc.integer(),
    time: fc.integer({ min: 0, max: 4e12 }),
  })
  .map(({ feedIn, spread, forecast, recent, seed, time }): AgentContext => ({
    interval: 0,
    local: calendarDate(time, 420),
    durationMs: 900_000,
    retailTicks: feedIn + spread,
    feedInTicks: feedIn,
    priceForecastTicks: forecast === undefined ? undefined : Math.min(feedIn + spread, Math.max(feedIn, forecast)),
    recentPricesTicks: recent.map((p) => Math.min(feedIn + spread, Math.max(feedIn, p))),
    rng: createRandom(seed),
  }));

const stateArb = fc.oneof(
  fc.integer({ min: -50_000, max: 50_000 }).map((net): AgentState => ({ netForecastWh: net })),
  fc
    .record({ stored: fc.integer({ min: 0, max: 100_000 }), charge: fc.integer({ min: 0, max: 20_000 }), discharge: fc.integer({ min: 0, max: 20_000 }), must: fc.integer({ min: 0, max: 20_000 }), rte: fc.integer({ min: 500_000, max: 1_000_000 }) })
    .map(({ stored, charge, discharge, must, rte }): AgentState => ({
      netForecastWh: 0,
      storage: { storedWh: stored, maxChargeWh: charge, maxDischargeWh: discharge, mustChargeWh: Math.min(must, charge), roundTripPpm: rte },
    })),
);

describe('built-in strategies', () => {
  it('bid inside the utility band, within physical limits, and never cross themselves', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(BUILT_IN_STRATEGIES)), contextArb, stateArb, (strategy, ctx, state) => {
        const orders = strategy.orders(ctx, state);
        let bought = 0;
        let sold = 0;
        for (const o of orders) {
          expect(Number.isSafeInteger(o.priceTicks) && Number.isSafeInteger(o.quantityWh)).toBe(true);
          expect(o.quantityWh).toBeGreaterThan(0);
          expect(o.priceTicks).toBeGreaterThanOrEqual(ctx.feedInTicks);
          expect(o.priceTicks).toBeLessThanOrEqual(ctx.retailTicks);
          if (o.side === 'buy') bought += o.quantityWh;
          else sold += o.quantityWh;
        }
        const storage = state.storage;
        if (storage === undefined) {
          expect(bought === 0 || sold === 0).toBe(true);
          if (strategy.name !== 'battery-arbitrage' && strategy.name !== 'ev-deadline') expect(bought - sold).toBe(state.netForecastWh);
        } else if (strategy.name === 'battery-arbitrage' || strategy.name === 'ev-deadline') {
          expect(bought).toBeLessThanOrEqual(storage.maxChargeWh);
          expect(sold).toBeLessThanOrEqual(storage.maxDischargeWh);
          // A deadline is always bid at the retail price: the utility would charge that anyway.
          const atRetail = orders.filter((o) => o.side === 'buy' && o.priceTicks === ctx.retailTicks).reduce((a, o) => a + o.quantityWh, 0);
          expect(atRetail).toBeGreaterThanOrEqual(storage.mustChargeWh);
          const maxBid = Math.max(-Infinity, ...orders.filter((o) => o.side === 'buy').map((o) => o.priceTicks));
          const minAsk = Math.min(Infinity, ...orders.filter((o) => o.side === 'sell').map((o) => o.priceTicks));
          expect(maxBid < minAsk).toBe(true);
        }
      }),
      { numRuns: runs(1000) },
    );
  });

  it('regression: an EV with a zero-width band does not buy and sell at the same price (test:long seed 564908340)', () => {
    const ctx = { interval: 0, local: calendarDate(25_200_000), durationMs: 900_000, retailTicks: 0, feedInTicks: 0, priceForecastTicks: undefined, recentPricesTicks: [], rng: createRandom(0) };
    const storage = { storedWh: 0, maxChargeWh: 1, maxDischargeWh: 1, mustChargeWh: 0, roundTripPpm: 500_000 };
    expect(BUILT_IN_STRATEGIES['ev-deadline']!.orders(ctx, { netForecastWh: 0, storage })).toEqual([{ side: 'buy', priceTicks: 0, quantityWh: 1 }]);
  });

  it('truthful bids its marginal value: retail when short, feed-in when long', () => {
    const ctx = { interval: 0, local: calendarDate(0), durationMs: 900_000, retailTicks: 2204, feedInTicks: 671, priceForecastTicks: undefined, recentPricesTicks: [], rng: createRandom(1) };
    expect(BUILT_IN_STRATEGIES['truthful']!.orders(ctx, { netForecastWh: 1500 })).toEqual([{ side: 'buy', priceTicks: 2204, quantityWh: 1500 }]);
    expect(BUILT_IN_STRATEGIES['truthful']!.orders(ctx, { netForecastWh: -700 })).toEqual([{ side: 'sell', priceTicks: 671, quantityWh: 700 }]);
    expect(BUILT_IN_STRATEGIES['truthful']!.orders(ctx, { netForecastWh: 0 })).toEqual([]);
  });

  it('battery arbitrage charges when cheap and discharges when dear, covering its losses', () => {
    const recent = Array.from({ length: 96 }, (_, i) => (i < 48 ? 800 : 2000));
    const base = { interval: 0, local: calendarDate(0), durationMs: 900_000, retailTicks: 2204, feedInTicks: 671, recentPricesTicks: recent, rng: createRandom(1) };
    const storage = { storedWh: 50_000, maxChargeWh: 10_000, maxDischargeWh: 10_000, mustChargeWh: 0, roundTripPpm: 810_000 };
    const cheap = BUILT_IN_STRATEGIES['battery-arbitrage']!.orders({ ...base, priceForecastTicks: 800 }, { netForecastWh: 0, storage });
    expect(cheap).toEqual([{ side: 'buy', priceTicks: 1620, quantityWh: 10_000 }]); // 2000 * 0.81
    const dear = BUILT_IN_STRATEGIES['battery-arbitrage']!.orders({ ...base, priceForecastTicks: 2000 }, { netForecastWh: 0, storage });
    expect(dear).toEqual([{ side: 'sell', priceTicks: 988, quantityWh: 10_000 }]); // ceil(800 / 0.81)
  });

  it('zi-c is reproducible from its random stream', () => {
    const make = (): AgentContext => ({ interval: 0, local: calendarDate(0), durationMs: 900_000, retailTicks: 2204, feedInTicks: 671, priceForecastTicks: undefined, recentPricesTicks: [], rng: createRandom('agent-7') });
    const a = BUILT_IN_STRATEGIES['zi-c']!.orders(make(), { netForecastWh: 1000 });
    expect(BUILT_IN_STRATEGIES['zi-c']!.orders(make(), { netForecastWh: 1000 })).toEqual(a);
  });

  it('price outlook uses percentiles of recent prices and the band before there is history', () => {
    const ctx = { interval: 0, local: calendarDate(0), durationMs: 900_000, retailTicks: 1000, feedInTicks: 100, priceForecastTicks: undefined, recentPricesTicks: [], rng: createRandom(1) };
    expect(priceOutlook(ctx)).toEqual({ lowTicks: 400, highTicks: 700, nowTicks: 550 });
    const history = { ...ctx, recentPricesTicks: Array.from({ length: 11 }, (_, i) => 100 + i * 10) };
    expect(priceOutlook(history)).toEqual({ lowTicks: 130, highTicks: 170, nowTicks: 150 });
  });
});

describe('resolveStrategy', () => {
  it('resolves built-in names and accepts user strategies', () => {
    expect(resolveStrategy('truthful', 'f').name).toBe('truthful');
    const mine: BiddingStrategy = { name: 'mine', orders: () => [] };
    expect(resolveStrategy(mine, 'f')).toBe(mine);
  });

  it('refuses unknown kinds and objects that are not strategies', () => {
    expectWattError(() => resolveStrategy('genius', 'simulate'), ErrorCode.UNKNOWN_AGENT, { fnName: 'simulate' });
    expectWattError(() => resolveStrategy('toString', 'simulate'), ErrorCode.UNKNOWN_AGENT);
    expectWattError(() => resolveStrategy({ name: 'x' } as never, 'simulate'), ErrorCode.UNKNOWN_AGENT);
  });
});
