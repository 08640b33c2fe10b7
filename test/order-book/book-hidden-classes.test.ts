// Regression (issue 16, the book at >= 30x nodejs-order-book): a book's engine took a new V8
// hidden class the first time a quantity computed from its Float64Arrays reached one of its
// integer-initialised fields. That class lived only as long as the book, so after the book died a
// full GC threw away the optimised code of submit, cancel and matching, and every fresh book ran
// its first hundred thousand or so orders unoptimised. The fields now start as doubles; this
// checks, through V8's own %HaveSameMap, that trading does not change the engine's class.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../src/index.js';
import { engineOf } from './integrity.js';

v8.setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the only way to reach a V8 intrinsic
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

describe('OrderBook hidden classes', () => {
  it('keeps the engine hidden class through trades, cancels and fills on both sides', () => {
    const fresh = new OrderBook();
    const used = new OrderBook();
    used.submit({ id: 's1', owner: 'a', side: 'sell', price: 0.1001, quantity: 2.5 });
    used.submit({ id: 'b1', owner: 'b', side: 'buy', price: 0.1001, quantity: 1.5 });
    used.submit({ id: 'b2', owner: 'c', side: 'buy', price: 0.099, quantity: 3 });
    used.submit({ id: 's2', owner: 'd', side: 'sell', price: 0.099, quantity: 1.25 });
    used.cancel('s1');
    used.cancel('b2');
    expect(used.size).toBe(0);
    expect(haveSameMap(engineOf(fresh), engineOf(used))).toBe(true);
  });
});
