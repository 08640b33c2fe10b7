import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, runSimulation, scenarioFromData, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { hourlyScenario } from '../helpers/hourly-scenario.js';

/**
 * Regression (review, research toolkit): resolvePrice (src/simulation/tariff-series.ts) checked a
 * price series with `.map`, which skips the holes of a sparse array (a script that fills an
 * `Array(96)` and misses an interval): the hole passed validation (scenarioFromData accepted the
 * scenario), its extreme became NaN, and runSimulation failed with a RangeError (NaN to BigInt)
 * instead of INVALID_SCENARIO. The measured kW series (defineMeasuredSeries) already checked
 * every index for this reason.
 */
function withRetail(series: readonly number[]): Scenario {
  return hourlyScenario({
    name: 'sparse-tariff',
    tariff: { retailPrice: { series }, feedInPrice: 700 },
    participants: [
      { id: 'a', type: 'home', load: { series: Array<string>(24).fill('1') } },
      { id: 'b', type: 'home', pv: { series: Array<string>(24).fill('0.5') } },
    ],
  });
}

function sparse(hole = 5, length = 24): number[] {
  const prices = new Array<number>(length);
  for (let k = 0; k < length; k++) if (k !== hole) prices[k] = 2000;
  return prices;
}

describe('regression: a tariff price series with a hole', () => {
  it('runSimulation refuses it with INVALID_SCENARIO naming the interval, not a RangeError', () => {
    const e = expectWattError(() => runSimulation({ scenario: withRetail(sparse()), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
    expect(e.message).toContain('tariff.retailPrice.series[5] is missing');
  });

  it('scenarioFromData refuses it before anything runs', () => {
    expectWattError(() => scenarioFromData(withRetail(sparse()), 'study'), ErrorCode.INVALID_SCENARIO, { fnName: 'scenarioFromData' });
  });

  it('property: a series with a hole anywhere is refused with INVALID_SCENARIO naming it, never another error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))), ([length, hole]) => {
        const e = expectWattError(() => scenarioFromData(withRetail(sparse(hole, Math.max(length, 24))), 'study'), ErrorCode.INVALID_SCENARIO);
        expect(e.message).toContain(`tariff.retailPrice.series[${hole}] is missing`);
      }),
      { numRuns: 100 },
    );
  });
});
