import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, runSimulation, type Scenario } from '../../src/index.js';
import { resolveScenario } from '../../src/simulation/resolve-scenario.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Regression (review, research toolkit): resolveScenario (`Date.UTC(y, m - 1, d)`) read startDate
 * with Date.UTC, which maps the years 0 to 99 to 1900 to 1999. A scenario starting '0050-06-01'
 * ran silently from 1950-06-01 (another weekday, so another weekly load shape, and that date in
 * the result), and '0000-02-29' (year 0 is a leap year in the proleptic Gregorian calendar that
 * ISO 8601 dates use) was refused as no calendar date. A month out of range ('2026-13-01') rolled
 * over into the next year unnoticed.
 */
function scenario(startDate: string, utcOffsetMinutes = 0): Scenario {
  return {
    name: 'early',
    location: { latitude: 10, longitude: 106, utcOffsetMinutes },
    startDate,
    intervalMinutes: 60,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2000, feedInPrice: 700 },
    participants: [{ id: 'a', type: 'home', load: { series: Array<string>(24).fill('1') } }],
  } as unknown as Scenario;
}

describe('regression: startDate in the years 0 to 99', () => {
  it('runs from the date written, never from 1900 + the year', () => {
    expect(runSimulation({ scenario: scenario('0050-06-01'), days: 1, seed: 1 }).start).toBe('0050-06-01T00:00:00.000Z');
  });

  it('accepts 29 February of the year 0, a leap year', () => {
    expect(runSimulation({ scenario: scenario('0000-02-29'), days: 1, seed: 1 }).start).toBe('0000-02-29T00:00:00.000Z');
  });

  it('refuses 29 February of the year 100 (no leap year) and a month out of range', () => {
    for (const date of ['0100-02-29', '2026-13-01', '2026-00-10']) {
      expect(expectWattError(() => resolveScenario(scenario(date)), ErrorCode.INVALID_SCENARIO).message).toContain(`startDate ${date} is not a calendar date`);
    }
  });

  it('property: every calendar date of the years 0 to 9999 starts the run at local midnight of that very date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -720, max: 840 }), (when, offset) => {
        const date = when.toISOString().slice(0, 10);
        const { startMs } = resolveScenario(scenario(date, offset));
        expect(new Date(startMs + offset * 60_000).toISOString()).toBe(`${date}T00:00:00.000Z`);
      }),
      { numRuns: 300 },
    );
  });
});
