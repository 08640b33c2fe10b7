import { describe, it } from 'vitest';
import { ErrorCode, runSimulation, scenarioFromData, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): resolveScenario (src/simulation/resolve-scenario.ts) checks
 * `participants` and `zones` with `.map`, which skips the holes of a sparse array (a script
 * that assigns `participants[i]` in a loop and misses one). A hole in `participants` escapes
 * runSimulation and scenarioFromData as a TypeError; a hole in `zones` is accepted as a zone.
 */
const participant = (id: string, zone?: string): Record<string, unknown> => ({ id, type: 'home', ...(zone === undefined ? {} : { zone }), load: { series: Array<string>(24).fill('1') } });

function scenario(participants: unknown[], zones?: unknown[]): Scenario {
  return {
    name: 'sparse',
    location: { latitude: 10, longitude: 106, utcOffsetMinutes: 0 },
    startDate: '2026-01-01',
    intervalMinutes: 60,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2000, feedInPrice: 700 },
    ...(zones === undefined ? {} : { zones }),
    participants,
  } as unknown as Scenario;
}

function holey<T>(first: T, third: T): T[] {
  const list: T[] = [first];
  list[2] = third;
  return list;
}

describe('review: sparse participant and zone lists', () => {
  it('runSimulation refuses a hole in participants with INVALID_SCENARIO (not a TypeError)', () => {
    expectWattError(() => runSimulation({ scenario: scenario(holey(participant('a'), participant('c'))), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO);
  });

  it('scenarioFromData refuses a hole in participants with INVALID_SCENARIO (not a TypeError)', () => {
    expectWattError(() => scenarioFromData(scenario(holey(participant('a'), participant('c')))), ErrorCode.INVALID_SCENARIO);
  });

  it('runSimulation refuses a hole in zones', () => {
    expectWattError(
      () => runSimulation({ scenario: scenario([participant('a', 'z1'), participant('b', 'z2')], holey('z1', 'z2')), days: 1, seed: 1 }),
      ErrorCode.INVALID_SCENARIO,
    );
  });
});
