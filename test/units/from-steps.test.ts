import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSteps, formatUnits, fromSteps, fromUnits } from '../../src/units/from-steps.js';
import { createStep } from '../../src/units/step.js';
import { runs } from '../helpers/expect-watt-error.js';

const Exact = Decimal.clone({ precision: 200 });

describe('formatSteps', () => {
  it('writes exact plain decimal text without trailing zeros', () => {
    const tick = createStep('0.0001', 't', 'tick');
    expect(formatSteps(1234, tick)).toBe('0.1234');
    expect(formatSteps(-1, tick)).toBe('-0.0001');
    expect(formatSteps(10000, tick)).toBe('1');
    expect(formatSteps(0, tick)).toBe('0');
    expect(formatSteps(3, createStep('0.005', 't', 'tick'))).toBe('0.015');
    expect(formatSteps(12, createStep('1000', 't', 'tick'))).toBe('12000');
    expect(formatSteps(Number.MAX_SAFE_INTEGER, tick)).toBe('900719925474.0991');
  });

  it('formats bigint products beyond 2^53 exactly', () => {
    expect(formatUnits(123456789012345678901234567890n, 10)).toBe('12345678901234567890.123456789');
    expect(formatUnits(-5n, 3)).toBe('-0.005');
  });

  it('builds Decimals that equal the formatted text, at any size', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 15 }), (units, decimals) => {
        const d = fromUnits(units, decimals);
        expect(d.toFixed()).toBe(new Exact(units.toString()).div(new Exact(10).pow(decimals)).toFixed());
        expect(new Exact(d).mul(new Exact(10).pow(decimals)).toFixed()).toBe(units.toString());
      }),
      { numRuns: runs(1000) },
    );
    expect(fromSteps(1234n, createStep('0.0001', 't', 'tick')).toString()).toBe('0.1234');
  });
});
