import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, Market, ManualClock, MemoryStore } from '../../src/index.js';
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
    // Participants p0-p5 (two per zone) each send bids and asks, so self-trade prevention meets
    // full links (it once failed with MECHANISM_FAILED there; test/auction/self-trade-capacity.test.ts).
    const order = fc.record({ who: fc.integer({ min: 0, max: 5 }), buy: fc.boolean(), price: fc.oneof(fc.integer({ min: 671, max: 674 }), fc.integer({ min: 671, max: 2204 })), lots: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 30 })) });
    // Small capacities and prices near each other as often as not: full links with self pairs on them.
    const cap = fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 40 })), { nil: undefined });
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

describe('Market with link capacities: continuous trading', () => {
  /** One continuous zone whose own link carries `cap` kWh per interval; makers s1 (3 @ 1000) and s2 (4 @ 1100). */
  function book(cap: number) {
    const made = campusMarket({ mode: 'continuous', tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { main: { main: cap } } } });
    fund(made.market, ['s', 't', 'u']);
    made.market.submit({ id: 's1', participant: 's', deliveryStart: START, side: 'sell', price: 1000, quantity: 3 });
    made.market.submit({ id: 's2', participant: 's', deliveryStart: START, side: 'sell', price: 1100, quantity: 4 });
    return made;
  }
  const buy = (id: string, price: number, quantity: number, timeInForce?: 'GTC' | 'IOC' | 'FOK') =>
    ({ id, participant: 't', deliveryStart: START, side: 'buy' as const, price, quantity, ...(timeInForce === undefined ? {} : { timeInForce }) });

  it('GTC: trades up to what is left of the link, best orders first; a rest that would cross is cancelled (capacity)', () => {
    const { market } = book(5);
    const reasons: string[] = [];
    market.on('orderCancelled', (e) => reasons.push(`${e.orderId}:${e.reason}`));
    const r = market.submit(buy('b1', 1200, 10));
    expect(r.trades.map((t) => [t.sellOrderId, t.quantity.toString()])).toEqual([['s1', '3'], ['s2', '2']]);
    expect(r.status).toBe('cancelled');
    expect(r.filled.toString()).toBe('5');
    expect(reasons).toEqual(['b1:capacity']);
    expect(market.order('s2')?.quantity.toString()).toBe('2'); // the maker keeps its rest
    // The link is full: a crossing order trades nothing; one that does not cross rests.
    expect(market.submit(buy('b2', 1200, 1)).status).toBe('cancelled');
    expect(market.submit(buy('b3', 1050, 1)).status).toBe('resting');
  });

  it('GTC: a rest that does not cross the book rests', () => {
    const { market } = book(5);
    const r = market.submit(buy('b1', 1050, 10));
    expect(r.trades.map((t) => t.quantity.toString())).toEqual(['3']);
    expect(r.status).toBe('resting');
    expect(r.remaining.toString()).toBe('7');
    // 2 kWh left of the link: the next taker fills 2 and its crossing rest is cancelled.
    const r2 = market.submit({ id: 'x', participant: 'u', deliveryStart: START, side: 'buy', price: 1100, quantity: 4 });
    expect(r2.filled.toString()).toBe('2');
    expect(r2.status).toBe('cancelled');
  });

  it('IOC fills up to what is left; FOK that the link cannot carry whole is cancelled without trading', () => {
    let { market } = book(5);
    const ioc = market.submit(buy('b1', 1200, 7, 'IOC'));
    expect(ioc.filled.toString()).toBe('5');
    expect(ioc.status).toBe('cancelled');
    ({ market } = book(5));
    const fok = market.submit(buy('b1', 1200, 6, 'FOK'));
    expect(fok.trades).toEqual([]);
    expect(fok.status).toBe('cancelled');
    expect(market.order('s1')?.quantity.toString()).toBe('3');
    expect(market.submit(buy('b2', 1200, 5, 'FOK')).filled.toString()).toBe('5'); // exactly what is left
  });

  it('a market order fills up to what is left; a closed link (0) lets nothing trade', () => {
    let { market } = book(4);
    expect(market.submit({ id: 'm', participant: 't', deliveryStart: START, side: 'buy', type: 'market', quantity: 6 }).filled.toString()).toBe('4');
    ({ market } = book(0));
    expect(market.submit(buy('b1', 1200, 1)).status).toBe('cancelled');
    expect(market.trades(START)).toEqual([]);
  });

  it('an amend to a crossing price trades up to what is left; cancel and amend give no capacity back', () => {
    const { market } = book(5);
    market.submit(buy('b1', 900, 10));
    const r = market.amend('b1', { price: 1200 });
    expect(r.filled.toString()).toBe('5');
    expect(r.status).toBe('cancelled');
    market.cancel('s2');
    market.submit({ id: 's3', participant: 's', deliveryStart: START, side: 'sell', price: 1000, quantity: 2 });
    expect(market.submit(buy('b2', 1200, 1)).filled.toString()).toBe('0');
  });

  it('with the link unlimited, trades exactly as a market without capacities (same trades, same results)', () => {
    const run = (tariff: MarketOptions['tariff']) => {
      const { market } = campusMarket({ mode: 'continuous', zones: ['main', 'east'], tariff });
      fund(market, ['s', 't']);
      const out: string[] = [];
      market.submit({ id: 's1', participant: 's', deliveryStart: START, side: 'sell', price: 1000, quantity: 3 });
      market.submit({ id: 's2', participant: 's', deliveryStart: START, side: 'sell', price: 1100, quantity: 4 });
      out.push(JSON.stringify(market.submit(buy('b1', 1200, 10))));
      out.push(JSON.stringify(market.submit(buy('b2', 1000, 2, 'FOK'))));
      out.push(JSON.stringify(market.amend('b1', { price: 1300 })));
      return out;
    };
    const plain = run({ retailPrice: 2204, feedInPrice: 671 });
    // The east zone's link has a capacity; main's is unlimited.
    expect(run({ retailPrice: 2204, feedInPrice: 671, zoneCapacity: { east: { east: 1 } } })).toEqual(plain);
    expect(run({ retailPrice: 2204, feedInPrice: 671, zoneCapacity: {} })).toEqual(plain);
  });

  it('a refused order leaves the market exactly as it was (state hash, journal, sequence)', () => {
    const { market } = book(5);
    market.submit(buy('b1', 1050, 4)); // 3 traded, 1 resting
    const hash = market.stateHash();
    const length = market.journal().length;
    const seq = market.sequence;
    expectWattError(() => market.submit(buy('b1', 1200, 4)), 'DUPLICATE_ORDER_ID');
    expectWattError(() => market.submit({ ...buy('b9', 1200, 4), participant: 'nobody' }), 'UNKNOWN_PARTICIPANT');
    expectWattError(() => market.submit({ ...buy('b9', 1200, 4), quantity: 10_000_000 }), 'INSUFFICIENT_FUNDS');
    expectWattError(() => market.amend('b1', { price: -5 }), 'PRICE_OUT_OF_BAND');
    expect([market.stateHash(), market.journal().length, market.sequence]).toEqual([hash, length, seq]);
  });

  it('remaining capacity survives snapshot/restore and replay (same state hash, same next trades)', () => {
    const { market } = book(5);
    market.submit(buy('b1', 1050, 10)); // 3 traded, 7 resting
    const snap = JSON.parse(JSON.stringify(market.snapshot())) as MarketSnapshot;
    const options = { tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { main: { main: 5 } } }, mode: 'continuous' as const, priceTick: 1 };
    const restored = Market.restore(snap, { ...options, clock: new ManualClock(DAY - 60 * MIN) });
    const replayed = Market.replay(market.journal(), options);
    expect(restored.stateHash()).toBe(market.stateHash());
    expect(replayed.stateHash()).toBe(market.stateHash());
    for (const m of [market, restored, replayed]) expect(m.submit({ id: 'x', participant: 'u', deliveryStart: START, side: 'buy', price: 1100, quantity: 4 }).filled.toString()).toBe('2');
    expect(restored.stateHash()).toBe(market.stateHash());
    expect(Market.replay(market.journal(), options).stateHash()).toBe(market.stateHash());
    // A snapshot whose link use does not fit the options is refused.
    const bad = { ...snap, intervals: snap.intervals.map((i) => ({ ...i, linkUse: [1, 2] })) };
    expectWattError(() => Market.restore(bad, { ...options, clock: new ManualClock(DAY) }), 'INVALID_SNAPSHOT');
  });

  it('a durable market (Market.open) recovers what is left of each link, from its journal and from a checkpoint', async () => {
    const options = { tariff: { retailPrice: 2204, feedInPrice: 671, zoneCapacity: { main: { main: 5 } } }, mode: 'continuous' as const, priceTick: 1 };
    const store = new MemoryStore();
    const clock = new ManualClock(DAY - 60 * MIN);
    const market = await Market.open({ ...options, clock, store });
    fund(market, ['s', 't', 'u']);
    market.submit({ id: 's1', participant: 's', deliveryStart: START, side: 'sell', price: 1000, quantity: 7 });
    market.submit(buy('b1', 1200, 3));
    await market.checkpoint();
    market.submit(buy('b2', 1200, 1));
    await market.close();
    const again = await Market.open({ ...options, clock, store });
    expect(again.stateHash()).toBe(market.stateHash());
    expect(again.submit({ id: 'x', participant: 'u', deliveryStart: START, side: 'buy', price: 1200, quantity: 3 }).filled.toString()).toBe('1');
    await again.close();
  });
});
