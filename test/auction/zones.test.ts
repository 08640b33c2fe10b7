import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, ErrorCode, type AuctionZones } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { clearInts, kArb, marketArb, toOrders, type IntOrder, type IntResult } from './helpers/market.js';
import { bruteForce, lotCounts } from './helpers/oracle.js';
import { atK } from './helpers/reference.js';

const ZONES = ['A', 'B', 'C'] as const;
type Zone = (typeof ZONES)[number];
type FeeMatrix = Record<Zone, Record<Zone, number>>;

const feeMatrixArb: fc.Arbitrary<FeeMatrix> = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 })
  .map((f) => Object.fromEntries(ZONES.map((from, i) => [from, Object.fromEntries(ZONES.map((to, j) => [to, f[i * 3 + j] as number]))])) as FeeMatrix);

const zonedMarketArb = marketArb({ zones: ZONES, maxPerSide: 5, minPrice: 0, maxPrice: 10 });
const smallZonedMarketArb = marketArb({ zones: ZONES, maxPerSide: 4, maxQuantity: 2, minPrice: 0, maxPrice: 8 }).filter((m) => {
  const c = lotCounts(m);
  return c.bids <= 5 && c.asks <= 5;
});

function feeOf(fees: FeeMatrix): (askZone: string | undefined, bidZone: string | undefined) => number {
  return (a, b) => fees[a as Zone][b as Zone];
}

function zonePrices(r: IntResult): Map<string, { buyer?: number; seller?: number; buyerLow?: number; buyerHigh?: number; sellerLow?: number; sellerHigh?: number }> {
  const out = new Map<string, { buyer?: number; seller?: number; buyerLow?: number; buyerHigh?: number; sellerLow?: number; sellerHigh?: number }>();
  for (const z of r.result.zonePrices) {
    out.set(z.zone, {
      ...(z.buyerPrice === undefined ? {} : { buyer: z.buyerPrice.toNumber() }),
      ...(z.sellerPrice === undefined ? {} : { seller: z.sellerPrice.toNumber() }),
      ...(z.buyerInterval === undefined ? {} : { buyerLow: z.buyerInterval.low.toNumber(), buyerHigh: z.buyerInterval.high.toNumber() }),
      ...(z.sellerInterval === undefined ? {} : { sellerLow: z.sellerInterval.low.toNumber(), sellerHigh: z.sellerInterval.high.toNumber() }),
    });
  }
  return out;
}

