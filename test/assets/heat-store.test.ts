import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineHeatStore, heatDemandWh, newHeatStoreStep, stepHeatStore, type HeatStoreSpec } from '../../src/assets/heat-store.js';
import { ErrorCode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const QUARTER = 15 * 60_000;
const HOUR = 60 * 60_000;

describe('defineHeatStore', () => {
  it('converts kWh, kW, the COP and the fraction to Wh, W and ppm', () => {
    const h = defineHeatStore({ storeKWh: 250, heaterKW: 12, cop: '3.5', dailyDemandKWh: 200, initialSoc: '0.4' });
    expect(h).toEqual({ kind: 'heat-store', capacityWh: 250_000, heaterW: 12_000, copPpm: 3_500_000, dailyDemandWh: 200_000, profile: 'hot-water', initialWh: 100_000 });
    expect(defineHeatStore({ storeKWh: 1, heaterKW: 1, dailyDemandKWh: 0, profile: 'flat' })).toMatchObject({ copPpm: 1_000_000, initialWh: 500, profile: 'flat' });
  });

  it('refuses physically meaningless heat stores', () => {
    const ok = { storeKWh: 10, heaterKW: 2, dailyDemandKWh: 5 };
    for (const bad of [
      { ...ok, storeKWh: 0 },
      { ...ok, storeKWh: -1 },
      { ...ok, heaterKW: 0 },
      { ...ok, cop: 0 },
      { ...ok, cop: 11 },
      { ...ok, cop: 'three' },
      { ...ok, dailyDemandKWh: -1 },
      { ...ok, dailyDemandKWh: 1_000_001 },
      { ...ok, dailyDemandKWh: '0.0001' },
      { ...ok, initialSoc: 1.5 },
      { ...ok, profile: 'sauna' },
    ]) {
      expectWattError(() => defineHeatStore(bad as never), ErrorCode.INVALID_SCENARIO, { fnName: 'defineHeatStore' });
    }
  });
});

describe('heatDemandWh', () => {
  it('splits the day by the profile and sums exactly to the daily demand', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constantFrom(5, 10, 15, 30, 60, 120, 1440), fc.constantFrom('hot-water' as const, 'flat' as const), (daily, minutes, profile) => {
        const spec = defineHeatStore({ storeKWh: 1, heaterKW: 1, dailyDemandKWh: daily / 1000, profile });
        const d = heatDemandWh(spec, minutes * 60_000);
        expect(d.length).toBe(1440 / minutes);
        expect(d.reduce((a, b) => a + b, 0)).toBe(daily);
        for (const wh of d) expect(Number.isSafeInteger(wh) && wh >= 0).toBe(true);
      }),
      { numRuns: runs(100) },
    );
  });

  it('peaks in the morning and the evening for hot water', () => {
    const d = heatDemandWh(defineHeatStore({ storeKWh: 1, heaterKW: 1, dailyDemandKWh: 240 }), HOUR);
    expect(d[7]).toBeGreaterThan(d[3] as number);
    expect(d[19]).toBeGreaterThan(d[14] as number);
  });
});

