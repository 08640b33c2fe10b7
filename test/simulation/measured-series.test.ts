import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campusScenario, ErrorCode, runSimulation, scaleScenario, type LoadOptions, type Scenario, type SimulationResult } from '../../src/index.js';
import { runSimulationParallel } from '../../src/node.js';
import { defineLoad, loadEnergyWh } from '../../src/assets/load-profile.js';
import { resolveScenario } from '../../src/simulation/resolve-scenario.js';
import { calendarDate } from '../../src/time/calendar.js';
import { intervalEnergyWh } from '../../src/assets/measured-series.js';
import { parseExactDecimal, type ExactDecimal } from '../../src/units/exact-decimal.js';
import { expectWattError, LONG } from '../helpers/expect-watt-error.js';

const PER_DAY = 96;

function village(loads: readonly LoadOptions[]): Scenario {
  return {
    name: 'village',
    description: 'test',
    location: { latitude: 10.85, longitude: 106.77, utcOffsetMinutes: 420 },
    startDate: '2026-03-02',
    currency: { code: 'VND', step: '1' },
    tariff: { retailPrice: 2204, feedInPrice: 671 },
    zones: ['north', 'south'],
    participants: [
      { id: 'sun', type: 'home', zone: 'north', pv: { capacityKWp: 6 }, load: { kind: 'home', peakKW: 1, noise: 0 } },
      ...loads.map((load, i) => ({ id: `home-${i}`, type: 'home', zone: i % 2 === 0 ? 'north' : 'south', load, agent: 'zi-c' })),
      { id: 'store', type: 'home', zone: 'south', pv: { capacityKWp: 3 }, battery: { capacityKWh: 10, maxChargeKW: 3, maxDischargeKW: 3 } },
    ],
  };
}

/** The model's demand of each interval (with `noise: 0`, what the run draws), as exact kW texts. */
function modelSeries(scenario: Scenario, load: LoadOptions, days: number): string[] {
  const resolved = resolveScenario(scenario);
  const spec = defineLoad(load);
  const out: string[] = [];
  for (let k = 0; k < days * PER_DAY; k++) {
    const mid = resolved.startMs + k * resolved.intervalMs + resolved.intervalMs / 2;
    const wh = loadEnergyWh(spec, calendarDate(mid, resolved.utcOffsetMinutes), resolved.intervalMs, 0);
    out.push(new Decimal(wh).div(250).toFixed()); // Wh in 15 min = kW x 250
  }
  return out;
}

/** A result without the fields that name the scenario (the rest must be equal). */
function body(r: SimulationResult): unknown {
  return { ...r, scenario: undefined, description: undefined };
}

