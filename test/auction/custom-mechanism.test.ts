import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AllocationBuilder,
  BUILT_IN_MECHANISMS,
  clearAuction,
  ErrorCode,
  WattError,
  type AuctionMechanism,
  type MechanismAllocation,
  type MechanismProperties,
  type NormalisedOrders,
} from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { kArb, marketArb, MECHANISMS, toOrders } from './helpers/market.js';

const HONEST: MechanismProperties = { individuallyRational: true, budgetBalance: 'weak', truthful: 'no', efficient: true, uniformPricing: false };

/** Pay-as-bid: bids high to low against asks low to high, each side at its own price. */
const payAsBid: AuctionMechanism = {
  name: 'pay-as-bid',
  properties: HONEST,
  clear(orders) {
    const { bids, asks } = orders;
    const trades = new AllocationBuilder();
    let b = 0;
    let a = 0;
    let bLeft = bids.quantity[0] ?? 0;
    let aLeft = asks.quantity[0] ?? 0;
    while (b < bids.count && a < asks.count && bids.price[b]! >= asks.price[a]!) {
      const lots = Math.min(bLeft, aLeft);
      trades.add(b, a, lots, bids.price[b]!, asks.price[a]!);
      if ((bLeft -= lots) === 0) bLeft = bids.quantity[++b] ?? 0;
      if ((aLeft -= lots) === 0) aLeft = asks.quantity[++a] ?? 0;
    }
    return { trades: trades.build() };
  },
};

const MARKET = toOrders([
  { side: 'buy', price: 10, quantity: 3 },
  { side: 'sell', price: 4, quantity: 2 },
  { side: 'buy', price: 7, quantity: 2 },
  { side: 'sell', price: 6, quantity: 4 },
  { side: 'sell', price: 12, quantity: 1 },
]);
const INTS = { priceTick: 1, quantityStep: 1 } as const;

/** A mechanism that returns `allocation` whatever the orders, declaring `properties`. */
function returning(allocation: unknown, properties: Partial<MechanismProperties> = {}): AuctionMechanism {
  return { name: 'fixed', properties: { ...HONEST, efficient: false, ...properties }, clear: () => allocation as MechanismAllocation };
}

function trades(rows: [number, number, number, number, number][]): MechanismAllocation['trades'] {
  return {
    count: rows.length,
    bid: rows.map((r) => r[0]),
    ask: rows.map((r) => r[1]),
    quantity: rows.map((r) => r[2]),
    buyerPrice: rows.map((r) => r[3]),
    sellerPrice: rows.map((r) => r[4]),
  };
}

