import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, type AuctionOrder, type AuctionResult, type AuctionZones } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { marketArb } from './helpers/market.js';

const ZONES = ['a', 'b', 'c'] as const;

/** The defect's repro: the self pair p1-p1 shares the full link b->b with p1-p4. */
const REPRO: AuctionOrder[] = [
  { id: 'o0', owner: 'p4', side: 'sell', price: 671, quantity: 1, zone: 'b' },
  { id: 'o1', owner: 'p1', side: 'buy', price: 672, quantity: 2, zone: 'b' },
  { id: 'o2', owner: 'p1', side: 'sell', price: 671, quantity: 2, zone: 'b' },
  { id: 'o3', owner: 'p0', side: 'sell', price: 671, quantity: 1, zone: 'a' },
];
const REPRO_ZONES: AuctionZones = {
  fees: { a: { a: 0, b: 1, c: 0 }, b: { a: 0, b: 0, c: 0 }, c: { a: 0, b: 0, c: 0 } },
  capacity: { b: { b: 2 } },
};

/** Buyers pay = sellers receive + fees + congestion rent + surplus, exactly. */
function expectBudgetIdentity(r: AuctionResult): void {
  let paid = new Decimal(0);
  let received = new Decimal(0);
  for (const t of r.trades) {
    paid = paid.plus(t.buyerPrice.times(t.quantity));
    received = received.plus(t.sellerPrice.times(t.quantity));
  }
  expect(paid.toString()).toBe(received.plus(r.fees).plus(r.congestionRent).plus(r.surplus).toString());
  const rent = r.flows.reduce((s, f) => s.plus(f.congestionRent), new Decimal(0));
  expect(rent.toString()).toBe(r.congestionRent.toString());
}

describe('clearAuction: self-trade prevention with link capacities', () => {
  it('regression: a dropped self pair leaves its link congested, and its price gap stays congestion rent (no MECHANISM_FAILED)', () => {
    for (const mechanism of ['uniform', 'discriminatory'] as const) {
      const r = clearAuction(REPRO, { mechanism, priceTick: 1, quantityStep: 1, selfTrade: 'prevent', zones: REPRO_ZONES });
      expect(r.trades.map((t) => [t.buyOrderId, t.sellOrderId, t.quantity.toString()])).toEqual([['o1', 'o0', '1']]);
      expect(r.surplus.toString()).toBe('0');
      expectBudgetIdentity(r);
      const flow = r.flows.find((f) => f.from === 'b' && f.to === 'b');
      // One lot traded; the self lot p1 keeps still uses the link, which stays congested.
      expect(flow?.quantity.toString()).toBe('1');
      expect(flow?.congested).toBe(true);
      if (mechanism === 'uniform') expect(r.congestionRent.toString()).toBe('1');
    }
    const allowed = clearAuction(REPRO, { priceTick: 1, quantityStep: 1, zones: REPRO_ZONES });
    expect(allowed.congestionRent.toString()).toBe('2');
    expect(allowed.surplus.toString()).toBe('0');
  });

  it('property: zonal markets with capacities and owners on both sides clear under prevent: no self trade, flows within capacities, money balances', () => {
    const capArb = fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 3 }), { minLength: 9, maxLength: 9 });
    const feeArb = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 9, maxLength: 9 });
    fc.assert(
      fc.property(
        marketArb({ zones: ZONES, maxPerSide: 5, minPrice: 0, maxPrice: 5, maxQuantity: 3 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 10 }),
        feeArb,
        capArb,
        fc.constantFrom('uniform', 'discriminatory' as const),
        fc.boolean(),
        (market, pick, f, c, mechanism, verify) => {
          const orders: AuctionOrder[] = market.map((o, i) => ({ id: `o${i}`, owner: `p${pick[i] ?? 0}`, side: o.side, price: o.price, quantity: o.quantity, zone: o.zone as string }));
          const fees: Record<string, Record<string, number>> = {};
          const capacity: Record<string, Record<string, number>> = {};
          ZONES.forEach((from, i) =>
            ZONES.forEach((to, j) => {
              (fees[from] ??= {})[to] = f[i * 3 + j] as number;
              const v = c[i * 3 + j];
              if (v !== undefined) (capacity[from] ??= {})[to] = v;
            }),
          );
          const r = clearAuction(orders, { mechanism, priceTick: 1, quantityStep: 1, selfTrade: 'prevent', verify, zones: { fees, capacity } });
          const ownerOf = new Map(orders.map((o) => [o.id, o.owner]));
          const zoneOf = new Map(orders.map((o) => [o.id, o.zone as string]));
          const lots = new Map<string, number>();
          for (const t of r.trades) {
            expect(ownerOf.get(t.buyOrderId)).not.toBe(ownerOf.get(t.sellOrderId));
            const key = `${zoneOf.get(t.sellOrderId) as string}>${zoneOf.get(t.buyOrderId) as string}`;
            lots.set(key, (lots.get(key) ?? 0) + t.quantity.toNumber());
          }
          for (const [key, q] of lots) {
            const [from, to] = key.split('>') as [string, string];
            expect(q).toBeLessThanOrEqual(capacity[from]?.[to] ?? Infinity);
          }
          for (const flow of r.flows) if (!flow.congested) expect(flow.congestionRent.toString()).toBe('0');
          expect(r.surplus.toString()).toBe('0'); // both are strongly budget-balanced
          expect(r.congestionRent.isNegative()).toBe(false);
          expectBudgetIdentity(r);
        },
      ),
      { numRuns: runs(400) },
    );
  });
});
