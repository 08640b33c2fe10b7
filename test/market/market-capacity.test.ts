import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, Market, ManualClock } from '../../src/index.js';
import type { MarketOptions, MarketSnapshot } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { assetSum, campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

// Link capacities in a Market (tariff.zoneCapacity; issue 15 item 3, docs/network.md).

const START = DAY + 4 * Q;
const FEES0 = { north: { north: 0, south: 0 }, south: { north: 0, south: 0 } };

function twoZones(zoneCapacity: Record<string, Record<string, number | string>> | undefined, extra: Partial<MarketOptions> = {}) {
  const made = campusMarket({
    zones: ['north', 'south'],
    tariff: { retailPrice: 2204, feedInPrice: 671, zoneFees: FEES0, ...(zoneCapacity === undefined ? {} : { zoneCapacity }) },
    ...extra,
  });
  fund(made.market, ['ng', 'nl'], 10_000_000, 'north');
  fund(made.market, ['sg', 'sl'], 10_000_000, 'south');
  return made;
}

/** ASSUME's market coupling on one line: north cheap, south dear (docs/network.md's table, in VND). */
function coupling(market: Market): void {
  market.submit({ id: 'a', participant: 'ng', deliveryStart: START, side: 'sell', price: 1000, quantity: 1000 });
  market.submit({ id: 'b', participant: 'nl', deliveryStart: START, side: 'buy', price: 2000, quantity: 400 });
  market.submit({ id: 'c', participant: 'sg', deliveryStart: START, side: 'sell', price: 1600, quantity: 1000 });
  market.submit({ id: 'd', participant: 'sl', deliveryStart: START, side: 'buy', price: 2000, quantity: 1000 });
}

describe('Market with link capacities: configuration', () => {
  const options = (zoneCapacity: unknown, extra: Record<string, unknown> = {}): MarketOptions =>
    ({ clock: new ManualClock(DAY - 60 * MIN), zones: ['north', 'south'], priceTick: 1, tariff: { retailPrice: 2204, feedInPrice: 671, zoneFees: FEES0, zoneCapacity }, ...extra }) as MarketOptions;

  it('refuses a negative capacity, one off the quantity step, an unknown zone, naming the link', () => {
    let e = expectWattError(() => new Market(options({ north: { south: -1 } })), 'INVALID_CAPACITY', { fnName: 'Market' });
    expect(e.message).toContain('tariff.zoneCapacity.north.south');
    e = expectWattError(() => new Market(options({ north: { south: '0.0005' } })), 'INVALID_CAPACITY', { fnName: 'Market' });
    expect(e.message).toContain('tariff.zoneCapacity.north.south');
    e = expectWattError(() => new Market(options({ north: { west: 5 } })), 'UNKNOWN_ZONE', { fnName: 'Market' });
    expect(e.message).toContain('tariff.zoneCapacity.north.west');
    e = expectWattError(() => new Market(options({ east: { north: 5 } })), 'UNKNOWN_ZONE', { fnName: 'Market' });
    expect(e.message).toContain('tariff.zoneCapacity.east');
    expectWattError(() => new Market(options([1])), 'INVALID_ARGUMENT', { fnName: 'Market' });
  });

  it('refuses capacities for a mechanism that cannot honour them (the mechanism declares it)', () => {
    for (const mechanism of ['mcafee', 'trade-reduction', 'huang']) {
      const e = expectWattError(() => new Market(options({ north: { south: 5 } }, { mechanism })), 'INVALID_OPTION', { fnName: 'Market' });
      expect(e.message).toContain(mechanism);
      expect(e.message).toContain('north.south');
    }
    // Without capacities, the same mechanisms are accepted as before.
    expect(() => new Market(options(undefined, { mechanism: 'mcafee', tariff: { retailPrice: 2204, feedInPrice: 671 } }))).not.toThrow();
  });

  it('without zone fees, refuses a link between two zones (only a zone\'s own link carries anything)', () => {
    const o = { clock: new ManualClock(DAY), zones: ['north', 'south'], priceTick: 1 };
    const e = expectWattError(() => new Market({ ...o, tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { north: { south: 5 } } } }), 'INVALID_OPTION', { fnName: 'Market' });
    expect(e.message).toContain('tariff.zoneCapacity.north.south');
    expect(() => new Market({ ...o, tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { north: { north: 5 } } } })).not.toThrow();
    const u = expectWattError(() => new Market({ ...o, tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { west: { west: 5 } } } }), 'UNKNOWN_ZONE');
    expect(u.message).toContain("is not one of the market's zones");
  });

  it('leaves a given ledger exactly as it was when it refuses the options', () => {
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
    const before = ledger.stateHash();
    expectWattError(() => new Market({ ...options({ north: { south: -5 } }), ledger }), 'INVALID_CAPACITY');
    expect(ledger.stateHash()).toBe(before);
    expect(ledger.accountIds()).toEqual([]);
  });

  it('puts the capacities in the options hash: replay and restore with other capacities are refused', () => {
    const { market } = twoZones({ north: { south: 500 } });
    coupling(market);
    const journal = market.journal();
    const snap = JSON.parse(JSON.stringify(market.snapshot())) as MarketSnapshot;
    const other = { zones: ['north', 'south'], priceTick: 1, tariff: { retailPrice: 2204, feedInPrice: 671, zoneFees: FEES0, zoneCapacity: { north: { south: 600 } } } };
    expectWattError(() => Market.replay(journal, other), 'OPTIONS_MISMATCH');
    expectWattError(() => Market.restore(snap, { ...other, clock: new ManualClock(DAY) }), 'OPTIONS_MISMATCH');
    // 500, '500' and '500.000' are the same capacity.
    const same = { ...other, tariff: { ...other.tariff, zoneCapacity: { north: { south: '500.000' } } } };
    expect(Market.replay(journal, same).stateHash()).toBe(market.stateHash());
  });

  it('opens the congestion account only with capacities', () => {
    expect(twoZones(undefined).market.ledger.accountIds()).not.toContain('congestion:VND');
    expect(twoZones({ north: { south: 5 } }).market.ledger.accountIds()).toContain('congestion:VND');
  });
});

