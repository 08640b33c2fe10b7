import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campusScenario, expandSweep, scaleScenario, type ScenarioScale, type SweepOptions } from '../../src/index.js';
import { runSweep } from '../../src/node.js';
import { codeOf, expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Regression (research toolkit review): the library's rule (src/validation/checks.ts, checkKnownKeys: "a
 * misspelt option is a bug in the caller, not something to ignore silently") is not applied to
 * sweeps. expandSweep (and so runSweep) ignored unknown option keys, so a sweep written with
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

describe('regression: misspelt sweep options are refused, not ignored', () => {
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

  it('runSweep refuses an unknown option (worker for workers) before any run, and names itself', async () => {
    await expect(runSweep({ ...ok, worker: 1 } as unknown as SweepOptions)).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringMatching(/^runSweep: unknown option 'worker'/) as string });
  });

  it('the error starts with the function name and names the field', () => {
    expectWattError(() => expandSweep({ ...ok, variants: [{ name: 'a' }, { name: 'b', scale: { pv: 2, batery: 0 } as ScenarioScale }] }), 'INVALID_OPTION', { fnName: 'expandSweep' });
    expect(() => expandSweep({ ...ok, variants: [{ name: 'a' }, { name: 'b', scale: { pv: 2, batery: 0 } as ScenarioScale }] })).toThrow(/variants\[1\]\.scale multiplier 'batery'/);
    expect(() => expandSweep({ ...ok, strategies: holey('truthful') })).toThrow(/^expandSweep: strategies\[0\] is missing/);
  });

  it('any key that is not an option is refused (property)', () => {
    const known = new Set(['scenarios', 'days', 'seeds', 'mechanisms', 'strategies', 'k', 'variants', 'clearing']);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !known.has(k) && k !== '__proto__'),
        fc.anything(),
        (key, value) => {
          expect(refused(() => expandSweep({ ...ok, [key]: value }))).toBe('INVALID_OPTION');
        },
      ),
      { numRuns: 100 },
    );
  });
});
