import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, ErrorCode, type AuctionMechanism, type AuctionZones } from '../../src/index.js';
import { AllocationBuilder } from '../../src/auction/allocation-builder.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { clearInts, kArb, marketArb, type IntOrder, type IntResult } from './helpers/market.js';
import { bruteForce, lotCounts } from './helpers/oracle.js';

const ZONES = ['A', 'B', 'C'] as const;
type Zone = (typeof ZONES)[number];
type Matrix = Record<Zone, Record<Zone, number>>;
/** A capacity matrix with holes: a missing entry is an unlimited link. */
type Capacity = Partial<Record<Zone, Partial<Record<Zone, number>>>>;

const feeMatrixArb: fc.Arbitrary<Matrix> = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 })
  .map((f) => Object.fromEntries(ZONES.map((from, i) => [from, Object.fromEntries(ZONES.map((to, j) => [to, f[i * 3 + j] as number]))])) as Matrix);

// Each link: unlimited (undefined), closed (0) or a small capacity that often binds.
const capacityArb: fc.Arbitrary<Capacity> = fc
  .array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 3 }), { minLength: 9, maxLength: 9 })
  .map((c) => {
    const out: Capacity = {};
    ZONES.forEach((from, i) =>
      ZONES.forEach((to, j) => {
        const v = c[i * 3 + j];
        if (v !== undefined) (out[from] ??= {})[to] = v;
      }),
    );
    return out;
  });

const smallMarketArb = marketArb({ zones: ZONES, maxPerSide: 4, maxQuantity: 3, minPrice: 0, maxPrice: 8 }).filter((m) => {
  const c = lotCounts(m);
  return c.bids <= 6 && c.asks <= 6;
});
const marketArb3 = marketArb({ zones: ZONES, maxPerSide: 6, minPrice: 0, maxPrice: 10 });

const capOf = (c: Capacity) => (a: string | undefined, b: string | undefined): number => c[a as Zone]?.[b as Zone] ?? Infinity;
const feeOf = (f: Matrix) => (a: string | undefined, b: string | undefined): number => f[a as Zone][b as Zone];

function linkLots(market: readonly IntOrder[], r: IntResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of r.trades) {
    const key = `${(market[t.sell] as IntOrder).zone}${(market[t.buy] as IntOrder).zone}`;
    out.set(key, (out.get(key) ?? 0) + t.quantity);
  }
  return out;
}

