import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSteps, checkEnergyTotals, sumSteps, UtilityPricing } from '../../src/simulation/run-accounting.js';
import { codeOf } from '../helpers/expect-watt-error.js';

const MAX = Number.MAX_SAFE_INTEGER;

describe('addSteps and sumSteps: exact sums or BALANCE_OVERFLOW, never a rounded one', () => {
  it('adds safe integers whose sum is safe, exactly', () => {
    expect(addSteps(MAX - 1, 1, 'x')).toBe(MAX);
    expect(addSteps(-MAX, MAX, 'x')).toBe(0);
    expect(sumSteps([MAX, -1, -MAX], 'x')).toBe(-1);
    expect(sumSteps([], 'x')).toBe(0);
  });

  it('refuses a sum past 2^53, naming it', () => {
    expect(codeOf(() => addSteps(MAX, 1, 'the grid fees'))).toBe('BALANCE_OVERFLOW');
    expect(() => addSteps(-MAX, -1, 'the grid fees')).toThrow(/runSimulation: the grid fees passes 2\^53/);
    expect(codeOf(() => sumSteps([MAX, 1, -5], 'x'))).toBe('BALANCE_OVERFLOW');
  });

  it('agrees with the exact (bigint) sum whenever every partial sum is safe, and refuses otherwise (property)', () => {
    const steps = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(MAX, -MAX, 2 ** 52, -(2 ** 52)), fc.maxSafeInteger(), fc.maxSafeNat().map((v) => -v));
    fc.assert(
      fc.property(fc.array(steps, { maxLength: 20 }), (values) => {
        let exact = 0n;
        let safe = true;
        for (const v of values) {
          exact += BigInt(v);
          if (exact > BigInt(MAX) || exact < -BigInt(MAX)) safe = false;
        }
        if (safe) expect(BigInt(sumSteps(values, 'x'))).toBe(exact);
        else expect(codeOf(() => sumSteps(values, 'x'))).toBe('BALANCE_OVERFLOW');
      }),
      { numRuns: 500 },
    );
  });
});

describe('checkEnergyTotals', () => {
  it('passes safe totals and refuses one past 2^53 by name', () => {
    expect(() => checkEnergyTotals({ generationWh: MAX, storageDeltaWh: -MAX }, "the community's")).not.toThrow();
    expect(() => checkEnergyTotals({ generationWh: 1, gridImportWh: 2 ** 53 }, "the community's")).toThrow(/the community's gridImportWh passes 2\^53/);
    expect(codeOf(() => checkEnergyTotals({ lossesWh: Number.NaN }, 'x'))).toBe('BALANCE_OVERFLOW');
  });
});

describe('UtilityPricing.cost: an interval cost past 2^53 is refused, not rounded', () => {
  it('refuses the bigint path past 2^53 and keeps it exact below', () => {
    // 1 money step per (tick x Wh): the cost is ticks x Wh.
    const pricing = new UtilityPricing(1n, 1n, 2 ** 30, 1);
    expect(pricing.cost(-(2 ** 22))).toBe(2 ** 52);
    expect(pricing.cost(2 ** 22)).toBe(-(2 ** 22));
    expect(codeOf(() => pricing.cost(-(2 ** 23) - 1))).toBe('BALANCE_OVERFLOW');
  });
});
