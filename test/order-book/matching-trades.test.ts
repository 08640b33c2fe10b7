import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../src/order-book/order-book.js';

// match() holds the first two trades in locals and builds the array at the end (an array of
// exactly one or two trades); from the third on it pushes. Every count must come back whole
// and in sequence order, on submit and on amend.
describe('the trades of one call', () => {
  for (const makers of [0, 1, 2, 3, 4, 7]) {
    it(`lists all ${makers} trades in sequence order`, () => {
      const book = new OrderBook({ priceTick: '1', quantityStep: '1' });
      for (let i = 0; i < makers; i++) book.submit({ id: `s${i}`, owner: `m${i}`, side: 'sell', price: 10 + (i % 3), quantity: 1 });
      const r = book.submit({ id: 'b', owner: 'taker', side: 'buy', price: 20, quantity: makers + 1 });
      expect(r.trades.length).toBe(makers);
      expect(r.trades.map((t) => t.sequence)).toEqual(Array.from({ length: makers }, (_, i) => i + 1));
      expect(new Set(r.trades.map((t) => t.makerOrderId)).size).toBe(makers);
      expect(r.filled.toNumber()).toBe(makers);
      expect(r.status).toBe('resting');
    });
  }

  it('lists the trades of an amend that crosses', () => {
    const book = new OrderBook({ priceTick: '1', quantityStep: '1' });
    for (let i = 0; i < 3; i++) book.submit({ id: `s${i}`, owner: `m${i}`, side: 'sell', price: 10, quantity: 1 });
    book.submit({ id: 'b', owner: 'taker', side: 'buy', price: 5, quantity: 2 });
    const r = book.amend('b', { price: 10 });
    expect(r.trades.map((t) => [t.sequence, t.makerOrderId])).toEqual([
      [1, 's0'],
      [2, 's1'],
    ]);
    expect(r.status).toBe('filled');
  });
});
