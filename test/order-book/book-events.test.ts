import { describe, expect, it } from 'vitest';
import { ErrorCode, OrderBook, WattError, type OrderBookEventName, type Trade } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

type Log = string[];

function record(book: OrderBook, log: Log): void {
  book.on('accepted', (e) => log.push(`accepted ${e.orderId} ${e.side} ${e.type} ${e.timeInForce} ${e.price?.toString() ?? '-'} ${e.quantity.toString()}`));
  book.on('trade', (t) => log.push(`trade #${t.sequence} ${t.makerOrderId}<-${t.takerOrderId} ${t.quantity.toString()}@${t.price.toString()}`));
  book.on('filled', (e) => log.push(`filled ${e.orderId} ${e.filled.toString()}`));
  book.on('cancelled', (e) => log.push(`cancelled ${e.orderId} ${e.reason} ${e.quantity.toString()} (filled ${e.filled.toString()})`));
  book.on('amended', (e) => log.push(`amended ${e.orderId} ${e.previousQuantity.toString()}@${e.previousPrice.toString()} -> ${e.quantity.toString()}@${e.price.toString()} kept=${e.keptPriority}`));
}

function book3(selfTrade: 'cancel-maker' | 'cancel-taker' = 'cancel-maker'): OrderBook {
  const book = new OrderBook({ priceTick: 1, quantityStep: 1, selfTrade });
  book.submit({ id: 'a', owner: 'p', side: 'sell', price: 10, quantity: 1 });
  book.submit({ id: 'b', owner: 'q', side: 'sell', price: 10, quantity: 1 });
  book.submit({ id: 'c', owner: 'p', side: 'sell', price: 11, quantity: 5 });
  return book;
}