describe('clearAuction with zones and grid fees', () => {
  it('maximises welfare net of fees, then volume (brute-force oracle)', () => {
    fc.assert(
      fc.property(smallZonedMarketArb, feeMatrixArb, fc.constantFrom('uniform', 'discriminatory' as const), (market, fees, mechanism) => {
        const r = clearInts(market, { mechanism, zones: { fees } });
        const oracle = bruteForce(market, feeOf(fees));
        expect(r.welfare).toBe(oracle.maxWelfare);
        expect(r.volume).toBe(oracle.volumeAtMaxWelfare);
      }),
      { numRuns: runs(300) },
    );
  });

  it('leaves no pair with lots left that crosses net of its fee', () => {
    fc.assert(
      fc.property(zonedMarketArb, feeMatrixArb, (market, fees) => {
        const r = clearInts(market, { zones: { fees } });
        market.forEach((b, i) => {
          if (b.side !== 'buy' || r.fills[i] === b.quantity) return;
          market.forEach((a, j) => {
            if (a.side !== 'sell' || r.fills[j] === a.quantity) return;
            expect(b.price - fees[a.zone as Zone][b.zone as Zone]).toBeLessThan(a.price);
          });
        });
      }),
      { numRuns: runs(300) },
    );
  });

  it('prices by zone: buyer minus seller price is the fee, everyone individually rational, payments - receipts = fees', () => {
    fc.assert(
      fc.property(zonedMarketArb, feeMatrixArb, kArb, (market, fees, k) => {
        const r = clearInts(market, { zones: { fees }, k });
        const prices = zonePrices(r);
        let payments = 0;
        let receipts = 0;
        let collected = 0;
        for (const t of r.trades) {
          const bid = market[t.buy] as IntOrder;
          const ask = market[t.sell] as IntOrder;
          expect(t.fee).toBe(fees[ask.zone as Zone][bid.zone as Zone]);
          expect(t.buyerPrice).toBe(prices.get(bid.zone as string)?.buyer);
          expect(t.sellerPrice).toBe(prices.get(ask.zone as string)?.seller);
          expect(t.buyerPrice - t.sellerPrice).toBe(t.fee);
          expect(t.buyerPrice).toBeLessThanOrEqual(bid.price);
          expect(t.sellerPrice).toBeGreaterThanOrEqual(ask.price);
          payments += t.buyerPrice * t.quantity;
          receipts += t.sellerPrice * t.quantity;
          collected += t.fee * t.quantity;
        }
        expect(r.fees).toBe(collected);
        expect(payments - receipts).toBe(collected);
        expect(r.surplus).toBe(0);
        if (r.volume === 0) return;
        // The prices clear every zone: willing orders filled, unwilling ones not, no arbitrage
        // between zones (B_z - S_y <= fee(y, z)).
        market.forEach((o, i) => {
          const zp = prices.get(o.zone as string);
          const f = r.fills[i] as number;
          if (o.side === 'buy') {
            const p = zp?.buyer as number;
            if (o.price > p) expect(f).toBe(o.quantity);
            if (o.price < p) expect(f).toBe(0);
          } else {
            const p = zp?.seller as number;
            if (o.price < p) expect(f).toBe(o.quantity);
            if (o.price > p) expect(f).toBe(0);
          }
        });
        for (const y of ZONES) {
          for (const z of ZONES) {
            const s = prices.get(y)?.seller;
            const b = prices.get(z)?.buyer;
            if (s !== undefined && b !== undefined) expect(b - s).toBeLessThanOrEqual(fees[y][z]);
          }
        }
        // Each zone's price sits at position k of its own range.
        const [kNum, kDen] = String(k).includes('.') ? [BigInt(String(k).replace('0.', '')), 10n ** BigInt(String(k).split('.')[1]!.length)] : [BigInt(String(k)), 1n];
        for (const zp of prices.values()) {
          if (zp.buyer !== undefined) expect(zp.buyer).toBe(atK(zp.buyerLow as number, zp.buyerHigh as number, kNum, kDen));
          if (zp.seller !== undefined) expect(zp.seller).toBe(atK(zp.sellerLow as number, zp.sellerHigh as number, kNum, kDen));
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it("gives each zone's range as the lowest and highest of all clearing price vectors (brute force)", () => {
    const twoZones = marketArb({ zones: ['A', 'B'], maxPerSide: 3, maxQuantity: 2, minPrice: 0, maxPrice: 5 });
    const fees2 = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }).map(([aa, ab, ba, bb]) => ({ A: { A: aa!, B: ab! }, B: { A: ba!, B: bb! } }));
    fc.assert(
      fc.property(twoZones, fees2, (market, fees) => {
        const r = clearInts(market, { zones: { fees } });
        if (r.volume === 0) return;
        const prices = zonePrices(r);
        const names = ['A', 'B'] as const;
        const active = (side: 'buy' | 'sell', z: string): boolean => market.some((o) => o.side === side && o.zone === z);
        // Every vector (B_A, B_B, S_A, S_B) on a grid wide enough, checked against the clearing
        // conditions of the allocation found.
        const lo = -3;
        const hi = 9;
        const range: { [key: string]: [number, number] } = {};
        const flows = new Map<string, number>();
        for (const t of r.trades) {
          const key = `${(market[t.sell] as IntOrder).zone}${(market[t.buy] as IntOrder).zone}`;
          flows.set(key, (flows.get(key) ?? 0) + t.quantity);
        }
        const feasible = (B: Record<string, number>, S: Record<string, number>): boolean => {
          for (const [i, o] of market.entries()) {
            const f = r.fills[i] as number;
            const p = o.side === 'buy' ? B[o.zone as string]! : S[o.zone as string]!;
            if (o.side === 'buy' && ((f > 0 && p > o.price) || (f < o.quantity && p < o.price))) return false;
            if (o.side === 'sell' && ((f > 0 && p < o.price) || (f < o.quantity && p > o.price))) return false;
          }
          for (const y of names) {
            for (const z of names) {
              if (!active('sell', y) || !active('buy', z)) continue;
              const d = B[z]! - S[y]!;
              const fee = fees[y][z];
              if (d > fee || ((flows.get(`${y}${z}`) ?? 0) > 0 && d !== fee)) return false;
            }
          }
          return true;
        };
        for (let ba = lo; ba <= hi; ba++) {
          for (let bb = lo; bb <= hi; bb++) {
            for (let sa = lo; sa <= hi; sa++) {
              for (let sb = lo; sb <= hi; sb++) {
                if (!feasible({ A: ba, B: bb }, { A: sa, B: sb })) continue;
                for (const [key, v] of [['bA', ba], ['bB', bb], ['sA', sa], ['sB', sb]] as const) {
                  const cur = range[key];
                  range[key] = cur === undefined ? [v, v] : [Math.min(cur[0], v), Math.max(cur[1], v)];
                }
              }
            }
          }
        }
        for (const z of names) {
          const zp = prices.get(z);
          if (active('buy', z)) expect([zp?.buyerLow, zp?.buyerHigh]).toEqual(range[`b${z}`]);
          if (active('sell', z)) expect([zp?.sellerLow, zp?.sellerHigh]).toEqual(range[`s${z}`]);
        }
      }),
      { numRuns: runs(40) },
    );
  });

  it('with one zone and no fee, is exactly the auction without zones', () => {
    fc.assert(
      fc.property(marketArb(), fc.constantFrom('uniform', 'discriminatory' as const), kArb, fc.constantFrom('input-order' as const, 'pro-rata' as const), (market, mechanism, k, rationing) => {
        const plain = clearInts(market, { mechanism, k, rationing });
        const zoned = clearInts(market, { mechanism, k, rationing, zones: { fees: { only: { only: 0 } }, defaultZone: 'only' } });
        expect(zoned.fills).toEqual(plain.fills);
        expect(zoned.price).toBe(plain.price);
        expect(zoned.welfare).toBe(plain.welfare);
        expect(zoned.trades.map((t) => [t.buyerPrice, t.sellerPrice])).toEqual(plain.trades.map((t) => [t.buyerPrice, t.sellerPrice]));
      }),
      { numRuns: runs(200) },
    );
  });

  it('with one zone and a fee f, fills like the auction without zones on bids lowered by f', () => {
    fc.assert(
      fc.property(marketArb(), fc.integer({ min: 0, max: 4 }), kArb, (market, fee, k) => {
        const zoned = clearInts(market, { k, zones: { fees: { z: { z: fee } }, defaultZone: 'z' } });
        const lowered = market.map((o) => (o.side === 'buy' ? { ...o, price: o.price - fee } : o));
        const plain = clearInts(lowered, { k });
        expect(zoned.fills).toEqual(plain.fills);
        expect(zoned.fees).toBe(fee * zoned.volume);
        if (plain.price !== undefined) {
          const zp = zoned.result.zonePrices[0];
          expect(zp?.sellerPrice?.toNumber()).toBe(plain.price);
          expect(zp?.buyerPrice?.toNumber()).toBe(plain.price + fee);
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it('truthful mechanisms take a constant fee off every bid and charge it to buyers', () => {
    fc.assert(
      fc.property(marketArb(), fc.integer({ min: 0, max: 4 }), fc.constantFrom('mcafee', 'trade-reduction', 'huang' as const), (market, fee, mechanism) => {
        const zones: AuctionZones = { fees: { x: { x: fee, y: fee }, y: { x: fee, y: fee } }, defaultZone: 'x' };
        const zoned = clearInts(market, { mechanism, zones });
        const lowered = market.map((o) => (o.side === 'buy' ? { ...o, price: o.price - fee } : o));
        const plain = clearInts(lowered, { mechanism });
        expect(zoned.fills).toEqual(plain.fills);
        expect(zoned.trades.map((t) => [t.buyerPrice - fee, t.sellerPrice, t.fee])).toEqual(plain.trades.map((t) => [t.buyerPrice, t.sellerPrice, fee]));
      }),
      { numRuns: runs(200) },
    );
  });

  it('refuses fees that differ between zone pairs for the mechanisms that cannot price them', () => {
    const zones = { fees: { x: { x: 0, y: 1 }, y: { x: 1, y: 0 } }, defaultZone: 'x' };
    for (const mechanism of ['mcafee', 'trade-reduction', 'huang'] as const) {
      expectWattError(() => clearAuction([], { mechanism, zones }), ErrorCode.INVALID_OPTION, { fnName: 'clearAuction' });
    }
  });
});

describe('worked example: two feeders', () => {
  // Feeder A: a lab bids 10 kWh at 0.25, a battery offers 6 at 0.22. Feeder B: a dorm bids 5 at
  // 0.20, a roof offers 8 at 0.10. Energy from B to A pays 0.03, from A to B 0.02.
  const orders = [
    { id: 'lab', owner: 'lab', side: 'buy' as const, price: '0.25', quantity: 10, zone: 'A' },
    { id: 'dorm', owner: 'dorm', side: 'buy' as const, price: '0.20', quantity: 5, zone: 'B' },
    { id: 'roof', owner: 'roof', side: 'sell' as const, price: '0.10', quantity: 8, zone: 'B' },
    { id: 'battery', owner: 'battery', side: 'sell' as const, price: '0.22', quantity: 6, zone: 'A' },
  ];
  const zones = { fees: { A: { A: 0, B: '0.02' }, B: { A: '0.03', B: 0 } } };

  it('routes the roof to both buyers and prices each feeder', () => {
    const r = clearAuction(orders, { zones, verify: true });
    // Welfare: roof -> lab 4 kWh at 0.12, roof -> dorm 4 at 0.10, battery -> lab 6 at 0.03.
    expect(r.welfare.toString()).toBe('1.06');
    expect(r.volume.toString()).toBe('14');
    expect(r.fees.toString()).toBe('0.12');
    expect(r.surplus.toString()).toBe('0');
    expect(r.price).toBeUndefined();
    expect(r.zonePrices.map((z) => [z.zone, z.buyerPrice?.toString(), z.sellerPrice?.toString()])).toEqual([
      ['A', '0.23', '0.23'],
      ['B', '0.2', '0.2'],
    ]);
    expect(r.trades.map((t) => `${t.sellOrderId}->${t.buyOrderId} ${t.quantity.toString()} @ ${t.buyerPrice.toString()}/${t.sellerPrice.toString()} fee ${t.fee.toString()}`)).toEqual([
      'battery->lab 6 @ 0.23/0.23 fee 0',
      'roof->lab 4 @ 0.23/0.2 fee 0.03',
      'roof->dorm 4 @ 0.2/0.2 fee 0',
    ]);
    expect(r.fills.map((f) => [f.orderId, f.zone, f.filled.toString(), f.amount.toString()])).toEqual([
      ['lab', 'A', '10', '2.3'],
      ['dorm', 'B', '4', '0.8'],
      ['roof', 'B', '8', '1.6'],
      ['battery', 'A', '6', '1.38'],
    ]);
  });

  it('keeps the input untouched', () => {
    const before = JSON.stringify(orders);
    clearAuction(orders, { zones });
    expect(JSON.stringify(orders)).toBe(before);
  });

  it('places orders without a zone in the default zone', () => {
    const r = clearAuction(
      orders.map(({ zone, ...o }) => (zone === 'A' ? o : { ...o, zone })),
      { zones: { ...zones, defaultZone: 'A' } },
    );
    expect(r.welfare.toString()).toBe('1.06');
  });

  it('clears the same market from the order objects the public API is given', () => {
    const ints: IntOrder[] = [
      { side: 'buy', price: 25, quantity: 10, zone: 'A' },
      { side: 'buy', price: 20, quantity: 5, zone: 'B' },
      { side: 'sell', price: 10, quantity: 8, zone: 'B' },
      { side: 'sell', price: 22, quantity: 6, zone: 'A' },
    ];
    expect(toOrders(ints)).toHaveLength(4);
    const r = clearInts(ints, { zones: { fees: { A: { A: 0, B: 2 }, B: { A: 3, B: 0 } } } });
    expect(r.welfare).toBe(106);
  });
});
