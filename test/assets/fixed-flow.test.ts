import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedFlowOf } from '../../src/assets/fixed-flow.js';
import { createRandom, districtScenario, loadAsset, runSimulation, solarPvAsset, type Asset, type AssetSetup, type AssetType, type Scenario } from '../../src/index.js';
import { calendarDate } from '../../src/time/calendar.js';
import { runs } from '../helpers/expect-watt-error.js';

const START = Date.UTC(2025, 0, 1) - 7 * 3_600_000;
const QUARTER = 15 * 60_000;
const setup = (days: number): AssetSetup => ({ participantId: 'p', startMs: START, intervalMs: QUARTER, days, utcOffsetMinutes: 420, random: (label) => createRandom(`${label}/p`) });
const ctxAt = (interval: number, forecastWm2: number, actualWm2: number) => ({
  interval,
  local: calendarDate(START + interval * QUARTER + QUARTER / 2, 420),
  durationMs: QUARTER,
  irradianceForecastWm2: forecastWm2,
  irradianceActualWm2: actualWm2,
});
const SPECS: [string, AssetType, unknown][] = [
  ['modelled load', loadAsset, { kind: 'home', peakKW: 4 }],
  ['measured load', loadAsset, { series: ['1.5', '0', '2.25', '0.4'] }],
  ['modelled solar', solarPvAsset, { capacityKWp: 5 }],
  ['measured solar', solarPvAsset, { series: ['0', '3.1', '4', '0.2'] }],
];

describe('FixedFlowAsset (built-in loads and solar PV as participants read them)', () => {
  it.each(SPECS)('%s: its fields after prepare are what its public Asset returns, in both runs and for any request', (_, type, options) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 1200 }), fc.integer({ min: -1e6, max: 1e6 })), { minLength: 1, maxLength: 4 }), (intervals) => {
        const spec = type.define(options);
        // Two instances on the same streams: one read through its fields, one called as a plug-in is.
        const read = type.create(spec, setup(1));
        const called = type.create(spec, setup(1));
        const fixed = fixedFlowOf(read, type);
        expect(fixed).toBeDefined();
        intervals.forEach(([forecast, actual, request], k) => {
          const ctx = ctxAt(k, forecast, actual);
          fixed?.prepare(ctx);
          called.prepare(ctx);
          expect([fixed?.forecastWh, fixed?.ownWh]).toEqual([called.forecastWh(), called.ownWh()]);
          for (const run of ['market', 'baseline'] as const) {
            const f = called.step(run, ctx, request);
            expect({ ...f }).toEqual({ netWh: fixed?.ownWh, generationWh: fixed?.generationWh, consumptionWh: fixed?.consumptionWh, storageDeltaWh: 0, lossesWh: 0 });
          }
        });
      }),
      { numRuns: runs(50) },
    );
  });

  it('reads only an instance its built-in type has just made: a copy, or one handed out by another type, is called as a plug-in', () => {
    const spec = loadAsset.define({ kind: 'home', peakKW: 2 });
    const a = loadAsset.create(spec, setup(1));
    expect(fixedFlowOf(a, loadAsset)).toBeDefined();
    expect(fixedFlowOf({ ...a }, loadAsset)).toBeUndefined();
    // A user's type may change the built-in instance it hands out (here its step): never read.
    const handing: AssetType = { ...loadAsset, kind: 'handing', field: 'handing' };
    expect(fixedFlowOf(a, handing)).toBeUndefined();
    expect(fixedFlowOf(a, solarPvAsset)).toBeUndefined();
    const other: Asset = { prepare() {}, forecastWh: () => 0, ownWh: () => 0, view: () => undefined, step: () => ({ netWh: 0, generationWh: 0, consumptionWh: 0, storageDeltaWh: 0, lossesWh: 0 }) };
    expect(fixedFlowOf(other, loadAsset)).toBeUndefined();
  });

  it('calls the steps of a built-in instance that a user type handed out and changed', () => {
    // Regression guard for the fast path: the changed step doubles the load in the market run.
    const doubling: AssetType = {
      ...loadAsset,
      kind: 'doubling-load',
      field: 'doublingLoad',
      create(spec, s) {
        const inner = loadAsset.create(spec as Parameters<typeof loadAsset.create>[0], s);
        const step = inner.step.bind(inner);
        inner.step = (run, ctx, request) => {
          const f = { ...step(run, ctx, request) };
          if (run === 'market') {
            f.netWh *= 2;
            f.consumptionWh *= 2;
          }
          return f;
        };
        return inner;
      },
    };
    const base = districtScenario({ prosumers: 20, feeders: 1 });
    const homes = base.participants.filter((p) => p.type === 'home');
    const plain = runSimulation({ scenario: { ...base, participants: homes }, days: 1, seed: 2 });
    const changed = runSimulation({
      scenario: { ...base, participants: homes.map(({ load, ...rest }) => ({ ...rest, doublingLoad: load }) as Scenario['participants'][number]) },
      days: 1,
      seed: 2,
      assets: [doubling],
    });
    expect(changed.totals.consumptionKWh).toBeGreaterThan(1.9 * plain.totals.consumptionKWh);
  });

  it('gives a run the same results as the same assets called through their public closures', () => {
    // User types that hand out a copy of the built-in instance (not marked, so every call goes
    // through the Asset interface, both runs stepped) against the built-ins read through fields.
    const copied = (t: AssetType, kind: string, field: string): AssetType => ({ ...t, kind, field, create: (spec, s) => ({ ...t.create(spec, s) }) });
    const base = districtScenario({ prosumers: 40, feeders: 2 });
    const plain = base.participants.filter((p) => p.type !== 'home-battery' && p.type !== 'ev-charger');
    const builtIn: Scenario = { ...base, participants: plain };
    const viaPlugins: Scenario = {
      ...base,
      participants: plain.map((p) => {
        const { pv, load, ...rest } = p as typeof p & { pv?: unknown; load?: unknown };
        return { ...rest, ...(pv === undefined ? {} : { myPv: pv }), ...(load === undefined ? {} : { myLoad: load }) };
      }),
    };
    const a = runSimulation({ scenario: builtIn, days: 2, seed: 4 });
    const b = runSimulation({ scenario: viaPlugins, days: 2, seed: 4, assets: [copied(solarPvAsset, 'my-pv', 'myPv'), copied(loadAsset, 'my-load', 'myLoad')] });
    expect(a.totals.consumptionKWh).toBeGreaterThan(0);
    expect(a.totals.generationKWh).toBeGreaterThan(0);
    expect(JSON.stringify([b.totals, b.series, b.participants])).toBe(JSON.stringify([a.totals, a.series, a.participants]));
  });
});
