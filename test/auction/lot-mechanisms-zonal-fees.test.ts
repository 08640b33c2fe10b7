import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, clearAuction, ErrorCode, type AuctionMechanism, type AuctionOrder } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { MECHANISMS, marketArb, toOrders } from './helpers/market.js';

const ZONES = ['A', 'B', 'C'] as const;

/** Fees by zone pair: one fee for every pair, or any matrix. */
const feesArb = fc
  .tuple(fc.boolean(), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 9, maxLength: 9 }))
  .map(([same, f]) => Object.fromEntries(ZONES.map((from, i) => [from, Object.fromEntries(ZONES.map((to, j) => [to, same ? (f[0] as number) : (f[i * 3 + j] as number)]))])));

function isConstant(fees: Record<string, Record<string, number>>): boolean {
  return new Set(Object.values(fees).flatMap((row) => Object.values(row))).size === 1;
}

describe('lot-level mechanisms with zonal grid fees', () => {
  // Regression: a custom mechanism delegating to the built-in huang without declaring `supports`
  // is taken to support zonal fees (the simulation then couples its zones: campus, seed 2). huang
  // read a fee matrix that differs by pair as no fee at all, so it priced a cross-zone trade at
  // 4 - 2 on a link with a fee of 5: clearAuction's verification found a negative surplus.
  it('refuses a fee matrix that differs by pair instead of pricing trades below their fees', () => {
    const huang = BUILT_IN_MECHANISMS.huang;
    const delegate: AuctionMechanism = { name: 'huang2', properties: huang.properties, clear: (orders, context) => huang.clear(orders, context) };
    const orders: AuctionOrder[] = [
      { id: 'b1', owner: 'p1', side: 'buy', price: 10, quantity: 1, zone: 'B' },
      { id: 'b2', owner: 'p2', side: 'buy', price: 4, quantity: 1, zone: 'B' },
      { id: 'a1', owner: 'p3', side: 'sell', price: 1, quantity: 1, zone: 'A' },
      { id: 'a2', owner: 'p4', side: 'sell', price: 2, quantity: 1, zone: 'A' },
    ];
    const zones = { fees: { A: { A: 0, B: 5 }, B: { A: 5, B: 0 } } };
    const error = expectWattError(() => clearAuction(orders, { priceTick: 1, quantityStep: 1, mechanism: delegate, zones }), ErrorCode.MECHANISM_FAILED, { fnName: 'clearAuction' });
    // Refused for the fees, not found out by a negative surplus (it would pass unnoticed if positive).
    expect(error.message).toContain('every zone pair has the same fee');
    // Declaring what it supports, the same delegate is refused by the options, as the built-in is.
    const declared: AuctionMechanism = { ...delegate, supports: huang.supports };
    expectWattError(() => clearAuction(orders, { priceTick: 1, quantityStep: 1, mechanism: declared, zones }), ErrorCode.INVALID_OPTION, { fnName: 'clearAuction' });
    // With one fee for every pair it clears, and keeps its surplus: (4 - 2 - 5) < 0 is not crossed.
    const same = { fees: { A: { A: 5, B: 5 }, B: { A: 5, B: 5 } } };
    const r = clearAuction(orders, { priceTick: 1, quantityStep: 1, mechanism: delegate, zones: same });
    for (const t of r.trades) expect(t.buyerPrice.minus(t.sellerPrice).toNumber()).toBeGreaterThanOrEqual(5);
  });

  it('every built-in passes verification on random zonal markets with fees, as itself and as a custom copy', () => {
    fc.assert(
      fc.property(marketArb({ zones: ZONES, maxPerSide: 6, minPrice: -2, maxPrice: 12 }), feesArb, fc.constantFrom(...MECHANISMS), (market, fees, name) => {
        const mechanism = BUILT_IN_MECHANISMS[name];
        const options = { priceTick: 1, quantityStep: 1, zones: { fees } } as const;
        const copy: AuctionMechanism = { ...mechanism, name: `${name}-copy` };
        if (!isConstant(fees) && mechanism.supports?.zonalFees !== true) {
          expectWattError(() => clearAuction(toOrders(market), { ...options, mechanism: name }), ErrorCode.INVALID_OPTION);
          expectWattError(() => clearAuction(toOrders(market), { ...options, mechanism: copy }), ErrorCode.INVALID_OPTION);
          return;
        }
        const trusted = clearAuction(toOrders(market), { ...options, mechanism: name, verify: true });
        const verified = clearAuction(toOrders(market), { ...options, mechanism: copy });
        expect(verified.volume.toString()).toBe(trusted.volume.toString());
      }),
      { numRuns: runs(400) },
    );
  });
});
