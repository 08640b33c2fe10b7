import { describe, expect, it } from 'vitest';
import { clearAuction, type AuctionOptions, type AuctionOrder } from '../../src/index.js';

// Worked examples of the mechanisms as table tests. Prices and quantities are plain decimals;
// every result is compared as exact text.

function buyers(...prices: number[]): AuctionOrder[] {
  return prices.map((price, i) => ({ id: `b${i + 1}`, owner: `buyer${i + 1}`, side: 'buy', price, quantity: 1 }));
}
function sellers(...prices: number[]): AuctionOrder[] {
  return prices.map((price, i) => ({ id: `s${i + 1}`, owner: `seller${i + 1}`, side: 'sell', price, quantity: 1 }));
}

function summary(orders: readonly AuctionOrder[], options: AuctionOptions): { price?: string; volume: string; surplus: string; trades: string[] } {
  const r = clearAuction(orders, { priceTick: '0.1', quantityStep: 1, verify: true, ...options });
  return {
    ...(r.price === undefined ? {} : { price: r.price.toString() }),
    volume: r.volume.toString(),
    surplus: r.surplus.toString(),
    trades: r.trades.map((t) => `${t.buyOrderId}<-${t.sellOrderId} ${t.quantity.toString()} @ ${t.buyerPrice.toString()}/${t.sellerPrice.toString()}`),
  };
}

// The usual illustration of McAfee's mechanism and trade reduction: five unit buyers and five
// unit sellers, sorted b = 100, 90, 80, 70, 60 and s = 80, 85, 95, 100, 110. The break-even
// index is k = 2 (b2 = 90 >= s2 = 85, b3 = 80 < s3 = 95); the clearing interval is
// [max(s2, b3), min(b2, s3)] = [85, 90].
const INDEX_TABLE = [...buyers(100, 90, 80, 70, 60), ...sellers(80, 85, 95, 100, 110)];

describe('worked example: five unit buyers, five unit sellers', () => {
  it('uniform: the interval [85, 90], the price at k (the average mechanism at k = 0.5)', () => {
    expect(summary(INDEX_TABLE, { mechanism: 'uniform' })).toEqual({
      price: '87.5',
      volume: '2',
      surplus: '0',
      trades: ['b1<-s1 1 @ 87.5/87.5', 'b2<-s2 1 @ 87.5/87.5'],
    });
    const r = clearAuction(INDEX_TABLE, { priceTick: '0.1', quantityStep: 1 });
    expect([r.interval?.low.toString(), r.interval?.high.toString()]).toEqual(['85', '90']);
    expect(summary(INDEX_TABLE, { k: 0 }).price).toBe('85');
    expect(summary(INDEX_TABLE, { k: 1 }).price).toBe('90');
    expect(summary(INDEX_TABLE, { k: '0.25' }).price).toBe('86.3'); // 85 + 1.25, half-up on the tick
  });

  it('discriminatory: each pair at ask + k (bid - ask)', () => {
    expect(summary(INDEX_TABLE, { mechanism: 'discriminatory' }).trades).toEqual(['b1<-s1 1 @ 90/90', 'b2<-s2 1 @ 87.5/87.5']);
    expect(summary(INDEX_TABLE, { mechanism: 'discriminatory', k: 1 }).trades).toEqual(['b1<-s1 1 @ 100/100', 'b2<-s2 1 @ 90/90']);
  });

  it('mcafee: p0 = (b3 + s3) / 2 = 87.5 lies in [s2, b2] = [85, 90], so both pairs trade at 87.5', () => {
    expect(summary(INDEX_TABLE, { mechanism: 'mcafee' })).toEqual({
      price: '87.5',
      volume: '2',
      surplus: '0',
      trades: ['b1<-s1 1 @ 87.5/87.5', 'b2<-s2 1 @ 87.5/87.5'],
    });
  });

  it('trade reduction: pair 2 is dropped; buyer 1 pays b2 = 90, seller 1 receives s2 = 85', () => {
    expect(summary(INDEX_TABLE, { mechanism: 'trade-reduction' })).toEqual({ volume: '1', surplus: '5', trades: ['b1<-s1 1 @ 90/85'] });
  });

  it('huang with unit traders is trade reduction', () => {
    expect(summary(INDEX_TABLE, { mechanism: 'huang' })).toEqual({ volume: '1', surplus: '5', trades: ['b1<-s1 1 @ 90/85'] });
  });

  it('mcafee falls back to trade reduction when p0 is outside [s_k, b_k]', () => {
    // b = 100, 90, 89 and s = 80, 85, 95: k = 2, p0 = (89 + 95) / 2 = 92 > b2 = 90.
    const orders = [...buyers(100, 90, 89), ...sellers(80, 85, 95)];
    expect(summary(orders, { mechanism: 'mcafee' })).toEqual({ volume: '1', surplus: '5', trades: ['b1<-s1 1 @ 90/85'] });
  });

  it('mcafee rounds p0 half to even on the tick', () => {
    // b3 + s3 = 80 + 95.1 = 175.1: p0 = 87.55 is a tie between 87.5 and 87.6 -> 87.6 (even).
    const orders = [...buyers(100, 90, 80), ...sellers(80, 85, 95.1)];
    expect(summary(orders, { mechanism: 'mcafee' }).price).toBe('87.6');
  });
});

