import { describe, expect, it } from 'vitest';
import { ErrorCode, renderReport, runSimulation, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Regression (review, research toolkit): a scenario's `description` was never validated by
 * resolveScenario. build-result.ts interpolated it into the result
 * (`${f.scenario.description} ${f.note}`): a description of nested arrays (from a scenario file
 * from elsewhere) overflowed the stack there, a RangeError out of runSimulation; a number or an
 * object ran, and the result was one renderReport then refused (INVALID_ARGUMENT).
 */
function withDescription(description: unknown): Scenario {
  const s: Record<string, unknown> = {
    name: 'described',
    location: { latitude: 10, longitude: 106, utcOffsetMinutes: 0 },
    startDate: '2026-01-01',
    intervalMinutes: 60,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: 2000, feedInPrice: 700 },
    participants: [
      { id: 'a', type: 'home', load: { series: Array<string>(24).fill('1') } },
      { id: 'b', type: 'home', pv: { capacityKWp: 5 } },
    ],
  };
  if (description !== undefined) s['description'] = description;
  return s as unknown as Scenario;
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
