import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ErrorCode, OrderBook, type OrderInput, type SelfTradeMode, type SubmitResult } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { checkIntegrity } from './integrity.js';

const str = (d: Decimal | undefined): string | undefined => d?.toString();
const trades = (r: SubmitResult): string[] => r.trades.map((t) => `${t.makerOrderId}:${t.quantity.toString()}@${t.price.toString()}`);
const sell = (id: string, price: string | number, quantity: string | number, extra: Partial<OrderInput> = {}): OrderInput =>
  ({ id, owner: `s-${id}`, side: 'sell', price, quantity, ...extra });
const buy = (id: string, price: string | number, quantity: string | number, extra: Partial<OrderInput> = {}): OrderInput =>
  ({ id, owner: `b-${id}`, side: 'buy', price, quantity, ...extra });

/** A book with asks 10 (a1: 1, a2: 2), 11 (a3: 3) and bids 9 (b1: 1), 8 (b2: 2), tick 1, step 1. */
function ladder(selfTrade: SelfTradeMode = 'cancel-taker'): OrderBook {
  const book = new OrderBook({ priceTick: 1, quantityStep: 1, selfTrade });
  book.submit(sell('a1', 10, 1));
  book.submit(sell('a2', 10, 2));
  book.submit(sell('a3', 11, 3));
  book.submit(buy('b1', 9, 1));
  book.submit(buy('b2', 8, 2));
  return book;
}