// Huang, Scheller-Wolf and Sycara (2002), with the examples pymarket (kiedanski/pymarket) gives
// for its implementation of the paper, and the paper's equal-reduction rule (its footnote).
describe('worked examples: huang', () => {
  const o = (id: string, side: 'buy' | 'sell', price: number, quantity: number): AuctionOrder => ({ id, owner: id, side, price, quantity });

  it('the marginal orders set the prices and do not trade', () => {
    // Buyer 1 @ 3, buyer 2 @ 1, seller 2 @ 2: lot 1 crosses (3 >= 2), lot 2 does not (1 < 2).
    // The marginal buyer (3) and seller (2) are the only ones who could trade: nothing trades.
    const orders = [o('b1', 'buy', 3, 1), o('b2', 'buy', 1, 2), o('s1', 'sell', 2, 2)];
    expect(summary(orders, { mechanism: 'huang' })).toEqual({ volume: '0', surplus: '0', trades: [] });
  });

  it('small orders ahead of the marginal ones trade, at the marginal prices', () => {
    // Adding seller 0.3 @ 1 and buyer 0.2 @ 3.3: the curves cross on buyer (1 @ 3) and seller
    // (2 @ 2), which set the prices 3 and 2; buyer 0.2 @ 3.3 and seller 0.3 @ 1 trade 0.2.
    const orders = [o('b1', 'buy', 3, 1), o('b2', 'buy', 1, 2), o('s1', 'sell', 2, 2), o('s2', 'sell', 1, 0.3), o('b3', 'buy', 3.3, 0.2)];
    expect(summary(orders, { mechanism: 'huang', quantityStep: '0.1' })).toEqual({ volume: '0.2', surplus: '0.2', trades: ['b3<-s2 0.2 @ 3/2'] });
  });

  it('the long side gives up an equal quantity each: [1, 2, 3] short by 0.6 trade [0.8, 1.8, 2.8]', () => {
    const orders = [
      o('s1', 'sell', 1, 1),
      o('s2', 'sell', 1, 2),
      o('s3', 'sell', 1, 3),
      o('s4', 'sell', 5, 1), // the marginal seller: price 5
      o('b1', 'buy', 10, 5.4),
      o('b2', 'buy', 6, 10), // the marginal buyer: price 6
    ];
    const r = clearAuction(orders, { mechanism: 'huang', priceTick: '0.1', quantityStep: '0.1', verify: true });
    expect(r.fills.map((f) => `${f.orderId}:${f.filled.toString()}`)).toEqual(['s1:0.8', 's2:1.8', 's3:2.8', 's4:0', 'b1:5.4', 'b2:0']);
    expect(r.trades.every((t) => t.buyerPrice.toString() === '6' && t.sellerPrice.toString() === '5')).toBe(true);
  });

  it('an order smaller than the equal cut drops out: [1, 0.5, 2] short by 1.8 trade [0.35, 0, 1.35]', () => {
    const orders = [o('s1', 'sell', 1, 1), o('s2', 'sell', 1, 0.5), o('s3', 'sell', 1, 2), o('s4', 'sell', 5, 1), o('b1', 'buy', 10, 1.7), o('b2', 'buy', 6, 10)];
    const r = clearAuction(orders, { mechanism: 'huang', priceTick: '0.1', quantityStep: '0.05', verify: true });
    expect(r.fills.slice(0, 3).map((f) => f.filled.toString())).toEqual(['0.35', '0', '1.35']);
  });

  it('six unit buyers against four units of supply: buyers rationed to 0.8 each', () => {
    const orders = [
      ...[6.7, 6.6, 6.5, 6.4, 6.3, 6].map((p, i) => o(`b${i + 1}`, 'buy', p, 1)),
      o('s1', 'sell', 1, 1),
      o('s2', 'sell', 2, 1),
      o('s3', 'sell', 3, 2),
      o('s4', 'sell', 4, 2),
      o('s5', 'sell', 6.1, 1),
    ];
    const r = clearAuction(orders, { mechanism: 'huang', priceTick: '0.1', quantityStep: '0.1', verify: true });
    // K = 6 units: the marginal buyer is b6 (6), the marginal seller s4 (4).
    expect(r.fills.map((f) => f.filled.toString())).toEqual(['0.8', '0.8', '0.8', '0.8', '0.8', '0', '1', '1', '2', '0', '0']);
    expect(r.volume.toString()).toBe('4');
    expect(r.surplus.toString()).toBe('8');
  });

  it('hands the remainder lots of an equal cut by input position', () => {
    // Three sellers of 2 lots (6) against 4 lots of demand: given(0) = 6 > 4 >= given(1) = 3, so
    // each gives up 1 lot and the one lot still missing goes to the earliest seller.
    const orders = [o('s1', 'sell', 1, 2), o('s2', 'sell', 1, 2), o('s3', 'sell', 1, 2), o('s4', 'sell', 5, 1), o('b1', 'buy', 10, 4), o('b2', 'buy', 6, 10)];
    const r = clearAuction(orders, { mechanism: 'huang', priceTick: 1, quantityStep: 1, verify: true });
    expect(r.fills.slice(0, 3).map((f) => f.filled.toNumber())).toEqual([2, 1, 1]);
    const swapped = [orders[2]!, orders[1]!, orders[0]!, ...orders.slice(3)];
    const r2 = clearAuction(swapped, { mechanism: 'huang', priceTick: 1, quantityStep: 1, verify: true });
    expect(r2.fills.slice(0, 3).map((f) => `${f.orderId}:${f.filled.toNumber()}`)).toEqual(['s3:2', 's2:1', 's1:1']);
  });
});

