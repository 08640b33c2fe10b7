import { describe, it } from 'vitest';
import { ErrorCode, parseScenario, runSimulation, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): a scenario's `climate` is never validated. resolveScenario
 * (src/simulation/resolve-scenario.ts, `climate: s.climate ?? SOUTHERN_VIETNAM_CLIMATE`) passes
 * it on as it is and stepClouds (src/assets/cloud-model.ts) reads it mid-run: `climate: 5`
 * escapes runSimulation as a TypeError; `forecastError: "abc"` passes parseScenario and fails
 * only once the run is under way, blamed on the PV asset (ASSET_FAILED); a negative standard
 * deviation, probabilities outside [0, 1] and a `monthly` that is a string are accepted and
 * run. The README promises that a bad value is refused before anything runs.
 */
function withClimate(climate: unknown): Scenario {
  return {
    name: 'climate',
    location: { latitude: 10, longitude: 106, utcOffsetMinutes: 0 },
    startDate: '2026-01-01',
    intervalMinutes: 60,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2000, feedInPrice: 700 },
    climate,
    participants: [
      { id: 'a', type: 'home', load: { series: Array<string>(24).fill('1') } },
      { id: 'b', type: 'home', pv: { capacityKWp: 5 } },
    ],
  } as unknown as Scenario;
}

const twelve = <T>(v: T): T[] => Array.from({ length: 12 }, () => v);

describe('review: a bad climate is refused before the run', () => {
  it('runSimulation refuses a climate that is not an object with INVALID_SCENARIO (not a TypeError)', () => {
    expectWattError(() => runSimulation({ scenario: withClimate(5), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
  });

  const bad: [string, unknown][] = [
    ['a forecastError that is not a number', { monthly: twelve([0.5, 0.3, 0.2]), forecastError: 'abc' }],
    ['a negative forecastError', { monthly: twelve([0.5, 0.3, 0.2]), forecastError: -5 }],
    ['day-type probabilities outside [0, 1]', { monthly: twelve([7, -3, 0]), forecastError: 0.1 }],
    ['a monthly table that is a string', { monthly: 'xxxxxxxxxxxx', forecastError: 0.1 }],
    ['a monthly table without 12 months', { monthly: [], forecastError: 0.1 }],
  ];
  for (const [name, climate] of bad) {
    it(`parseScenario refuses ${name}`, () => {
      expectWattError(() => parseScenario(JSON.stringify(withClimate(climate)), 'scenario.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    });
  }
});
