import { describe, it } from 'vitest';
import { ErrorCode, parseScenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): a participant's `agent` is a leaf of the scenario file, passed as it
 * is to resolveScenario (src/simulation/resolve-scenario.ts, `Object.hasOwn(strategies, kind)`),
 * which turns it into a property key before checking that it is a string. An `agent` of nested
 * arrays (a few kB of `[[[...]]]` in a file from elsewhere) makes that key conversion recurse
 * (Array.prototype.toString -> join) until the stack overflows: a RangeError escapes
 * parseScenario, which promises INVALID_SCENARIO for every bad file.
 */
describe('review: parseScenario with a deeply nested agent', () => {
  it('refuses it with INVALID_SCENARIO, not a RangeError', () => {
    const depth = 20_000;
    const participant = { id: 'a', type: 'home', load: { series: [1] }, agent: 0 };
    const text = JSON.stringify({
      name: 'nested-agent',
      location: { latitude: 10.85, longitude: 106.77, utcOffsetMinutes: 420 },
      startDate: '2026-03-02',
      currency: { code: 'VND', step: '1' },
      tariff: { retailPrice: 2000, feedInPrice: 700 },
      participants: [participant],
    }).replace('"agent":0', `"agent":${'['.repeat(depth)}${']'.repeat(depth)}`);
    expectWattError(() => parseScenario(text, 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
  });
});

/**
 * Review (research toolkit): JSON.parse keeps the last of two equal keys, and parseScenario
 * checks only the parsed object, so a field written twice (a participant's `pv` given as a
 * model and again as a series, a tariff pasted twice) silently loses one of its values, though
 * parseScenario promises that nothing in a file is ignored.
 */
describe('review: parseScenario with a field written twice', () => {
  it('refuses the duplicate with INVALID_SCENARIO instead of keeping the last value', () => {
    const text = `{
      "name": "twice",
      "location": { "latitude": 10.85, "longitude": 106.77, "utcOffsetMinutes": 420 },
      "startDate": "2026-03-02",
      "currency": { "code": "VND", "step": "1" },
      "tariff": { "retailPrice": 2000, "feedInPrice": 700, "retailPrice": 3000 },
      "participants": [{ "id": "a", "type": "home", "load": { "series": [1] } }]
    }`;
    expectWattError(() => parseScenario(text, 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
  });
});

/**
 * Review (research toolkit): parseScenario never checks that `text` is a string. JSON.parse
 * coerces a Buffer (`parseScenario(readFileSync('s.json'))`, the usual slip without 'utf8') or a
 * number to text and parses it, then checkNumbersExact calls `text.matchAll` and a TypeError
 * escapes instead of INVALID_SCENARIO.
 */
describe('review: parseScenario given something other than text', () => {
  for (const [name, value] of [
    ['a Buffer-like byte array', new TextEncoder().encode('{"name":"x"}')],
    ['a number', 5],
  ] as const) {
    it(`refuses ${name} with INVALID_SCENARIO`, () => {
      expectWattError(() => parseScenario(value as unknown as string, 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    });
  }
});