describe('rationing at the marginal price', () => {
  // Three asks at 5 (3, 3 and 1 lots) share the 5 lots that a bid for 5 at 9 wants.
  const orders: AuctionOrder[] = [
    { id: 'a', owner: 'a', side: 'sell', price: 5, quantity: 3 },
    { id: 'b', owner: 'b', side: 'sell', price: 5, quantity: 3 },
    { id: 'c', owner: 'c', side: 'sell', price: 5, quantity: 1 },
    { id: 'x', owner: 'x', side: 'buy', price: 9, quantity: 5 },
  ];
  const fills = (options: AuctionOptions): number[] =>
    clearAuction(orders, { priceTick: 1, quantityStep: 1, verify: true, ...options })
      .fills.slice(0, 3)
      .map((f) => f.filled.toNumber());

  it('input order (the default): earlier orders first', () => {
    expect(fills({})).toEqual([3, 2, 0]);
  });

  it('pro rata: floor(5 * q / 7) each, the remainder lot to the largest remainder', () => {
    // 15/7 = 2 rem 1, 15/7 = 2 rem 1, 5/7 = 0 rem 5: one lot left, to c.
    expect(fills({ rationing: 'pro-rata' })).toEqual([2, 2, 1]);
  });

  it('pro rata: equal remainders go by input position', () => {
    const even = orders.map((o) => (o.id === 'c' ? { ...o, quantity: 3 } : o)).map((o) => (o.id === 'x' ? { ...o, quantity: 4 } : o));
    // 4 * 3 / 9 = 1 rem 3 for each: one lot left, to the earliest.
    expect(clearAuction(even, { priceTick: 1, quantityStep: 1, rationing: 'pro-rata' }).fills.slice(0, 3).map((f) => f.filled.toNumber())).toEqual([2, 1, 1]);
  });

  it('applies to every lot-level mechanism', () => {
    for (const mechanism of ['uniform', 'discriminatory', 'mcafee', 'trade-reduction'] as const) {
      const r = clearAuction(orders, { mechanism, priceTick: 1, quantityStep: 1, rationing: 'pro-rata', verify: true });
      const total = r.fills.slice(0, 3).reduce((s, f) => s + f.filled.toNumber(), 0);
      expect(total).toBe(mechanism === 'uniform' || mechanism === 'discriminatory' ? 5 : 4);
    }
  });
});
