import { describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): readSeriesCsv (src/scenario-file/read-series-csv.ts) takes the
 * header's column from every row and ignores any further cells, so a row that does not have the
 * header's shape is read silently. A researcher with a decimal comma (`1,5` for 1.5, common in
 * European exports) under a one-column header `kW` gets 1 and 0 instead of 1.5 and 0.25, and
 * a header naming the column twice silently picks the first.
 */
const base = {
  name: 'csv-review',
  location: { latitude: 10.85, longitude: 106.77, utcOffsetMinutes: 420 },
  startDate: '2026-03-02',
  intervalMinutes: 15,
  currency: { code: 'VND', step: '1' },
  priceTick: '1',
  tariff: { retailPrice: 2000, feedInPrice: 700 },
  participants: [{ id: 'a', type: 'home', load: { series: 'load.csv' } }],
};

function parseWith(csv: string): unknown {
  return parseScenario(JSON.stringify(base), 'scenario.json', { 'load.csv': csv });
}

describe('review: series CSV rows that do not match the header', () => {
  it('refuses a row with more cells than the header (a decimal comma is never read as two cells)', () => {
    expectWattError(() => parseWith('kW\n1,5\n0,25\n'), ErrorCode.INVALID_SCENARIO);
  });

  it('refuses a header that names the value column twice', () => {
    expectWattError(() => parseWith('kW,kW\n1,5\n0.25,0.5\n'), ErrorCode.INVALID_SCENARIO);
  });

  it('still reads a well-formed file (guard: the refusals above are not blanket ones)', () => {
    const s = parseWith('time,kW\n2026-03-02T00:00,1.5\n2026-03-02T00:15,0.25\n') as { participants: { load: { series: string[] } }[] };
    expect(s.participants[0]?.load.series).toEqual(['1.5', '0.25']);
  });
});