describe('stepHeatStore', () => {
  const spec = defineHeatStore({ storeKWh: 10, heaterKW: 4, cop: 3, dailyDemandKWh: 24, profile: 'flat', initialSoc: 0 });
  const demand = heatDemandWh(spec, HOUR); // 1,000 Wh an hour

  it('heats what is asked, stores it and serves the demand', () => {
    const s = stepHeatStore(spec, demand, 0, 5_000, 1_000, HOUR, newHeatStoreStep());
    expect(s).toEqual({ storedWh: 7_000, gridWh: 1_000, heatWh: 3_000, demandWh: 1_000, servedWh: 1_000, shortfallWh: 0, mustChargeWh: 0, maxChargeWh: 2_000 });
  });

  it('heats at least what the coming demand needs, whatever is asked', () => {
    const s = stepHeatStore(spec, demand, 0, 0, -5_000, HOUR, newHeatStoreStep());
    expect(s.mustChargeWh).toBe(334); // ceil(1,000 Wh of heat / 3)
    expect(s.gridWh).toBe(334);
    expect(s.servedWh).toBe(1_000);
    expect(s.shortfallWh).toBe(0);
  });

  it('reports a shortfall it cannot avoid, never hides it', () => {
    const weak = defineHeatStore({ storeKWh: 10, heaterKW: '0.1', dailyDemandKWh: 24, profile: 'flat', initialSoc: 0 });
    const s = stepHeatStore(weak, heatDemandWh(weak, HOUR), 0, 0, 0, HOUR, newHeatStoreStep());
    expect(s).toMatchObject({ gridWh: 100, heatWh: 100, servedWh: 100, shortfallWh: 900 });
  });

  const specs = fc
    .record({
      storeWh: fc.integer({ min: 1, max: 500_000 }),
      heaterW: fc.integer({ min: 1, max: 50_000 }),
      copPpm: fc.integer({ min: 1, max: 10_000_000 }),
      dailyWh: fc.integer({ min: 0, max: 1_000_000 }),
      profile: fc.constantFrom('hot-water' as const, 'flat' as const),
      initialPpm: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map((o) =>
      defineHeatStore({ storeKWh: o.storeWh / 1000, heaterKW: o.heaterW / 1000, cop: o.copPpm / 1e6, dailyDemandKWh: o.dailyWh / 1000, profile: o.profile, initialSoc: o.initialPpm / 1e6 }),
    );
  const requests = fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 1, maxLength: 200 });

  /** Runs a heat store over `reqs`, checking every step's invariants; returns the totals. */
  function run(h: HeatStoreSpec, reqs: readonly number[], durationMs: number): { demand: number; served: number; shortfall: number } {
    const d = heatDemandWh(h, durationMs);
    const out = newHeatStoreStep();
    const limit = Math.floor((h.heaterW * durationMs) / HOUR);
    let stored = h.initialWh;
    const totals = { demand: 0, served: 0, shortfall: 0 };
    reqs.forEach((req, k) => {
      const s = stepHeatStore(h, d, k, stored, req, durationMs, out);
      // Heat conserved exactly: after = before + floor(grid x COP) - served.
      expect(s.heatWh).toBe(Math.floor((s.gridWh * h.copPpm) / 1e6));
      expect(s.storedWh).toBe(stored + s.heatWh - s.servedWh);
      // Bounds: the band and the heater's limit; never a negative draw.
      expect(s.storedWh).toBeGreaterThanOrEqual(0);
      expect(s.storedWh).toBeLessThanOrEqual(h.capacityWh);
      expect(s.gridWh).toBeGreaterThanOrEqual(0);
      expect(s.gridWh).toBeLessThanOrEqual(limit);
      expect(s.gridWh).toBeGreaterThanOrEqual(Math.min(s.maxChargeWh, Math.max(req, s.mustChargeWh)));
      // Demand met or the shortfall reported.
      expect(s.servedWh + s.shortfallWh).toBe(s.demandWh);
      expect(s.demandWh).toBe(d[k % d.length]);
      for (const v of Object.values(s)) expect(Number.isSafeInteger(v)).toBe(true);
      totals.demand += s.demandWh;
      totals.served += s.servedWh;
      totals.shortfall += s.shortfallWh;
      stored = s.storedWh;
    });
    return totals;
  }

  it('conserves heat, keeps its band and limits, and meets demand or reports the shortfall', () => {
    fc.assert(
      fc.property(specs, requests, fc.constantFrom(QUARTER, HOUR), (h, reqs, dur) => {
        const t = run(h, reqs, dur);
        expect(t.served + t.shortfall).toBe(t.demand);
      }),
      { numRuns: runs(200) },
    );
  });

  it('never falls short when the heater can meet every interval on its own and the store holds an interval of heating, whatever the agent asks', () => {
    const fitting = fc
      .record({ heaterW: fc.integer({ min: 4, max: 50_000 }), copPpm: fc.integer({ min: 1, max: 10_000_000 }), extraWh: fc.integer({ min: 0, max: 100_000 }), share: fc.double({ min: 0, max: 1, noNaN: true }), initialPpm: fc.integer({ min: 0, max: 1_000_000 }) })
      .map((o) => {
        const heatPerInterval = Math.floor((Math.floor((o.heaterW * QUARTER) / HOUR) * o.copPpm) / 1e6);
        // Flat demand of at most one interval's full heating; a store of at least that plus one Wh of electricity's heat.
        const dailyWh = Math.floor(heatPerInterval * 96 * o.share);
        const storeWh = Math.max(1, heatPerInterval + Math.ceil(o.copPpm / 1e6) + o.extraWh);
        return defineHeatStore({ storeKWh: storeWh / 1000, heaterKW: o.heaterW / 1000, cop: o.copPpm / 1e6, dailyDemandKWh: dailyWh / 1000, profile: 'flat', initialSoc: o.initialPpm / 1e6 });
      });
    fc.assert(
      fc.property(fitting, requests, (h, reqs) => {
        expect(run(h, reqs, QUARTER).shortfall).toBe(0);
      }),
      { numRuns: runs(200) },
    );
  });

  it('heats exactly what a naive look-ahead says it must (the least draw that keeps the next day served with the heater at full power later)', () => {
    const small = fc
      .record({ storeWh: fc.integer({ min: 1, max: 20_000 }), heaterW: fc.integer({ min: 1, max: 2_000 }), copPpm: fc.integer({ min: 200_000, max: 5_000_000 }), dailyWh: fc.integer({ min: 0, max: 100_000 }), initialPpm: fc.integer({ min: 0, max: 1_000_000 }) })
      .map((o) => defineHeatStore({ storeKWh: o.storeWh / 1000, heaterKW: o.heaterW / 1000, cop: o.copPpm / 1e6, dailyDemandKWh: o.dailyWh / 1000, initialSoc: o.initialPpm / 1e6 }));
    fc.assert(
      fc.property(small, fc.integer({ min: 0, max: 95 }), fc.integer({ min: 0, max: 1_000_000 }), (h, slot, storedPpm) => {
        const d = heatDemandWh(h, QUARTER);
        const stored = Math.floor((h.capacityWh * storedPpm) / 1e6);
        const s = stepHeatStore(h, d, slot, stored, 0, QUARTER, newHeatStoreStep());
        const heatPerInterval = Math.floor((Math.floor((h.heaterW * QUARTER) / HOUR) * h.copPpm) / 1e6);
        // The reference tries every draw from 0 up and simulates the next day.
        const serves = (g: number): boolean => {
          let left = stored + Math.floor((g * h.copPpm) / 1e6) - (d[slot] as number);
          for (let j = 1; left >= 0 && j < d.length; j++) left += heatPerInterval - (d[(slot + j) % d.length] as number);
          return left >= 0;
        };
        let must = 0;
        while (must < s.maxChargeWh && !serves(must)) must++;
        expect(s.mustChargeWh).toBe(must);
      }),
      { numRuns: runs(150) },
    );
  });
});
