import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ErrorCode, OrderBook } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { BAD_INPUTS } from './bad-inputs.js';

function populated(): { book: OrderBook; events: string[] } {
  const book = new OrderBook();
  book.submit({ id: 'r1', owner: 'alice', side: 'sell', price: '0.12', quantity: '2' });
  book.submit({ id: 'r2', owner: 'bob', side: 'buy', price: '0.1', quantity: '3' });
  book.submit({ id: 'r3', owner: 'carol', side: 'buy', price: '0.12', quantity: '1' });
  const events: string[] = [];
  for (const name of ['accepted', 'trade', 'filled', 'cancelled', 'amended'] as const) book.on(name, () => events.push(name));
  return { book, events };
}

describe('OrderBook bad input: every class throws its code and changes nothing', () => {
  for (const bad of BAD_INPUTS) {
    it(bad.name, () => {
      const { book, events } = populated();
      const hash = book.stateHash();
      const snapshot = JSON.stringify(book.snapshot());
      const listeners = book.listenerCount('trade');
      expectWattError(() => bad.call(book), bad.code, { fnName: bad.fn, ...(bad.reason === undefined ? {} : { reason: bad.reason }) });
      expect(book.stateHash()).toBe(hash);
      expect(JSON.stringify(book.snapshot())).toBe(snapshot);
      expect(events).toEqual([]);
      expect(book.listenerCount('trade')).toBe(listeners);
      // The book still works normally afterwards.
      const r = book.submit({ id: 'after', owner: 'dave', side: 'sell', price: '0.1', quantity: '1' });
      expect(r.trades[0]?.makerOrderId).toBe('r2');
    });
  }

  it('duplicate id of a resting order (also across sides) changes nothing', () => {
    const { book, events } = populated();
    const hash = book.stateHash();
    for (const side of ['buy', 'sell'] as const) {
      expectWattError(() => book.submit({ id: 'r1', owner: 'x', side, price: '0.05', quantity: 1, timeInForce: 'IOC' }), ErrorCode.DUPLICATE_ORDER_ID, { fnName: 'OrderBook.submit' });
    }
    expect(book.stateHash()).toBe(hash);
    expect(events).toEqual([]);
  });

  it('messages name the function and the value', () => {
    const { book } = populated();
    const e = expectWattError(() => book.submit({ id: 'x', owner: 'y', side: 'buy', price: '0.12345', quantity: 1 }), ErrorCode.INVALID_PRICE);
    expect(e.message).toBe('OrderBook.submit: price "0.12345" is not a multiple of the tick 0.0001');
    const q = expectWattError(() => book.amend('r1', { quantity: '0' }), ErrorCode.INVALID_QUANTITY);
    expect(q.message).toBe('OrderBook.amend: quantity "0" must be positive');
  });
});

