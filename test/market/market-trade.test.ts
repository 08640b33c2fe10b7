import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepsDecimal, stepsInput } from '../../src/market/market-trade.js';
import { fromSteps } from '../../src/units/from-steps.js';
import { createStep } from '../../src/units/step.js';
import { runs } from '../helpers/expect-watt-error.js';

const stepArb = fc
  .record({ decimals: fc.integer({ min: 0, max: 15 }), multiple: fc.constantFrom(1, 1, 1, 5, 25) })
  .map(({ decimals, multiple }) => createStep(new Decimal(multiple).div(new Decimal(10).pow(decimals)).toFixed(), 'test', 'step'));
const stepsArb = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -(2 ** 49) + 1, max: 2 ** 49 - 1 }), fc.maxSafeInteger());

describe('stepsDecimal', () => {
  it('is exactly fromSteps, whether it goes through a number or through text', () => {
    fc.assert(
      fc.property(stepArb, stepsArb, (step, n) => {
        const fast = stepsDecimal(n, step);
        expect(fast.toString()).toBe(fromSteps(n, step).toString());
        // And the DecimalInput handed to the parsers means the same value.
        expect(new Decimal(stepsInput(n, step)).eq(fast)).toBe(true);
      }),
      { numRuns: runs(2000) },
    );
  });
});
