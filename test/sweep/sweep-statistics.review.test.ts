import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweepStatistic } from '../../src/sweep/sweep-statistics.js';

/**
 * Review (research toolkit): sweepStatistic (src/sweep/sweep-statistics.ts) sums the values in
 * floating point before dividing, so seeds that all give the same figure (every run of a
 * scenario of measured data without random strategies does) get a mean that is not that figure
 * and a spread that is not zero: [0.1, 0.1, 0.1] reports mean 0.10000000000000002, sd 1.7e-17
 * and a 95 % interval of non-zero width. The figures are exact decimals (kWh to the Wh, money to
 * its step), so an exact sum (or one relative to the first value) gives the true mean.
 */
describe('review: statistics of identical runs', () => {
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
});
