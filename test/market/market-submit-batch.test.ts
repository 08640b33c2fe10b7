import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Market, MAX_ORDERS_PER_BATCH, WattError } from '../../src/index.js';
import type { MarketOptions, MarketStepsOrderInput, ProductMode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN; // 08:00 UTC
const PEOPLE = ['a', 'b', 'c'] as const;
const FN = 'Market.submitStepsBatch';

/** A market with PEOPLE funded, journalling, recording every event it emits as text. */
function recorded(funds: number, extra: Partial<MarketOptions> = {}): { market: Market; events: string[] } {
  const { market } = campusMarket({ journal: true, ...extra });
  fund(market, PEOPLE, funds);
  const events: string[] = [];
  market.on('orderAccepted', (e) => events.push(JSON.stringify(e)));
  market.on('callPhaseStarted', (e) => events.push(JSON.stringify(e)));
  // Messages differ (the function's name and the order's position): codes and ids must agree.
  market.on('orderRejected', (e) => events.push(JSON.stringify({ orderId: e.orderId, participant: e.participant, code: e.code })));
  market.on('trade', (e) => events.push(JSON.stringify(e)));
  return { market, events };
}

/** Everything observable of a market's state. */
function state(m: Market): string {
  return JSON.stringify({ hash: m.stateHash(), seq: m.sequence, journal: m.journal() });
}

function good(id: string, participant = 'a', side: 'buy' | 'sell' = 'buy', priceTicks = 1000, quantitySteps = 5): MarketStepsOrderInput {
  return { id, participant, deliveryStart: T1, side, priceTicks, quantitySteps };
}

describe('Market.submitStepsBatch', () => {
  it('equals submitting the orders one by one with submitSteps: state, journal, events, refusals (model)', () => {
    const order = fc.record({
      person: fc.constantFrom(...PEOPLE, 'nobody'),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      priceTicks: fc.oneof(fc.integer({ min: 600, max: 2300 }), fc.constant(671), fc.constant(2204)),
      quantitySteps: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: -1, max: 0 })),
      slot: fc.integer({ min: 0, max: 2 }),
      reuseId: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<ProductMode>('auction', 'continuous-then-auction'),
        fc.integer({ min: 0, max: 60_000 }),
        fc.boolean(),
        fc.array(fc.array(order, { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        (mode, funds, energyCollateral, batches) => {
          // continuous-then-auction: the call phase starts 30 minutes before the gate; the clock
          // is past it for the first product only, so a batch may start a call phase, or hold an
          // order that would trade continuously (refused).
          const extra: Partial<MarketOptions> = mode === 'auction' ? { mode, energyCollateral } : { mode, energyCollateral, callPhaseMinutes: 30 };
          const one = recorded(funds, extra);
          const batch = recorded(funds, extra);
          for (const m of [one.market, batch.market]) m.advanceTo(T1 - 30 * MIN);
          let n = 0;
          for (const list of batches) {
            const orders = list.map((o): MarketStepsOrderInput => {
              const i = n++;
              return { id: o.reuseId && i > 0 ? `o${i - 1}` : `o${i}`, participant: o.person, deliveryStart: T1 + o.slot * Q, side: o.side, priceTicks: o.priceTicks, quantitySteps: o.quantitySteps };
            });
            // The reference: one by one until the first refusal, which a batch reports; a batch
            // is all or nothing, so the reference keeps only a batch that went through whole.
            const before = state(one.market);
            const seen = one.events.length;
            let refused: { at: number; code: string } | undefined;
            const reference = Market.replay(one.market.journal(), { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, journal: true, ...extra });
            for (let i = 0; i < orders.length && refused === undefined; i++) {
              try {
                reference.submitSteps(orders[i] as MarketStepsOrderInput);
              } catch (e) {
                if (!(e instanceof WattError)) throw e;
                refused = { at: i, code: e.code };
              }
            }
            let got: { at: number; code: string } | undefined;
            try {
              expect(batch.market.submitStepsBatch(orders)).toBe(orders.length);
            } catch (e) {
              if (!(e instanceof WattError)) throw e;
              const m = /^Market\.submitStepsBatch: order (\d+) refused: /.exec(e.message);
              got = { at: m === null ? -1 : Number(m[1]), code: e.code };
            }
            // An order for a product in continuous trading: one by one it would trade; a batch refuses it.
            if (got?.code === ErrorCode.INVALID_ARGUMENT && (refused === undefined || refused.at > got.at)) {
              expect(mode).toBe('continuous-then-auction');
              expect(state(batch.market)).toBe(before);
              expect(batch.events.length).toBe(seen + 1); // its orderRejected event
              batch.events.length = seen;
              continue;
            }
            expect(got).toEqual(refused);
            if (refused === undefined) {
              for (const o of orders) one.market.submitSteps(o);
            } else {
              expect(state(batch.market)).toBe(before);
              // The refused order's rejection, as one by one would report it.
              const o = orders[refused.at] as MarketStepsOrderInput;
              one.events.push(JSON.stringify({ orderId: o.id, participant: o.participant, code: refused.code }));
            }
            expect(state(batch.market)).toBe(state(one.market));
            expect(batch.events).toEqual(one.events);
          }
          for (const m of [one.market, batch.market]) m.advanceTo(T1 + Q);
          expect(batch.market.stateHash()).toBe(one.market.stateHash());
          expect(batch.events).toEqual(one.events);
          // The journal holds single submits: a replay rebuilds the same market.
          expect(Market.replay(batch.market.journal(), { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, journal: true, ...extra }).stateHash()).toBe(batch.market.stateHash());
        },
      ),
      { numRuns: runs(80) },
    );
  });

  it('refuses a bad order in the middle of a batch, naming its position, and changes nothing', () => {
    const { market } = campusMarket({ journal: true, energyCollateral: true });
    fund(market, ['a', 'b']);
    market.submitSteps({ id: 'open', participant: 'a', deliveryStart: T1, side: 'buy', priceTicks: 1000, quantitySteps: 5 });
    const rejected: unknown[] = [];
    market.on('orderRejected', (e) => rejected.push([e.orderId, e.code]));
    const accepted: unknown[] = [];
    market.on('orderAccepted', (e) => accepted.push(e.orderId));
    const x = good('x');
    const bad: [unknown, ErrorCode][] = [
      [null, ErrorCode.INVALID_ARGUMENT],
      [{ ...x, quantity: 5 }, ErrorCode.INVALID_ARGUMENT],
      [{ ...x, quantitySteps: 1.5 }, ErrorCode.INVALID_QUANTITY],
      [{ ...x, quantitySteps: 0 }, ErrorCode.INVALID_QUANTITY],
      [{ ...x, quantitySteps: 2 ** 53 }, ErrorCode.INVALID_QUANTITY],
      [{ ...x, priceTicks: Number.NaN }, ErrorCode.INVALID_PRICE],
      [{ ...x, priceTicks: 2205 }, ErrorCode.PRICE_OUT_OF_BAND],
      [{ ...x, side: 'hold' }, ErrorCode.INVALID_SIDE],
      [{ ...x, id: '' }, ErrorCode.INVALID_ID],
      [{ ...x, id: '@x' }, ErrorCode.INVALID_ID],
      [{ ...x, id: 'open' }, ErrorCode.DUPLICATE_ORDER_ID],
      [{ ...x, id: 'first' }, ErrorCode.DUPLICATE_ORDER_ID], // the id of the batch's first order
      [{ ...x, participant: 'nobody' }, ErrorCode.UNKNOWN_PARTICIPANT],
      [{ ...x, deliveryStart: T1 + 1 }, ErrorCode.UNKNOWN_PRODUCT],
      [{ ...x, deliveryStart: DAY - 4 * Q }, ErrorCode.PRODUCT_CLOSED],
      [{ ...x, quantitySteps: 1_000_000 }, ErrorCode.INSUFFICIENT_FUNDS],
      // Fits alone, not after the batch's first order of the same participant reserved its part.
      [{ ...x, priceTicks: 1000, quantitySteps: 600_000 }, ErrorCode.INSUFFICIENT_FUNDS],
      // Energy collateral: b holds no energy to sell.
      [{ ...x, participant: 'b', side: 'sell' }, ErrorCode.INSUFFICIENT_FUNDS],
    ];
    for (const [order, code] of bad) {
      const before = state(market);
      const batch = [good('first', 'a', 'buy', 1000, 500_000), good('second', 'b'), order, good('fourth', 'b')];
      const e = expectWattError(() => market.submitStepsBatch(batch as MarketStepsOrderInput[]), code, { fnName: FN });
      expect(e.message).toMatch(/^Market\.submitStepsBatch: order 2 refused: /);
      expect(state(market)).toBe(before);
    }
    expect(rejected.map((r) => (r as unknown[])[1])).toEqual(bad.map(([, code]) => code));
    expect(accepted).toEqual([]);
    // Not a list, or too long: refused before any order is read.
    for (const orders of [undefined, 'orders', { length: 1, 0: x }, new Array(MAX_ORDERS_PER_BATCH + 1)]) {
      const before = state(market);
      expectWattError(() => market.submitStepsBatch(orders as MarketStepsOrderInput[]), ErrorCode.INVALID_ARGUMENT, { fnName: FN });
      expect(state(market)).toBe(before);
    }
    // The same batch without the bad order goes through.
    expect(market.submitStepsBatch([good('first', 'a', 'buy', 1000, 500_000), good('second', 'b'), good('fourth', 'b')])).toBe(3);
    expect(accepted).toEqual(['first', 'second', 'fourth']);
  });

  it('refuses orders that would trade continuously (a batch seals only)', () => {
    const { market } = campusMarket({ mode: 'continuous' });
    fund(market, ['a']);
    const before = market.stateHash();
    expectWattError(() => market.submitStepsBatch([good('x')]), ErrorCode.INVALID_ARGUMENT, { fnName: FN });
    expect(market.stateHash()).toBe(before);
    expect(market.sequence).toBe(2); // register and deposit
  });

  it('is re-entrant: an order read calling back into the market voids the batch; listeners may call back after it', () => {
    const { market } = campusMarket({ journal: true });
    fund(market, ['a', 'b']);
    // A getter that places an order of its own while the batch is read.
    const sneaky = {
      ...good('y', 'b'),
      get id(): string {
        if (market.order('nested') === undefined) market.submitSteps(good('nested', 'b'));
        return 'y';
      },
    };
    const seqBefore = market.sequence;
    expectWattError(() => market.submitStepsBatch([good('x'), sneaky]), ErrorCode.INVALID_ARGUMENT, { fnName: FN });
    // The nested call was a command of its own and stands; the batch placed nothing.
    expect(market.sequence).toBe(seqBefore + 1);
    expect(market.order('nested')).toBeDefined();
    expect(market.order('x')).toBeUndefined();
    expect(market.order('y')).toBeUndefined();
    // A listener sees the whole batch placed and may submit (even another batch) from within.
    const seen: string[] = [];
    market.on('orderAccepted', (e) => {
      seen.push(e.orderId);
      if (e.orderId === 'p1') {
        expect(market.order('p2')).toBeDefined();
        market.submitStepsBatch([good('from-listener', 'b')]);
      }
    });
    expect(market.submitStepsBatch([good('p1'), good('p2')])).toBe(2);
    // The nested call's events come at its end, before the rest of the outer call's (as for any call).
    expect(seen).toEqual(['p1', 'from-listener', 'p2']);
    expect(Market.replay(market.journal(), { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, journal: true }).stateHash()).toBe(market.stateHash());
  });
});