describe('measured series in a simulation', () => {
  it('property: a measured load equal to the model\'s demand gives the very same run', () => {
    const kinds = ['home', 'office', 'dormitory', 'canteen'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), peak: fc.integer({ min: 1, max: 40_000 }) }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer(),
        (homes, which, seed) => {
          const loads: LoadOptions[] = homes.map((h) => ({ kind: h.kind, peakKW: new Decimal(h.peak).div(1000).toFixed(), noise: 0 }));
          const base = village(loads);
          const i = which % loads.length;
          const measured: Scenario = {
            ...base,
            participants: base.participants.map((p) => (p.id === `home-${i}` ? { ...p, load: { series: modelSeries(base, loads[i] as LoadOptions, 1) } } : p)),
          };
          const a = runSimulation({ scenario: base, days: 1, seed });
          const b = runSimulation({ scenario: measured, days: 1, seed });
          expect(body(b)).toEqual(body(a));
        },
      ),
      { numRuns: LONG ? 40 : 4 },
    );
  });

  it('meters exactly the measured energy: consumption and generation are the series\' Wh, summed', () => {
    const load = ['0.5', '1.002', '1.006', '0.0019', '2.25'];
    const pv = ['0', '0', '1.5', '2.25', '0.333'];
    const scenario: Scenario = {
      ...village([]),
      participants: [{ id: 'h', type: 'home', load: { series: [...load, ...Array<string>(91).fill('0')] }, pv: { series: [...pv, ...Array<string>(91).fill('0')] } }],
    };
    const r = runSimulation({ scenario, days: 1, seed: 1 });
    // 125 + 250 (250.5 to even) + 252 (251.5 to even) + 0 (0.475) + 562 (562.5 to even)
    expect(r.totals.consumptionKWh).toBe(1.189);
    // 0 + 0 + 375 + 562 + 83 (83.25)
    expect(r.totals.generationKWh).toBe(1.02);
    expect(r.series.consumptionKWh.slice(0, 5)).toEqual([0.125, 0.25, 0.252, 0, 0.562]);
  });

  it('property: the run meters each interval\'s exact energy, and its totals are their sums', () => {
    const kW = fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 9 })).map(([u, d]) => new Decimal(u).div(new Decimal(10).pow(d)).toFixed());
    fc.assert(
      fc.property(fc.array(kW, { minLength: PER_DAY, maxLength: PER_DAY }), fc.array(kW, { minLength: PER_DAY, maxLength: PER_DAY }), (load, pv) => {
        const scenario: Scenario = { ...village([]), participants: [{ id: 'h', type: 'home', load: { series: load }, pv: { series: pv } }] };
        const r = runSimulation({ scenario, days: 1, seed: 1 });
        const wh = (v: string): number => intervalEnergyWh(parseExactDecimal(v) as ExactDecimal, 900_000);
        expect(r.series.consumptionKWh).toEqual(load.map((v) => wh(v) / 1000));
        expect(r.series.generationKWh).toEqual(pv.map((v) => wh(v) / 1000));
        expect(Math.round(r.totals.consumptionKWh * 1000)).toBe(load.reduce((a, v) => a + wh(v), 0));
        expect(Math.round(r.totals.generationKWh * 1000)).toBe(pv.reduce((a, v) => a + wh(v), 0));
      }),
      { numRuns: LONG ? 50 : 5 },
    );
  });

  it('a constant price series runs exactly as the flat tariff', () => {
    const flat = campusScenario();
    const series: Scenario = {
      ...flat,
      tariff: { ...flat.tariff, retailPrice: { series: Array<number>(PER_DAY).fill(2204) }, feedInPrice: { series: Array<string>(PER_DAY).fill('671') } },
    };
    const a = runSimulation({ scenario: series, days: 1, seed: 3 });
    const b = runSimulation({ scenario: flat, days: 1, seed: 3 });
    expect(JSON.stringify({ ...a, description: '' })).toBe(JSON.stringify({ ...b, description: '' }));
    expect(a.description).toBe(`${b.description} The tariff is a measured price series: the retail and feed-in prices given are its highest and lowest in the run.`);
  });

  it('prices each interval at its own tariff: a lone consumer pays the sum of price x energy', () => {
    const retail = Array.from({ length: PER_DAY }, (_, k) => (k < 16 || k >= 88 ? 1190 : k >= 68 && k < 80 ? 3266 : 1833));
    const wh = Array.from({ length: PER_DAY }, (_, k) => 100 + ((k * 37) % 400) + (k % 3 === 0 ? 0.5 : 0));
    const scenario: Scenario = {
      ...village([]),
      tariff: { retailPrice: { series: retail }, feedInPrice: 500 },
      participants: [{ id: 'h', type: 'home', load: { series: wh.map((w) => new Decimal(w).div(250).toFixed()) } }],
    };
    const r = runSimulation({ scenario, days: 1, seed: 1 });
    // Energy rounds half-even to the Wh, then each interval's cost half-even to the dong.
    const energy = wh.map((w) => (Number.isInteger(w) ? w : Math.floor(w) % 2 === 0 ? Math.floor(w) : Math.ceil(w)));
    const cost = energy.reduce((sum, e, k) => sum + new Decimal(e).times(retail[k] as number).div(1000).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber(), 0);
    expect(r.totals.baselineCommunityNetCost).toBe(cost);
    expect(r.totals.communityNetCost).toBe(cost);
    expect(r.tariff).toEqual({ retailPrice: 3266, feedInPrice: 500 });
  });

  it('property: agents bid within each interval\'s band of a changing tariff, and the run balances', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 })), { minLength: PER_DAY, maxLength: PER_DAY }), fc.integer(), (band, seed) => {
        const base = village([{ kind: 'home', peakKW: 3 }, { kind: 'office', peakKW: 5 }]);
        const scenario: Scenario = {
          ...base,
          tariff: { retailPrice: { series: band.map(([a, b]) => Math.max(a, b)) }, feedInPrice: { series: band.map(([a, b]) => Math.min(a, b)) } },
        };
        const r = runSimulation({ scenario, days: 1, seed });
        const t = r.totals;
        expect(t.generationKWh + t.gridImportKWh).toBeCloseTo(t.consumptionKWh + t.gridExportKWh + t.storageDeltaKWh + t.lossesKWh, 6);
        expect(r.tariff.retailPrice).toBe(Math.max(...band.map(([a, b]) => Math.max(a, b))));
        expect(r.tariff.feedInPrice).toBe(Math.min(...band.map(([a, b]) => Math.min(a, b))));
      }),
      { numRuns: LONG ? 20 : 3 },
    );
  });

  it('refuses, before the run, a series shorter than the run, naming the participant, field and source', () => {
    const base = village([]);
    const short: Scenario = { ...base, participants: [{ id: 'h', type: 'home', load: { series: Array<number>(PER_DAY).fill(1), source: 'h.csv' } }] };
    expect(runSimulation({ scenario: short, days: 1, seed: 1 }).days).toBe(1);
    const e = expectWattError(() => runSimulation({ scenario: short, days: 2, seed: 1 }), ErrorCode.INVALID_SCENARIO, { fnName: 'runSimulation' });
    expect(e.message).toContain("participant 'h': load.series (h.csv) has 96 values, but the run has 192 intervals");
    const pv: Scenario = { ...base, participants: [{ id: 'p', type: 'home', pv: { series: [1] } }] };
    expect(expectWattError(() => runSimulation({ scenario: pv, days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO).message).toContain("participant 'p': pv.series has 1 values");
    const tariff: Scenario = { ...base, tariff: { retailPrice: 2204, feedInPrice: { series: [671, 671], source: 'fit.csv' } } };
    expect(expectWattError(() => runSimulation({ scenario: tariff, days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO).message).toContain('tariff.feedInPrice.series (fit.csv) has 2 prices, but the run has 96 intervals');
  });

  it('refuses a price off the tick, a bad price, and feed-in above retail in any interval', () => {
    const base = village([]);
    const off: Scenario = { ...base, tariff: { retailPrice: { series: [2204, 2204.5] }, feedInPrice: 671 } };
    const e = expectWattError(() => runSimulation({ scenario: off, days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, { reason: 'OFF_STEP' });
    expect(e.message).toContain('tariff.retailPrice.series[1]');
    const nan: Scenario = { ...base, tariff: { retailPrice: 2204, feedInPrice: { series: [671, 'x'] } } };
    expect(expectWattError(() => runSimulation({ scenario: nan, days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO).message).toContain('tariff.feedInPrice.series[1]');
    const crossed: Scenario = { ...base, tariff: { retailPrice: { series: [2204, 600, 2204] }, feedInPrice: 671 } };
    expect(expectWattError(() => runSimulation({ scenario: crossed, days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO).message).toContain('it does in interval 1');
    const unknown = { ...base, tariff: { retailPrice: { series: [1], unit: 'VND' }, feedInPrice: 0 } } as unknown as Scenario;
    expect(expectWattError(() => runSimulation({ scenario: unknown, days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO).message).toContain('tariff.retailPrice.unit is not a field of a price series');
  });

  it('scales a measured PV series value by value', () => {
    const base: Scenario = { ...village([]), participants: [{ id: 'p', type: 'home', pv: { series: ['1.5', 2, '0.001'] } }] };
    expect(scaleScenario(base, { pv: 2 }).participants[0]?.pv).toEqual({ series: ['3', '4', '0.002'] });
  });

  it('runs the same on worker threads (the series cross as plain data)', async () => {
    const base = village([{ kind: 'home', peakKW: 2 }, { kind: 'office', peakKW: 4 }]);
    const scenario: Scenario = {
      ...base,
      tariff: { retailPrice: { series: Array.from({ length: PER_DAY }, (_, k) => (k >= 68 && k < 80 ? 3266 : 1833)) }, feedInPrice: 671 },
      participants: base.participants.map((p) => (p.id === 'home-1' ? { ...p, load: { series: Array.from({ length: PER_DAY }, (_, k) => String((k % 7) / 4)) } } : p)),
    };
    const one = runSimulation({ scenario, days: 1, seed: 5 });
    const parallel = await runSimulationParallel({ scenario, days: 1, seed: 5, workers: 2 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(one));
  });
});
