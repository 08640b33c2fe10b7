import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssetContext, AssetSetup, StorageView } from '../../src/assets/asset.js';
import { batteryAsset } from '../../src/assets/battery-asset.js';
import { defineBattery, stepBattery } from '../../src/assets/battery.js';
import { defineEv, initialEvState, stepEv, type EvState } from '../../src/assets/electric-vehicle.js';
import { drawEvSessions, type EvFleetOptions } from '../../src/assets/ev-fleet.js';
import { evChargerAsset } from '../../src/assets/ev-charger-asset.js';
import { createRandom } from '../../src/random/random.js';
import { calendarDate } from '../../src/time/calendar.js';
import { divideSafe } from '../../src/units/rounding.js';
import { runs } from '../helpers/expect-watt-error.js';

// The battery and EV charger assets step into objects of their own and cache their power limits
// per interval length; these model-based tests hold them to the pure stepBattery and stepEv (fresh
// objects every call) over random requests, both runs interleaved and interval lengths that change.

const QUARTER = 15 * 60_000;
const START = Date.UTC(2025, 0, 1) - 7 * 3_600_000;
const DURATIONS = [QUARTER, 5 * 60_000, 60 * 60_000];

function setupFor(seed: number): AssetSetup {
  return { participantId: 'p1', startMs: START, intervalMs: QUARTER, days: 3, utcOffsetMinutes: 420, random: (label) => createRandom(`${seed}/${label}`) };
}

function context(interval: number, durationMs: number): AssetContext {
  return { interval, local: calendarDate(START + interval * QUARTER, 420), durationMs, irradianceForecastWm2: 0, irradianceActualWm2: 0 };
}

const stepsArb = fc.array(fc.record({ market: fc.integer({ min: -9_000, max: 9_000 }), baseline: fc.integer({ min: -9_000, max: 9_000 }), d: fc.integer({ min: 0, max: 2 }) }), {
  minLength: 1,
  maxLength: 288,
});

describe('battery asset', () => {
  it('views and steps exactly as stepBattery does, in both runs, whatever the interval length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), stepsArb, (capacity, charge, discharge, steps) => {
        const options = { capacityKWh: capacity, maxChargeKW: charge, maxDischargeKW: discharge };
        const asset = batteryAsset.create(batteryAsset.define(options), setupFor(1));
        const spec = defineBattery(options);
        let market = spec.initialWh;
        let baseline = spec.initialWh;
        steps.forEach((s, k) => {
          const durationMs = DURATIONS[s.d] as number;
          const ctx = context(k, durationMs);
          const up = stepBattery(spec, market, Number.MAX_SAFE_INTEGER, durationMs);
          const down = stepBattery(spec, market, -Number.MAX_SAFE_INTEGER, durationMs);
          expect(asset.view(ctx)).toEqual({ storedWh: market, maxChargeWh: up.gridWh, maxDischargeWh: -down.gridWh, mustChargeWh: 0, roundTripPpm: divideSafe(spec.chargeEfficiencyPpm * spec.dischargeEfficiencyPpm, 1_000_000, 'floor') });
          for (const run of ['market', 'baseline'] as const) {
            const before = run === 'market' ? market : baseline;
            const want = stepBattery(spec, before, run === 'market' ? s.market : s.baseline, durationMs);
            const flow = asset.step(run, ctx, run === 'market' ? s.market : s.baseline);
            expect({ ...flow }).toEqual({ netWh: want.gridWh, generationWh: 0, consumptionWh: 0, storageDeltaWh: want.storedWh - before, lossesWh: want.lossesWh });
            if (run === 'market') market = want.storedWh;
            else baseline = want.storedWh;
          }
          expect(asset.stateOfCharge?.()).toBe(market / spec.capacityWh);
        });
      }),
      { numRuns: runs(40) },
    );
  });
});

describe('EV charger asset', () => {
  it('views, steps and reports its shortfall exactly as stepEv does, in both runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.boolean(), fc.integer({ min: 2, max: 22 }), stepsArb, (seed, v2g, chargerKW, steps) => {
        const fleet: EvFleetOptions = { batteryKWh: 50, chargerKW, vehicleToGrid: v2g, arrivalHour: 1, stayHours: 5, visitProbability: [1, 1] };
        const setup = setupFor(seed);
        const asset = evChargerAsset.create(evChargerAsset.define(fleet), setup);
        const spec = defineEv(drawEvSessions(fleet, setup.startMs, setup.days, setup.intervalMs, setup.utcOffsetMinutes, setup.random('ev')));
        let market: EvState = initialEvState();
        let baseline: EvState = initialEvState();
        steps.forEach((s, k) => {
          const ctx = context(k, QUARTER);
          const dry = stepEv(spec, market, k, 0, QUARTER);
          const view: StorageView | undefined = asset.view(ctx);
          if (dry.plugged) {
            expect(view).toEqual({ storedWh: dry.storedWh, maxChargeWh: dry.maxChargeWh, maxDischargeWh: dry.maxDischargeWh, mustChargeWh: dry.mustChargeWh, roundTripPpm: divideSafe(spec.efficiencyPpm * spec.efficiencyPpm, 1_000_000, 'floor') });
          } else {
            expect(view).toBeUndefined();
          }
          const m = stepEv(spec, market, k, s.market, QUARTER);
          expect(asset.step('market', ctx, s.market).netWh).toBe(m.gridWh);
          market = m.state;
          const b = stepEv(spec, baseline, k, s.baseline, QUARTER);
          const flow = asset.step('baseline', ctx, s.baseline);
          expect({ ...flow }).toEqual({ netWh: b.gridWh, generationWh: Math.max(0, -b.gridWh), consumptionWh: Math.max(0, b.gridWh), storageDeltaWh: 0, lossesWh: 0 });
          baseline = b.state;
          expect(asset.metric?.('evShortfallKWh')).toBe(market.shortfallWh);
        });
      }),
      { numRuns: runs(40) },
    );
  });
});
