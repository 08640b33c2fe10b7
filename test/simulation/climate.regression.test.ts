import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario, runSimulation, type Scenario } from '../../src/index.js';
import { resolveClimate } from '../../src/simulation/resolve-climate.js';
import { SOUTHERN_VIETNAM_CLIMATE } from '../../src/assets/cloud-model.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { hourlyScenario } from '../helpers/hourly-scenario.js';

/**
 * Regression (review, research toolkit): a scenario's `climate` was never validated.
 * resolveScenario passed it on as it was and stepClouds (src/assets/cloud-model.ts) read it
 * mid-run: `climate: 5` escaped runSimulation as a TypeError; `forecastError: "abc"` passed
 * parseScenario and failed only once the run was under way, blamed on the PV asset
 * (ASSET_FAILED); a negative standard deviation, probabilities outside [0, 1] and a `monthly`
 * that is a string were accepted and run. The README promises that a bad value is refused before
 * anything runs.
 */
function withClimate(climate: unknown): Scenario {
  return hourlyScenario({ name: 'climate', climate });
}

const twelve = <T>(v: T): T[] => Array.from({ length: 12 }, () => v);

/** `[0.5, <hole>, 0.5]`: a month with its mixed-day probability missing. */
function holeyMonth(): number[] {
  const month = [0.5];
  month[2] = 0.5;
  return month;
}

describe('regression: a bad climate is refused before the run', () => {
  it('runSimulation refuses a climate that is not an object with INVALID_SCENARIO (not a TypeError)', () => {
    const e = expectWattError(() => runSimulation({ scenario: withClimate(5), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
    expect(e.message).toContain('climate must be an object');
  });

  const bad: [string, unknown, string][] = [
    ['a forecastError that is not a number', { monthly: twelve([0.5, 0.3, 0.2]), forecastError: 'abc' }, 'climate.forecastError'],
    ['a negative forecastError', { monthly: twelve([0.5, 0.3, 0.2]), forecastError: -5 }, 'climate.forecastError'],
    ['day-type probabilities outside [0, 1]', { monthly: twelve([7, -3, 0]), forecastError: 0.1 }, 'climate.monthly[0][0]'],
    ['probabilities that do not sum to 1', { monthly: twelve([0.5, 0.3, 0.1]), forecastError: 0.1 }, 'climate.monthly[0]: the probabilities'],
    ['a monthly table that is a string', { monthly: 'xxxxxxxxxxxx', forecastError: 0.1 }, 'climate.monthly must be a list of 12 months'],
    ['a monthly table without 12 months', { monthly: [], forecastError: 0.1 }, 'climate.monthly must be a list of 12 months'],
    ['a month with null (a hole, once in JSON)', { monthly: [...twelve([0.5, 0.3, 0.2]).slice(0, 11), holeyMonth()], forecastError: 0.1 }, 'climate.monthly[11][1] must be a probability'],
  ];
  for (const [name, climate, field] of bad) {
    it(`parseScenario refuses ${name}`, () => {
      const e = expectWattError(() => parseScenario(JSON.stringify(withClimate(climate)), 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
      expect(e.message).toContain(field);
    });
  }

  it('refuses a hole in a month (runSimulation, where JSON cannot carry one)', () => {
    const climate = { monthly: [...twelve([0.5, 0.3, 0.2]).slice(0, 11), holeyMonth()], forecastError: 0.1 };
    expect(expectWattError(() => runSimulation({ scenario: withClimate(climate), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO).message).toContain('climate.monthly[11][1] is missing');
  });

  it('accepts the built-in climate and returns its values (guard)', () => {
    expect(resolveClimate(SOUTHERN_VIETNAM_CLIMATE, 'fn')).toEqual(SOUTHERN_VIETNAM_CLIMATE);
    expect(resolveClimate(JSON.parse(JSON.stringify(SOUTHERN_VIETNAM_CLIMATE)), 'fn')).toEqual(SOUTHERN_VIETNAM_CLIMATE);
  });

  it('property: a climate is accepted exactly when every month holds three probabilities summing to 1 and forecastError is in [0, 1]; never another error', () => {
    // A valid climate, then (most of the time) one thing spoilt: a month, the length, forecastError.
    const valid = fc.constantFrom<number[]>([0.7, 0.25, 0.05], [0.2, 0.5, 0.3], [1, 0, 0], [0.25, 0.5, 0.25]);
    const p = fc.oneof(fc.double({ min: -0.5, max: 1.5 }), fc.constantFrom(0, 0.25, 0.5, 1));
    const spoilt = fc.oneof(fc.tuple(p, p, p), fc.array(p, { maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(valid, { minLength: 12, maxLength: 12 }), fc.option(fc.tuple(fc.nat(11), spoilt)), fc.integer({ min: 11, max: 13 }), fc.oneof(fc.constant(0.12), fc.double({ min: -1, max: 2 })), (months, spoil, length, forecastError) => {
        const monthly: number[][] = months.slice(0, length);
        while (monthly.length < length) monthly.push([1, 0, 0]);
        if (spoil !== null) monthly[spoil[0]] = spoil[1];
        const ok =
          monthly.length === 12 &&
          monthly.every((m) => m.length === 3 && m.every((x) => x >= 0 && x <= 1) && Math.abs(m.reduce((a, b) => a + b, 0) - 1) <= 1e-9) &&
          forecastError >= 0 &&
          forecastError <= 1;
        if (ok) expect(resolveClimate({ monthly, forecastError }, 'fn')).toEqual({ monthly, forecastError });
        else expectWattError(() => resolveClimate({ monthly, forecastError }, 'fn'), ErrorCode.INVALID_SCENARIO, { fnName: 'fn' });
      }),
      { numRuns: 300 },
    );
  });
});

// Found reviewing the climate fix: the climate was checked and then handed to the run as the
// caller's own object, which the cloud model read again mid-run, so a getter (or a change made
// while the run was under way) could put an unchecked value into it. The run now reads a copy of
// the values checked.
describe('regression: the run reads the climate values that were checked', () => {
  it('a getter that changes after the check gives the run of the checked value', () => {
    const plain = { monthly: twelve([0.5, 0.3, 0.2]), forecastError: 0.1 };
    let reads = 0;
    const changing = {
      monthly: twelve([0.5, 0.3, 0.2]),
      get forecastError(): unknown {
        reads++;
        return reads === 1 ? 0.1 : 'abc';
      },
    };
    const expected = runSimulation({ scenario: withClimate(plain), days: 1, seed: 1 });
    const got = runSimulation({ scenario: withClimate(changing), days: 1, seed: 1 });
    expect(got.totals).toEqual(expected.totals);
    expect(reads).toBe(1);
  });
});
