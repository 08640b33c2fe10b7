import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/time/calendar.js';
import { defineGridConnection, limitGridFlow } from '../../src/assets/grid-connection.js';
import { defineLoad, LOAD_KINDS, loadEnergyWh, loadShape, shapedLoadEnergyWh } from '../../src/assets/load-profile.js';
import { ErrorCode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const QUARTER = 15 * 60_000;
const local = (iso: string) => calendarDate(Date.parse(iso));

describe('loads', () => {
  it('follow their daily and weekly shapes', () => {
    const lecture = defineLoad({ kind: 'lecture', peakKW: 100 });
    const tuesday10 = local('2024-04-16T10:00:00Z');
    const sunday10 = local('2024-04-14T10:00:00Z');
    expect(loadEnergyWh(lecture, tuesday10, QUARTER, 0)).toBe(25_000);
    expect(loadEnergyWh(lecture, sunday10, QUARTER, 0)).toBe(7_500);
    expect(loadShape('dormitory', local('2024-04-16T20:00:00Z'))).toBeGreaterThan(loadShape('dormitory', local('2024-04-16T10:00:00Z')));
    expect(loadShape('lecture', local('2024-04-16T10:30:00Z'))).toBe(1000);
    expect(loadShape('lecture', local('2024-04-16T07:30:00Z'))).toBe(750); // halfway from 600 to 900
  });

  it('are never negative and never above peak beyond their noise', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOAD_KINDS), fc.integer({ min: 0, max: 4e12 }), fc.double({ min: -10, max: 10, noNaN: true }), (kind, t, noise) => {
        const spec = defineLoad({ kind, peakKW: 50, noise: 0.1 });
        const e = loadEnergyWh(spec, calendarDate(t, 420), QUARTER, noise);
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(Math.floor(12_500 * (1 + 0.1 * Math.max(0, noise))));
      }),
      { numRuns: runs(500) },
    );
  });

  it('give the same Wh from a shape read once (the load asset reads it once per interval) as from the date', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOAD_KINDS), fc.integer({ min: 0, max: 400 * 86_400 }), fc.double({ min: -5, max: 5, noNaN: true }), (kind, s, noise) => {
        const spec = defineLoad({ kind, peakKW: '37.5', noise: '0.2' });
        const date = calendarDate(Date.UTC(2024, 0, 1) + s * 1000);
        expect(shapedLoadEnergyWh(spec, loadShape(kind, date), QUARTER, noise)).toBe(loadEnergyWh(spec, date, QUARTER, noise));
      }),
      { numRuns: runs(200) },
    );
  });

  it('refuses unknown kinds and bad peaks', () => {
    expectWattError(() => defineLoad({ kind: 'stadium' as never, peakKW: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'defineLoad' });
    expectWattError(() => defineLoad({ kind: 'lab', peakKW: -1 }), ErrorCode.INVALID_SCENARIO);
  });
});

describe('limitGridFlow', () => {
  it('curtails export and refuses import beyond the connection, reporting both', () => {
    const c = defineGridConnection({ importKW: 40, exportKW: 20 });
    expect(limitGridFlow(c, 12_000, QUARTER)).toEqual({ netWh: 10_000, curtailedWh: 0, unservedWh: 2_000 });
    expect(limitGridFlow(c, -7_000, QUARTER)).toEqual({ netWh: -5_000, curtailedWh: 2_000, unservedWh: 0 });
    expect(limitGridFlow(c, 3_000, QUARTER)).toEqual({ netWh: 3_000, curtailedWh: 0, unservedWh: 0 });
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), (wanted) => {
        const f = limitGridFlow(c, wanted, QUARTER);
        expect(f.netWh + f.unservedWh - f.curtailedWh).toBe(wanted);
        expect(f.netWh <= 10_000 && f.netWh >= -5_000).toBe(true);
      }),
      { numRuns: runs(200) },
    );
    expectWattError(() => defineGridConnection({ importKW: -1, exportKW: 1 }), ErrorCode.INVALID_SCENARIO);
  });
});