describe('OrderBook matching', () => {
  it('rests a limit order that does not cross, at the back of its level', () => {
    const book = ladder();
    const r = book.submit(sell('a4', 10, 5));
    expect(r.status).toBe('resting');
    expect(r.trades).toEqual([]);
    expect(str(r.filled)).toBe('0');
    expect(str(r.remaining)).toBe('5');
    expect(str(r.cancelled)).toBe('0');
    expect(book.snapshot().asks.map((o) => o.id)).toEqual(['a1', 'a2', 'a4', 'a3']);
    expect(book.size).toBe(6);
    checkIntegrity(book);
  });

  it('matches by price, then time, each trade at the maker price', () => {
    const book = ladder();
    const r = book.submit(buy('t', 12, 5));
    expect(r.status).toBe('filled');
    expect(trades(r)).toEqual(['a1:1@10', 'a2:2@10', 'a3:2@11']);
    expect(r.trades.map((t) => t.sequence)).toEqual([1, 2, 3]);
    const t = r.trades[2]!;
    expect([t.buyOrderId, t.sellOrderId, t.buyer, t.seller, t.takerSide, t.takerOrderId]).toEqual(['t', 'a3', 'b-t', 's-a3', 'buy', 't']);
    expect([t.priceTicks, t.quantitySteps]).toEqual([11, 2]);
    expect(str(book.bestAsk())).toBe('11');
    expect(book.order('a3')?.quantity.toString()).toBe('1');
    expect(book.order('a3')?.filled.toString()).toBe('2');
    expect(book.order('a1')).toBeUndefined();
  });

  it('a sell taker hits bids best (highest) first and rests its rest', () => {
    const book = ladder();
    const r = book.submit(sell('t', 8, 5));
    expect(trades(r)).toEqual(['b1:1@9', 'b2:2@8']);
    expect(r.trades[0]?.takerSide).toBe('sell');
    expect(r.trades[0]?.buyOrderId).toBe('b1');
    expect(r.trades[0]?.sellOrderId).toBe('t');
    expect(r.status).toBe('resting');
    expect(str(r.filled)).toBe('3');
    expect(str(r.remaining)).toBe('2');
    expect(str(book.bestAsk())).toBe('8');
    expect(book.bestBid()).toBeUndefined();
  });

  it('stops at the limit: never trades beyond the taker price', () => {
    const book = ladder();
    const r = book.submit(buy('t', 10, 10));
    expect(trades(r)).toEqual(['a1:1@10', 'a2:2@10']);
    expect(str(r.remaining)).toBe('7');
    expect(str(book.bestBid())).toBe('10');
    expect(str(book.bestAsk())).toBe('11');
  });

  it('IOC trades what it can and cancels the rest; it never rests', () => {
    const book = ladder();
    const r = book.submit(buy('t', 10, 5, { timeInForce: 'IOC' }));
    expect(r.status).toBe('cancelled');
    expect(r.cancelReason).toBe('ioc');
    expect(trades(r)).toEqual(['a1:1@10', 'a2:2@10']);
    expect([str(r.filled), str(r.remaining), str(r.cancelled)]).toEqual(['3', '0', '2']);
    expect(book.order('t')).toBeUndefined();
    const none = book.submit(buy('u', 5, 1, { timeInForce: 'IOC' }));
    expect([none.status, none.cancelReason, str(none.cancelled)]).toEqual(['cancelled', 'ioc', '1']);
  });

  it('FOK fills completely or changes nothing', () => {
    const book = ladder();
    const hash = book.stateHash();
    const killed = book.submit(buy('t', 11, 7, { timeInForce: 'FOK' }));
    expect([killed.status, killed.cancelReason, str(killed.cancelled)]).toEqual(['cancelled', 'fok', '7']);
    expect(killed.trades).toEqual([]);
    expect(book.stateHash()).toBe(hash);
    const filled = book.submit(buy('u', 11, 6, { timeInForce: 'FOK' }));
    expect(filled.status).toBe('filled');
    expect(trades(filled)).toEqual(['a1:1@10', 'a2:2@10', 'a3:3@11']);
    expect(book.bestAsk()).toBeUndefined();
    const empty = book.submit(sell('v', 1, 1, { timeInForce: 'FOK' }));
    expect(empty.status).toBe('filled');
  });

  it('market orders take no price, default to IOC and sweep every level', () => {
    const book = ladder();
    const r = book.submit({ id: 'm', owner: 'x', side: 'buy', type: 'market', quantity: 10 });
    expect(trades(r)).toEqual(['a1:1@10', 'a2:2@10', 'a3:3@11']);
    expect([r.status, r.cancelReason, str(r.cancelled)]).toEqual(['cancelled', 'ioc', '4']);
    const s = book.submit({ id: 'n', owner: 'x', side: 'sell', type: 'market', quantity: 2 });
    expect([s.status, ...trades(s)]).toEqual(['filled', 'b1:1@9', 'b2:1@8']);
    const fok = book.submit({ id: 'o', owner: 'x', side: 'sell', type: 'market', quantity: 2, timeInForce: 'FOK' });
    expect([fok.status, fok.cancelReason]).toEqual(['cancelled', 'fok']);
    const empty = book.submit({ id: 'p', owner: 'x', side: 'buy', type: 'market', quantity: 2 });
    expect([empty.status, empty.cancelReason, empty.trades.length]).toEqual(['cancelled', 'ioc', 0]);
  });

  it('post-only rests when it does not cross and is cancelled, trading nothing, when it would', () => {
    const book = ladder();
    expect(book.submit(buy('p1', 9, 1, { postOnly: true })).status).toBe('resting');
    const hash = book.stateHash();
    const r = book.submit(buy('p2', 10, 1, { postOnly: true }));
    expect([r.status, r.cancelReason, str(r.cancelled), r.trades.length]).toEqual(['cancelled', 'post-only', '1', 0]);
    expect(book.stateHash()).toBe(hash);
    expect(book.order('p1')?.postOnly).toBe(true);
    expect(book.submit(buy('p3', 9, 1, { postOnly: false, timeInForce: 'IOC' })).cancelReason).toBe('ioc');
  });

  it('accepts zero and negative prices (hours of surplus solar)', () => {
    const book = new OrderBook({ priceTick: '0.01' });
    book.submit(sell('a', '-0.05', 2));
    book.submit(sell('b', 0, 2));
    book.submit(buy('c', '-0.1', 1));
    expect(str(book.bestAsk())).toBe('-0.05');
    expect(str(book.bestBid())).toBe('-0.1');
    const r = book.submit(buy('d', 0, 3));
    expect(trades(r)).toEqual(['a:2@-0.05', 'b:1@0']);
    expect(str(book.bestAsk())).toBe('0');
    checkIntegrity(book);
  });

  it('keeps exact decimals: no float residue in quantities', () => {
    const book = new OrderBook();
    book.submit(sell('a', '0.1', 0.1));
    book.submit(sell('b', '0.1', 0.2));
    const r = book.submit(buy('c', '0.1', 0.3));
    expect(r.status).toBe('filled');
    expect(str(r.filled)).toBe('0.3');
    expect(book.size).toBe(0);
  });

  it('handles prices spread over a wide range (10^7 ticks) without a ladder over it', () => {
    const book = new OrderBook({ priceTick: '0.0001' });
    const prices = ['0.0001', '2450.5', '1999.9999', '3000', '1000.0001', '999'];
    prices.forEach((p, i) => book.submit(sell(`a${i}`, p, 1)));
    expect(book.depth().asks.map((l) => l.price.toString())).toEqual(['0.0001', '999', '1000.0001', '1999.9999', '2450.5', '3000']);
    const r = book.submit(buy('t', '2000', 5));
    expect(r.trades.map((t) => t.price.toString())).toEqual(['0.0001', '999', '1000.0001', '1999.9999']);
    checkIntegrity(book);
  });

  it('lets an id be reused once its order has left the book', () => {
    const book = ladder();
    book.submit(buy('t', 10, 1));
    expect(book.submit(sell('a1', 12, 1)).status).toBe('resting');
    expectWattError(() => book.submit(sell('a1', 12, 1)), ErrorCode.DUPLICATE_ORDER_ID, { fnName: 'OrderBook.submit' });
  });
});

