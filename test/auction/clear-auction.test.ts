import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { clearAuction, MECHANISM_PROPERTIES, type AuctionOrder } from '../../src/index.js';

const CAMPUS: AuctionOrder[] = [
  { id: 'b1', owner: 'lab', side: 'buy', price: '0.25', quantity: 10 },
  { id: 'b2', owner: 'dorm', side: 'buy', price: '0.20', quantity: 5 },
  { id: 's1', owner: 'roof', side: 'sell', price: '0.10', quantity: 8 },
  { id: 's2', owner: 'battery', side: 'sell', price: '0.19', quantity: 6 },
];

describe('clearAuction', () => {
  it('clears at the middle of the clearing interval by default', () => {
    // Lots (Wh): bids 0.25 x 10000 then 0.20 x 5000; asks 0.10 x 8000 then 0.19 x 6000.
    // K = 14000 (all asks); b_K = 0.20, s_K = 0.19, b_{K+1} = 0.20, no s_{K+1}: [0.2, 0.2].
    const r = clearAuction(CAMPUS);
    expect(r.mechanism).toBe('uniform');
    expect(r.properties).toEqual(MECHANISM_PROPERTIES.uniform);
    expect(r.price?.toString()).toBe('0.2');
    expect(r.volume.toString()).toBe('14');
    expect([r.interval?.low.toString(), r.interval?.high.toString()]).toEqual(['0.2', '0.2']);
    expect(r.welfare.toString()).toBe('1.36'); // 8 * 0.15 + 2 * 0.06 + 4 * 0.01
    expect(r.surplus.toString()).toBe('0');
    expect(r.fees.toString()).toBe('0');
  });

  it('computes welfare at the limit prices', () => {
    const r = clearAuction(CAMPUS);
    const fromTrades = r.trades.reduce((sum, t) => {
      const bid = CAMPUS.find((o) => o.id === t.buyOrderId)!;
      const ask = CAMPUS.find((o) => o.id === t.sellOrderId)!;
      return sum.plus(new Decimal(bid.price).minus(ask.price).mul(t.quantity));
    }, new Decimal(0));
    expect(r.welfare.toString()).toBe(fromTrades.toString());
  });

  it('reports fills per order in input order', () => {
    const r = clearAuction(CAMPUS);
    expect(r.fills.map((f) => [f.orderId, f.owner, f.side, f.quantity.toString(), f.filled.toString(), f.remaining.toString(), f.amount.toString(), f.price?.toString(), f.zone])).toEqual([
      ['b1', 'lab', 'buy', '10', '10', '0', '2', '0.2', undefined],
      ['b2', 'dorm', 'buy', '5', '4', '1', '0.8', '0.2', undefined],
      ['s1', 'roof', 'sell', '8', '8', '0', '1.6', '0.2', undefined],
      ['s2', 'battery', 'sell', '6', '6', '0', '1.2', '0.2', undefined],
    ]);
  });

  it('reports the trades as pairs with both prices and no fee', () => {
    const r = clearAuction(CAMPUS);
    expect(r.trades.map((t) => [t.buyOrderId, t.sellOrderId, t.buyer, t.seller, t.quantity.toString(), t.buyerPrice.toString(), t.sellerPrice.toString(), t.fee.toString()])).toEqual([
      ['b1', 's1', 'lab', 'roof', '8', '0.2', '0.2', '0'],
      ['b1', 's2', 'lab', 'battery', '2', '0.2', '0.2', '0'],
      ['b2', 's2', 'dorm', 'battery', '4', '0.2', '0.2', '0'],
    ]);
    expect(r.trades[0]?.buyerZone).toBeUndefined();
    expect(r.trades[0]?.quantity).toBeInstanceOf(Decimal);
  });

  it('gives the aggregated curves as steps', () => {
    const orders: AuctionOrder[] = [
      ...CAMPUS,
      { id: 'b3', owner: 'ev', side: 'buy', price: '0.25', quantity: '1.5' },
      { id: 's3', owner: 'swap', side: 'sell', price: '0.30', quantity: 2 },
    ];
    const r = clearAuction(orders);
    expect(r.demand.map((s) => [s.price.toString(), s.quantity.toString()])).toEqual([
      ['0.25', '11.5'],
      ['0.2', '16.5'],
    ]);
    expect(r.supply.map((s) => [s.price.toString(), s.quantity.toString()])).toEqual([
      ['0.1', '8'],
      ['0.19', '14'],
      ['0.3', '16'],
    ]);
  });

  it('reports no price and no volume when nothing can trade', () => {
    for (const orders of [[], CAMPUS.filter((o) => o.side === 'buy'), CAMPUS.map((o) => (o.side === 'sell' ? { ...o, price: '0.3' } : o))]) {
      for (const mechanism of ['uniform', 'discriminatory', 'mcafee', 'trade-reduction', 'huang'] as const) {
        const r = clearAuction(orders, { mechanism, verify: true });
        expect(r.price).toBeUndefined();
        expect(r.volume.toString()).toBe('0');
        expect(r.trades).toEqual([]);
        expect(r.interval).toBeUndefined();
        expect(r.welfare.toString()).toBe('0');
        expect(r.fills.every((f) => f.filled.isZero() && f.price === undefined && f.amount.isZero())).toBe(true);
      }
    }
  });

  it('takes numbers, decimal strings and Decimals alike', () => {
    const asStrings = clearAuction(CAMPUS);
    const asNumbers = clearAuction(CAMPUS.map((o) => ({ ...o, price: Number(o.price), quantity: Number(o.quantity) })));
    const asDecimals = clearAuction(CAMPUS.map((o) => ({ ...o, price: new Decimal(o.price), quantity: new Decimal(o.quantity) })));
    expect(asNumbers.price?.toString()).toBe(asStrings.price?.toString());
    expect(asDecimals.welfare.toString()).toBe(asStrings.welfare.toString());
  });

  it('reports a fill of several prices without a single price (discriminatory)', () => {
    const r = clearAuction(CAMPUS, { mechanism: 'discriminatory' });
    const b1 = r.fills[0]!;
    expect(b1.price).toBeUndefined();
    // 8 at 0.10 + 0.5 * 0.15 = 0.175 and 2 at 0.19 + 0.5 * 0.06 = 0.22.
    expect(b1.amount.toString()).toBe('1.84');
  });

  it('reports buyer and seller prices apart where the mechanism separates them', () => {
    const r = clearAuction(CAMPUS, { mechanism: 'trade-reduction' });
    expect(r.price).toBeUndefined();
    expect(new Set(r.trades.map((t) => `${t.buyerPrice.toString()}/${t.sellerPrice.toString()}`))).toEqual(new Set(['0.2/0.19']));
    expect(r.surplus.toString()).toBe(new Decimal('0.01').mul(r.volume).toString());
  });

  it('returns frozen arrays and never changes the orders', () => {
    const before = JSON.stringify(CAMPUS);
    const r = clearAuction(CAMPUS);
    expect(Object.isFrozen(r.trades)).toBe(true);
    expect(Object.isFrozen(r.fills)).toBe(true);
    expect(Object.isFrozen(r.demand)).toBe(true);
    expect(JSON.stringify(CAMPUS)).toBe(before);
  });

  it('keeps exact values far beyond floating point', () => {
    const orders: AuctionOrder[] = [
      { id: 'b', owner: 'x', side: 'buy', price: '99999999.9999', quantity: '9007199254.740' },
      { id: 's', owner: 'y', side: 'sell', price: '0.0001', quantity: '9007199254.740' },
    ];
    const r = clearAuction(orders, { k: 1 });
    expect(r.price?.toString()).toBe('99999999.9999');
    const Exact = Decimal.clone({ precision: 100 });
    expect(r.welfare.toString()).toBe(new Exact('99999999.9998').mul('9007199254.74').toFixed());
    expect(r.fills[0]?.amount.toString()).toBe(new Exact('99999999.9999').mul('9007199254.74').toFixed());
    expect(r.welfare.toString()).toBe('900719925472198560.149052');
  });

  it('fills a market with a wide price range (the radix path) as its rank-compressed copy (the counting path)', () => {
    const wide: AuctionOrder[] = [];
    for (let i = 0; i < 300; i++) {
      wide.push({ id: `b${i}`, owner: 'x', side: 'buy', price: ((i * 7919) % 1000) * 100003 + (i % 3), quantity: 1 + (i % 4) });
      wide.push({ id: `s${i}`, owner: 'y', side: 'sell', price: ((i * 104729) % 1000) * 100003 + (i % 5), quantity: 1 + (i % 3) });
    }
    // Fills depend only on the order of prices: map each distinct price to its rank.
    const ranks = new Map([...new Set(wide.map((o) => Number(o.price)))].sort((a, b) => a - b).map((p, i) => [p, i]));
    const narrow = wide.map((o) => ({ ...o, price: ranks.get(Number(o.price))! }));
    const options = { priceTick: 1, quantityStep: 1, verify: true } as const;
    for (const rationing of ['input-order', 'pro-rata'] as const) {
      const r = clearAuction(wide, { ...options, rationing });
      const n = clearAuction(narrow, { ...options, rationing });
      expect(r.volume.toNumber()).toBeGreaterThan(0);
      expect(r.fills.map((f) => f.filled.toNumber())).toEqual(n.fills.map((f) => f.filled.toNumber()));
    }
  });
});

