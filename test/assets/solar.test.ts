import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, MS_PER_DAY } from '../../src/time/calendar.js';
import { SOUTHERN_VIETNAM_CLIMATE, stepClouds, type CloudState } from '../../src/assets/cloud-model.js';
import { clearSkyIrradiance, solarElevation } from '../../src/assets/solar-geometry.js';
import { defineSolarPv, solarPvEnergyWh } from '../../src/assets/solar-pv.js';
import { createRandom, ErrorCode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const QUARTER = 15 * 60_000;
const CAMPUS = { latitude: 11.05, longitude: 106.67 };

describe('calendarDate', () => {
  it('agrees with the platform calendar on any instant and offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 5e12 }), fc.integer({ min: -720, max: 840 }), (t, offset) => {
        const d = calendarDate(t, offset);
        const ref = new Date(t + offset * 60_000);
        expect([d.year, d.month, d.day, d.weekday]).toEqual([ref.getUTCFullYear(), ref.getUTCMonth() + 1, ref.getUTCDate(), ref.getUTCDay()]);
        const startOfYear = Date.UTC(ref.getUTCFullYear(), 0, 1);
        expect(d.dayOfYear).toBe(Math.floor((t + offset * 60_000 - startOfYear) / MS_PER_DAY) + 1);
        expect(d.msOfDay).toBe((((t + offset * 60_000) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('solar position and PV output', () => {
  it('puts the sun high at local noon and below the horizon at midnight', () => {
    // Local solar noon at 106.67 E is about 04:53 UTC.
    const noon = Date.UTC(2024, 3, 15, 4, 53);
    expect(solarElevation(CAMPUS.latitude, CAMPUS.longitude, noon)).toBeGreaterThan(80);
    expect(solarElevation(CAMPUS.latitude, CAMPUS.longitude, noon + 12 * 3_600_000)).toBeLessThan(-60);
    expect(clearSkyIrradiance(-5)).toBe(0);
    expect(clearSkyIrradiance(90)).toBeGreaterThan(1000);
  });

  it('yields a plausible year in southern Vietnam: 1,150 to 1,550 kWh per kWp', () => {
    const pv = defineSolarPv({ capacityKWp: 1 });
    const rng = createRandom('pv-year');
    let state: CloudState | undefined;
    let wh = 0;
    const start = Date.UTC(2024, 0, 1) - 7 * 3_600_000;
    for (let i = 0; i < 366 * 96; i++) {
      const t = start + i * QUARTER;
      const local = calendarDate(t, 420);
      const clouds = stepClouds(SOUTHERN_VIETNAM_CLIMATE, state, Math.floor((t + 420 * 60_000) / MS_PER_DAY), local.month, rng);
      state = clouds.state;
      const ghi = clearSkyIrradiance(solarElevation(CAMPUS.latitude, CAMPUS.longitude, t + QUARTER / 2)) * clouds.actual;
      const e = solarPvEnergyWh(pv, ghi, QUARTER);
      expect(e).toBeLessThanOrEqual(250); // 1 kWp for a quarter hour
      wh += e;
    }
    expect(wh / 1000).toBeGreaterThan(1150);
    expect(wh / 1000).toBeLessThan(1550);
  });

  it('is deterministic for a seed', () => {
    const run = (): number[] => {
      const rng = createRandom(5);
      let state: CloudState | undefined;
      return Array.from({ length: 50 }, (_, i) => {
        const step = stepClouds(SOUTHERN_VIETNAM_CLIMATE, state, Math.floor(i / 10), 6, rng);
        state = step.state;
        return step.forecast;
      });
    };
    expect(run()).toEqual(run());
  });

  it('refuses bad arrays', () => {
    expectWattError(() => defineSolarPv({ capacityKWp: 0 }), ErrorCode.INVALID_SCENARIO, { fnName: 'defineSolarPv' });
    expectWattError(() => defineSolarPv({ capacityKWp: 5, performanceRatio: 1.5 }), ErrorCode.INVALID_SCENARIO);
  });
});
