import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Market, WattError } from '../../src/index.js';
import type { MarketOptions, MarketStepsOrderInput, MarketSubmitResult, ProductMode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN; // 08:00 UTC
const PEOPLE = ['a', 'b', 'c'] as const;

/** The same order as submit takes it: price ticks and Wh as decimals (tick 1, step 0.001 kWh). */
function decimalForm(o: MarketStepsOrderInput): Parameters<Market['submit']>[0] {
  return { id: o.id, participant: o.participant, deliveryStart: o.deliveryStart, side: o.side, price: o.priceTicks, quantity: (o.quantitySteps / 1000).toString() };
}

/** Two identical markets, one fed by submit and one by submitSteps, each recording its events. */
function twins(mode: ProductMode, funds = 1_000_000, extra: Partial<MarketOptions> = {}): { markets: Market[]; events: string[][] } {
  const markets: Market[] = [];
  const events: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const { market } = campusMarket({ mode, journal: true, ...extra });
    fund(market, PEOPLE, funds);
    const seen: string[] = [];
    market.on('orderAccepted', (e) => seen.push(JSON.stringify(e)));
    // The messages name the function and the field as given (price or priceTicks): codes must agree.
    market.on('orderRejected', (e) => seen.push(JSON.stringify({ orderId: e.orderId, participant: e.participant, code: e.code })));
    market.on('trade', (e) => seen.push(JSON.stringify(e)));
    markets.push(market);
    events.push(seen);
  }
  return { markets, events };
}

function outcome(f: () => MarketSubmitResult): string {
  try {
    const r = f();
    return JSON.stringify({ id: r.orderId, product: r.product, status: r.status, filled: r.filled.toString(), remaining: r.remaining.toString(), trades: r.trades.length });
  } catch (e) {
    if (e instanceof WattError) return `error ${e.code}`;
    throw e;
  }
}

