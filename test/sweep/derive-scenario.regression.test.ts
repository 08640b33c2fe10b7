import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campusScenario, deriveScenario, expandSweep, scaleScenario, WattError, type Scenario } from '../../src/index.js';

/**
 * Regression (research toolkit review): deriveScenario (src/sweep/derive-scenario.ts) was immer's `produce`
 * with auto-freeze on, and immer deep-freezes the result including every branch it shares with
 * `base`: the caller's own scenario gets frozen in place (its `location`, its untouched
 * participants, `participants` itself). expandSweep/runSweep derive the user's scenario for a
 * strategy or a variant, so a research script that sweeps its scenario, edits it and sweeps
 * again throws a TypeError on the edit; and a refused sweep leaves the argument changed too.
 */
function frozenParts(s: Scenario): string[] {
  const parts: [string, unknown][] = [
    ['scenario', s],
    ['location', s.location],
    ['tariff', s.tariff],
    ['participants', s.participants],
    ...s.participants.map((p, i): [string, unknown] => [`participants[${i}]`, p]),
  ];
  return parts.filter(([, v]) => Object.isFrozen(v)).map(([n]) => n);
}

describe('regression: deriving from a scenario leaves the caller its scenario as it was (immer auto-freeze froze the base)', () => {
  it('deriveScenario does not freeze the base', () => {
    const base = campusScenario();
    deriveScenario(base, (s) => {
      s.tariff.feedInPrice = 500;
    });
    expect(frozenParts(base)).toEqual([]);
  });

  it('a sweep with a variant does not freeze the scenario it was given', () => {
    const mine = campusScenario();
    expandSweep({ scenarios: [mine], days: 1, seeds: [1], variants: [{ name: 'pv x2', scale: { pv: 2 } }] });
    expect(frozenParts(mine)).toEqual([]);
    // What a research script does next: edit its scenario and sweep again.
    expect(() => {
      mine.location.latitude = 11;
    }).not.toThrow();
  });

  it('a refused sweep leaves the scenario it was given unchanged (not frozen)', () => {
    const mine = campusScenario();
    expect(() => expandSweep({ scenarios: [mine], days: 1, seeds: [1], strategies: ['truthful'], k: ['7'] })).toThrow(WattError);
    expect(frozenParts(mine)).toEqual([]);
  });

  it('no chain of deriveScenario and scaleScenario changes or freezes its base or its result (property)', () => {
    const edit = fc.constantFrom<(s: Scenario) => Scenario>(
      (s) => deriveScenario(s, (d) => { d.tariff.feedInPrice = 1; }),
      (s) => deriveScenario(s, (d) => { d.location.latitude = 0; }),
      (s) => deriveScenario(s, (d) => { d.participants.pop(); }),
      (s) => deriveScenario(s, (d) => { d.name = 'other'; }),
      (s) => scaleScenario(s, { pv: '1.5', battery: 0 }),
      (s) => scaleScenario(s, { battery: 2 }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const base = campusScenario();
        const before = JSON.stringify(base);
        const derived = edits.reduce((s, f) => f(s), base);
        expect(JSON.stringify(base)).toBe(before);
        expect(frozenParts(base)).toEqual([]);
        expect(frozenParts(derived)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
