import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { clearAuction, ErrorCode, type ValueErrorReason } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

const GOOD = [
  { id: 'b1', owner: 'alice', side: 'buy', price: '0.25', quantity: '1.5' },
  { id: 's1', owner: 'bob', side: 'sell', price: '0.20', quantity: 2 },
];

/** Snapshot of anything JSON-like, Decimals by their text. */
function snapshot(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (Decimal.isDecimal(v)) return `Decimal(${(v).toString()})`;
    if (typeof v === 'bigint') return `${v}n`;
    return v === undefined ? '__undefined__' : v;
  });
}

/**
 * Expects clearAuction to throw `code` (and `reason`) with a message naming clearAuction, and the
 * orders and options it was given to be exactly as they were.
 */
function rejects(orders: unknown, options: unknown, code: ErrorCode, reason?: ValueErrorReason): void {
  const beforeOrders = snapshot(orders);
  const beforeOptions = snapshot(options);
  const length = Array.isArray(orders) ? orders.length : -1;
  expectWattError(() => clearAuction(orders as never, options as never), code, { fnName: 'clearAuction', ...(reason === undefined ? {} : { reason }) });
  expect(snapshot(orders)).toBe(beforeOrders);
  expect(snapshot(options)).toBe(beforeOptions);
  if (Array.isArray(orders)) expect(orders).toHaveLength(length);
}

function withOrder(change: Record<string, unknown>, remove?: string): unknown[] {
  const bad = Object.fromEntries(Object.entries({ ...GOOD[0], ...change }).filter(([key]) => key !== remove));
  return [GOOD[1], bad];
}