describe('OrderBook options', () => {
  it('defaults: tick 0.0001, step 0.001, cancel-taker, no band', () => {
    expect(new OrderBook().snapshot().options).toEqual({ priceTick: '0.0001', quantityStep: '0.001', selfTrade: 'cancel-taker' });
    expect(new OrderBook({}).snapshot().options).toEqual(new OrderBook(undefined).snapshot().options);
  });

  it('takes ticks and steps as numbers, strings or Decimals', () => {
    const book = new OrderBook({ priceTick: new Decimal('0.005'), quantityStep: 0.25 });
    expect(book.snapshot().options).toEqual({ priceTick: '0.005', quantityStep: '0.25', selfTrade: 'cancel-taker' });
    expect(book.submit({ id: 'a', owner: 'x', side: 'buy', price: '0.015', quantity: '0.75' }).status).toBe('resting');
    expectWattError(() => book.submit({ id: 'b', owner: 'x', side: 'buy', price: '0.012', quantity: 1 }), ErrorCode.INVALID_PRICE, { reason: 'OFF_STEP' });
    expectWattError(() => book.submit({ id: 'b', owner: 'x', side: 'buy', price: '0.01', quantity: '0.1' }), ErrorCode.INVALID_QUANTITY, { reason: 'OFF_STEP' });
  });

  it('refuses bad options with a code', () => {
    const bad: [unknown, ErrorCode][] = [
      [5, ErrorCode.INVALID_ARGUMENT],
      [null, ErrorCode.INVALID_ARGUMENT],
      [[], ErrorCode.INVALID_ARGUMENT],
      [{ tick: '0.01' }, ErrorCode.INVALID_OPTION],
      [{ selfTrade: 'cancel' }, ErrorCode.INVALID_OPTION],
      [{ selfTrade: 1 }, ErrorCode.INVALID_OPTION],
      [{ priceTick: '0' }, ErrorCode.INVALID_STEP],
      [{ priceTick: '-0.01' }, ErrorCode.INVALID_STEP],
      [{ priceTick: 'abc' }, ErrorCode.INVALID_STEP],
      [{ priceTick: NaN }, ErrorCode.INVALID_STEP],
      [{ quantityStep: 0 }, ErrorCode.INVALID_STEP],
      [{ quantityStep: '1e-16' }, ErrorCode.INVALID_STEP],
      [{ priceBand: 5 }, ErrorCode.INVALID_OPTION],
      [{ priceBand: { low: 1 } }, ErrorCode.INVALID_OPTION],
      [{ priceBand: { min: 'x' } }, ErrorCode.INVALID_OPTION],
      [{ priceBand: { min: '0.00001' } }, ErrorCode.INVALID_OPTION],
      [{ priceBand: { min: 5, max: 4 } }, ErrorCode.INVALID_OPTION],
    ];
    for (const [options, code] of bad) {
      const e = expectWattError(() => new OrderBook(options as never), code);
      expect(e.message.startsWith('OrderBook: ')).toBe(true);
    }
  });

  it('a price band refuses limit prices outside it, both ends included', () => {
    const book = new OrderBook({ priceTick: 1, priceBand: { min: -5, max: 100 } });
    expect(book.submit({ id: 'a', owner: 'x', side: 'sell', price: 100, quantity: 1 }).status).toBe('resting');
    expect(book.submit({ id: 'b', owner: 'x', side: 'buy', price: -5, quantity: 1 }).status).toBe('resting');
    const hash = book.stateHash();
    const e = expectWattError(() => book.submit({ id: 'c', owner: 'x', side: 'sell', price: 101, quantity: 1 }), ErrorCode.INVALID_PRICE, { reason: 'OUT_OF_RANGE' });
    expect(e.message).toBe('OrderBook.submit: price 101 is outside the price band [-5, 100]');
    expectWattError(() => book.submit({ id: 'c', owner: 'x', side: 'buy', price: -6, quantity: 1 }), ErrorCode.INVALID_PRICE, { reason: 'OUT_OF_RANGE' });
    expectWattError(() => book.amend('a', { price: 101 }), ErrorCode.INVALID_PRICE, { reason: 'OUT_OF_RANGE', fnName: 'OrderBook.amend' });
    expect(book.stateHash()).toBe(hash);
    // Market orders have no price to check; they trade at resting prices, which are in the band.
    expect(book.submit({ id: 'm', owner: 'y', side: 'buy', type: 'market', quantity: 1 }).status).toBe('filled');
    const open = new OrderBook({ priceBand: { max: 1 } });
    expect(open.submit({ id: 'a', owner: 'x', side: 'buy', price: '-1000000', quantity: 1 }).status).toBe('resting');
  });
});

describe('OrderBook capacity', () => {
  it('refuses an order that would take one side past 2^53 - 1 quantity steps, changing nothing', () => {
    const book = new OrderBook({ quantityStep: 1 });
    const max = Number.MAX_SAFE_INTEGER;
    book.submit({ id: 'a', owner: 'x', side: 'buy', price: 1, quantity: String(max - 1) });
    const hash = book.stateHash();
    expectWattError(() => book.submit({ id: 'b', owner: 'x', side: 'buy', price: 1, quantity: 2 }), ErrorCode.CAPACITY_EXCEEDED, { fnName: 'OrderBook.submit' });
    expectWattError(() => book.amend('a', { quantity: String(max) + '0' }), ErrorCode.INVALID_QUANTITY, { reason: 'TOO_LARGE' });
    book.submit({ id: 'c', owner: 'x', side: 'buy', price: 1, quantity: 1 });
    expectWattError(() => book.amend('c', { quantity: 2 }), ErrorCode.CAPACITY_EXCEEDED, { fnName: 'OrderBook.amend' });
    book.cancel('c');
    expect(book.stateHash()).toBe(hash);
    // IOC orders never rest, so they are not limited by the side total; the other side is free.
    expect(book.submit({ id: 'd', owner: 'y', side: 'buy', price: 1, quantity: 5, timeInForce: 'IOC' }).status).toBe('cancelled');
    expect(book.submit({ id: 'e', owner: 'y', side: 'sell', price: 2, quantity: String(max) }).status).toBe('resting');
    // A whole side trades exactly.
    const r = book.submit({ id: 'f', owner: 'y', side: 'sell', price: 1, quantity: String(max), timeInForce: 'IOC' });
    expect(r.filled.toString()).toBe(String(max - 1));
    expect(r.cancelled.toString()).toBe('1');
  });
});
