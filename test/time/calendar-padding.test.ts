import { describe, expect, it } from 'vitest';
import { isoText } from '../../src/time/calendar.js';
import { isoTime } from '../../src/market/product-schedule.js';

// Review of 42cd83b (feat/perf8). calendar.test.ts's edge list meant to reach the short years
// with `Date.UTC(9, 0, 1)` and `Date.UTC(99, 11, 31)`, but Date.UTC maps the years 0 to 99 to
// 1900 to 1999: the zero padding of years below 1000 was left to the random samples. Here
// the padding edges, set with setUTCFullYear, and -0 (a safe integer isoTime lets through).
describe('review perf8: isoText at the padded years and -0', () => {
  it('years 0 to 1000 at their first and last instants give the Date text', () => {
    for (const year of [0, 1, 9, 10, 99, 100, 999, 1000]) {
      const first = new Date(0);
      first.setUTCFullYear(year, 0, 1);
      const last = new Date(0);
      last.setUTCFullYear(year, 11, 31);
      last.setUTCHours(23, 59, 59, 999);
      for (const ms of [first.getTime(), last.getTime(), first.getTime() + 59 * 86_400_000 + 1]) {
        expect(isoText(ms)).toBe(new Date(ms).toISOString());
      }
    }
  });

  it('-0 is the epoch, through isoTime too', () => {
    expect(isoText(-0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTime(-0)).toBe(new Date(-0).toISOString());
  });
});