describe('clearAuction bad input', () => {
  it('accepts the good orders the cases below start from', () => {
    expect(clearAuction(GOOD as never).volume.toString()).toBe('1.5');
  });

  it('refuses orders that are not an array of objects', () => {
    for (const orders of [null, undefined, {}, 'orders', 5, new Map()]) rejects(orders, undefined, ErrorCode.INVALID_ARGUMENT);
    for (const order of [null, undefined, 5, 'order', true]) rejects([GOOD[0], order], undefined, ErrorCode.INVALID_ARGUMENT);
  });

  it('refuses empty or missing ids and owners', () => {
    for (const id of ['', 5, null, undefined, {}]) rejects(withOrder({ id }), undefined, ErrorCode.INVALID_ID);
    rejects(withOrder({}, 'id'), undefined, ErrorCode.INVALID_ID);
    for (const owner of ['', 5, null, undefined]) rejects(withOrder({ owner }), undefined, ErrorCode.INVALID_OWNER);
    rejects(withOrder({}, 'owner'), undefined, ErrorCode.INVALID_OWNER);
  });

  it('refuses sides other than buy and sell', () => {
    for (const side of ['BUY', 'bid', '', undefined, 1]) rejects(withOrder({ side }), undefined, ErrorCode.INVALID_SIDE);
  });

  it('refuses prices that are not finite decimals on the tick', () => {
    for (const price of ['abc', '', null, undefined, true, {}, [], 10n]) rejects(withOrder({ price }), undefined, ErrorCode.INVALID_PRICE, 'NOT_A_NUMBER');
    for (const price of [NaN, Infinity, -Infinity, 'Infinity', new Decimal(NaN)]) rejects(withOrder({ price }), undefined, ErrorCode.INVALID_PRICE, 'NOT_FINITE');
    for (const price of ['0.00001', 0.12345, new Decimal('1e-7')]) rejects(withOrder({ price }), undefined, ErrorCode.INVALID_PRICE, 'OFF_STEP');
    rejects(withOrder({ price: '0.3' }), { priceTick: '0.2' }, ErrorCode.INVALID_PRICE, 'OFF_STEP');
    for (const price of ['1e20', 1e300]) rejects(withOrder({ price }), undefined, ErrorCode.INVALID_PRICE, 'TOO_LARGE');
    // Within a safe integer of ticks but beyond what clearing sums exactly (2^50 ticks).
    const whole = (price: number): unknown[] => [{ id: 'a', owner: 'x', side: 'sell', price: 1, quantity: 1 }, { id: 'b', owner: 'y', side: 'buy', price, quantity: 1 }];
    expect(clearAuction(whole(2 ** 50) as never, { priceTick: 1 }).volume.toString()).toBe('1');
    rejects(whole(2 ** 50 + 1), { priceTick: 1 }, ErrorCode.INVALID_PRICE, 'TOO_LARGE');
    rejects(whole(-(2 ** 50) - 1), { priceTick: 1 }, ErrorCode.INVALID_PRICE, 'TOO_LARGE');
  });

  it('accepts zero and negative prices', () => {
    expect(clearAuction([{ id: 'b', owner: 'x', side: 'buy', price: 0, quantity: 1 }, { id: 's', owner: 'y', side: 'sell', price: '-0.05', quantity: 1 }]).price?.toString()).toBe('-0.025');
  });

  it('refuses quantities that are not positive decimals on the step', () => {
    for (const quantity of [0, '0', '-0', new Decimal(0)]) rejects(withOrder({ quantity }), undefined, ErrorCode.INVALID_QUANTITY, 'NOT_POSITIVE');
    for (const quantity of [-1, '-0.001']) rejects(withOrder({ quantity }), undefined, ErrorCode.INVALID_QUANTITY, 'NEGATIVE');
    for (const quantity of ['0.0001', 1.0005]) rejects(withOrder({ quantity }), undefined, ErrorCode.INVALID_QUANTITY, 'OFF_STEP');
    for (const quantity of [NaN, Infinity]) rejects(withOrder({ quantity }), undefined, ErrorCode.INVALID_QUANTITY, 'NOT_FINITE');
    for (const quantity of ['x', null, undefined]) rejects(withOrder({ quantity }), undefined, ErrorCode.INVALID_QUANTITY, 'NOT_A_NUMBER');
    rejects(withOrder({ quantity: '1e30' }), undefined, ErrorCode.INVALID_QUANTITY, 'TOO_LARGE');
  });

  it('refuses a total quantity per side that cannot be held exactly', () => {
    const half = 2 ** 52;
    const orders = [
      { id: 'a', owner: 'x', side: 'buy', price: 1, quantity: half },
      { id: 'b', owner: 'x', side: 'buy', price: 1, quantity: half },
    ];
    rejects(orders, { priceTick: 1, quantityStep: 1 }, ErrorCode.INVALID_QUANTITY, 'TOO_LARGE');
  });

  it('names the order in the message', () => {
    const e = expectWattError(() => clearAuction(withOrder({ price: '0.12345' }) as never), ErrorCode.INVALID_PRICE);
    expect(e.message).toBe('clearAuction: order 1 (id "b1"): price "0.12345" is not a multiple of the tick 0.0001');
  });

  it('refuses an id used twice, naming the first repeat', () => {
    const e = expectWattError(() => clearAuction([GOOD[0], GOOD[1], { ...GOOD[1], price: '0.1' }] as never), ErrorCode.DUPLICATE_ORDER_ID);
    expect(e.message).toBe('clearAuction: order 2 uses id "s1", already used by order 1');
  });

  it('finds a repeated id among many orders (the bucketed path)', () => {
    const many = Array.from({ length: 6000 }, (_, i) => ({ id: `o${i}`, owner: 'x', side: i % 2 ? 'buy' : 'sell', price: 1, quantity: 1 }));
    expect(clearAuction(many as never).volume.toString()).toBe('3000');
    const repeated = [...many, { ...many[4321], price: 2 }, { ...many[17], price: 2 }];
    const e = expectWattError(() => clearAuction(repeated as never), ErrorCode.DUPLICATE_ORDER_ID);
    expect(e.message).toBe('clearAuction: order 6000 uses id "o4321", already used by order 4321');
  });

  it('refuses unknown options, option values and mechanisms', () => {
    rejects(GOOD, 5, ErrorCode.INVALID_OPTION);
    rejects(GOOD, 'uniform', ErrorCode.INVALID_OPTION);
    rejects(GOOD, { mechansim: 'uniform' }, ErrorCode.INVALID_OPTION);
    rejects(GOOD, { mechanism: 'vickrey' }, ErrorCode.UNKNOWN_MECHANISM);
    rejects(GOOD, { mechanism: 'toString' }, ErrorCode.UNKNOWN_MECHANISM);
    rejects(GOOD, { mechanism: 7 }, ErrorCode.INVALID_OPTION);
    rejects(GOOD, { mechanism: null }, ErrorCode.INVALID_OPTION);
    rejects(GOOD, { rationing: 'random' }, ErrorCode.INVALID_OPTION);
    rejects(GOOD, { verify: 'yes' }, ErrorCode.INVALID_OPTION);
  });

  it('refuses k outside [0, 1] or not a decimal', () => {
    for (const k of [-0.1, '1.01', 2, '-1e-9']) rejects(GOOD, { k }, ErrorCode.INVALID_K, 'OUT_OF_RANGE');
    for (const k of ['abc', null, true]) rejects(GOOD, { k }, ErrorCode.INVALID_K, 'NOT_A_NUMBER');
    for (const k of [NaN, Infinity]) rejects(GOOD, { k }, ErrorCode.INVALID_K, 'NOT_FINITE');
    rejects(GOOD, { k: `0.${'1'.repeat(61)}` }, ErrorCode.INVALID_K, 'TOO_LARGE');
    for (const k of [0, 1, '1.000', new Decimal('0.5'), '0.125', 1e-7]) expect(() => clearAuction(GOOD as never, { k })).not.toThrow();
  });

  it('refuses ticks and steps that are not positive decimals', () => {
    for (const priceTick of [0, -1, 'x', null, '1e-16']) rejects(GOOD, { priceTick }, ErrorCode.INVALID_STEP);
    for (const quantityStep of [0, '-0.001', {}]) rejects(GOOD, { quantityStep }, ErrorCode.INVALID_STEP);
  });

  it('refuses malformed zones', () => {
    const zoned = GOOD.map((o) => ({ ...o, zone: 'a' }));
    rejects(zoned, { zones: 5 }, ErrorCode.INVALID_OPTION);
    rejects(zoned, { zones: {} }, ErrorCode.INVALID_OPTION);
    rejects(zoned, { zones: { fees: {} } }, ErrorCode.INVALID_OPTION);
    rejects(zoned, { zones: { fees: { a: 0 } } }, ErrorCode.INVALID_OPTION);
    rejects(zoned, { zones: { fees: { a: { a: 0 } }, extra: 1 } }, ErrorCode.INVALID_OPTION);
    rejects(zoned, { zones: { fees: { a: { a: 0 }, b: { a: 0, b: 0 } } } }, ErrorCode.INVALID_OPTION); // a -> b missing
    rejects(zoned, { zones: { fees: { a: { a: 0, c: 1 } } } }, ErrorCode.UNKNOWN_ZONE);
    rejects(zoned, { zones: { fees: { a: { a: -1 } } } }, ErrorCode.INVALID_FEE, 'NEGATIVE');
    rejects(zoned, { zones: { fees: { a: { a: '0.00001' } } } }, ErrorCode.INVALID_FEE, 'OFF_STEP');
    rejects(zoned, { zones: { fees: { a: { a: 'x' } } } }, ErrorCode.INVALID_FEE, 'NOT_A_NUMBER');
    rejects(zoned, { zones: { fees: { a: { a: 2 ** 40 + 1 } } }, priceTick: 1 }, ErrorCode.INVALID_FEE, 'TOO_LARGE');
    rejects(zoned, { zones: { fees: { a: { a: 0 } }, defaultZone: 'b' } }, ErrorCode.UNKNOWN_ZONE);
    rejects(zoned, { zones: { fees: { a: { a: 0 } }, defaultZone: 3 } }, ErrorCode.INVALID_OPTION);
    rejects(zoned, { zones: { fees: { '': { '': 0 } } } }, ErrorCode.INVALID_OPTION);
    const many = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`z${i}`, {}]));
    rejects(zoned, { zones: { fees: many } }, ErrorCode.CAPACITY_EXCEEDED);
  });

  it('refuses orders in unknown zones, without a zone, or with a zone but no zones option', () => {
    const fees = { a: { a: 0 } };
    rejects(withOrder({ zone: 'b' }).map((o) => ({ ...(o as object), zone: 'b' })), { zones: { fees } }, ErrorCode.UNKNOWN_ZONE);
    rejects([{ ...GOOD[0], zone: 'a' }, { ...GOOD[1], zone: 7 }], { zones: { fees } }, ErrorCode.UNKNOWN_ZONE);
    rejects([{ ...GOOD[0], zone: 'a' }, GOOD[1]], { zones: { fees } }, ErrorCode.UNKNOWN_ZONE);
    rejects([{ ...GOOD[0], zone: 'a' }, GOOD[1]], undefined, ErrorCode.UNKNOWN_ZONE);
    expect(clearAuction([{ ...GOOD[0], zone: 'a' }, GOOD[1]] as never, { zones: { fees, defaultZone: 'a' } }).volume.toString()).toBe('1.5');
  });

  it('reports the first bad order by position when several are bad', () => {
    const orders = [GOOD[0], { ...GOOD[1], price: 'x' }, { ...GOOD[1], id: '' }];
    expectWattError(() => clearAuction(orders as never), ErrorCode.INVALID_PRICE);
  });
});
