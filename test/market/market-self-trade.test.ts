import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN; // 08:00 UTC

function selfTrades(market: Market): string[] {
  return market.trades(T1).filter((t) => t.buyer === t.seller).map((t) => `${t.buyOrderId}<-${t.sellOrderId}`);
}

describe('Market: no participant trades with itself in an auction (regression: issue 11 defect 11)', () => {
  it('re-pairs a participant with others and leaves unfilled what it could only trade with itself', () => {
    const { market } = campusMarket();
    fund(market, ['a', 'b', 'c']);
    const cancelled: string[] = [];
    market.on('orderCancelled', (e) => cancelled.push(`${e.orderId}:${e.reason}`));
    market.submit({ id: 'a-buy', participant: 'a', deliveryStart: T1, side: 'buy', price: 2000, quantity: 4 });
    market.submit({ id: 'a-sell', participant: 'a', deliveryStart: T1, side: 'sell', price: 700, quantity: 4 });
    market.submit({ id: 'b-buy', participant: 'b', deliveryStart: T1, side: 'buy', price: 1500, quantity: 1 });
    market.submit({ id: 'c-sell', participant: 'c', deliveryStart: T1, side: 'sell', price: 900, quantity: 1 });
    market.advanceTo(T1);
    expect(selfTrades(market)).toEqual([]);
    // a buys c's 1 kWh and sells 1 kWh to b; the other 3 kWh a could only have bought from itself.
    expect(market.trades(T1).map((t) => `${t.buyer}<-${t.seller} ${t.quantity.toString()}`).sort()).toEqual(['a<-c 1', 'b<-a 1']);
    expect(cancelled.sort()).toEqual(['a-buy:unfilled', 'a-sell:unfilled']);
  });

  it('in continuous-then-auction, a resting order and a sealed order of one participant do not trade together', () => {
    const { market, clock } = campusMarket({ mode: 'continuous-then-auction', callPhaseMinutes: 30 });
    fund(market, ['a', 'b']);
    market.submit({ id: 'b1', participant: 'a', deliveryStart: T1, side: 'buy', price: 1200, quantity: 2 });
    market.submit({ id: 's1', participant: 'b', deliveryStart: T1, side: 'sell', price: 1300, quantity: 2 });
    const callStart = T1 - 35 * MIN;
    market.advanceTo(callStart);
    clock.set(callStart + MIN);
    expect(market.submit({ id: 's2', participant: 'a', deliveryStart: T1, side: 'sell', price: 1000, quantity: 1 }).status).toBe('sealed');
    market.advanceTo(T1 - 5 * MIN);
    expect(selfTrades(market)).toEqual([]);
    expect(market.auctionResult('main', T1)?.volume.toString()).toBe('0');
  });

  it('never produces a self trade for random orders of a few participants, in either auction mode', () => {
    const order = fc.record({
      who: fc.constantFrom('a', 'b', 'c'),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      price: fc.integer({ min: 700, max: 2200 }),
      quantity: fc.integer({ min: 1, max: 5 }),
      late: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom('auction' as const, 'continuous-then-auction' as const), fc.array(order, { maxLength: 12 }), (mode, orders) => {
        const { market, clock } = campusMarket(mode === 'auction' ? {} : { mode, callPhaseMinutes: 30 });
        fund(market, ['a', 'b', 'c'], 10_000_000);
        const callStart = T1 - 35 * MIN;
        let called = false;
        orders.forEach((o, i) => {
          if (o.late && !called && mode !== 'auction') {
            market.advanceTo(callStart);
            clock.set(callStart + MIN);
            called = true;
          }
          market.submit({ id: `o${i}`, participant: o.who, deliveryStart: T1, side: o.side, price: o.price, quantity: o.quantity });
        });
        market.advanceTo(T1);
        expect(selfTrades(market)).toEqual([]);
      }),
      { numRuns: runs(60) },
    );
  });
});
