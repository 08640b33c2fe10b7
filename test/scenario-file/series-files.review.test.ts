import { describe, it } from 'vitest';
import { ErrorCode, parseScenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): fileContent (src/scenario-file/series-files.ts) checks that a
 * `files` function returns text, but returns a `files` record's entry unchecked
 * (`files[path] as string`). The usual slip, `{ 'load.csv': readFileSync('load.csv') }` without
 * 'utf8', hands readSeriesCsv a Buffer and parseScenario throws a TypeError
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

describe('review: a series file given as something other than text', () => {
  it('a Buffer in the files record is refused with INVALID_SCENARIO', () => {
    const files = { 'load.csv': new TextEncoder().encode('kW\n1\n') } as unknown as Record<string, string>;
    expectWattError(() => parseScenario(text, 'scenario.json', files), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
  });

  it('a number in the files record is refused with INVALID_SCENARIO', () => {
    const files = { 'load.csv': 5 } as unknown as Record<string, string>;
    expectWattError(() => parseScenario(text, 'scenario.json', files), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
  });
});