describe('clearAuction with link capacities', () => {
  it('reaches the brute-force optimum: welfare net of fees, then volume, within every capacity', () => {
    fc.assert(
      fc.property(smallMarketArb, feeMatrixArb, capacityArb, fc.constantFrom('uniform', 'discriminatory' as const), (market, fees, capacity, mechanism) => {
        const r = clearInts(market, { mechanism, zones: { fees, capacity } });
        const oracle = bruteForce(market, feeOf(fees), capOf(capacity));
        expect(r.welfare).toBe(oracle.maxWelfare);
        expect(r.volume).toBe(oracle.volumeAtMaxWelfare);
        for (const [key, lots] of linkLots(market, r)) expect(lots).toBeLessThanOrEqual(capOf(capacity)(key[0], key[1]));
      }),
      { numRuns: runs(300) },
    );
  });

  it('prices each zone so that the allocation is supported, and conserves money: payments = receipts + fees + congestion rent', () => {
    fc.assert(
      fc.property(marketArb3, feeMatrixArb, capacityArb, kArb, (market, fees, capacity, k) => {
        const r = clearInts(market, { k, zones: { fees, capacity } });
        const cap = capOf(capacity);
        const lots = linkLots(market, r);
        const full = (y: string, z: string): boolean => (lots.get(`${y}${z}`) ?? 0) >= cap(y, z);
        const buyer = new Map(r.result.zonePrices.map((z) => [z.zone, z.buyerPrice?.toNumber()]));
        const seller = new Map(r.result.zonePrices.map((z) => [z.zone, z.sellerPrice?.toNumber()]));
        let payments = 0;
        let receipts = 0;
        let fee = 0;
        let rent = 0;
        for (const t of r.trades) {
          const bid = market[t.buy] as IntOrder;
          const ask = market[t.sell] as IntOrder;
          const y = ask.zone as Zone;
          const z = bid.zone as Zone;
          expect(t.buyerPrice).toBe(buyer.get(z));
          expect(t.sellerPrice).toBe(seller.get(y));
          expect(t.buyerPrice).toBeLessThanOrEqual(bid.price);
          expect(t.sellerPrice).toBeGreaterThanOrEqual(ask.price);
          // The gap is the fee on a link with room left, at least the fee on a full one.
          if (full(y, z)) expect(t.buyerPrice - t.sellerPrice).toBeGreaterThanOrEqual(t.fee);
          else expect(t.buyerPrice - t.sellerPrice).toBe(t.fee);
          payments += t.buyerPrice * t.quantity;
          receipts += t.sellerPrice * t.quantity;
          fee += t.fee * t.quantity;
          if (full(y, z)) rent += (t.buyerPrice - t.sellerPrice - t.fee) * t.quantity;
        }
        expect(r.result.congestionRent.toNumber()).toBe(rent);
        expect(rent).toBeGreaterThanOrEqual(0);
        expect(r.surplus).toBe(0);
        expect(payments).toBe(receipts + fee + rent);
        expect(r.result.flows.reduce((s, f) => s + f.congestionRent.toNumber(), 0)).toBe(rent);
        if (r.volume === 0) return;
        // No order priced better than its zone's price is left unfilled, none worse trades.
        market.forEach((o, i) => {
          const f = r.fills[i] as number;
          const p = o.side === 'buy' ? buyer.get(o.zone as string) : seller.get(o.zone as string);
          if (p === undefined) {
            expect(f).toBe(0);
            return;
          }
          if (o.side === 'buy' ? o.price > p : o.price < p) expect(f).toBe(o.quantity);
          if (o.side === 'buy' ? o.price < p : o.price > p) expect(f).toBe(0);
        });
        // No arbitrage across a link with room left.
        for (const y of ZONES) {
          for (const z of ZONES) {
            const s = seller.get(y);
            const b = buyer.get(z);
            if (s !== undefined && b !== undefined && !full(y, z)) expect(b - s).toBeLessThanOrEqual(fees[y][z]);
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('reports the flows between zones: per link, within its capacity, congested when full', () => {
    fc.assert(
      fc.property(marketArb3, feeMatrixArb, capacityArb, (market, fees, capacity) => {
        const r = clearInts(market, { zones: { fees, capacity } });
        const lots = linkLots(market, r);
        const expected = [...lots.entries()]
          .filter(([key, q]) => q > 0 && (key[0] !== key[1] || capOf(capacity)(key[0], key[1]) !== Infinity))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, q]) => ({ from: key[0], to: key[1], quantity: q }));
        expect(r.result.flows.map((f) => ({ from: f.from, to: f.to, quantity: f.quantity.toNumber() }))).toEqual(expected);
        for (const f of r.result.flows) {
          const cap = capOf(capacity)(f.from, f.to);
          expect(f.capacity?.toNumber()).toBe(cap === Infinity ? undefined : cap);
          expect(f.congested).toBe(f.quantity.toNumber() >= cap);
          if (!f.congested) expect(f.congestionRent.toNumber()).toBe(0);
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it('with every link unlimited (capacities above the whole market), is exactly the auction without capacities', () => {
    fc.assert(
      fc.property(
        marketArb3,
        feeMatrixArb,
        fc.constantFrom('uniform', 'discriminatory' as const),
        kArb,
        fc.constantFrom('input-order' as const, 'pro-rata' as const),
        fc.integer({ min: 0, max: 1000 }),
        (market, fees, mechanism, k, rationing, extra) => {
          const { bids, asks } = lotCounts(market);
          // Above anything that can trade, so no link can fill (a link whose flow reaches its
          // capacity exactly is full, and its price gap may then exceed the fee).
          const huge = Math.min(bids, asks) + 1 + extra;
          const capacity = Object.fromEntries(ZONES.map((y) => [y, Object.fromEntries(ZONES.map((z) => [z, huge]))]));
          const plain = clearInts(market, { mechanism, k, rationing, zones: { fees } });
          const capped = clearInts(market, { mechanism, k, rationing, zones: { fees, capacity } });
          const strip = (r: IntResult): unknown => {
            const json = JSON.parse(JSON.stringify(r.result)) as Record<string, unknown>;
            delete json['flows'];
            return json;
          };
          expect(strip(capped)).toEqual(strip(plain));
          expect(capped.result.congestionRent.toNumber()).toBe(0);
          expect(capped.result.flows.filter((f) => f.from !== f.to).map((f) => [f.from, f.to, f.quantity.toString(), f.congested])).toEqual(
            plain.result.flows.filter((f) => f.from !== f.to).map((f) => [f.from, f.to, f.quantity.toString(), false]),
          );
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('does not depend on the order of the input: welfare, zone prices, flows and rent', () => {
    fc.assert(
      fc.property(marketArb3, feeMatrixArb, capacityArb, fc.infiniteStream(fc.nat()), (market, fees, capacity, stream) => {
        const keys = [...stream.take(market.length)];
        const shuffled = market.map((o, i) => [keys[i] as number, o] as const).sort((a, b) => a[0] - b[0]).map(([, o]) => o);
        const a = clearInts(market, { zones: { fees, capacity } });
        const b = clearInts(shuffled, { zones: { fees, capacity } });
        expect(b.welfare).toBe(a.welfare);
        expect(b.volume).toBe(a.volume);
        expect(JSON.stringify(b.result.zonePrices)).toBe(JSON.stringify(a.result.zonePrices));
        expect(JSON.stringify(b.result.flows)).toBe(JSON.stringify(a.result.flows));
        expect(b.result.congestionRent.toString()).toBe(a.result.congestionRent.toString());
      }),
      { numRuns: runs(200) },
    );
  });

  it('trades nothing on a closed link (capacity 0)', () => {
    const market: IntOrder[] = [
      { side: 'sell', price: 1, quantity: 5, zone: 'A' },
      { side: 'buy', price: 9, quantity: 5, zone: 'B' },
    ];
    const fees = { A: { A: 0, B: 0 }, B: { A: 0, B: 0 } };
    expect(clearInts(market, { zones: { fees } }).volume).toBe(5);
    const r = clearInts(market, { zones: { fees, capacity: { A: { B: 0 } } } });
    expect(r.volume).toBe(0);
    expect(r.result.flows).toEqual([]);
    expect(r.result.congestionRent.toString()).toBe('0');
  });
});

describe('market coupling: two zones on one line (wattmarket\'s own figures; ASSUME\'s published test is in published-examples.test.ts)', () => {
  // North has cheap supply (1000 kWh at 0.10) and a load of 400 kWh; south has dear supply
  // (1000 kWh at 0.40) and a load of 1000 kWh; every load bids 0.60. No fees, so the rent is the
  // price gap times the flow.
  const orders = [
    { id: 'gen-n', owner: 'gen-n', side: 'sell' as const, price: '0.10', quantity: 1000, zone: 'north' },
    { id: 'load-n', owner: 'load-n', side: 'buy' as const, price: '0.60', quantity: 400, zone: 'north' },
    { id: 'gen-s', owner: 'gen-s', side: 'sell' as const, price: '0.40', quantity: 1000, zone: 'south' },
    { id: 'load-s', owner: 'load-s', side: 'buy' as const, price: '0.60', quantity: 1000, zone: 'south' },
  ];
  const fees = { north: { north: 0, south: 0 }, south: { north: 0, south: 0 } };
  const table: { line: number | undefined; north: string; south: string; flow: string; rent: string; welfare: string }[] = [
    // Unlimited: one price, set by south's generator (600 kWh cross).
    { line: undefined, north: '0.4', south: '0.4', flow: '600', rent: '0', welfare: '580' },
    // A 600 kWh line is just full: north's price may be anything in [0.10, 0.40]; k = 0.5 takes 0.25.
    { line: 600, north: '0.25', south: '0.4', flow: '600', rent: '90', welfare: '580' },
    // A 500 kWh line binds: two prices, rent = price gap x flow = (0.40 - 0.10) x 500.
    { line: 500, north: '0.1', south: '0.4', flow: '500', rent: '150', welfare: '550' },
    // A closed line: each zone clears alone.
    { line: 0, north: '0.1', south: '0.5', flow: '0', rent: '0', welfare: '400' },
  ];
  for (const row of table) {
    it(`line ${row.line ?? 'unlimited'}: north ${row.north}, south ${row.south}, flow ${row.flow}, rent ${row.rent}`, () => {
      const zones: AuctionZones = row.line === undefined ? { fees } : { fees, capacity: { north: { south: row.line } } };
      const r = clearAuction(orders, { zones, verify: true });
      const price = (z: string): [string | undefined, string | undefined] => {
        const p = r.zonePrices.find((x) => x.zone === z);
        return [p?.buyerPrice?.toString(), p?.sellerPrice?.toString()];
      };
      expect(price('north')).toEqual([row.north, row.north]);
      expect(price('south')).toEqual([row.south, row.south]);
      expect(r.flows.find((f) => f.from === 'north' && f.to === 'south')?.quantity.toString() ?? '0').toBe(row.flow);
      expect(r.congestionRent.toString()).toBe(row.rent);
      expect(r.welfare.toString()).toBe(row.welfare);
      const paid = r.fills.filter((f) => f.side === 'buy').reduce((s, f) => s.plus(f.amount), r.welfare.mul(0));
      const received = r.fills.filter((f) => f.side === 'sell').reduce((s, f) => s.plus(f.amount), r.welfare.mul(0));
      expect(paid.minus(received).toString()).toBe(r.congestionRent.plus(r.fees).toString());
      if (row.line !== undefined && row.line > 0 && row.flow === String(row.line)) {
        const gap = r.zonePrices[1]!.buyerPrice!.minus(r.zonePrices[0]!.sellerPrice!);
        expect(gap.mul(row.flow).toString()).toBe(row.rent);
      }
    });
  }
});

describe('a transformer limit as a link to the utility zone', () => {
  // The utility is a zone of its own: its retail offer sells into the campus through the
  // transformer (import), its feed-in bid buys from the campus (export).
  const fees = { campus: { campus: 0, utility: 0 }, utility: { campus: 0, utility: 0 } };
  const utility = [
    { id: 'retail', owner: 'utility', side: 'sell' as const, price: '0.20', quantity: 10000, zone: 'utility' },
    { id: 'feed-in', owner: 'utility', side: 'buy' as const, price: '0.05', quantity: 10000, zone: 'utility' },
  ];

  it('limits import: the load beyond the limit and local supply is left unserved, and the campus price rises', () => {
    const orders = [...utility, { id: 'lab', owner: 'lab', side: 'buy' as const, price: '0.60', quantity: 120, zone: 'campus' }];
    const r = clearAuction(orders, { zones: { fees, capacity: { utility: { campus: 100 } } }, verify: true });
    expect(r.fills.find((f) => f.orderId === 'lab')?.filled.toString()).toBe('100');
    expect(r.flows.map((f) => [f.from, f.to, f.quantity.toString(), f.congested])).toEqual([['utility', 'campus', '100', true]]);
    expect(r.zonePrices.find((z) => z.zone === 'campus')?.buyerPrice?.toString()).toBe('0.6');
  });

  it('local trading relieves the limit: a roof in the campus serves the load the transformer cannot', () => {
    const orders = [
      ...utility,
      { id: 'lab', owner: 'lab', side: 'buy' as const, price: '0.60', quantity: 120, zone: 'campus' },
      { id: 'roof', owner: 'roof', side: 'sell' as const, price: '0.10', quantity: 30, zone: 'campus' },
    ];
    const r = clearAuction(orders, { zones: { fees, capacity: { utility: { campus: 100 } } }, verify: true });
    expect(r.fills.find((f) => f.orderId === 'lab')?.filled.toString()).toBe('120');
    expect(r.fills.find((f) => f.orderId === 'roof')?.filled.toString()).toBe('30');
  });

  it('limits export: PV beyond the limit is curtailed', () => {
    const orders = [...utility, { id: 'roof', owner: 'roof', side: 'sell' as const, price: '0', quantity: 80, zone: 'campus' }];
    const r = clearAuction(orders, { zones: { fees, capacity: { campus: { utility: 50 } } }, verify: true });
    expect(r.fills.find((f) => f.orderId === 'roof')?.filled.toString()).toBe('50');
    expect(r.zonePrices.find((z) => z.zone === 'campus')?.sellerPrice?.toString()).toBe('0');
  });
});

describe('clearAuction with capacities: bad input', () => {
  const fees = { north: { north: 0, south: '0.01' }, south: { north: '0.01', south: 0 } };
  const orders = [
    { id: 'b', owner: 'x', side: 'buy' as const, price: '0.3', quantity: 5, zone: 'south' },
    { id: 's', owner: 'y', side: 'sell' as const, price: '0.1', quantity: 5, zone: 'north' },
  ];
  const cases: { name: string; capacity: unknown; code: ErrorCode; text: string }[] = [
    { name: 'a negative capacity', capacity: { north: { south: -1 } }, code: ErrorCode.INVALID_CAPACITY, text: 'zones.capacity.north.south' },
    { name: 'a capacity off the quantity step', capacity: { north: { south: '0.0005' } }, code: ErrorCode.INVALID_CAPACITY, text: 'zones.capacity.north.south' },
    { name: 'a capacity that is not a number', capacity: { north: { south: 'lots' } }, code: ErrorCode.INVALID_CAPACITY, text: 'zones.capacity.north.south' },
    { name: 'an infinite capacity', capacity: { north: { south: Infinity } }, code: ErrorCode.INVALID_CAPACITY, text: 'zones.capacity.north.south' },
    { name: 'an unknown buyer zone', capacity: { north: { west: 5 } }, code: ErrorCode.UNKNOWN_ZONE, text: 'zones.capacity.north.west' },
    { name: 'an unknown seller zone', capacity: { east: { south: 5 } }, code: ErrorCode.UNKNOWN_ZONE, text: 'zones.capacity.east' },
    { name: 'a row that is not an object', capacity: { north: 5 }, code: ErrorCode.INVALID_OPTION, text: 'zones.capacity.north' },
    { name: 'capacities that are not an object', capacity: 5, code: ErrorCode.INVALID_OPTION, text: 'zones.capacity' },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, naming the link`, () => {
      const before = JSON.stringify(orders);
      const e = expectWattError(() => clearAuction(orders, { zones: { fees, capacity: c.capacity } as AuctionZones }), c.code, { fnName: 'clearAuction' });
      expect(e.message).toContain(c.text);
      expect(JSON.stringify(orders)).toBe(before);
    });
  }

  it('refuses capacities for the mechanisms that do not declare supports.capacities, naming mechanism and link', () => {
    const constant = { north: { north: '0.01', south: '0.01' }, south: { north: '0.01', south: '0.01' } };
    for (const mechanism of ['mcafee', 'trade-reduction', 'huang'] as const) {
      const e = expectWattError(() => clearAuction(orders, { mechanism, zones: { fees: constant, capacity: { north: { south: 5 } } } }), ErrorCode.INVALID_OPTION, {
        fnName: 'clearAuction',
      });
      expect(e.message).toContain(`'${mechanism}'`);
      expect(e.message).toContain('zones.capacity.north.south');
      // Without a capacity they clear as before.
      expect(() => clearAuction(orders, { mechanism, zones: { fees: constant, capacity: {} } })).not.toThrow();
    }
  });

  it('hands a custom mechanism the capacities in lots (a copy), and verifies one that honours them', () => {
    const seen: (number | undefined)[][] = [];
    const wrapped: AuctionMechanism = {
      name: 'wrapped-uniform',
      properties: { individuallyRational: true, budgetBalance: 'strong', truthful: 'no', efficient: true, uniformPricing: true },
      supports: { capacities: true },
      clear(_orders, context) {
        seen.push(context.capacity === undefined ? [] : Array.from(context.capacity));
        context.capacity?.fill(0);
        const inner = clearAuction(
          [
            { id: 'b', owner: 'x', side: 'buy', price: '0.3', quantity: 5, zone: 'south' },
            { id: 's', owner: 'y', side: 'sell', price: '0.1', quantity: 5, zone: 'north' },
          ],
          { zones: { fees, capacity: { north: { south: 2 } } } },
        );
        const out = new AllocationBuilder();
        const t = inner.trades[0]!;
        out.add(0, 0, t.quantitySteps, t.buyerPriceTicks, t.sellerPriceTicks);
        return { trades: out.build() };
      },
    };
    const r = clearAuction(orders, { mechanism: wrapped, zones: { fees, capacity: { north: { south: 2 } } } });
    // Zones sorted by name: north = 0, south = 1; the link north -> south is index 0 * 2 + 1, 2 kWh = 2000 lots.
    expect(seen).toEqual([[Infinity, 2000, Infinity, Infinity]]);
    expect(r.volume.toString()).toBe('2');
    expect(r.flows.map((f) => [f.from, f.to, f.quantity.toString(), f.congested])).toEqual([['north', 'south', '2', true]]);
    expect(r.congestionRent.toString()).toBe(r.trades[0]!.buyerPrice.minus(r.trades[0]!.sellerPrice).minus('0.01').mul(2).toString());
  });

  it('refuses capacities for a custom mechanism that does not declare them, and catches one that ignores them', () => {
    // Trades every crossing pair in order, ignoring links: fine without capacities.
    const greedy = (supports: boolean): AuctionMechanism => ({
      name: 'greedy',
      properties: { individuallyRational: true, budgetBalance: 'weak', truthful: 'no', efficient: false, uniformPricing: false },
      supports: { capacities: supports },
      clear(o) {
        const out = new AllocationBuilder();
        out.add(0, 0, o.bids.quantity[0] as number, o.bids.price[0] as number, o.asks.price[0] as number);
        return { trades: out.build() };
      },
    });
    const zones = { fees, capacity: { north: { south: 2 } } };
    const refused = expectWattError(() => clearAuction(orders, { mechanism: greedy(false), zones }), ErrorCode.INVALID_OPTION, { fnName: 'clearAuction' });
    expect(refused.message).toContain("'greedy'");
    expect(() => clearAuction(orders, { mechanism: greedy(false), zones: { fees } })).not.toThrow();
    const caught = expectWattError(() => clearAuction(orders, { mechanism: greedy(true), zones }), ErrorCode.MECHANISM_FAILED, { fnName: 'clearAuction' });
    expect(caught.message).toContain('capacity');
  });
});