describe('Market.submitSteps', () => {
  it('is submit of the same order in decimals: results, events, journal and state hash', () => {
    for (const mode of ['auction', 'continuous'] as const) {
      const { markets, events } = twins(mode);
      const [bySubmit, bySteps] = markets as [Market, Market];
      const orders: MarketStepsOrderInput[] = [
        { id: 's1', participant: 'a', deliveryStart: T1, side: 'sell', priceTicks: 900, quantitySteps: 2500 },
        { id: 'b1', participant: 'b', deliveryStart: T1, side: 'buy', priceTicks: 1450, quantitySteps: 1750 },
        { id: 'b2', participant: 'c', deliveryStart: T1, side: 'buy', priceTicks: 2204, quantitySteps: 1 },
      ];
      for (const o of orders) {
        expect(outcome(() => bySteps.submitSteps(o))).toBe(outcome(() => bySubmit.submit(decimalForm(o))));
        expect(bySteps.stateHash()).toBe(bySubmit.stateHash());
      }
      for (const m of markets) m.advanceTo(T1 - 5 * MIN);
      expect(bySteps.stateHash()).toBe(bySubmit.stateHash());
      expect(JSON.stringify(bySteps.trades(T1))).toBe(JSON.stringify(bySubmit.trades(T1)));
      expect(events[1]).toEqual(events[0]);
      expect(bySteps.journal()).toEqual(bySubmit.journal());
      // The journal holds the decimal form, so a replay rebuilds the same market.
      expect(Market.replay(bySteps.journal(), { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, mode, journal: true }).stateHash()).toBe(bySteps.stateHash());
    }
  });

  it('refuses what is not a whole number of ticks or steps, and everything submit refuses, changing nothing', () => {
    const { market, clock } = campusMarket();
    fund(market, ['a']);
    market.submitSteps({ id: 'open', participant: 'a', deliveryStart: T1, side: 'buy', priceTicks: 1000, quantitySteps: 5 });
    const rejected: unknown[] = [];
    market.on('orderRejected', (e) => rejected.push(e.code));
    const good: MarketStepsOrderInput = { id: 'x', participant: 'a', deliveryStart: T1, side: 'buy', priceTicks: 1000, quantitySteps: 5 };
    const bad: [unknown, ErrorCode][] = [
      [null, ErrorCode.INVALID_ARGUMENT],
      ['order', ErrorCode.INVALID_ARGUMENT],
      [{ ...good, quantity: 5 }, ErrorCode.INVALID_ARGUMENT],
      [{ ...good, price: 1000 }, ErrorCode.INVALID_ARGUMENT],
      [{ ...good, quantitySteps: 1.5 }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, quantitySteps: 0 }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, quantitySteps: -3 }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, quantitySteps: Number.NaN }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, quantitySteps: Number.POSITIVE_INFINITY }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, quantitySteps: 2 ** 53 }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, quantitySteps: '5' }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, quantitySteps: undefined }, ErrorCode.INVALID_QUANTITY],
      [{ ...good, priceTicks: 1000.5 }, ErrorCode.INVALID_PRICE],
      [{ ...good, priceTicks: Number.NaN }, ErrorCode.INVALID_PRICE],
      [{ ...good, priceTicks: '1000' }, ErrorCode.INVALID_PRICE],
      [{ ...good, priceTicks: undefined }, ErrorCode.INVALID_PRICE],
      [{ ...good, priceTicks: 2205 }, ErrorCode.PRICE_OUT_OF_BAND],
      [{ ...good, priceTicks: 670 }, ErrorCode.PRICE_OUT_OF_BAND],
      [{ ...good, side: 'hold' }, ErrorCode.INVALID_SIDE],
      [{ ...good, id: '' }, ErrorCode.INVALID_ID],
      [{ ...good, id: '@x' }, ErrorCode.INVALID_ID],
      [{ ...good, id: 'open' }, ErrorCode.DUPLICATE_ORDER_ID],
      [{ ...good, participant: 'nobody' }, ErrorCode.UNKNOWN_PARTICIPANT],
      [{ ...good, deliveryStart: T1 + 1 }, ErrorCode.UNKNOWN_PRODUCT],
      [{ ...good, quantitySteps: 1_000_000 }, ErrorCode.INSUFFICIENT_FUNDS],
    ];
    for (const [order, code] of bad) {
      const before = market.stateHash();
      expectWattError(() => market.submitSteps(order as MarketStepsOrderInput), code, { fnName: 'Market.submitSteps' });
      expect(market.stateHash()).toBe(before);
    }
    expect(rejected).toEqual(bad.map(([, code]) => code));
    clock.set(T1 - 5 * MIN);
    expectWattError(() => market.submitSteps(good), ErrorCode.PRODUCT_CLOSED, { fnName: 'Market.submitSteps' });
  });

  it('agrees with submit on any order sequence, accepted or refused (property)', () => {
    const order = fc.record({
      person: fc.constantFrom(...PEOPLE, 'nobody'),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      priceTicks: fc.oneof(fc.integer({ min: 600, max: 2300 }), fc.constant(671), fc.constant(2204)),
      quantitySteps: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: -2, max: 0 })),
      slot: fc.integer({ min: 0, max: 2 }),
      reuseId: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom<ProductMode>('auction', 'continuous', 'continuous-then-auction'), fc.integer({ min: 0, max: 40_000 }), fc.array(order, { maxLength: 25 }), (mode, funds, list) => {
        const { markets, events } = twins(mode, funds);
        const [bySubmit, bySteps] = markets as [Market, Market];
        list.forEach((o, i) => {
          const steps: MarketStepsOrderInput = {
            id: o.reuseId && i > 0 ? `o${i - 1}` : `o${i}`,
            participant: o.person,
            deliveryStart: T1 + o.slot * Q,
            side: o.side,
            priceTicks: o.priceTicks,
            quantitySteps: o.quantitySteps,
          };
          const viaSteps = outcome(() => bySteps.submitSteps(steps));
          // submit refuses a non-positive quantity as INVALID_QUANTITY too, from its decimal.
          expect(viaSteps).toBe(outcome(() => bySubmit.submit(decimalForm(steps))));
          expect(bySteps.stateHash()).toBe(bySubmit.stateHash());
        });
        for (const m of markets) m.advanceTo(T1 + Q);
        expect(bySteps.stateHash()).toBe(bySubmit.stateHash());
        expect(events[1]).toEqual(events[0]);
      }),
      { numRuns: runs(60) },
    );
  });

  // Intake remembers the last delivery start that passed the schedule's check (issue 16, item 2):
  // the memo must never let through a start the schedule refuses, whatever came before.
  it('checks every delivery start against the schedule, after a valid one as before it', () => {
    const { market } = campusMarket();
    fund(market, ['a']);
    const order = (id: string, deliveryStart: unknown): MarketStepsOrderInput =>
      ({ id, participant: 'a', deliveryStart, side: 'buy', priceTicks: 1000, quantitySteps: 5 }) as MarketStepsOrderInput;
    const refused = [T1 + 1, T1 + Q / 2, String(T1), NaN, undefined, T1 + 0.5];
    for (const start of refused) expectWattError(() => market.submitSteps(order('bad', start)), ErrorCode.UNKNOWN_PRODUCT, { fnName: 'Market.submitSteps' });
    market.submitSteps(order('ok-1', T1));
    for (const start of refused) expectWattError(() => market.submitSteps(order('bad', start)), ErrorCode.UNKNOWN_PRODUCT, { fnName: 'Market.submitSteps' });
    market.submitSteps(order('ok-2', T1));
    market.submitSteps(order('ok-3', T1 + Q));
    expect(market.order('ok-2')?.product).toBe(market.order('ok-1')?.product);
    expect(market.order('ok-3')?.product).not.toBe(market.order('ok-1')?.product);
    expectWattError(() => market.submitSteps(order('bad', T1 + Q + 1)), ErrorCode.UNKNOWN_PRODUCT, { fnName: 'Market.submitSteps' });
  });
});
