import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, MoneyScale, roundingCode } from '../../src/settlement/money-scale.js';
import { divide, divideSafe, ROUNDING_MODES } from '../../src/units/rounding.js';
import { createStep } from '../../src/units/step.js';
import { runs } from '../helpers/expect-watt-error.js';

const MAX = Number.MAX_SAFE_INTEGER;
const mode = fc.constantFrom(...ROUNDING_MODES);
// Integers near the edges that matter: small (the int32 path), around 2^31 and 2^52 (where the
// remainder changes path), and up to the largest safe integer.
const numerator = fc.oneof(
  fc.integer({ min: -5000, max: 5000 }),
  fc.integer({ min: -(2 ** 31) - 5, max: 2 ** 31 + 5 }),
  fc.constantFrom(2 ** 52 - 1, 2 ** 52, 2 ** 52 + 1, -(2 ** 52), MAX, -MAX, MAX - 1, 0),
  fc.maxSafeInteger(),
  fc.maxSafeInteger().map((v) => -v),
);
const divisor = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(1000, 2000, 2 ** 31, 2 ** 31 - 1, 1_000_000_000, MAX), fc.integer({ min: 1, max: MAX }));

describe('divideRounded', () => {
  it('gives divideSafe\'s result (and the exact bigint quotient) for every mode, both halves of a tie and either sign', () => {
    fc.assert(
      fc.property(numerator, divisor, mode, (a, b, m) => {
        const got = divideRounded(a, b, roundingCode(m));
        expect(Object.is(got, divideSafe(a, b, m))).toBe(true);
        expect(BigInt(got)).toBe(divide(BigInt(a), BigInt(b), m));
      }),
      { numRuns: runs(2000) },
    );
  });

  it('rounds ties by mode: half-even to even, half-up away from zero, the directed modes by sign', () => {
    const cases: [number, number, Record<string, number>][] = [
      [5, 2, { floor: 2, ceil: 3, down: 2, up: 3, 'half-even': 2, 'half-up': 3 }],
      [7, 2, { floor: 3, ceil: 4, down: 3, up: 4, 'half-even': 4, 'half-up': 4 }],
      [-5, 2, { floor: -3, ceil: -2, down: -2, up: -3, 'half-even': -2, 'half-up': -3 }],
      [-1, 3, { floor: -1, ceil: 0, down: 0, up: -1, 'half-even': 0, 'half-up': 0 }],
      [2, 3, { floor: 0, ceil: 1, down: 0, up: 1, 'half-even': 1, 'half-up': 1 }],
    ];
    for (const [a, b, want] of cases) for (const m of ROUNDING_MODES) expect([a, b, m, divideRounded(a, b, roundingCode(m))]).toEqual([a, b, m, want[m]]);
    // Never a negative zero.
    expect(Object.is(divideRounded(-1, 3, roundingCode('down')), 0)).toBe(true);
  });
});

describe('MoneyScale.valueCoded', () => {
  it('equals valueN, on the number path and past it (bigint, NaN beyond the safe integers)', () => {
    const scales = [
      new MoneyScale(createStep('1', 't', 'tick'), createStep('0.001', 't', 'energy'), createStep('1', 't', 'money')),
      new MoneyScale(createStep('0.01', 't', 'tick'), createStep('0.0001', 't', 'energy'), createStep('0.01', 't', 'money')),
      new MoneyScale(createStep('3', 't', 'tick'), createStep('0.7', 't', 'energy'), createStep('0.05', 't', 'money')),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...scales), fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.maxSafeInteger()), fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.maxSafeInteger()), mode, (scale, ticks, steps, m) => {
        expect(Object.is(scale.valueCoded(ticks, steps, m, roundingCode(m)), scale.valueN(ticks, steps, m))).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });
});
