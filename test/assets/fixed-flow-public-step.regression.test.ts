import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/time/calendar.js';
import { createRandom, loadAsset, solarPvAsset, type AssetSetup, type AssetType } from '../../src/index.js';

// Review of the sixth round (FixedFlowAsset), finding F1: the public `step` of a built-in load or
// solar PV wrote all three flow fields, where the closures before it wrote only their own side
// (a load: netWh and consumptionWh; solar: netWh and generationWh). A caller that keeps the flow
// object it was handed (an asset "may return one object every time") and writes the other side
// saw its value reset, and a plug-in wrapping a built-in that way got another run result.

const START = Date.UTC(2025, 0, 1) - 7 * 3_600_000;
const Q = 15 * 60_000;
const setup: AssetSetup = { participantId: 'p', startMs: START, intervalMs: Q, days: 1, utcOffsetMinutes: 420, random: (l: string) => createRandom(`${l}/p`) };
const ctx = (k: number) => ({ interval: k, local: calendarDate(START + k * Q + Q / 2, 420), durationMs: Q, irradianceForecastWm2: 700, irradianceActualWm2: 650 });

function stepAfterCallerWrites(type: AssetType, spec: unknown) {
  const a = type.create(type.define(spec), setup);
  a.prepare(ctx(48));
  const f = a.step('market', ctx(48), 0);
  f.generationWh = 11;
  f.consumptionWh = 13;
  a.prepare(ctx(49));
  return { ...a.step('baseline', ctx(49), 0) };
}

describe("FixedFlowAsset's public step writes only its own side of the flow (review F1)", () => {
  it("a load rewrites netWh and consumptionWh, and leaves the caller's generationWh", () => {
    const f = stepAfterCallerWrites(loadAsset, { kind: 'home', peakKW: 4 });
    expect(f.generationWh).toBe(11);
    expect(f.consumptionWh).toBeGreaterThan(0);
    expect(f.netWh).toBe(f.consumptionWh);
  });

  it("solar PV rewrites netWh and generationWh, and leaves the caller's consumptionWh", () => {
    const f = stepAfterCallerWrites(solarPvAsset, { capacityKWp: 5 });
    expect(f.consumptionWh).toBe(13);
    expect(f.generationWh).toBeGreaterThan(0);
    expect(f.netWh).toBe(0 - f.generationWh);
  });

  it('solar PV reads the forecast irradiance before the actual (the order the closure read them in)', () => {
    const a = solarPvAsset.create(solarPvAsset.define({ capacityKWp: 5 }), setup);
    const reads: string[] = [];
    const c = ctx(48);
    const logged = {
      interval: c.interval,
      local: c.local,
      durationMs: c.durationMs,
      get irradianceForecastWm2() {
        reads.push('forecast');
        return 700;
      },
      get irradianceActualWm2() {
        reads.push('actual');
        return 650;
      },
    };
    a.prepare(logged);
    expect(reads).toEqual(['forecast', 'actual']);
  });
});
