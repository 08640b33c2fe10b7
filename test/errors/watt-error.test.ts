import { describe, expect, it } from 'vitest';
import { ErrorCode, WattError } from '../../src/index.js';
import { fail } from '../../src/errors/watt-error.js';

describe('WattError', () => {
  it('is an Error with a stable code, a reason and a message that begins with the function', () => {
    let caught: unknown;
    try {
      fail(ErrorCode.INVALID_PRICE, 'OrderBook.submit', 'price "x" is not a decimal number', 'NOT_A_NUMBER');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toBeInstanceOf(WattError);
    const error = caught as WattError;
    expect(error.name).toBe('WattError');
    expect(error.code).toBe('INVALID_PRICE');
    expect(error.reason).toBe('NOT_A_NUMBER');
    expect(error.message).toBe('OrderBook.submit: price "x" is not a decimal number');
  });

  it('lists every code once, as UPPER_SNAKE_CASE equal to its key', () => {
    const entries = Object.entries(ErrorCode);
    expect(entries.length).toBeGreaterThan(10);
    for (const [key, value] of entries) {
      expect(value).toBe(key);
      expect(value).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    }
    expect(new Set(Object.values(ErrorCode)).size).toBe(entries.length);
  });
});

describe('describeValue', () => {
  it('renders any input without throwing', async () => {
    const { describeValue } = await import('../../src/errors/describe-value.js');
    expect(describeValue(Object.create(null))).toBe('an object');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue('x'.repeat(100))).toContain('...');
    expect(describeValue(new (await import('decimal.js')).Decimal('1.5'))).toBe('1.5');
    expect(describeValue(undefined)).toBe('undefined');
  });
});
