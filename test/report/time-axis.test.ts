import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatUtcOffset, localDay, timeTicks, type IntervalTimeline } from '../../src/report/time-axis.js';
import { runs } from '../helpers/expect-watt-error.js';

const START = Date.parse('2025-04-06T17:00:00.000Z'); // 7 Apr 2025 00:00 at UTC+7
const timeline = (days: number, intervalMinutes = 15, start = START): IntervalTimeline => ({
  startMs: start,
  intervalMs: intervalMinutes * 60_000,
  offsetMs: 420 * 60_000,
  count: Math.round((days * 1440) / intervalMinutes),
});

describe('time axis', () => {
  it('labels each local midnight of a week', () => {
    const ticks = timeTicks(timeline(7));
    expect(ticks.map((t) => t.label)).toEqual(['7 Apr', '8 Apr', '9 Apr', '10 Apr', '11 Apr', '12 Apr', '13 Apr', '14 Apr']);
    expect(ticks.map((t) => t.position)).toEqual([0, 96, 192, 288, 384, 480, 576, 672]);
  });

  it('labels hours for a day, with the date at midnight', () => {
    const ticks = timeTicks(timeline(1));
    expect(ticks.map((t) => t.label)).toEqual(['7 Apr', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00', '8 Apr']);
  });

  it('labels months for a year, with the year at the start and in January', () => {
    const labels = timeTicks(timeline(365)).map((t) => t.label);
    expect(labels[0]).toBe('May 2025');
    expect(labels).toContain('Jan 2026');
    expect(labels).toHaveLength(12);
  });

  it('keeps tick positions inside the run and labels few enough to read', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 800 }),
        fc.constantFrom(5, 15, 30, 60),
        fc.integer({ min: -(10 ** 7), max: 10 ** 8 }),
        (days, minutes, shift) => {
          const t = timeline(days, minutes, START + shift * 60_000);
          const ticks = timeTicks(t);
          expect(ticks.length).toBeGreaterThan(0);
          expect(ticks.length).toBeLessThanOrEqual(16);
          for (const tick of ticks) {
            expect(tick.position).toBeGreaterThanOrEqual(0);
            expect(tick.position).toBeLessThanOrEqual(t.count);
          }
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('reads local days and times in the run\u2019s offset, not the machine\u2019s', () => {
    expect(localDay(timeline(1), 0)).toBe(Date.UTC(2025, 3, 7) / 86_400_000);
    expect(localDay(timeline(1), 95)).toBe(Date.UTC(2025, 3, 7) / 86_400_000);
    expect(localDay(timeline(1), 96)).toBe(Date.UTC(2025, 3, 8) / 86_400_000);
    expect(formatDateTime(START + 420 * 60_000)).toBe('7 Apr 2025, 00:00');
    expect(formatUtcOffset(420)).toBe('UTC+07:00');
    expect(formatUtcOffset(-150)).toBe('UTC-02:30');
  });
});

// Found after the research-toolkit review: the month ticks were made with Date.UTC, which reads
// the years 0 to 99 as 1900 to 1999, so a run of more than 93 days in those years (a scenario may
// start in any year from 0) had no month labels at all.
describe('regression: month ticks in the years 0 to 99', () => {
  it('labels the months of a year that starts in the year 50 as it does in 2050', () => {
    const at = (year: number): number => new Date(0).setUTCFullYear(year, 0, 1) - 420 * 60_000;
    const early = timeTicks(timeline(365, 60, at(50)));
    const late = timeTicks(timeline(365, 60, at(2050)));
    expect(early.length).toBeGreaterThan(0);
    expect(early.map((t) => [t.position, t.label.replace(/ (\d+)$/, (_, y: string) => ` ${Number(y) + 2000}`)])).toEqual(late.map((t) => [t.position, t.label]));
  });
});