describe('clearAuction results', () => {
  it('stay intact when later auctions reuse the work arrays', () => {
    const big = (shift: number): AuctionOrder[] =>
      Array.from({ length: 5000 }, (_, i) => ({ id: `o${i}`, owner: 'x', side: i % 2 ? 'buy' : 'sell', price: ((i * 37 + shift) % 100) + (i % 2 ? 20 : 0), quantity: 1 + (i % 5) }));
    const first = clearAuction(big(0), { priceTick: 1, quantityStep: 1 });
    const expected = JSON.stringify([first.price, first.volume, first.fills.map((f) => f.filled), first.trades.length]);
    const firstUnread = clearAuction(big(0), { priceTick: 1, quantityStep: 1 });
    for (let shift = 1; shift < 4; shift++) clearAuction(big(shift), { priceTick: 1, quantityStep: 1, mechanism: 'huang' });
    clearAuction(big(7).map((o) => ({ ...o, zone: 'a' })), { priceTick: 1, quantityStep: 1, zones: { fees: { a: { a: 1 } } } });
    expect(JSON.stringify([firstUnread.price, firstUnread.volume, firstUnread.fills.map((f) => f.filled), firstUnread.trades.length])).toBe(expected);
  });
});

describe('clearAuction results as JSON', () => {
  it('serialise their public fields only, Decimals as text', () => {
    const r = clearAuction([
      { id: 'b', owner: 'x', side: 'buy', price: '0.3', quantity: 2 },
      { id: 's', owner: 'y', side: 'sell', price: '0.1', quantity: 1 },
    ]);
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(
      ['congestionRent', 'demand', 'fees', 'fills', 'flows', 'interval', 'mechanism', 'price', 'properties', 'supply', 'surplus', 'trades', 'volume', 'welfare', 'zonePrices'].sort(),
    );
    expect(json['price']).toBe('0.3');
    expect(json['trades']).toEqual([{ buyOrderId: 'b', sellOrderId: 's', buyer: 'x', seller: 'y', quantity: '1', buyerPrice: '0.3', sellerPrice: '0.3', fee: '0' }]);
    expect((json['fills'] as unknown[])[0]).toEqual({ orderId: 'b', owner: 'x', side: 'buy', quantity: '2', filled: '1', remaining: '1', amount: '0.3', price: '0.3' });
    expect(json['demand']).toEqual([{ price: '0.3', quantity: '2' }]);
  });
});

