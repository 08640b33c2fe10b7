import { describe, expect, it } from 'vitest';
import { campusScenario, ErrorCode, newAssetFlow, runSimulation } from '../../src/index.js';
import type { Asset, AssetType, Scenario } from '../../src/index.js';
import { checkStateOfCharge } from '../../src/assets/asset-contract.js';

// Review of 42cd83b (feat/perf8). The states of charge are now stored in Float64Arrays as they
// are read (run-loop.ts), where the old record kept the value itself and buildResult converted it
// at the end. The two agree for every number, but checkStateOfCharge ("a number in [0, 1]")
// lets values that are no number through (`x >= 0 && x <= 1` coerces: null, true, '0.5', an object
// with valueOf), and for those the conversion moved: an asset whose value converts differently
// each time gives another result than before the change. The contract check should refuse them.

/** A charted asset type whose stateOfCharge returns `value()`; it neither takes nor gives energy. */
function gauge(value: () => unknown): AssetType<Record<string, never>> {
  return {
    kind: 'gauge',
    field: 'gauge',
    controllable: false,
    baseline: 'self-consume',
    chartsStateOfCharge: true,
    metrics: [],
    define: () => ({}),
    create(): Asset {
      const flow = newAssetFlow();
      return {
        prepare() {},
        forecastWh: () => 0,
        ownWh: () => 0,
        view: () => ({ storedWh: 0, maxChargeWh: 0, maxDischargeWh: 0, mustChargeWh: 0, roundTripPpm: 0 }),
        step() {
          flow.netWh = 0;
          flow.generationWh = 0;
          return flow;
        },
        metric: () => 0,
        stateOfCharge: value as () => number,
      };
    },
  };
}

function withGauge(): Scenario {
  const base = campusScenario();
  const zone = (base.participants[0] as { zone?: string }).zone;
  return { ...base, name: 'campus-gauge', participants: [...base.participants, { id: 'gauge-1', type: 'gauge', zone, gauge: {} } as Scenario['participants'][number]] };
}

describe('review perf8: a state of charge that is no number', () => {
  it('checkStateOfCharge refuses null, true, a string and an object (ASSET_FAILED), as it refuses 2', () => {
    expect(() => checkStateOfCharge(2, 'gauge', 'p')).toThrow(expect.objectContaining({ code: ErrorCode.ASSET_FAILED }));
    for (const bad of [null, true, '0.5', { valueOf: () => 0.5 }]) {
      expect(() => checkStateOfCharge(bad as never, 'gauge', 'p'), String(bad)).toThrow(expect.objectContaining({ code: ErrorCode.ASSET_FAILED }));
    }
  });

  it('a run whose charted asset returns an object with a changing valueOf is refused, not charted as whatever the last conversion gave', () => {
    let calls = 0;
    const run = (): unknown => runSimulation({ scenario: withGauge(), days: 1, seed: 1, assets: [gauge(() => ({ valueOf: () => (calls++ % 3 === 2 ? 1 : 0) }))] });
    // On 42cd83b this runs and charts 1 at every interval; before it, the same scenario charted
    // 0, 0, 1, 0, 0, 1 ... (the value was converted later, at its third conversion).
    expect(run).toThrow(expect.objectContaining({ code: ErrorCode.ASSET_FAILED }));
  });
});