describe('clearAuction with a custom mechanism', () => {
  it('runs it over sorted integer orders and reports its trades like a built-in', () => {
    const r = clearAuction(MARKET, { mechanism: payAsBid, ...INTS });
    expect(r.mechanism).toBe('pay-as-bid');
    expect(r.properties).toEqual(HONEST);
    expect(r.trades.map((t) => `${t.buyOrderId}<-${t.sellOrderId} ${t.quantity.toString()} @ ${t.buyerPrice.toString()}/${t.sellerPrice.toString()}`)).toEqual([
      'o0<-o1 2 @ 10/4',
      'o0<-o3 1 @ 10/6',
      'o2<-o3 2 @ 7/6',
    ]);
    expect(r.surplus.toString()).toBe('18');
    expect(r.welfare.toString()).toBe('18');
    expect(r.price).toBeUndefined();
    expect(r.fills.map((f) => f.filled.toNumber())).toEqual([3, 2, 2, 3, 0]);
  });

  it('hands the mechanism sorted sides, input positions, ids and owners, and the context', () => {
    let seen: NormalisedOrders | undefined;
    const spy: AuctionMechanism = {
      ...payAsBid,
      clear(orders, context) {
        seen = orders;
        expect(context.k).toMatchObject({ numerator: 1n, denominator: 4n });
        expect(context.rationing).toBe('pro-rata');
        expect(context.zones).toEqual([]);
        expect(context.zoneCount).toBe(1);
        expect(context.constantFee).toBe(0);
        expect(context.priceTick).toBe('1');
        return payAsBid.clear(orders, context);
      },
    };
    clearAuction(MARKET, { mechanism: spy, k: '0.25', rationing: 'pro-rata', ...INTS });
    expect([...seen!.bids.price]).toEqual([10, 7]);
    expect([...seen!.bids.input]).toEqual([0, 2]);
    expect([...seen!.asks.price]).toEqual([4, 6, 12]);
    expect([...seen!.asks.quantity]).toEqual([2, 4, 1]);
    expect(seen!.ids).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    expect(seen!.owners).toEqual(['t0', 't1', 't2', 't3', 't4']);
  });

  it('gives the mechanism copies: what it writes cannot change the result', () => {
    const vandal: AuctionMechanism = {
      ...payAsBid,
      clear(orders, context) {
        const allocation = payAsBid.clear(orders, context);
        orders.bids.price.fill(0);
        orders.asks.quantity.fill(1);
        (orders.ids as string[])[0] = 'changed';
        return allocation;
      },
    };
    // The ids are frozen: writing them throws, which is the mechanism's failure.
    expectWattError(() => clearAuction(MARKET, { mechanism: vandal, ...INTS }), ErrorCode.MECHANISM_FAILED);
    const quiet: AuctionMechanism = {
      ...payAsBid,
      clear(orders, context) {
        const allocation = payAsBid.clear(orders, context);
        orders.bids.price.fill(0);
        orders.asks.quantity.fill(1);
        return allocation;
      },
    };
    const r = clearAuction(MARKET, { mechanism: quiet, ...INTS });
    expect(r.welfare.toString()).toBe('18');
    expect(r.fills.map((f) => f.quantity.toNumber())).toEqual([3, 2, 2, 4, 1]);
  });

  it('passes the built-ins through the same verification: every declared property holds', () => {
    fc.assert(
      fc.property(marketArb(), fc.constantFrom(...MECHANISMS), kArb, (market, name, k) => {
        // A copy is a custom mechanism to clearAuction, so it is verified like one (efficiency too).
        const copy: AuctionMechanism = { ...BUILT_IN_MECHANISMS[name], name: `copy-of-${name}` };
        const r = clearAuction(toOrders(market), { mechanism: copy, k, ...INTS });
        const original = clearAuction(toOrders(market), { mechanism: name, k, ...INTS });
        expect(r.fills.map((f) => f.filled.toNumber())).toEqual(original.fills.map((f) => f.filled.toNumber()));
      }),
      { numRuns: runs(200) },
    );
  });

  it('fails a mechanism whose allocation breaks the rules, with MECHANISM_FAILED', () => {
    const cases: [string, AuctionMechanism][] = [
      ['not an object', returning(5)],
      ['no trades', returning({})],
      ['a negative count', returning({ trades: { ...trades([]), count: -1 } })],
      ['arrays shorter than the count', returning({ trades: { ...trades([[0, 0, 1, 5, 5]]), count: 2 } })],
      ['a bid position out of range', returning({ trades: trades([[2, 0, 1, 5, 5]]) })],
      ['an ask position out of range', returning({ trades: trades([[0, 3, 1, 5, 5]]) })],
      ['an ask position that is not an integer', returning({ trades: trades([[0, 0.5, 1, 5, 5]]) })],
      ['a zero quantity', returning({ trades: trades([[0, 0, 0, 5, 5]]) })],
      ['a fractional quantity', returning({ trades: trades([[0, 0, 1.5, 5, 5]]) })],
      ['a price off the tick', returning({ trades: trades([[0, 0, 1, 5.5, 5.5]]) })],
      ['an absurd price', returning({ trades: trades([[0, 0, 1, 2 ** 52, 5]]) })],
      ['an over-filled ask', returning({ trades: trades([[0, 0, 3, 5, 5]]) })],
      ['an over-filled bid', returning({ trades: trades([[0, 0, 2, 5, 5], [0, 1, 2, 7, 7]]) })],
      ['a pair that does not cross', returning({ trades: trades([[1, 2, 1, 6, 6]]) }, { individuallyRational: false, budgetBalance: 'none' })],
      ['a buyer paying more than its bid', returning({ trades: trades([[1, 0, 1, 8, 5]]) })],
      ['a seller receiving less than its ask', returning({ trades: trades([[0, 1, 1, 10, 5]]) })],
      ['a negative surplus when weakly balanced', returning({ trades: trades([[0, 0, 1, 5, 6]]) })],
      ['a surplus when strongly balanced', returning({ trades: trades([[0, 0, 1, 6, 5]]) }, { budgetBalance: 'strong' })],
      ['trades off the reported price', returning({ trades: trades([[0, 0, 1, 6, 6]]), price: 5 })],
      ['a price outside its interval', returning({ trades: trades([[0, 0, 1, 5, 5]]), price: 5, interval: { low: 6, high: 7 } })],
      ['a malformed interval', returning({ trades: trades([]), interval: { low: 7, high: 6 } })],
      ['prices for an unknown zone', returning({ trades: trades([]), zonePrices: [{ zone: 3 }] })],
      ['trades off its zone prices', returning({ trades: trades([[0, 0, 1, 6, 6]]), zonePrices: [{ zone: 0, buyerPrice: 5, sellerPrice: 5 }] })],
      ['a declared efficiency it does not reach', returning({ trades: trades([[0, 0, 1, 6, 6]]) }, { efficient: true })],
      ['an exception', { ...payAsBid, clear: () => { throw new Error('boom'); } }],
    ];
    for (const [what, mechanism] of cases) {
      try {
        clearAuction(MARKET, { mechanism, ...INTS });
        expect.fail(`accepted ${what}`);
      } catch (e) {
        expect(e, what).toBeInstanceOf(WattError);
      }
      const e = expectWattError(() => clearAuction(MARKET, { mechanism, ...INTS }), ErrorCode.MECHANISM_FAILED, { fnName: 'clearAuction' });
      expect(e.message, what).toMatch(/mechanism '(fixed|pay-as-bid)'/);
    }
  });

  it('lets a WattError from the mechanism through as it is', () => {
    const picky: AuctionMechanism = { ...payAsBid, clear: () => { throw new WattError(ErrorCode.INVALID_ARGUMENT, 'picky: no'); } };
    expectWattError(() => clearAuction(MARKET, { mechanism: picky, ...INTS }), ErrorCode.INVALID_ARGUMENT);
  });

  it('refuses a malformed mechanism object', () => {
    const bad: unknown[] = [
      { ...payAsBid, name: '' },
      { ...payAsBid, name: undefined },
      { ...payAsBid, clear: 'no' },
      { ...payAsBid, properties: undefined },
      { ...payAsBid, properties: { ...HONEST, efficient: 'yes' } },
      { ...payAsBid, properties: { ...HONEST, budgetBalance: 'sometimes' } },
      { ...payAsBid, properties: { ...HONEST, truthful: true } },
      [payAsBid],
    ];
    for (const mechanism of bad) expectWattError(() => clearAuction(MARKET, { mechanism: mechanism as AuctionMechanism }), ErrorCode.INVALID_OPTION);
  });

  it('accepts the built-in objects themselves and runs them as built-ins', () => {
    const r = clearAuction(MARKET, { mechanism: BUILT_IN_MECHANISMS.uniform, ...INTS });
    expect(r.mechanism).toBe('uniform');
    expect(r.price?.toString()).toBe('6');
  });
});

