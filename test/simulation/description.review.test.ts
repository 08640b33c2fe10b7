import { describe, expect, it } from 'vitest';
import { ErrorCode, renderReport, runSimulation, WattError, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): a scenario's `description` is never validated by resolveScenario
 * (src/simulation/resolve-scenario.ts). build-result.ts interpolates it into the result
 * (`${f.scenario.description} ${f.note}`): a description of nested arrays (from a scenario file
 * from elsewhere) overflows the stack there, a RangeError out of runSimulation; a number or an
 * object runs, and the result is one renderReport then refuses (INVALID_ARGUMENT).
 */
function withDescription(description: unknown): Scenario {
  return {
    name: 'described',
    description,
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
  } as unknown as Scenario;
}

describe('review: scenario description', () => {
  it('a deeply nested description is refused with INVALID_SCENARIO, not a RangeError', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 20_000; i++) nested = [nested];
    expectWattError(() => runSimulation({ scenario: withDescription(nested), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO);
  });

  for (const [name, description] of [
    ['a number', 5],
    ['an object', { text: 'x' }],
  ] as const) {
    it(`${name} as description is refused, or its result renders`, () => {
      let result: ReturnType<typeof runSimulation>;
      try {
        result = runSimulation({ scenario: withDescription(description), days: 1, seed: 1 });
      } catch (e) {
        expect(e).toBeInstanceOf(WattError);
        return;
      }
      expect(() => renderReport(result)).not.toThrow();
    });
  }
});