describe('OrderBook self-trade prevention', () => {
  // Asks at 10: x1 (owner x, 1), y1 (owner y, 1), x2 (owner x, 1); then owner x buys 3 at 10.
  function selfBook(mode: SelfTradeMode): OrderBook {
    const book = new OrderBook({ priceTick: 1, quantityStep: 1, selfTrade: mode });
    book.submit({ id: 'y0', owner: 'y', side: 'sell', price: 10, quantity: 1 });
    book.submit({ id: 'x1', owner: 'x', side: 'sell', price: 10, quantity: 1 });
    book.submit({ id: 'y1', owner: 'y', side: 'sell', price: 10, quantity: 1 });
    return book;
  }
  const take = (book: OrderBook, tif: 'GTC' | 'FOK' = 'GTC'): SubmitResult =>
    book.submit({ id: 't', owner: 'x', side: 'buy', price: 10, quantity: 3, timeInForce: tif });

  it("'cancel-taker' (default): earlier fills stand, the taker's rest is cancelled, the maker stays", () => {
    expect(new OrderBook().snapshot().options.selfTrade).toBe('cancel-taker');
    const book = selfBook('cancel-taker');
    const r = take(book);
    expect(trades(r)).toEqual(['y0:1@10']);
    expect([r.status, r.cancelReason, str(r.filled), str(r.cancelled)]).toEqual(['cancelled', 'self-trade', '1', '2']);
    expect(book.snapshot().asks.map((o) => o.id)).toEqual(['x1', 'y1']);
  });

  it("'cancel-maker': the resting order is cancelled and matching goes on", () => {
    const book = selfBook('cancel-maker');
    const cancelled: string[] = [];
    book.on('cancelled', (e) => cancelled.push(`${e.orderId}:${e.reason}`));
    const r = take(book);
    expect(trades(r)).toEqual(['y0:1@10', 'y1:1@10']);
    expect([r.status, str(r.remaining)]).toEqual(['resting', '1']);
    expect(cancelled).toEqual(['x1:self-trade']);
    expect(book.order('x1')).toBeUndefined();
  });

  it("'cancel-both': the resting order and the taker's rest are cancelled", () => {
    const book = selfBook('cancel-both');
    const r = take(book);
    expect(trades(r)).toEqual(['y0:1@10']);
    expect([r.status, r.cancelReason, str(r.cancelled)]).toEqual(['cancelled', 'self-trade', '2']);
    expect(book.snapshot().asks.map((o) => o.id)).toEqual(['y1']);
  });

  it("'allow': they trade", () => {
    const book = selfBook('allow');
    const r = take(book);
    expect(trades(r)).toEqual(['y0:1@10', 'x1:1@10', 'y1:1@10']);
    expect(r.trades[1]?.buyer).toBe('x');
    expect(r.trades[1]?.seller).toBe('x');
  });

  it('FOK takes self-trade prevention into account and then changes nothing, not even maker cancels', () => {
    for (const mode of ['cancel-taker', 'cancel-both', 'cancel-maker'] as const) {
      const book = selfBook(mode);
      const hash = book.stateHash();
      const r = take(book, 'FOK');
      expect([mode, r.status, r.cancelReason, r.trades.length]).toEqual([mode, 'cancelled', 'fok', 0]);
      expect(book.stateHash()).toBe(hash);
    }
    const book = selfBook('cancel-maker');
    const r = book.submit({ id: 't', owner: 'x', side: 'buy', price: 10, quantity: 2, timeInForce: 'FOK' });
    expect([r.status, ...trades(r)]).toEqual(['filled', 'y0:1@10', 'y1:1@10']);
    expect(book.size).toBe(0); // x1 was met before the fill completed, so it was cancelled
    expect(take(selfBook('allow'), 'FOK').status).toBe('filled');
  });
});

