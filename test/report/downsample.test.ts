import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../src/report/downsample.js';
import { runs } from '../helpers/expect-watt-error.js';

const valueArb = fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: null, freq: 5 });

describe('downsampleMinMax', () => {
  it('returns a series that fits unchanged', () => {
    expect(downsampleMinMax([3, null, 1], 10)).toEqual([
      { index: 0, value: 3 },
      { index: 1, value: null },
      { index: 2, value: 1 },
    ]);
    expect(downsampleMinMax([], 16)).toEqual([]);
  });

  it('keeps the lowest and highest value of each bucket, in time order', () => {
    // 12 values, cap 4: 2 buckets of 6.
    const values = [5, 9, 1, 5, 5, 5, 7, 7, 0, 7, 8, 7];
    expect(downsampleMinMax(values, 4)).toEqual([
      { index: 1, value: 9 },
      { index: 2, value: 1 },
      { index: 8, value: 0 },
      { index: 10, value: 8 },
    ]);
  });

  it('keeps one point for a constant bucket and one gap for a bucket with no value', () => {
    const values = [2, 2, 2, 2, null, null, null, null, 4, null, 1, null];
    expect(downsampleMinMax(values, 6)).toEqual([
      { index: 0, value: 2 },
      { index: 4, value: null },
      { index: 8, value: 4 },
      { index: 10, value: 1 },
    ]);
  });

  it('never exceeds the cap, keeps indices increasing and every bucket\u2019s extremes', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 3000 }), fc.integer({ min: 2, max: 400 }), (values, cap) => {
        const out = downsampleMinMax(values, cap);
        expect(out.length).toBeLessThanOrEqual(Math.max(cap, 0));
        for (let k = 1; k < out.length; k++) expect(out[k]!.index).toBeGreaterThan(out[k - 1]!.index);
        for (const p of out) if (p.value !== null) expect(values[p.index]).toBe(p.value);
        if (values.length <= cap) {
          expect(out.length).toBe(values.length);
          return;
        }
        const size = Math.ceil(values.length / Math.floor(cap / 2));
        for (let start = 0; start < values.length; start += size) {
          const bucket = values.slice(start, start + size).filter((v): v is number => v !== null);
          const kept = out.filter((p) => p.index >= start && p.index < start + size);
          if (bucket.length === 0) {
            expect(kept).toEqual([{ index: start, value: null }]);
          } else {
            const keptValues = kept.map((p) => p.value);
            expect(keptValues).toContain(Math.min(...bucket));
            expect(keptValues).toContain(Math.max(...bucket));
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('keeps the global extremes of a year of intervals within 2,000 points', () => {
    const year = Array.from({ length: 35_040 }, (_, i) => Math.sin(i / 7) * 100 + (i === 20_000 ? 1_000 : 0));
    const out = downsampleMinMax(year, 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...out.map((p) => p.value ?? -Infinity))).toBe(Math.max(...year));
    expect(Math.min(...out.map((p) => p.value ?? Infinity))).toBe(Math.min(...year));
  });
});