describe('OrderBook events', () => {
  it('emits in the documented order: accepted, then per maker, then the taker outcome', () => {
    const book = book3();
    const log: Log = [];
    record(book, log);
    book.submit({ id: 't', owner: 'q', side: 'buy', price: 11, quantity: 3, timeInForce: 'IOC' });
    expect(log).toEqual([
      'accepted t buy limit IOC 11 3',
      'trade #1 a<-t 1@10',
      'filled a 1',
      'cancelled b self-trade 1 (filled 0)',
      'trade #2 c<-t 2@11',
      'filled t 3',
    ]);
    log.length = 0;
    book.submit({ id: 'u', owner: 'r', side: 'buy', type: 'market', quantity: 5 });
    expect(log).toEqual(['accepted u buy market IOC - 5', 'trade #3 c<-u 3@11', 'filled c 5', 'cancelled u ioc 2 (filled 3)']);
  });

  it('emits the taker filled, cancel(user), amended and refusals', () => {
    const book = book3('cancel-taker');
    const log: Log = [];
    record(book, log);
    book.submit({ id: 't', owner: 'x', side: 'buy', price: 10, quantity: 2 });
    book.amend('c', { quantity: 4 });
    book.amend('c', { price: 12 });
    book.submit({ id: 'p', owner: 'x', side: 'buy', price: 12, quantity: 1, postOnly: true });
    book.submit({ id: 'f', owner: 'x', side: 'buy', price: 12, quantity: 9, timeInForce: 'FOK' });
    expect(book.cancel('c')).toBe(true);
    expect(book.cancel('c')).toBe(false);
    expect(log).toEqual([
      'accepted t buy limit GTC 10 2',
      'trade #1 a<-t 1@10',
      'filled a 1',
      'trade #2 b<-t 1@10',
      'filled b 1',
      'filled t 2',
      'amended c 5@11 -> 4@11 kept=true',
      'amended c 4@11 -> 4@12 kept=false',
      'accepted p buy limit GTC 12 1',
      'cancelled p post-only 1 (filled 0)',
      'accepted f buy limit FOK 12 9',
      'cancelled f fok 9 (filled 0)',
      'cancelled c user 4 (filled 0)',
    ]);
  });

  it('emits nothing for a call that throws', () => {
    const book = book3();
    const log: Log = [];
    record(book, log);
    expectWattError(() => book.submit({ id: 'a', owner: 'p', side: 'sell', price: 10, quantity: 1 }), ErrorCode.DUPLICATE_ORDER_ID);
    expectWattError(() => book.amend('nope', { price: 1 }), ErrorCode.UNKNOWN_ORDER);
    expect(log).toEqual([]);
  });

  it('emits after the whole call: a listener sees the finished state', () => {
    const book = book3();
    const seen: string[] = [];
    book.on('trade', (t) => seen.push(`${t.sequence}: size ${book.size}, best ask ${book.bestAsk()?.toString() ?? '-'}, taker resting ${book.order('t') !== undefined}`));
    book.submit({ id: 't', owner: 'z', side: 'buy', price: 12, quantity: 9 });
    expect(seen).toEqual(['1: size 1, best ask -, taker resting true', '2: size 1, best ask -, taker resting true', '3: size 1, best ask -, taker resting true']);
  });

  it('the trade events are the very objects of the result', () => {
    const book = book3();
    const events: Trade[] = [];
    book.on('trade', (t) => events.push(t));
    const r = book.submit({ id: 't', owner: 'z', side: 'buy', price: 12, quantity: 9 });
    expect(events).toHaveLength(3);
    events.forEach((t, i) => expect(t).toBe(r.trades[i]));
  });

  it('re-entrancy: a listener may submit; its events queue behind the outer call, in state order', () => {
    const book = new OrderBook({ priceTick: 1, quantityStep: 1 });
    book.submit({ id: 'a', owner: 'p', side: 'sell', price: 10, quantity: 2 });
    const log: Log = [];
    record(book, log);
    let nestedResult: string | undefined;
    // A market maker that refills the ask side whenever a trade happens.
    book.on('trade', (t) => {
      if (t.takerOrderId === 't') {
        const r = book.submit({ id: `refill-${t.sequence}`, owner: 'p', side: 'sell', price: 11, quantity: 1 });
        nestedResult = `${r.status} ${book.size}`;
      }
    });
    book.submit({ id: 't', owner: 'z', side: 'buy', price: 10, quantity: 1 });
    expect(nestedResult).toBe('resting 2'); // the nested call completed and returned at once
    expect(log).toEqual([
      'accepted t buy limit GTC 10 1',
      'trade #1 a<-t 1@10',
      'filled t 1',
      'accepted refill-1 sell limit GTC 11 1',
    ]);
    const trades: number[] = [];
    book.on('trade', (t) => trades.push(t.sequence));
    book.on('trade', (t) => {
      if (t.sequence === 2) book.submit({ id: 'u2', owner: 'w', side: 'sell', price: 11, quantity: 1 });
    });
    book.submit({ id: 'u1', owner: 'y', side: 'buy', price: 11, quantity: 3 });
    expect(trades).toEqual([2, 3, 4]); // sequences arrive ascending across nested calls
    expect(book.size).toBe(0);
  });

  it('a throwing listener propagates its error after the state change, and later calls work', () => {
    const book = book3();
    const log: Log = [];
    book.on('trade', () => {
      throw new Error('listener failed');
    });
    book.on('filled', (e) => log.push(e.orderId));
    expect(() => book.submit({ id: 't', owner: 'z', side: 'buy', price: 10, quantity: 2 })).toThrow('listener failed');
    expect(book.size).toBe(1); // the state change was complete
    expect(log).toEqual([]); // the queued events after the failure were dropped
    book.off('trade');
    book.submit({ id: 'u', owner: 'z', side: 'buy', price: 11, quantity: 5 });
    expect(log).toEqual(['c', 'u']);
  });

  it('once, off and listenerCount', () => {
    const book = book3();
    const log: Log = [];
    const listener = (t: Trade): void => {
      log.push(`on ${t.sequence}`);
    };
    book.once('trade', (t) => log.push(`once ${t.sequence}`)).on('trade', listener);
    expect(book.listenerCount('trade')).toBe(2);
    book.submit({ id: 't', owner: 'z', side: 'buy', price: 10, quantity: 1 });
    expect(book.listenerCount('trade')).toBe(1);
    book.off('trade', listener);
    book.submit({ id: 'u', owner: 'z', side: 'buy', price: 10, quantity: 1 });
    expect(log).toEqual(['once 1', 'on 1']);
    expect(book.listenerCount('trade')).toBe(0);
  });

  it('refuses unknown event names and non-function listeners', () => {
    const book = new OrderBook();
    for (const fn of ['on', 'once', 'off'] as const) {
      const e = expectWattError(() => book[fn]('fill' as OrderBookEventName, () => undefined), ErrorCode.INVALID_ARGUMENT);
      expect(e.message.startsWith(`OrderBook.${fn}: `)).toBe(true);
    }
    expectWattError(() => book.on('trade', null as never), ErrorCode.INVALID_ARGUMENT);
    expect(book.listenerCount('trade')).toBe(0);
    expect(new WattError(ErrorCode.INVALID_ARGUMENT, 'x')).toBeInstanceOf(Error);
  });
});
