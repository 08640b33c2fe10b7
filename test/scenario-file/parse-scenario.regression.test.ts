import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario, WattError } from '../../src/index.js';
import { checkKeysOnce } from '../../src/scenario-file/unique-keys.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

const base = {
  name: 'regression',
  location: { latitude: 10.85, longitude: 106.77, utcOffsetMinutes: 420 },
  startDate: '2026-03-02',
  currency: { code: 'VND', step: '1' },
  tariff: { retailPrice: 2000, feedInPrice: 700 },
  participants: [{ id: 'a', type: 'home', load: { series: [1] } }],
};

/**
 * Regression (review, research toolkit): a participant's `agent` is a leaf of the scenario file,
 * passed as it is to resolveScenario, which turned it into a property key
 * (`Object.hasOwn(strategies, kind)`) before checking that it is a string. An `agent` of nested
 * arrays (a few kB of `[[[...]]]` in a file from elsewhere) made that key conversion recurse
 * (Array.prototype.toString -> join) until the stack overflowed: a RangeError escaped
 * parseScenario, which promises INVALID_SCENARIO for every bad file.
 */
describe('regression: parseScenario with a deeply nested agent', () => {
  it('refuses it with INVALID_SCENARIO, not a RangeError', () => {
    const depth = 20_000;
    const text = JSON.stringify({ ...base, participants: [{ ...base.participants[0], agent: 0 }] }).replace('"agent":0', `"agent":${'['.repeat(depth)}${']'.repeat(depth)}`);
    const e = expectWattError(() => parseScenario(text, 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    expect(e.message).toContain("participant 'a'");
  });
});

/**
 * Regression (review, research toolkit): JSON.parse keeps the last of two equal keys, and
 * parseScenario checked only the parsed object, so a field written twice (a participant's `pv`
 * given as a model and again as a series, a tariff pasted twice) silently lost one of its values,
 * though parseScenario promises that nothing in a file is ignored.
 */
describe('regression: parseScenario with a field written twice', () => {
  it('refuses the duplicate with INVALID_SCENARIO naming the line and the field, instead of keeping the last value', () => {
    const text = `{
      "name": "twice",
      "location": { "latitude": 10.85, "longitude": 106.77, "utcOffsetMinutes": 420 },
      "startDate": "2026-03-02",
      "currency": { "code": "VND", "step": "1" },
      "tariff": { "retailPrice": 2000, "feedInPrice": 700, "retailPrice": 3000 },
      "participants": [{ "id": "a", "type": "home", "load": { "series": [1] } }]
    }`;
    const e = expectWattError(() => parseScenario(text, 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    expect(e.message).toContain('scenario.json line 6: the field tariff.retailPrice is written twice');
  });

  it('names the path inside lists, and compares keys as JSON reads them (an escaped key is the same key)', () => {
    const text = JSON.stringify(base).replace('"type":"home"', '"type":"home","\\u0074ype":"home"');
    expect(expectWattError(() => parseScenario(text, 'f.json'), ErrorCode.INVALID_SCENARIO).message).toContain('the field participants[0].type is written twice');
  });

  it('accepts equal keys in different objects, and keys that look alike in strings', () => {
    const text = JSON.stringify({ ...base, description: '"name": "x", "name": "y"', participants: [{ id: 'a', type: 'home', load: { series: [1] } }, { id: 'b', type: 'home', load: { series: [1] } }] });
    expect(parseScenario(text, 'f.json').participants).toHaveLength(2);
  });

  it('property: any JSON.stringify output passes; the same text with one key written twice is refused', () => {
    const objects = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), objects, fc.nat(), (outer, inner, pick) => {
        const value = { outer, inner };
        const text = JSON.stringify(value);
        checkKeysOnce(text, 'p.json', 'fn'); // never a false alarm
        const keys = Object.keys(inner);
        const key = keys[pick % keys.length] as string;
        // Write `key` once more at the end of `inner` (its value is irrelevant).
        const twice = JSON.stringify({ outer }).slice(0, -1) + `,"inner":${JSON.stringify(inner).slice(0, -1)},${JSON.stringify(key)}:0}}`;
        expect(() => checkKeysOnce(twice, 'p.json', 'fn')).toThrow(WattError);
      }),
      { numRuns: 200 },
    );
  });

  it('scans a deeply nested text without recursion', () => {
    const depth = 100_000;
    expect(() => checkKeysOnce(`${'[{"a":'.repeat(depth)}0${'}]'.repeat(depth)}`, 'deep.json', 'fn')).not.toThrow();
  });
});

/**
 * Regression (review, research toolkit): parseScenario never checked that `text` is a string.
 * JSON.parse coerces a Buffer (`parseScenario(readFileSync('s.json'))`, the usual slip without
 * 'utf8') or a number to text and parses it, then checkNumbersExact called `text.matchAll` and a
 * TypeError escaped instead of INVALID_SCENARIO.
 */
describe('regression: parseScenario given something other than text', () => {
  for (const [name, value] of [
    ['a Buffer-like byte array', new TextEncoder().encode('{"name":"x"}')],
    ['a number', 5],
  ] as const) {
    it(`refuses ${name} with INVALID_SCENARIO`, () => {
      const e = expectWattError(() => parseScenario(value as unknown as string, 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
      expect(e.message).toContain('scenario.json: the file\'s content must be text');
    });
  }
});
