import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineBattery, stepBattery, stepStore } from '../../src/assets/battery.js';
import { ErrorCode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const QUARTER = 15 * 60_000;

describe('defineBattery', () => {
  it('converts kWh, kW and fractions to Wh, W and ppm', () => {
    const b = defineBattery({ capacityKWh: 200, maxChargeKW: '100', maxDischargeKW: 80, roundTripEfficiency: '0.81' });
    expect(b).toMatchObject({ capacityWh: 200_000, maxChargeW: 100_000, maxDischargeW: 80_000, chargeEfficiencyPpm: 900_000, dischargeEfficiencyPpm: 900_000, minWh: 20_000, maxWh: 190_000, initialWh: 100_000 });
  });

  it('refuses physically meaningless batteries', () => {
    const ok = { capacityKWh: 10, maxChargeKW: 5, maxDischargeKW: 5 };
    for (const bad of [
      { ...ok, capacityKWh: -1 },
      { ...ok, capacityKWh: 0 },
      { ...ok, maxChargeKW: -5 },
      { ...ok, roundTripEfficiency: 1.2 },
      { ...ok, roundTripEfficiency: 0 },
      { ...ok, minSoc: 0.9, maxSoc: 0.5 },
      { ...ok, initialSoc: 0.05 },
      { ...ok, capacityKWh: 'ten' },
    ]) {
      expectWattError(() => defineBattery(bad), ErrorCode.INVALID_SCENARIO, { fnName: 'defineBattery' });
    }
    expectWattError(() => defineBattery(null as never), ErrorCode.INVALID_ARGUMENT);
  });

  it('regression: refuses a window that rounds to nothing (1 Wh at 50%..50%: min 1 Wh > max 0 Wh)', () => {
    expectWattError(
      () => defineBattery({ capacityKWh: '0.001', maxChargeKW: 0, maxDischargeKW: 0, minSoc: 0.5, maxSoc: 0.5, initialSoc: 0.5 }),
      ErrorCode.INVALID_SCENARIO,
    );
  });
});

describe('stepBattery', () => {
  const specArb = fc
    .record({
      capacity: fc.integer({ min: 1, max: 500_000 }),
      charge: fc.integer({ min: 0, max: 200_000 }),
      discharge: fc.integer({ min: 0, max: 200_000 }),
      rte: fc.integer({ min: 500_000, max: 1_000_000 }),
      lo: fc.integer({ min: 0, max: 500_000 }),
      hi: fc.integer({ min: 500_000, max: 1_000_000 }),
    })
    .filter((r) => Math.ceil((r.capacity * r.lo) / 1e6) <= Math.floor((r.capacity * r.hi) / 1e6))
    .map((r) =>
      defineBattery({
        capacityKWh: r.capacity / 1000,
        maxChargeKW: r.charge / 1000,
        maxDischargeKW: r.discharge / 1000,
        roundTripEfficiency: r.rte / 1e6,
        minSoc: r.lo / 1e6,
        maxSoc: r.hi / 1e6,
        initialSoc: r.lo / 1e6,
      }),
    );

  it('never leaves its window or power limits, and balances energy exactly in Wh', () => {
    fc.assert(
      fc.property(specArb, fc.array(fc.integer({ min: -300_000, max: 300_000 }), { maxLength: 60 }), (spec, requests) => {
        let stored = spec.initialWh;
        for (const request of requests) {
          const step = stepBattery(spec, stored, request, QUARTER);
          expect(step.storedWh).toBeGreaterThanOrEqual(spec.minWh);
          expect(step.storedWh).toBeLessThanOrEqual(spec.maxWh);
          expect(step.gridWh).toBeLessThanOrEqual(Math.floor((spec.maxChargeW * QUARTER) / 3_600_000));
          expect(-step.gridWh).toBeLessThanOrEqual(Math.floor((spec.maxDischargeW * QUARTER) / 3_600_000));
          expect(step.lossesWh).toBeGreaterThanOrEqual(0);
          expect(step.gridWh).toBe(step.storedWh - stored + step.lossesWh);
          expect(Math.sign(step.gridWh) * Math.sign(request)).toBeGreaterThanOrEqual(0);
          expect(Math.abs(step.gridWh)).toBeLessThanOrEqual(Math.abs(request));
          expect(step.limited).toBe(step.gridWh !== request);
          stored = step.storedWh;
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('serves exactly as much as the limits allow (against a brute-force search)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }), fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }),
        (stored0, request, chargeLimit, dischargeLimit, etaC, etaD) => {
          const minWh = 10;
          const maxWh = 300;
          const stored = Math.max(minWh, Math.min(maxWh, stored0));
          const step = stepStore(stored, request, chargeLimit, dischargeLimit, minWh, maxWh, etaC, etaD);
          let best = 0;
          if (request > 0) {
            for (let g = 0; g <= Math.min(request, chargeLimit); g++) if (stored + Math.floor((g * etaC) / 1e6) <= maxWh) best = g;
          } else {
            for (let g = 0; g <= Math.min(-request, dischargeLimit); g++) if (stored - Math.ceil((g * 1e6) / etaD) >= minWh) best = g === 0 ? 0 : -g;
          }
          expect(step.gridWh).toBe(best);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});
