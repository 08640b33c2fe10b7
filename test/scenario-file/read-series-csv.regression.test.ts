import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario } from '../../src/index.js';
import { readSeriesCsv } from '../../src/scenario-file/read-series-csv.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Regression (review, research toolkit): readSeriesCsv (src/scenario-file/read-series-csv.ts)
 * took the header's column from every row and ignored any further cells, so a row that does not
 * have the header's shape was read silently. A researcher with a decimal comma (`1,5` for 1.5,
 * common in European exports) under a one-column header `kW` got 1 and 0 instead of 1.5 and 0.25,
 * and a header naming the column twice silently picked the first.
 */
const base = {
  name: 'csv-regression',
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

describe('regression: series CSV rows that do not match the header', () => {
  it('refuses a row with more cells than the header (a decimal comma is never read as two cells)', () => {
    const e = expectWattError(() => parseWith('kW\n1,5\n0,25\n'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    expect(e.message).toContain('load.csv line 2: 2 cells, but line 1 has 1 (a decimal comma');
  });

  it('refuses a header that names the value column twice', () => {
    const e = expectWattError(() => parseWith('kW,kW\n1,5\n0.25,0.5\n'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    expect(e.message).toContain('load.csv line 1: the columns 1 and 2 ("kW", "kW") both name the values');
  });

  it('refuses a row with fewer cells than the header, and a wider row in a file without a header', () => {
    expect(expectWattError(() => parseWith('kW,time\n1.5\n'), ErrorCode.INVALID_SCENARIO).message).toContain('load.csv line 2: 1 cells, but line 1 has 2');
    expect(expectWattError(() => parseWith('1.5\n0,25\n'), ErrorCode.INVALID_SCENARIO).message).toContain('load.csv line 2: 2 cells, but line 1 has 1');
  });

  it('still reads a well-formed file (guard: the refusals above are not blanket ones)', () => {
    const s = parseWith('time,kW\n2026-03-02T00:00,1.5\n2026-03-02T00:15,0.25\n') as { participants: { load: { series: string[] } }[] };
    expect(s.participants[0]?.load.series).toEqual(['1.5', '0.25']);
  });

  it('property: a file whose rows all have the header\'s width is read; any row of another width is refused', () => {
    const cell = fc.constantFrom('0', '1.5', '2', 'x');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }), cell, (width, widths, value) => {
        const header = ['kW', ...Array.from({ length: width - 1 }, (_, i) => `c${i}`)].join(',');
        const rows = widths.map((w) => ['1', ...Array.from({ length: w - 1 }, () => value)].join(','));
        const text = `${header}\n${rows.join('\n')}\n`;
        if (widths.every((w) => w === width)) expect(readSeriesCsv(text, 'f.csv', 'fn', ['kW']).values).toHaveLength(widths.length);
        else expectWattError(() => readSeriesCsv(text, 'f.csv', 'fn', ['kW']), ErrorCode.INVALID_SCENARIO);
      }),
      { numRuns: 300 },
    );
  });
});
