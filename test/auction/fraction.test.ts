import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asFraction, fraction, parseK, scaleBy } from '../../src/auction/fraction.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('k as a fraction', () => {
  it('parses decimals exactly and reduces them', () => {
    expect(parseK('0.5', 'f')).toMatchObject({ numerator: 1n, denominator: 2n });
    expect(parseK(0.1, 'f')).toMatchObject({ numerator: 1n, denominator: 10n });
    expect(parseK('0.3333', 'f')).toMatchObject({ numerator: 3333n, denominator: 10000n });
    expect(parseK('1.000', 'f')).toMatchObject({ numerator: 1n, denominator: 1n });
    expect(parseK('0e5', 'f')).toMatchObject({ numerator: 0n, denominator: 1n });
    expect(parseK(`0.${'9'.repeat(40)}`, 'f').num).toBeNaN();
  });

  it('scales an interval width by k, rounding half-up, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }), (delta, a, b) => {
        const [num, den] = a <= b ? [a, b] : [b, a];
        const k = fraction(num, den);
        const expected = (2n * BigInt(delta) * num + den) / (2n * den);
        expect(scaleBy(delta, k, 'half-up')).toBe(Number(expected));
        expect(scaleBy(delta, asFraction({ numerator: num, denominator: den }), 'half-up')).toBe(Number(expected));
      }),
      { numRuns: runs(500) },
    );
  });
});
