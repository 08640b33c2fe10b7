import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, runSimulation, scenarioFromData, WattError, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { hourlyScenario } from '../helpers/hourly-scenario.js';

/**
 * Regression (review, research toolkit): resolveScenario (src/simulation/resolve-scenario.ts)
 * checked `participants` and `zones` with `.map`, which skips the holes of a sparse array (a
 * script that assigns `participants[i]` in a loop and misses one). A hole in `participants`
 * escaped runSimulation and scenarioFromData as a TypeError; a hole in `zones` was accepted as a
 * zone. The network's links and transformers (checked with forEach) had the same gap: a missing
 * link read as an unlimited one.
 */
const participant = (id: string, zone?: string): Record<string, unknown> => ({ id, type: 'home', ...(zone === undefined ? {} : { zone }), load: { series: Array<string>(24).fill('1') } });

function scenario(participants: unknown[], zones?: unknown[], network?: unknown): Scenario {
  return hourlyScenario({ name: 'sparse', participants, ...(zones === undefined ? {} : { zones }), ...(network === undefined ? {} : { network }) });
}

function holey<T>(first: T, third: T): T[] {
  const list: T[] = [first];
  list[2] = third;
  return list;
}

/** A copy of `list` without its entry `hole` (a hole there, not undefined); -1: none. */
function withHole<T>(list: readonly T[], hole: number): T[] {
  const out = new Array<T>(list.length);
  list.forEach((item, i) => {
    if (i !== hole) out[i] = item;
  });
  return out;
}

describe('regression: sparse participant and zone lists', () => {
  it('runSimulation refuses a hole in participants with INVALID_SCENARIO (not a TypeError)', () => {
    const e = expectWattError(() => runSimulation({ scenario: scenario(holey(participant('a'), participant('c'))), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
    expect(e.message).toContain('participants[1] is missing');
  });

  it('scenarioFromData refuses a hole in participants with INVALID_SCENARIO (not a TypeError)', () => {
    const e = expectWattError(() => scenarioFromData(scenario(holey(participant('a'), participant('c')))), ErrorCode.INVALID_SCENARIO, { fnName: 'scenarioFromData' });
    expect(e.message).toContain('participants[1] is missing');
  });

  it('runSimulation refuses a hole in zones', () => {
    const e = expectWattError(
      () => runSimulation({ scenario: scenario([participant('a', 'z1'), participant('b', 'z2')], holey('z1', 'z2')), days: 1, seed: 1 }),
      ErrorCode.INVALID_SCENARIO,
    );
    expect(e.message).toContain('zones[1] is missing');
  });

  it('runSimulation and scenarioFromData refuse a hole in network.links', () => {
    const links = holey({ from: 'z1', to: 'z2', capacityKW: 1 }, { from: 'z2', to: 'z1', capacityKW: 1 });
    const s = scenario([participant('a', 'z1'), participant('b', 'z2')], ['z1', 'z2'], { links });
    expect(expectWattError(() => runSimulation({ scenario: s, days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO).message).toContain('network.links[1] is missing');
    expectWattError(() => scenarioFromData(s), ErrorCode.INVALID_SCENARIO, { fnName: 'scenarioFromData' });
  });

  it('property: a hole anywhere in participants or zones is refused with INVALID_SCENARIO, never a TypeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1), fc.boolean(), fc.boolean())), ([n, hole, inZones, fromData]) => {
        const names = Array.from({ length: n }, (_, i) => `z${i}`);
        const s = scenario(
          withHole(names.map((z, i) => participant(`p${i}`, z)), inZones ? -1 : hole),
          withHole(names, inZones ? hole : -1),
        );
        let thrown: unknown;
        try {
          if (fromData) scenarioFromData(s);
          else runSimulation({ scenario: s, days: 1, seed: 1 });
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(WattError);
        expect((thrown as WattError).code).toBe(ErrorCode.INVALID_SCENARIO);
        expect((thrown as WattError).message).toContain(`${inZones ? 'zones' : 'participants'}[${hole}] is missing`);
      }),
      { numRuns: 60 },
    );
  });
});
