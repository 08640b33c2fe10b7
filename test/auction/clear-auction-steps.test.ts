import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { clearAuction, type AuctionOptions, type AuctionOrder } from '../../src/index.js';
import { resolveAuctionOptions } from '../../src/auction/auction-options.js';
import { clearAuctionSteps, type StepOrders } from '../../src/auction/clear-auction-steps.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { kArb, marketArb, MECHANISMS, type IntOrder } from './helpers/market.js';

/** Every field of a result, getters of lazy classes included, with Decimals as text. */
function plain(v: unknown): unknown {
  if (v instanceof Decimal) return v.toString();
  if (typeof v === 'function') return 'function';
  if (Array.isArray(v)) return v.map(plain);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  const keys = new Set<string>(Object.keys(v));
  for (let proto = Object.getPrototypeOf(v) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (d.get !== undefined) keys.add(key);
  }
  for (const key of [...keys].sort()) out[key] = plain((v as Record<string, unknown>)[key]);
  return out;
}

/** The market's orders in ticks of 0.01 and lots of 0.001, as decimals and as step columns. */
function both(market: readonly IntOrder[], zoned: boolean): { orders: AuctionOrder[]; steps: StepOrders } {
  const orders = market.map((o, i) => ({
    id: `o${i}`,
    owner: `t${i % 3}`,
    side: o.side,
    price: new Decimal(o.price).div(100).toString(),
    quantity: new Decimal(o.quantity).div(1000).toString(),
    ...(zoned && o.zone !== undefined ? { zone: o.zone } : {}),
  }));
  const steps: StepOrders = {
    count: market.length,
    ids: orders.map((o) => o.id),
    owners: orders.map((o) => o.owner),
    buy: market.map((o) => o.side === 'buy'),
    priceTicks: market.map((o) => o.price),
    lots: market.map((o) => o.quantity),
    ...(zoned ? { zones: market.map((o) => o.zone) } : {}),
  };
  return { orders, steps };
}

const BASE: AuctionOptions = { priceTick: '0.01', quantityStep: '0.001' };
const ZONES = ['A', 'B', 'C'] as const;
const FEES = { A: { A: 0, B: '0.02', C: '0.05' }, B: { A: '0.01', B: 0, C: '0.03' }, C: { A: '0.04', B: '0.02', C: '0.01' } };

describe('clearAuctionSteps (the integer entry point)', () => {
  it('gives exactly the result of clearAuction for every mechanism, k and rationing', () => {
    fc.assert(
      fc.property(
        marketArb({ maxPerSide: 8, minPrice: -5, maxPrice: 40, maxQuantity: 9 }),
        fc.constantFrom(...MECHANISMS),
        kArb,
        fc.constantFrom('input-order' as const, 'pro-rata' as const),
        (market, mechanism, k, rationing) => {
          const options: AuctionOptions = { ...BASE, mechanism, k, rationing };
          const { orders, steps } = both(market, false);
          const o = resolveAuctionOptions(options);
          expect(plain(clearAuctionSteps(steps, o))).toEqual(plain(clearAuction(orders, options)));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('gives exactly the result of clearAuction with zones and fees', () => {
    fc.assert(
      fc.property(marketArb({ zones: ZONES, maxPerSide: 6, minPrice: 0, maxPrice: 30 }), fc.constantFrom('uniform' as const, 'discriminatory' as const), kArb, (market, mechanism, k) => {
        const options: AuctionOptions = { ...BASE, mechanism, k, zones: { fees: FEES } };
        const { orders, steps } = both(market, true);
        expect(plain(clearAuctionSteps(steps, resolveAuctionOptions(options)))).toEqual(plain(clearAuction(orders, options)));
      }),
      { numRuns: runs(200) },
    );
  });

  it('gives exactly the result of clearAuction on large sides (the counting and radix sorts)', () => {
    fc.assert(
      fc.property(marketArb({ maxPerSide: 150, minPrice: 0, maxPrice: 5000, maxQuantity: 50 }), (market) => {
        const { orders, steps } = both(market, false);
        expect(plain(clearAuctionSteps(steps, resolveAuctionOptions(BASE)))).toEqual(plain(clearAuction(orders, BASE)));
      }),
      { numRuns: runs(30) },
    );
  });

  it('refuses what can still be wrong with the codes of clearAuction', () => {
    const o = resolveAuctionOptions(BASE);
    const one = (change: Partial<{ id: string; owner: string; price: number; lots: number }>): StepOrders => ({
      count: 2,
      ids: ['a', change.id ?? 'b'],
      owners: ['x', change.owner ?? 'y'],
      buy: [true, false],
      priceTicks: [10, change.price ?? 5],
      lots: [1, change.lots ?? 1],
    });
    expectWattError(() => clearAuctionSteps(one({ id: '' }), o), 'INVALID_ID');
    expectWattError(() => clearAuctionSteps(one({ id: 'a' }), o), 'DUPLICATE_ORDER_ID');
    expectWattError(() => clearAuctionSteps(one({ owner: '' }), o), 'INVALID_OWNER');
    expectWattError(() => clearAuctionSteps(one({ price: 1.5 }), o), 'INVALID_PRICE', { reason: 'OFF_STEP' });
    expectWattError(() => clearAuctionSteps(one({ price: Number.NaN }), o), 'INVALID_PRICE', { reason: 'NOT_FINITE' });
    expectWattError(() => clearAuctionSteps(one({ price: 2 ** 51 }), o), 'INVALID_PRICE', { reason: 'TOO_LARGE' });
    expectWattError(() => clearAuctionSteps(one({ lots: 0 }), o), 'INVALID_QUANTITY', { reason: 'NOT_POSITIVE' });
    expectWattError(() => clearAuctionSteps(one({ lots: -2 }), o), 'INVALID_QUANTITY', { reason: 'NOT_POSITIVE' });
    expectWattError(() => clearAuctionSteps(one({ lots: 0.5 }), o), 'INVALID_QUANTITY', { reason: 'OFF_STEP' });
    const big: StepOrders = { count: 2, ids: ['a', 'b'], owners: ['x', 'y'], buy: [true, true], priceTicks: [1, 1], lots: [2 ** 52, 2 ** 52] };
    expectWattError(() => clearAuctionSteps(big, o), 'INVALID_QUANTITY', { reason: 'TOO_LARGE' });
    const zoned = resolveAuctionOptions({ ...BASE, zones: { fees: FEES } });
    expectWattError(() => clearAuctionSteps({ ...one({}), zones: ['A', 'Z'] }, zoned), 'UNKNOWN_ZONE');
  });
});
