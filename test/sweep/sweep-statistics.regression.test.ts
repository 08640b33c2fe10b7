import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweepStatistic } from '../../src/sweep/sweep-statistics.js';

/**
 * Regression (research toolkit review): sweepStatistic (src/sweep/sweep-statistics.ts) summed the values in
 * floating point before dividing, so seeds that all give the same figure (every run of a
 * scenario of measured data without random strategies does) get a mean that is not that figure
 * and a spread that is not zero: [0.1, 0.1, 0.1] reports mean 0.10000000000000002, sd 1.7e-17
 * and a 95 % interval of non-zero width. The figures are exact decimals (kWh to the Wh, money to
 * its step), so an exact sum (or one relative to the first value) gives the true mean.
 */
describe('regression: statistics of identical runs (float residue in mean and sd)', () => {
  it('the mean of n equal figures is that figure, with no spread', () => {
    expect(sweepStatistic([0.1, 0.1, 0.1])).toEqual({ n: 3, mean: 0.1, sd: 0, ci95: [0.1, 0.1] });
  });

  it('holds for any figure to the Wh and any number of seeds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 2, max: 40 }), (wh, n) => {
        const x = wh / 1000; // kWh, as the totals print
        const s = sweepStatistic(Array.from({ length: n }, () => x));
        expect(s?.mean).toBe(x);
        expect(s?.sd).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('the mean of different figures is their exact decimal mean, rounded once', () => {
    expect(sweepStatistic([0.1, 0.2, 0.3])?.mean).toBe(0.2);
    expect(sweepStatistic([0.1, 0.2])?.mean).toBe(0.15);
    expect(sweepStatistic([1e300, -1e300, 1e-300])?.mean).toBe(1e-300 / 3);
  });

  it('mean and variance equal an exact decimal reference (property)', () => {
    const Exact = Decimal.clone({ precision: 200 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), { minLength: 2, maxLength: 40 }), fc.constantFrom(1, 10, 1000, 100_000), (ints, scale) => {
        const xs = ints.map((k) => k / scale);
        const s = sweepStatistic(xs);
        const exact = xs.map((x) => new Exact(String(x)));
        const sum = exact.reduce((a, b) => a.plus(b), new Exact(0));
        const mean = sum.div(xs.length);
        const variance = exact.reduce((a, x) => a.plus(x.minus(mean).pow(2)), new Exact(0)).div(xs.length - 1);
        expect(s?.mean).toBe(mean.toNumber());
        expect(s?.sd).toBe(Math.sqrt(variance.toNumber()));
      }),
      { numRuns: 300 },
    );
  });
});