describe('OrderBook.cancel and amend', () => {
  it('cancel removes a resting order and returns false for any other id', () => {
    const book = ladder();
    expect(book.cancel('a2')).toBe(true);
    expect(book.cancel('a2')).toBe(false);
    expect(book.cancel('never')).toBe(false);
    expect(book.snapshot().asks.map((o) => o.id)).toEqual(['a1', 'a3']);
    expect(book.cancel('a3')).toBe(true);
    expect(book.cancel('a1')).toBe(true);
    expect(book.bestAsk()).toBeUndefined();
    checkIntegrity(book);
  });

  it('a lower quantity keeps the queue place; the cut counts as cancelled', () => {
    const book = ladder();
    const r = book.amend('a1', { quantity: 1 });
    expect([r.status, str(r.remaining), str(r.cancelled)]).toEqual(['resting', '1', '0']);
    book.submit(sell('a0', 10, 5));
    const lower = book.amend('a2', { quantity: 1 });
    expect([lower.status, str(lower.remaining), str(lower.cancelled), lower.trades.length]).toEqual(['resting', '1', '1', 0]);
    expect(book.snapshot().asks.map((o) => o.id)).toEqual(['a1', 'a2', 'a0', 'a3']);
    const view = book.order('a2');
    expect([str(view?.original), str(view?.quantity), str(view?.cancelled)]).toEqual(['2', '1', '1']);
  });

  it('a larger quantity goes to the back of the same level', () => {
    const book = ladder();
    book.submit(sell('a0', 10, 5));
    const r = book.amend('a1', { quantity: 4 });
    expect([r.status, str(r.remaining), str(r.cancelled)]).toEqual(['resting', '4', '0']);
    expect(book.snapshot().asks.map((o) => o.id)).toEqual(['a2', 'a0', 'a1', 'a3']);
    expect(str(book.order('a1')?.original)).toBe('4');
  });

  it('a new price goes to the back of the new level, and a crossing one trades at once', () => {
    const book = ladder();
    const moved = book.amend('a3', { price: 10 });
    expect(moved.status).toBe('resting');
    expect(book.snapshot().asks.map((o) => o.id)).toEqual(['a1', 'a2', 'a3']);
    const crossed = book.amend('b2', { price: 10, quantity: 4 });
    expect(trades(crossed)).toEqual(['a1:1@10', 'a2:2@10', 'a3:1@10']);
    expect(crossed.trades[0]?.takerOrderId).toBe('b2');
    expect([crossed.status, str(crossed.filled), str(crossed.cancelled)]).toEqual(['filled', '4', '0']);
    expect(book.order('b2')).toBeUndefined();
    const partial = book.amend('b1', { price: 11, quantity: 5 });
    expect([partial.status, str(partial.filled), str(partial.remaining)]).toEqual(['resting', '2', '3']);
    expect(str(book.order('b1')?.filled)).toBe('2');
    expect(str(book.order('b1')?.original)).toBe('5');
  });

  it('a post-only order amended to a crossing price is cancelled and trades nothing', () => {
    const book = ladder();
    book.submit(buy('p', 9, 2, { postOnly: true }));
    const r = book.amend('p', { price: 10, quantity: 1 });
    expect([r.status, r.cancelReason, str(r.cancelled), r.trades.length]).toEqual(['cancelled', 'post-only', '2', 0]);
    expect(book.order('p')).toBeUndefined();
    expect(book.order('a1')).toBeDefined();
  });

  it('amending into a self-trade applies the book mode', () => {
    const book = new OrderBook({ priceTick: 1, quantityStep: 1 });
    book.submit({ id: 'a', owner: 'x', side: 'sell', price: 10, quantity: 1 });
    book.submit({ id: 'b', owner: 'x', side: 'buy', price: 9, quantity: 1 });
    const r = book.amend('b', { price: 10 });
    expect([r.status, r.cancelReason]).toEqual(['cancelled', 'self-trade']);
    expect(book.size).toBe(1);
  });

  it('throws UNKNOWN_ORDER for an id that is not resting, and changes nothing', () => {
    const book = ladder();
    book.submit(buy('t', 10, 1));
    const hash = book.stateHash();
    expectWattError(() => book.amend('a1', { quantity: 1 }), ErrorCode.UNKNOWN_ORDER, { fnName: 'OrderBook.amend' });
    expectWattError(() => book.amend('zzz', { price: 3 }), ErrorCode.UNKNOWN_ORDER);
    expect(book.stateHash()).toBe(hash);
  });
});

