// Every class of bad input to the book's methods, with the code it must throw. The unit tests
// run each against a populated book and check that nothing changed; the model-based test
// injects them at random between valid commands.
import { Decimal } from 'decimal.js';
import { ErrorCode, type OrderBook, type ValueErrorReason } from '../../src/index.js';

export interface BadInput {
  readonly name: string;
  readonly code: ErrorCode;
  readonly reason?: ValueErrorReason;
  readonly fn: string;
  readonly call: (book: OrderBook) => unknown;
}

// A valid limit order on the default grids (tick 0.0001, step 0.001) that the cases spoil one field of.
const good = { id: 'bad-1', owner: 'mallory', side: 'buy', price: '0.1', quantity: '1' };
const submit = (book: OrderBook, order: unknown): unknown => book.submit(order as never);
const sub = (name: string, code: ErrorCode, change: Record<string, unknown>, reason?: ValueErrorReason): BadInput => ({
  name: `submit: ${name}`,
  code,
  fn: 'OrderBook.submit',
  ...(reason === undefined ? {} : { reason }),
  call: (book) => {
    const order: Record<string, unknown> = { ...good, ...change };
    for (const [k, v] of Object.entries(change)) if (v === DELETE) Reflect.deleteProperty(order, k);
    return submit(book, order);
  },
});
const DELETE = Symbol('delete');

