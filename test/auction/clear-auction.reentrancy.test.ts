import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, clearAuction, type AuctionMechanism, type AuctionOrder } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { reenterLibrary } from '../helpers/reenter.js';
import { kArb, marketArb, MECHANISMS } from './helpers/market.js';

function ordersOf(market: readonly { side: 'buy' | 'sell'; price: number; quantity: number }[]): AuctionOrder[] {
  return market.map((o, i) => ({ id: `o${i}`, owner: `t${i % 3}`, side: o.side, price: o.price, quantity: o.quantity }));
}

describe('clearAuction re-entered from user code (issue 11 defect 13)', () => {
  it('a custom mechanism may clear other auctions (and run the rest of the library) without changing its own result', () => {
    fc.assert(
      fc.property(marketArb({ maxPerSide: 8 }), fc.constantFrom(...MECHANISMS), kArb, (market, name, k) => {
        let calls = 0;
        const inner = BUILT_IN_MECHANISMS[name];
        const nesting: AuctionMechanism = {
          name: 'nesting',
          properties: inner.properties,
          clear(orders, context) {
            reenterLibrary(calls++);
            const allocation = inner.clear(orders, context);
            reenterLibrary(calls++);
            return allocation;
          },
        };
        const plain: AuctionMechanism = { ...nesting, clear: (o, c) => inner.clear(o, c) };
        const options = { priceTick: 1, quantityStep: 1, k, selfTrade: 'prevent' as const };
        const orders = ordersOf(market);
        const nested = JSON.stringify(clearAuction(orders, { ...options, mechanism: nesting }));
        expect(calls).toBe(2);
        expect(nested).toBe(JSON.stringify(clearAuction(orders, { ...options, mechanism: plain })));
      }),
      { numRuns: runs(20) },
    );
  });

  it('an order whose fields are getters that clear other auctions while it is being read changes nothing', () => {
    fc.assert(
      fc.property(marketArb({ maxPerSide: 8 }), fc.constantFrom(...MECHANISMS), (market, mechanism) => {
        const orders = ordersOf(market);
        let calls = 0;
        const tricky = orders.map((o) => ({
          id: o.id,
          owner: o.owner,
          side: o.side,
          quantity: o.quantity,
          get price() {
            reenterLibrary(calls++);
            return o.price;
          },
        }));
        const options = { priceTick: 1, quantityStep: 1, mechanism };
        const nested = JSON.stringify(clearAuction(tricky, options));
        expect(calls).toBe(orders.length);
        expect(nested).toBe(JSON.stringify(clearAuction(orders, options)));
      }),
      { numRuns: runs(20) },
    );
  });
});
