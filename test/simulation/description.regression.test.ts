import { describe, expect, it } from 'vitest';
import { ErrorCode, renderReport, runSimulation, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { hourlyScenario } from '../helpers/hourly-scenario.js';

/**
 * Regression (review, research toolkit): a scenario's `description` was never validated by
 * resolveScenario. build-result.ts interpolated it into the result
 * (`${f.scenario.description} ${f.note}`): a description of nested arrays (from a scenario file
 * from elsewhere) overflowed the stack there, a RangeError out of runSimulation; a number or an
 * object ran, and the result was one renderReport then refused (INVALID_ARGUMENT).
 */
function withDescription(description: unknown): Scenario {
  return hourlyScenario(description === undefined ? { name: 'described' } : { name: 'described', description });
}

describe('regression: scenario description', () => {
  it('a deeply nested description is refused with INVALID_SCENARIO, not a RangeError', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 20_000; i++) nested = [nested];
    const e = expectWattError(() => runSimulation({ scenario: withDescription(nested), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
    expect(e.message).toContain('description must be a string; got an array');
  });

  for (const [name, description] of [
    ['a number', 5],
    ['an object', { text: 'x' }],
  ] as const) {
    it(`${name} as description is refused before the run`, () => {
      expectWattError(() => runSimulation({ scenario: withDescription(description), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
    });
  }

  it('a scenario without a description runs, with the description "" (not "undefined"), and its result renders', () => {
    const result = runSimulation({ scenario: withDescription(undefined), days: 1, seed: 1 });
    expect(result.description).toBe('');
    expect(() => renderReport(result)).not.toThrow();
  });

  it('a description given is kept as it is (guard)', () => {
    expect(runSimulation({ scenario: withDescription('Two homes.'), days: 1, seed: 1 }).description).toBe('Two homes.');
  });
});
