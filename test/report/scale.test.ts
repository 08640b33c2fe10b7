import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale, niceTicks } from '../../src/report/scale.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted for a y axis', () => {
    const y = linearScale([0, 100], [300, 50]);
    expect(y.map(0)).toBe(300);
    expect(y.map(100)).toBe(50);
    expect(y.map(50)).toBe(175);
  });

  it('clamps values outside the domain to the range', () => {
    const x = linearScale([0, 10], [100, 200]);
    expect(x.map(-5)).toBe(100);
    expect(x.map(50)).toBe(200);
  });

  it('maps a domain of zero width to the middle of the range', () => {
    expect(linearScale([7, 7], [0, 100]).map(7)).toBe(50);
  });
});

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 317)).toMatchObject({ min: 0, max: 400, step: 100, decimals: 0, values: [0, 100, 200, 300, 400] });
    expect(niceTicks(671, 2204)).toMatchObject({ min: 500, max: 2500, step: 500 });
    expect(niceTicks(0, 1)).toMatchObject({ step: 0.2, decimals: 1, values: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceTicks(-3.2, 0.4).values).toEqual([-4, -3, -2, -1, 0, 1]);
  });

  it('prints decimal steps without binary residue', () => {
    expect(niceTicks(0, 0.7).values).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0.1, 0.35).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  it('widens an empty range: a constant or empty series still gets an axis', () => {
    expect(niceTicks(0, 0)).toMatchObject({ min: 0, max: 1 });
    const c = niceTicks(500, 500);
    expect(c.min).toBeLessThan(500);
    expect(c.max).toBeGreaterThan(500);
  });

  it('gives 2 to about 12 finite ticks covering any range, in order', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -9e15, max: 9e15, noNaN: true }),
        fc.double({ min: -9e15, max: 9e15, noNaN: true }),
        (a, b) => {
          const t = niceTicks(a, b);
          expect(t.min).toBeLessThanOrEqual(Math.min(a, b));
          expect(t.max).toBeGreaterThanOrEqual(Math.max(a, b));
          expect(t.values.length).toBeGreaterThanOrEqual(2);
          expect(t.values.length).toBeLessThanOrEqual(12);
          for (let i = 1; i < t.values.length; i++) expect(t.values[i]!).toBeGreaterThan(t.values[i - 1]!);
          for (const v of t.values) expect(Number.isFinite(v)).toBe(true);
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});

describe('niceTicks regressions', () => {
  it('regression: a range of subnormal width gets a unit axis, not 308 decimals (fast-check, renderReport properties)', () => {
    // Counter-example: tariff { retailPrice: 2.800000000000005e-308, feedInPrice: 0 } made the price
    // axis ask toFixed for 308 decimals, which throws.
    expect(niceTicks(0, 2.800000000000005e-308)).toMatchObject({ min: 0, max: 1, decimals: 1 });
    expect(niceTicks(-2.800000000000005e-308, 0)).toMatchObject({ min: -1, max: 0 });
    expect(niceTicks(-1e-300, 1e-300)).toMatchObject({ min: -1, max: 1 });
    expect(niceTicks(1e6, 1e6 + 1e-6).decimals).toBeLessThanOrEqual(6);
  });
});
