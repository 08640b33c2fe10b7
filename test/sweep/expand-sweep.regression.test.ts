import { describe, it } from 'vitest';
import { ErrorCode, expandSweep, type SweepOptions } from '../../src/index.js';
import { codeOf } from '../helpers/expect-watt-error.js';
import { expect } from 'vitest';

/**
 * Regression (research toolkit review): expandSweep (src/sweep/expand-sweep.ts) read `v.name` of each
 * variant after `typeof v !== 'object'` (true for null), `s.name` of each non-string scenario,
 * `options.days` of the options and `scale.pv` of a variant's scale without checking for null:
 * a null escapes as a TypeError instead of a WattError (and so does runSweep, which calls it).
 */
describe('regression: expandSweep with null entries (TypeError instead of a WattError)', () => {
  const ok = { scenarios: ['campus'], days: 1, seeds: [1] } as const;
  const cases: [string, unknown][] = [
    ['a null variant', { ...ok, variants: [null] }],
    ['a null scenario', { ...ok, scenarios: [null] }],
    ['a variant whose scale is null', { ...ok, variants: [{ name: 'v', scale: null }] }],
    ['null options', null],
    ['a scenario without participants', { ...ok, scenarios: [{ name: 'x' }], strategies: ['truthful'] }],
    ['a scenario with a null participant', { ...ok, scenarios: [{ name: 'x', participants: [null] }], variants: [{ name: 'v', scale: { pv: 2 } }] }],
    ['a null strategy', { ...ok, strategies: [null] }],
  ];
  for (const [name, options] of cases) {
    it(`refuses ${name} with a WattError`, () => {
      let code: string | undefined;
      let thrown: unknown;
      try {
        code = codeOf(() => expandSweep(options as SweepOptions));
      } catch (e) {
        thrown = e;
      }
      expect(thrown, 'a non-WattError escaped').toBeUndefined();
      expect([ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_SCENARIO, ErrorCode.INVALID_OPTION]).toContain(code);
    });
  }
});
