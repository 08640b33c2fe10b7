import { describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Regression (review, research toolkit): fileContent (src/scenario-file/series-files.ts) checked
 * that a `files` function returns text, but returned a `files` record's entry unchecked
 * (`files[path] as string`). The usual slip, `{ 'load.csv': readFileSync('load.csv') }` without
 * 'utf8', handed readSeriesCsv a Buffer and parseScenario threw a TypeError
 * ("text.replace is not a function") instead of INVALID_SCENARIO naming the file.
 */
const text = JSON.stringify({
  name: 'buffer',
  location: { latitude: 10.85, longitude: 106.77, utcOffsetMinutes: 420 },
  startDate: '2026-03-02',
  currency: { code: 'VND', step: '1' },
  tariff: { retailPrice: 2000, feedInPrice: 700 },
  participants: [{ id: 'a', type: 'home', load: { series: 'load.csv' } }],
});

describe('regression: a series file given as something other than text', () => {
  it('a Buffer in the files record is refused with INVALID_SCENARIO naming the file', () => {
    const files = { 'load.csv': new TextEncoder().encode('kW\n1\n') } as unknown as Record<string, string>;
    const e = expectWattError(() => parseScenario(text, 'scenario.json', files), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    expect(e.message).toContain('scenario.json: participants[0].load.series: the file load.csv was not given as text');
  });

  it('a number in the files record is refused with INVALID_SCENARIO', () => {
    const files = { 'load.csv': 5 } as unknown as Record<string, string>;
    expectWattError(() => parseScenario(text, 'scenario.json', files), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
  });
});
