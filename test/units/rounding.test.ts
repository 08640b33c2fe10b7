import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divide, divideSafe, mulDiv, ROUNDING_MODES, type RoundingMode } from '../../src/units/rounding.js';
import { runs } from '../helpers/expect-watt-error.js';

const Exact = Decimal.clone({ precision: 200 });
const DECIMAL_MODE: Record<RoundingMode, Decimal.Rounding> = {
  floor: Decimal.ROUND_FLOOR,
  ceil: Decimal.ROUND_CEIL,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-up': Decimal.ROUND_HALF_UP,
};
function reference(a: bigint | number, b: bigint | number, mode: RoundingMode): string {
  return new Exact(a.toString()).div(new Exact(b.toString())).toDecimalPlaces(0, DECIMAL_MODE[mode]).toFixed();
}
const modeArb = fc.constantFrom(...ROUNDING_MODES);

describe('divide', () => {
  it('rounds ties as each mode says', () => {
    expect(divide(5n, 2n, 'half-even')).toBe(2n);
    expect(divide(7n, 2n, 'half-even')).toBe(4n);
    expect(divide(-5n, 2n, 'half-even')).toBe(-2n);
    expect(divide(5n, 2n, 'half-up')).toBe(3n);
    expect(divide(-5n, 2n, 'half-up')).toBe(-3n);
    expect(divide(-7n, 2n, 'floor')).toBe(-4n);
    expect(divide(-7n, 2n, 'down')).toBe(-3n);
    expect(divide(7n, -2n, 'ceil')).toBe(-3n);
    expect(divide(7n, 2n, 'up')).toBe(4n);
    expect(() => divide(1n, 0n, 'floor')).toThrow(RangeError);
  });

  it('agrees with decimal.js for every mode (bigint)', () => {
    const nonZero = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).filter((b) => b !== 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), nonZero, modeArb, (a, b, mode) => {
        expect(divide(a, b, mode).toString()).toBe(reference(a, b, mode));
      }),
      { numRuns: runs(2000) },
    );
  });

  it('agrees with decimal.js for every mode (safe integers), including small divisors and ties', () => {
    const nonZero = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.maxSafeInteger()).filter((b) => b !== 0);
    fc.assert(
      fc.property(fc.maxSafeInteger(), nonZero, modeArb, (a, b, mode) => {
        expect(String(divideSafe(a, b, mode))).toBe(reference(a, b, mode));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe('divideSafe in 32-bit integers', () => {
  it('agrees with decimal.js where dividend and divisor fit 32 bits (its integer remainder path), and never gives -0', () => {
    const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    const nonZero = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(1000, -1000, 2 ** 31 - 1, -(2 ** 31)), int32).filter((b) => b !== 0);
    fc.assert(
      fc.property(fc.oneof(int32, fc.integer({ min: -4000, max: 4000 })), nonZero, modeArb, (a, b, mode) => {
        const q = divideSafe(a, b, mode);
        expect(String(q)).toBe(reference(a, b, mode));
        expect(Object.is(q, -0)).toBe(false);
      }),
      { numRuns: runs(2000) },
    );
    for (const mode of ROUNDING_MODES) {
      expect(Object.is(divideSafe(-4, 2, mode), -2)).toBe(true);
      expect(Object.is(divideSafe(-1, 4, mode), -0)).toBe(false);
      expect(divideSafe(-(2 ** 31), -1, mode)).toBe(2 ** 31);
    }
  });
});

describe('divideSafe beyond 32 bits (the remainder from a truncated quotient of doubles)', () => {
  it('agrees with decimal.js next to multiples of the divisor, where a rounded quotient could reach the next integer', () => {
    const big = fc.integer({ min: 2 ** 31, max: 2 ** 52 - 1 });
    const divisor = fc.oneof(fc.integer({ min: 2, max: 2 ** 31 }), fc.integer({ min: 2 ** 31, max: 2 ** 52 - 1 }), fc.constantFrom(3, 7, 1000, 2 ** 52 - 1));
    fc.assert(
      fc.property(big, divisor, fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.boolean(), modeArb, (n, d, off, negA, negB, mode) => {
        // a = k x d + off, with k x d as close to n as whole multiples go.
        const k = Math.floor(n / d);
        let a = k * d + off;
        if (!Number.isSafeInteger(a) || Math.abs(a) >= 2 ** 52) a = n;
        if (negA) a = -a;
        const b = negB ? -d : d;
        const q = divideSafe(a, b, mode);
        expect(String(q)).toBe(reference(a, b, mode));
        expect(Object.is(q, -0)).toBe(false);
      }),
      { numRuns: runs(3000) },
    );
    // Quotients a hair below a whole number, and negative ones (truncation, not floor).
    for (const mode of ROUNDING_MODES) {
      for (const [a, b] of [[2 ** 52 - 2, 2 ** 52 - 1], [2 ** 52 - 1, 3], [2 ** 52 - 2, 3], [-(2 ** 52 - 2), 3], [4503599627370493, 4503599627370494], [2 ** 51 + 1, -(2 ** 51)]] as const) {
        expect([a, b, mode, String(divideSafe(a, b, mode))]).toEqual([a, b, mode, reference(a, b, mode)]);
      }
    }
  });
});

describe('mulDiv', () => {
  it('is exact when the product passes 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 2 ** 28, max: 2 ** 40 }),
        modeArb,
        (a, b, c, mode) => {
          expect(String(mulDiv(a, b, c, mode))).toBe(reference(BigInt(a) * BigInt(b), c, mode));
        },
      ),
      { numRuns: runs(1000) },
    );
    expect(() => mulDiv(2 ** 52, 2 ** 52, 1, 'floor')).toThrow(RangeError);
  });
});
