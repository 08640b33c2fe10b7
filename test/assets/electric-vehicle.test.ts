import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineEv, initialEvState, stepEv, type EvSessionOptions } from '../../src/assets/electric-vehicle.js';
import { ErrorCode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const QUARTER = 15 * 60_000;

const sessionsArb = fc
  .array(fc.record({ gap: fc.integer({ min: 0, max: 6 }), length: fc.integer({ min: 1, max: 40 }), arrival: fc.integer({ min: 0, max: 60_000 }), need: fc.integer({ min: 0, max: 60_000 }) }), { maxLength: 5 })
  .map((raw) => {
    let t = 0;
    return raw.map((r): EvSessionOptions => {
      const arrival = t + r.gap;
      t = arrival + r.length;
      return { arrival, departure: t, arrivalKWh: r.arrival / 1000, departureKWh: r.need / 1000 };
    });
  });

describe('stepEv', () => {
  it('meets every need that is reachable, reports every shortfall, and balances energy exactly', () => {
    fc.assert(
      fc.property(
        sessionsArb,
        fc.integer({ min: 1_000, max: 22_000 }),
        fc.boolean(),
        fc.array(fc.integer({ min: -20_000, max: 20_000 }), { minLength: 300, maxLength: 300 }),
        (sessions, chargerW, v2g, requests) => {
          const spec = defineEv({ batteryKWh: 60, chargerKW: chargerW / 1000, vehicleToGrid: v2g, sessions });
          const perInterval = Math.floor((Math.floor((chargerW * QUARTER) / 3_600_000) * spec.efficiencyPpm) / 1e6);
          let state = initialEvState();
          let expectedShortfall = 0;
          let before = 0;
          for (let t = 0; t < requests.length; t++) {
            const step = stepEv(spec, state, t, requests[t]!, QUARTER);
            const session = spec.sessions.find((s) => s.arrival <= t && t < s.departure);
            expect(step.plugged).toBe(session !== undefined);
            if (!step.plugged) expect(step.gridWh).toBe(0);
            // Exact balance: grid = change of stored energy (with what arrived) + losses.
            const start = step.arrivedWh > 0 || session?.arrival === t ? step.arrivedWh : before;
            expect(step.gridWh).toBe(step.storedWh - (step.plugged ? start : 0) + step.lossesWh);
            expect(step.storedWh).toBeLessThanOrEqual(spec.capacityWh);
            expect(Math.abs(step.gridWh)).toBeLessThanOrEqual(Math.floor((chargerW * QUARTER) / 3_600_000));
            if (!v2g) expect(step.gridWh).toBeGreaterThanOrEqual(0);
            if (session !== undefined && session.departure === t + 1) {
              const reachable = session.arrivalWh + (session.departure - session.arrival) * perInterval >= session.departureWh;
              if (reachable) expect(step.departedWh).toBeGreaterThanOrEqual(session.departureWh);
              expectedShortfall += Math.max(0, session.departureWh - step.departedWh);
            }
            before = step.plugged ? step.storedWh : 0;
            state = step.state;
          }
          expect(state.shortfallWh).toBe(expectedShortfall);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('regression: a need exactly reachable at full power is met to the Wh (room bound was 1 Wh short)', () => {
    const spec = defineEv({ batteryKWh: 60, chargerKW: '11.016', sessions: [{ arrival: 0, departure: 17, arrivalKWh: '16.939', departureKWh: 60 }] });
    let state = initialEvState();
    let departed = 0;
    for (let t = 0; t < 17; t++) {
      const step = stepEv(spec, state, t, 0, QUARTER);
      departed = step.departedWh;
      state = step.state;
    }
    expect(departed).toBe(60_000);
    expect(state.shortfallWh).toBe(0);
  });

  it('charges only what is forced when asked for nothing, and reports the shortfall of an unreachable need', () => {
    const spec = defineEv({ batteryKWh: 50, chargerKW: 4, chargerEfficiency: 1, sessions: [{ arrival: 0, departure: 2, arrivalKWh: 10, departureKWh: 20 }] });
    // 4 kW for a quarter hour is 1 kWh per interval: two intervals give 2 of the 10 kWh needed.
    const first = stepEv(spec, initialEvState(), 0, 0, QUARTER);
    expect(first.mustChargeWh).toBe(1000);
    expect(first.gridWh).toBe(1000);
    const second = stepEv(spec, first.state, 1, 0, QUARTER);
    expect(second.departedWh).toBe(12_000);
    expect(second.state).toMatchObject({ shortfallWh: 8_000, shortSessions: 1, session: 1 });
  });

  it('discharges to the grid only with vehicle-to-grid, and only what later intervals can make up', () => {
    const sessions = [{ arrival: 0, departure: 4, arrivalKWh: 30, departureKWh: 30 }];
    const v2g = defineEv({ batteryKWh: 50, chargerKW: 4, chargerEfficiency: 1, vehicleToGrid: true, sessions });
    const step = stepEv(v2g, initialEvState(), 0, -5000, QUARTER);
    expect(step.gridWh).toBe(-1000); // power limit
    expect(step.maxDischargeWh).toBe(1000);
    const noV2g = defineEv({ batteryKWh: 50, chargerKW: 4, sessions });
    expect(stepEv(noV2g, initialEvState(), 0, -5000, QUARTER).gridWh).toBe(0);
    // In the last interval nothing can be made up later: no discharge below the need.
    const last = stepEv(v2g, { session: 0, storedWh: 30_000, shortfallWh: 0, shortSessions: 0 }, 3, -5000, QUARTER);
    expect(last.gridWh).toBe(0);
  });

  it('refuses bad sessions', () => {
    const base = { batteryKWh: 50, chargerKW: 7 };
    const bad: unknown[] = [
      { ...base, sessions: [{ arrival: 5, departure: 3, arrivalKWh: 1, departureKWh: 2 }] },
      { ...base, sessions: [{ arrival: 5, departure: 5, arrivalKWh: 1, departureKWh: 2 }] },
      { ...base, sessions: [{ arrival: 0, departure: 5, arrivalKWh: 1, departureKWh: 2 }, { arrival: 4, departure: 8, arrivalKWh: 1, departureKWh: 2 }] },
      { ...base, sessions: [{ arrival: 0, departure: 5, arrivalKWh: 1, departureKWh: 60 }] },
      { ...base, sessions: [{ arrival: -1, departure: 5, arrivalKWh: 1, departureKWh: 2 }] },
      { ...base, sessions: [{ arrival: 0.5, departure: 5, arrivalKWh: 1, departureKWh: 2 }] },
      { ...base, chargerKW: 0, sessions: [] },
      { ...base, batteryKWh: -1, sessions: [] },
    ];
    for (const options of bad) expectWattError(() => defineEv(options as never), ErrorCode.INVALID_SCENARIO, { fnName: 'defineEv' });
    expectWattError(() => defineEv({ ...base, sessions: 'x' } as never), ErrorCode.INVALID_ARGUMENT);
  });
});
