import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSwapStation, initialSwapStationState, stepSwapStation } from '../../src/assets/swap-station.js';
import { ErrorCode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const QUARTER = 15 * 60_000;

describe('stepSwapStation', () => {
  const spec = defineSwapStation({ packs: 8, packKWh: '1.5', slotKW: '0.8', stationKW: 4, readySoc: 0.9, minSoc: 0.2, readyReserve: 2 });

  it('hands riders the fullest ready pack and turns them away when none is ready', () => {
    const state = { packsWh: [1400, 1360, 500, 600, 700, 800, 900, 1000], swaps: 0, missedSwaps: 0 };
    const step = stepSwapStation(spec, state, [100, 200, 300], 0, QUARTER);
    expect(step.swaps).toBe(2);
    expect(step.missedSwaps).toBe(1);
    expect(step.state.packsWh.slice(0, 2)).toEqual([100, 200]);
    expect(step.swappedOutWh).toBe(1400 - 100 + 1360 - 200);
  });

  it('keeps packs in range, respects the limits and the ready reserve, and balances energy exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ riders: fc.array(fc.integer({ min: 0, max: 1500 }), { maxLength: 4 }), request: fc.integer({ min: -6000, max: 6000 }) }), { maxLength: 50 }),
        fc.boolean(),
        (intervals, v2g) => {
          const s = defineSwapStation({ packs: 8, packKWh: '1.5', slotKW: '0.8', stationKW: 4, vehicleToGrid: v2g, readyReserve: 2 });
          let state = initialSwapStationState(s);
          for (const { riders, request } of intervals) {
            const storedBefore = state.packsWh.reduce((a, b) => a + b, 0);
            const readyBefore = (packs: readonly number[]): number => packs.filter((wh) => wh >= s.readyWh).length;
            const step = stepSwapStation(s, state, riders, request, QUARTER);
            expect(step.gridWh).toBe(step.storedWh - storedBefore + step.lossesWh + step.swappedOutWh);
            expect(step.lossesWh).toBeGreaterThanOrEqual(0);
            expect(Math.abs(step.gridWh)).toBeLessThanOrEqual(1000); // 4 kW for 15 minutes
            expect(step.gridWh).toBeLessThanOrEqual(step.maxChargeWh);
            expect(-step.gridWh).toBeLessThanOrEqual(step.maxDischargeWh);
            if (!v2g) expect(step.gridWh).toBeGreaterThanOrEqual(0);
            for (const wh of step.state.packsWh) expect(wh >= 0 && wh <= s.packWh).toBe(true);
            if (step.gridWh < 0) {
              // Discharging never takes the station below its reserve of ready packs (if it had them).
              const afterSwaps = stepSwapStation(s, state, riders, 0, QUARTER).state.packsWh;
              expect(readyBefore(step.state.packsWh)).toBeGreaterThanOrEqual(Math.min(s.readyReserve, readyBefore(afterSwaps)));
            }
            expect(step.swaps + step.missedSwaps).toBe(riders.length);
            state = step.state;
          }
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('refuses bad stations and bad returned packs', () => {
    const ok = { packs: 4, packKWh: 1.5, slotKW: 0.8, stationKW: 3 };
    for (const bad of [{ ...ok, packs: 0 }, { ...ok, packs: 2.5 }, { ...ok, packKWh: -1 }, { ...ok, minSoc: 0.95 }, { ...ok, readyReserve: 9 }, { ...ok, slotKW: 0 }]) {
      expectWattError(() => defineSwapStation(bad), ErrorCode.INVALID_SCENARIO, { fnName: 'defineSwapStation' });
    }
    const state = initialSwapStationState(spec);
    expectWattError(() => stepSwapStation(spec, state, [1501], 0, QUARTER), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => stepSwapStation(spec, state, [-1], 0, QUARTER), ErrorCode.INVALID_ARGUMENT);
    expect(state).toEqual(initialSwapStationState(spec));
  });
});
