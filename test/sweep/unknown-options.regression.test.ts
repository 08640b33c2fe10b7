import { describe, expect, it } from 'vitest';
import { campusScenario, expandSweep, scaleScenario, type ScenarioScale, type SweepOptions } from '../../src/index.js';
import { codeOf } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): the library's rule (src/validation/checks.ts, checkKnownKeys: "a
 * misspelt option is a bug in the caller, not something to ignore silently") is not applied to
 * sweeps. expandSweep (and so runSweep) ignores unknown option keys, so a sweep written with
 * `mechanism: ['huang']` runs uniform only and reports it as the study; a variant's misspelt
 * `scal`, and scaleScenario's misspelt `batery`, run the unscaled scenario under the variant's
 * name; a hole in `strategies` or `k` becomes a run labelled with no strategy or k.
 */
const ok = { scenarios: ['campus'], days: 1, seeds: [1] };
const refused = (f: () => unknown): string | undefined => codeOf(f);

function holey<T>(second: T): T[] {
  const list: T[] = [];
  list[1] = second;
  return list;
}

describe('review: misspelt sweep options are refused, not ignored', () => {
  it('expandSweep refuses an unknown option (mechanism for mechanisms)', () => {
    expect(refused(() => expandSweep({ ...ok, mechanism: ['huang'] } as unknown as SweepOptions))).toBe('INVALID_OPTION');
  });

  it('expandSweep refuses a variant with an unknown field (scal for scale)', () => {
    expect(['INVALID_OPTION', 'INVALID_ARGUMENT']).toContain(refused(() => expandSweep({ ...ok, variants: [{ name: 'pv x2', scal: { pv: 2 } } as unknown as { name: string }] })));
  });

  it('scaleScenario refuses an unknown multiplier (batery for battery)', () => {
    expect(['INVALID_OPTION', 'INVALID_ARGUMENT']).toContain(refused(() => scaleScenario(campusScenario(), { batery: 0 } as unknown as ScenarioScale)));
  });

  it('expandSweep refuses a hole in strategies', () => {
    expect(refused(() => expandSweep({ ...ok, strategies: holey('truthful') }))).toBe('INVALID_ARGUMENT');
  });

  it('expandSweep refuses a hole in k', () => {
    expect(refused(() => expandSweep({ ...ok, k: holey('0.5') }))).toBe('INVALID_ARGUMENT');
  });
});
