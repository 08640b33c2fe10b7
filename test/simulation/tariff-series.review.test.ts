import { describe, it } from 'vitest';
import { ErrorCode, runSimulation, scenarioFromData, type Scenario } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

/**
 * Review (research toolkit): resolvePrice (src/simulation/tariff-series.ts) checks a price
 * series with `.map`, which skips the holes of a sparse array (a script that fills an
 * `Array(96)` and misses an interval): the hole passes validation (scenarioFromData accepts the
 * scenario), its extreme becomes NaN, and runSimulation fails with a RangeError (NaN to BigInt)
 * instead of INVALID_SCENARIO. The measured kW series (defineMeasuredSeries) already checks
 * every index for this reason.
 */
function withRetail(series: readonly number[]): Scenario {
  return {
    name: 'sparse-tariff',
    location: { latitude: 10, longitude: 106, utcOffsetMinutes: 0 },
    startDate: '2026-01-01',
    intervalMinutes: 60,
    currency: { code: 'VND', step: '1' },
    priceTick: '1',
    tariff: { retailPrice: { series }, feedInPrice: 700 },
    participants: [
      { id: 'a', type: 'home', load: { series: Array<string>(24).fill('1') } },
      { id: 'b', type: 'home', pv: { series: Array<string>(24).fill('0.5') } },
    ],
  } as unknown as Scenario;
}

function sparse(): number[] {
  const prices = new Array<number>(24);
  for (let k = 0; k < 24; k++) if (k !== 5) prices[k] = 2000;
  return prices;
}

describe('review: a tariff price series with a hole', () => {
  it('runSimulation refuses it with INVALID_SCENARIO, not a RangeError', () => {
    expectWattError(() => runSimulation({ scenario: withRetail(sparse()), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
  });

  it('scenarioFromData refuses it before anything runs', () => {
    expectWattError(() => scenarioFromData(withRetail(sparse()), 'study'), ErrorCode.INVALID_SCENARIO, { fnName: 'scenarioFromData' });
  });
});