describe('Market with link capacities: auctions', () => {
  it('reproduces market coupling on a binding line, and settles the congestion rent to congestion:VND', () => {
    const { market, clock } = twoZones({ north: { south: 500 } });
    coupling(market);
    market.advanceTo(START - 5 * MIN);
    const r = market.auctionResult('north', START);
    expect(r?.zonePrices.map((z) => [z.zone, String(z.buyerPrice), String(z.sellerPrice)])).toEqual([['north', '1000', '1000'], ['south', '1600', '1600']]);
    expect(r?.congestionRent.toString()).toBe('300000'); // (1600 - 1000) x 500
    const trades = market.trades(START);
    expect(trades.filter((t) => t.buyer === 'sl' && t.seller === 'ng').reduce((s, t) => s + t.quantity.toNumber(), 0)).toBe(500);
    clock.set(START + Q);
    const s = market.settle(START, [{ participant: 'ng', exported: 900 }, { participant: 'nl', imported: 400 }, { participant: 'sg', exported: 500 }, { participant: 'sl', imported: 1000 }]);
    const t = s.totals;
    expect(t.congestionRent.toString()).toBe('300000');
    expect(t.buyerPayments.toString()).toBe(t.sellerReceipts.plus(t.gridFees).plus(t.congestionRent).toString());
    expect(t.marketSpread.isZero() && t.residue.isZero()).toBe(true);
    expect(market.ledger.balance('congestion:VND').toString()).toBe('300000');
    expect(assetSum(market, 'VND')).toBe(0n);
  });

  it('with the line closed the zones clear apart; with an unlimited line as without capacities', () => {
    const closed = twoZones({ north: { south: 0 } }).market;
    coupling(closed);
    closed.advanceTo(START - 5 * MIN);
    expect(closed.trades(START).some((t) => t.seller === 'ng' && t.buyer === 'sl')).toBe(false);
    const plain = twoZones(undefined).market;
    const big = twoZones({ north: { south: 5000 }, south: { north: 5000 } }).market;
    for (const m of [plain, big]) {
      coupling(m);
      m.advanceTo(START - 5 * MIN);
    }
    expect(big.trades(START).map((t) => JSON.stringify(t))).toEqual(plain.trades(START).map((t) => JSON.stringify(t)));
  });

  it('in continuous-then-auction, the closing auction gets what continuous trading left of a zone\'s link', () => {
    const { market } = campusMarket({ mode: 'continuous-then-auction', tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { main: { main: 5 } } } });
    fund(market, ['s', 'b', 's2', 'b2']);
    market.submit({ id: 's1', participant: 's', deliveryStart: START, side: 'sell', price: 1000, quantity: 3 });
    market.submit({ id: 'b1', participant: 'b', deliveryStart: START, side: 'buy', price: 1000, quantity: 3 });
    market.advanceTo(START - 20 * MIN + 1); // the call phase: orders are sealed
    market.submit({ id: 's2', participant: 's2', deliveryStart: START, side: 'sell', price: 900, quantity: 4 });
    market.submit({ id: 'b2', participant: 'b2', deliveryStart: START, side: 'buy', price: 1100, quantity: 4 });
    market.advanceTo(START - 5 * MIN);
    const lots = market.trades(START).reduce((s, t) => s + t.quantity.toNumber(), 0);
    expect(lots).toBe(5); // 3 continuously, then 2 of the 4 the auction could have traded
  });

  it('keeps budget balance exactly: buyers pay = sellers receive + fees + congestion rent (+ spread + residue)', () => {
    const order = fc.record({ who: fc.integer({ min: 0, max: 5 }), buy: fc.boolean(), price: fc.integer({ min: 671, max: 2204 }), lots: fc.integer({ min: 1, max: 30 }) });
    const cap = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 14 }), fc.array(cap, { minLength: 9, maxLength: 9 }), fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 9, maxLength: 9 }), fc.constantFrom('uniform', 'discriminatory'), (orders, caps, fees, mechanism) => {
        const zones = ['a', 'b', 'c'];
        const feeMatrix = Object.fromEntries(zones.map((y, i) => [y, Object.fromEntries(zones.map((z, j) => [z, i === j ? 0 : (fees[i * 3 + j] as number)]))]));
        const capacity: Record<string, Record<string, number>> = {};
        zones.forEach((y, i) => zones.forEach((z, j) => {
          const c = caps[i * 3 + j];
          if (c !== undefined) (capacity[y] ??= {})[z] = c;
        }));
        const clock = new ManualClock(DAY - 60 * MIN);
        const market = new Market({ clock, zones, priceTick: 1, quantityStep: 1, mechanism, tariff: { retailPrice: 2204, feedInPrice: 671, zoneFees: feeMatrix, zoneCapacity: capacity } });
        const people = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
        people.forEach((p, i) => {
          market.registerParticipant({ id: p, zone: zones[i % 3] as string });
          market.deposit({ id: `d${p}`, participant: p, amount: 10_000_000 });
        });
        orders.forEach((o, i) => market.submit({ id: `o${i}`, participant: people[o.who] as string, deliveryStart: START, side: o.buy ? 'buy' : 'sell', price: o.price, quantity: o.lots }));
        market.advanceTo(START - 5 * MIN);
        const result = market.auctionResult('a', START) ?? market.auctionResult('b', START) ?? market.auctionResult('c', START);
        // Every link within its capacity.
        for (const f of result?.flows ?? []) if (f.capacity !== undefined) expect(f.quantity.lte(f.capacity)).toBe(true);
        expect(result?.congestionRent.isNegative() ?? false).toBe(false);
        const net = new Map<string, number>();
        for (const t of market.trades(START)) {
          net.set(t.seller, (net.get(t.seller) ?? 0) + t.quantity.toNumber());
          net.set(t.buyer, (net.get(t.buyer) ?? 0) - t.quantity.toNumber());
        }
        clock.set(START + Q);
        const s = market.settle(START, people.map((p) => ({ participant: p, net: net.get(p) ?? 0 })));
        const t = s.totals;
        expect(t.buyerPayments.toString()).toBe(t.sellerReceipts.plus(t.gridFees).plus(t.congestionRent).plus(t.marketSpread).plus(t.residue).toString());
        // Strongly budget-balanced with whole-unit prices and quantities: nothing to the market operator or the residue.
        expect(t.marketSpread.isZero() && t.residue.isZero()).toBe(true);
        expect(t.congestionRent.toString()).toBe(result?.congestionRent.toString() ?? '0');
        expect(market.ledger.balance('congestion:VND').toString()).toBe(t.congestionRent.toString());
        expect(assetSum(market, 'VND')).toBe(0n);
      }),
      { numRuns: 60 },
    );
  });
});
