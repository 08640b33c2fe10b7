import { describe, expect, it } from 'vitest';
import { runSimulation, WattError, type Scenario } from '../../src/index.js';

/**
 * Review (research toolkit): resolveScenario (src/simulation/resolve-scenario.ts, `Date.UTC(y,
 * m - 1, d)`) reads startDate with Date.UTC, which maps the years 0 to 99 to 1900 to 1999. A
 * scenario starting '0050-06-01' runs silently from 1950-06-01 (another weekday, so another
 * weekly load shape, and that date in the result), and '0000-02-29' (year 0 is a leap year in
 * the proleptic Gregorian calendar that ISO 8601 dates use) is refused as no calendar date.
 */
function scenario(startDate: string): Scenario {
  return {
    name: 'early',
    location: { latitude: 10, longitude: 106, utcOffsetMinutes: 0 },
    startDate,
    intervalMinutes: 60,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2000, feedInPrice: 700 },
    participants: [{ id: 'a', type: 'home', load: { series: Array<string>(24).fill('1') } }],
  } as unknown as Scenario;
}

describe('review: startDate in the years 0 to 99', () => {
  it('runs from the date written (or refuses it), never from 1900 + the year', () => {
    let start: string | undefined;
    try {
      start = runSimulation({ scenario: scenario('0050-06-01'), days: 1, seed: 1 }).start;
    } catch (e) {
      expect(e).toBeInstanceOf(WattError);
      return;
    }
    expect(start).toBe('0050-06-01T00:00:00.000Z');
  });

  it('accepts 29 February of the year 0, a leap year', () => {
    expect(runSimulation({ scenario: scenario('0000-02-29'), days: 1, seed: 1 }).start).toBe('0000-02-29T00:00:00.000Z');
  });
});
