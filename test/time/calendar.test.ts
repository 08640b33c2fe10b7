import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, isoText, utcMidnight } from '../../src/time/calendar.js';

/** The ECMAScript calendar's bound, ms either side of the epoch. */
const LIMIT = 8_640_000_000_000_000;

describe('isoText: ISO 8601 UTC text of an instant', () => {
  it('property: the same text as Date.prototype.toISOString across the whole calendar', () => {
    const anywhere = fc.integer({ min: -LIMIT, max: LIMIT });
    // Where the integer path runs, and its edges: the years 0 to 9999, and instants near them.
    const common = fc.integer({ min: -62_167_219_200_000 - 1000, max: 253_402_300_800_000 + 1000 });
    const quarterHours = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => 1_700_000_000_000 + k * 900_000);
    fc.assert(
      fc.property(fc.oneof(anywhere, common, quarterHours), (ms) => {
        expect(isoText(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it('the edges of the four-digit years, leap days and the calendar bounds', () => {
    const edges = [
      0, -1, 1, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, LIMIT, -LIMIT,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(1900, 2, 1), Date.UTC(2000, 1, 29),
    ];
    for (const ms of edges) expect(isoText(ms)).toBe(new Date(ms).toISOString());
    expect(isoText(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('agrees with calendarDate on the date it names', () => {
    const ms = Date.UTC(2026, 11, 5, 20, 45);
    const d = calendarDate(ms);
    expect(isoText(ms).slice(0, 10)).toBe(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`);
  });
});

describe('utcMidnight', () => {
  it('reads the years 0 to 99 as written (Date.UTC reads them as 1900 to 1999)', () => {
    expect(utcMidnight(50, 5, 1)).toBe(Date.parse('0050-06-01T00:00:00.000Z'));
    expect(utcMidnight(0, 1, 29)).toBe(Date.parse('0000-02-29T00:00:00.000Z'));
  });

  it('is Date.UTC for the years 100 to 9999, and the text it gives reads back (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const t = utcMidnight(y, m, d);
        if (y >= 100) expect(t).toBe(Date.UTC(y, m, d));
        expect(isoText(t)).toBe(`${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00.000Z`);
      }),
      { numRuns: 500 },
    );
  });
});