describe('clearAuction trades in integers', () => {
  it('give exact step and tick counts equal to their Decimals, for every mechanism and with zone fees', () => {
    const orders = [
      { id: 'b1', owner: 'lab', side: 'buy', price: '0.25', quantity: 10, zone: 'n' },
      { id: 'b2', owner: 'dorm', side: 'buy', price: '0.20', quantity: 5, zone: 's' },
      { id: 's1', owner: 'roof', side: 'sell', price: '0.10', quantity: 8, zone: 's' },
      { id: 's2', owner: 'battery', side: 'sell', price: '0.19', quantity: 6, zone: 'n' },
    ] as const;
    const zones = { fees: { n: { n: 0, s: '0.01' }, s: { n: '0.02', s: 0 } } };
    const plain = orders.map((o) => ({ id: o.id, owner: o.owner, side: o.side, price: o.price, quantity: o.quantity }));
    const runs = [
      clearAuction(plain),
      clearAuction(plain, { mechanism: 'discriminatory' }),
      clearAuction(plain, { mechanism: 'huang' }),
      clearAuction(orders, { zones }),
    ];
    for (const r of runs) {
      expect(r.trades.length).toBeGreaterThan(0);
      for (const t of r.trades) {
        expect(t.quantity.mul(1000).toNumber()).toBe(t.quantitySteps);
        expect(t.buyerPrice.mul(10000).toNumber()).toBe(t.buyerPriceTicks);
        expect(t.sellerPrice.mul(10000).toNumber()).toBe(t.sellerPriceTicks);
        expect(t.fee.mul(10000).toNumber()).toBe(t.feeTicks);
      }
    }
  });
});