export const BAD_INPUTS: readonly BadInput[] = [
  // wrong shapes
  ...[null, undefined, 5, 'order', [], true].map((v): BadInput => ({
    name: `submit: order ${String(v)}`,
    code: ErrorCode.INVALID_ARGUMENT,
    fn: 'OrderBook.submit',
    call: (book) => submit(book, v),
  })),
  sub('unknown field', ErrorCode.INVALID_ARGUMENT, { timeinforce: 'IOC' }),
  // ids and owners
  sub('missing id', ErrorCode.INVALID_ID, { id: DELETE }),
  sub('empty id', ErrorCode.INVALID_ID, { id: '' }),
  sub('numeric id', ErrorCode.INVALID_ID, { id: 7 }),
  sub('null id', ErrorCode.INVALID_ID, { id: null }),
  sub('missing owner', ErrorCode.INVALID_OWNER, { owner: DELETE }),
  sub('empty owner', ErrorCode.INVALID_OWNER, { owner: '' }),
  sub('object owner', ErrorCode.INVALID_OWNER, { owner: {} }),
  // side, type, time in force, post-only
  sub('missing side', ErrorCode.INVALID_SIDE, { side: DELETE }),
  sub('side BUY', ErrorCode.INVALID_SIDE, { side: 'BUY' }),
  sub('side 1', ErrorCode.INVALID_SIDE, { side: 1 }),
  sub('type stop', ErrorCode.INVALID_ORDER_TYPE, { type: 'stop' }),
  sub('type null', ErrorCode.INVALID_ORDER_TYPE, { type: null }),
  sub('timeInForce gtc', ErrorCode.INVALID_TIME_IN_FORCE, { timeInForce: 'gtc' }),
  sub('timeInForce DAY', ErrorCode.INVALID_TIME_IN_FORCE, { timeInForce: 'DAY' }),
  sub('timeInForce 1', ErrorCode.INVALID_TIME_IN_FORCE, { timeInForce: 1 }),
  sub('market GTC', ErrorCode.INVALID_TIME_IN_FORCE, { type: 'market', price: DELETE, timeInForce: 'GTC' }),
  sub('postOnly "yes"', ErrorCode.INVALID_OPTION, { postOnly: 'yes' }),
  sub('postOnly 1', ErrorCode.INVALID_OPTION, { postOnly: 1 }),
  sub('postOnly IOC', ErrorCode.INVALID_TIME_IN_FORCE, { postOnly: true, timeInForce: 'IOC' }),
  sub('postOnly FOK', ErrorCode.INVALID_TIME_IN_FORCE, { postOnly: true, timeInForce: 'FOK' }),
  sub('postOnly market', ErrorCode.INVALID_ORDER_TYPE, { postOnly: true, type: 'market', price: DELETE }),
  // prices
  sub('limit without price', ErrorCode.INVALID_PRICE, { price: DELETE }, 'NOT_A_NUMBER'),
  sub('market with price', ErrorCode.INVALID_PRICE, { type: 'market' }),
  sub('price NaN', ErrorCode.INVALID_PRICE, { price: NaN }, 'NOT_FINITE'),
  sub('price Infinity', ErrorCode.INVALID_PRICE, { price: Infinity }, 'NOT_FINITE'),
  sub('price -Infinity', ErrorCode.INVALID_PRICE, { price: -Infinity }, 'NOT_FINITE'),
  sub('price "Infinity"', ErrorCode.INVALID_PRICE, { price: 'Infinity' }, 'NOT_FINITE'),
  sub('price Decimal NaN', ErrorCode.INVALID_PRICE, { price: new Decimal(NaN) }, 'NOT_FINITE'),
  sub('price "abc"', ErrorCode.INVALID_PRICE, { price: 'abc' }, 'NOT_A_NUMBER'),
  sub('price true', ErrorCode.INVALID_PRICE, { price: true }, 'NOT_A_NUMBER'),
  sub('price null', ErrorCode.INVALID_PRICE, { price: null }, 'NOT_A_NUMBER'),
  sub('price 10n', ErrorCode.INVALID_PRICE, { price: 10n }, 'NOT_A_NUMBER'),
  sub('price off the tick', ErrorCode.INVALID_PRICE, { price: '0.00001' }, 'OFF_STEP'),
  sub('price 0.1 + 0.2', ErrorCode.INVALID_PRICE, { price: 0.1 + 0.2 }, 'OFF_STEP'),
  sub('price too large', ErrorCode.INVALID_PRICE, { price: '1e30' }, 'TOO_LARGE'),
  // quantities
  sub('missing quantity', ErrorCode.INVALID_QUANTITY, { quantity: DELETE }, 'NOT_A_NUMBER'),
  sub('quantity 0', ErrorCode.INVALID_QUANTITY, { quantity: 0 }, 'NOT_POSITIVE'),
  sub('quantity "0.000"', ErrorCode.INVALID_QUANTITY, { quantity: '0.000' }, 'NOT_POSITIVE'),
  sub('quantity -1', ErrorCode.INVALID_QUANTITY, { quantity: -1 }, 'NEGATIVE'),
  sub('quantity NaN', ErrorCode.INVALID_QUANTITY, { quantity: NaN }, 'NOT_FINITE'),
  sub('quantity Infinity', ErrorCode.INVALID_QUANTITY, { quantity: Infinity }, 'NOT_FINITE'),
  sub('quantity off the step', ErrorCode.INVALID_QUANTITY, { quantity: '0.0005' }, 'OFF_STEP'),
  sub('quantity too large', ErrorCode.INVALID_QUANTITY, { quantity: '1e20' }, 'TOO_LARGE'),
  sub('quantity "1 kWh"', ErrorCode.INVALID_QUANTITY, { quantity: '1 kWh' }, 'NOT_A_NUMBER'),
  sub('quantity {}', ErrorCode.INVALID_QUANTITY, { quantity: {} }, 'NOT_A_NUMBER'),
  // cancel, amend, queries, listeners
  ...['', 5, null, undefined, {}].map((v): BadInput => ({
    name: `cancel: id ${v === undefined ? "undefined" : JSON.stringify(v)}`,
    code: ErrorCode.INVALID_ID,
    fn: 'OrderBook.cancel',
    call: (book) => book.cancel(v as never),
  })),
  { name: 'amend: empty id', code: ErrorCode.INVALID_ID, fn: 'OrderBook.amend', call: (book) => book.amend('', { quantity: 1 }) },
  { name: 'amend: numeric id', code: ErrorCode.INVALID_ID, fn: 'OrderBook.amend', call: (book) => book.amend(3 as never, { quantity: 1 }) },
  ...[null, 5, [], 'x'].map((v): BadInput => ({
    name: `amend: change ${JSON.stringify(v)}`,
    code: ErrorCode.INVALID_ARGUMENT,
    fn: 'OrderBook.amend',
    call: (book) => book.amend('r1', v as never),
  })),
  { name: 'amend: empty change', code: ErrorCode.INVALID_ARGUMENT, fn: 'OrderBook.amend', call: (book) => book.amend('r1', {}) },
  { name: 'amend: unknown field', code: ErrorCode.INVALID_ARGUMENT, fn: 'OrderBook.amend', call: (book) => book.amend('r1', { size: 1 } as never) },
  { name: 'amend: price off the tick', code: ErrorCode.INVALID_PRICE, reason: 'OFF_STEP', fn: 'OrderBook.amend', call: (book) => book.amend('r1', { price: '0.00001' }) },
  { name: 'amend: price NaN', code: ErrorCode.INVALID_PRICE, reason: 'NOT_FINITE', fn: 'OrderBook.amend', call: (book) => book.amend('r1', { price: NaN }) },
  { name: 'amend: quantity 0', code: ErrorCode.INVALID_QUANTITY, reason: 'NOT_POSITIVE', fn: 'OrderBook.amend', call: (book) => book.amend('r1', { quantity: 0 }) },
  { name: 'amend: quantity -2', code: ErrorCode.INVALID_QUANTITY, reason: 'NEGATIVE', fn: 'OrderBook.amend', call: (book) => book.amend('r1', { quantity: -2 }) },
  { name: 'amend: quantity off the step', code: ErrorCode.INVALID_QUANTITY, reason: 'OFF_STEP', fn: 'OrderBook.amend', call: (book) => book.amend('r1', { quantity: '0.0001' }) },
  { name: 'amend: quantity too large', code: ErrorCode.INVALID_QUANTITY, reason: 'TOO_LARGE', fn: 'OrderBook.amend', call: (book) => book.amend('r1', { quantity: 1e300 }) },
  { name: 'amend: unknown id', code: ErrorCode.UNKNOWN_ORDER, fn: 'OrderBook.amend', call: (book) => book.amend('no-such-order', { quantity: 1 }) },
  { name: 'order: empty id', code: ErrorCode.INVALID_ID, fn: 'OrderBook.order', call: (book) => book.order('') },
  ...[-1, 1.5, '2', NaN, Infinity].map((v): BadInput => ({
    name: `depth: levels ${String(v)}`,
    code: ErrorCode.INVALID_RANGE,
    fn: 'OrderBook.depth',
    call: (book) => book.depth(v as never),
  })),
  { name: 'on: unknown event', code: ErrorCode.INVALID_ARGUMENT, fn: 'OrderBook.on', call: (book) => book.on('match' as never, (() => undefined) as never) },
  { name: 'on: listener not a function', code: ErrorCode.INVALID_ARGUMENT, fn: 'OrderBook.on', call: (book) => book.on('trade', 5 as never) },
];