describe('OrderBook queries', () => {
  it('depth aggregates levels, best first, limited to n levels', () => {
    const book = ladder();
    book.submit(sell('a4', 10, 4));
    const d = book.depth();
    const show = (l: { price: Decimal; quantity: Decimal; orders: number }): string => `${l.price.toString()}x${l.quantity.toString()}/${l.orders}`;
    expect(d.asks.map(show)).toEqual(['10x7/3', '11x3/1']);
    expect(d.bids.map(show)).toEqual(['9x1/1', '8x2/1']);
    expect(book.depth(1).asks.map(show)).toEqual(['10x7/3']);
    expect(book.depth(0)).toEqual({ bids: [], asks: [] });
    expect(new OrderBook().depth()).toEqual({ bids: [], asks: [] });
  });

  it('order(id) returns a frozen copy with the accounting fields', () => {
    const book = ladder();
    book.submit(buy('t', 10, 2));
    const v = book.order('a2');
    expect(v && Object.isFrozen(v)).toBe(true);
    expect(v?.id).toBe('a2');
    expect(v?.owner).toBe('s-a2');
    expect(v?.side).toBe('sell');
    expect([str(v?.price), str(v?.quantity), str(v?.filled), str(v?.original), str(v?.cancelled), v?.postOnly]).toEqual(['10', '1', '1', '2', '0', false]);
    expect(book.order('a1')).toBeUndefined();
  });

  it('results and trades build their decimals lazily and serialise as exact strings', () => {
    const book = new OrderBook();
    book.submit(sell('a', '0.1234', '1.5'));
    const r = book.submit(buy('b', '0.2', '1.5'));
    expect(r.filled).toBe(r.filled); // cached after the first read
    expect(r.filled).toBeInstanceOf(Decimal);
    const t = r.trades[0]!;
    expect(t.price).toBe(t.price);
    expect(JSON.parse(JSON.stringify(r))).toEqual({
      orderId: 'b', status: 'filled', filled: '1.5', remaining: '0', cancelled: '0',
      trades: [{ sequence: 1, price: '0.1234', quantity: '1.5', makerOrderId: 'a', takerOrderId: 'b', buyOrderId: 'b', sellOrderId: 'a', buyer: 'b-b', seller: 's-a', takerSide: 'buy' }],
    });
    const cancelled = book.submit(buy('c', '0.2', '1', { timeInForce: 'IOC' }));
    expect((JSON.parse(JSON.stringify(cancelled)) as { cancelReason: string }).cancelReason).toBe('ioc');
  });
});