describe('clearAuction with a mechanism that reuses its output arrays (regression: issue 11 defect 12)', () => {
  /** Pay-as-bid writing into the same arrays and the same trades object on every clearing. */
  function reusingPayAsBid(): AuctionMechanism {
    const bid = new Int32Array(64);
    const ask = new Int32Array(64);
    const quantity = new Float64Array(64);
    const buyerPrice = new Float64Array(64);
    const sellerPrice = new Float64Array(64);
    const trades = { count: 0, bid, ask, quantity, buyerPrice, sellerPrice };
    return {
      name: 'pay-as-bid',
      properties: HONEST,
      clear(orders) {
        const fresh = payAsBid.clear(orders, undefined as never).trades;
        trades.count = fresh.count;
        for (let t = 0; t < fresh.count; t++) {
          bid[t] = fresh.bid[t]!;
          ask[t] = fresh.ask[t]!;
          quantity[t] = fresh.quantity[t]!;
          buyerPrice[t] = fresh.buyerPrice[t]!;
          sellerPrice[t] = fresh.sellerPrice[t]!;
        }
        return { trades };
      },
    };
  }

  it('keeps an earlier result exactly as verified after a later clearing', () => {
    fc.assert(
      fc.property(marketArb({ maxPerSide: 6 }), marketArb({ maxPerSide: 6 }), (first, second) => {
        const mechanism = reusingPayAsBid();
        const options = { priceTick: 1, quantityStep: 1, mechanism };
        const r1 = clearAuction(toOrders(first), options);
        clearAuction(toOrders(second), options);
        // r1's trades are read only now, after the mechanism overwrote its arrays.
        const expected = clearAuction(toOrders(first), { priceTick: 1, quantityStep: 1, mechanism: payAsBid });
        expect(JSON.stringify(r1)).toBe(JSON.stringify(expected));
      }),
      { numRuns: runs(100) },
    );
  });
});
