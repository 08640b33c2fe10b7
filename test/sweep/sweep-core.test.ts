import { isDraft } from 'immer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type SolarPvOptions,
  campusScenario,
  deriveScenario,
  districtScenario,
  ErrorCode,
  executeSweepRun,
  expandSweep,
  renderSweepReport,
  runSimulation,
  scaleScenario,
  sweepToCsv,
  type SweepRun,
} from '../../src/index.js';
import { gini } from '../../src/simulation/metrics.js';
import { summariseSweep } from '../../src/sweep/summarise-sweep.js';
import { sweepStatistic, tQuantile975 } from '../../src/sweep/sweep-statistics.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

describe('deriveScenario', () => {
  it('shares untouched branches with the base, and never changes nor freezes the base', () => {
    const base = campusScenario();
    const before = JSON.stringify(base);
    const derived = deriveScenario(base, (s) => {
      s.tariff.feedInPrice = 500;
    });
    expect(JSON.stringify(base)).toBe(before);
    expect(derived).not.toBe(base);
    expect(derived.tariff).not.toBe(base.tariff);
    expect(derived.tariff.feedInPrice).toBe(500);
    expect(derived.participants).toBe(base.participants);
    expect(derived.location).toBe(base.location);
    expect(Object.isFrozen(base) || Object.isFrozen(base.tariff) || Object.isFrozen(base.participants)).toBe(false);
    expect(isDraft(derived)).toBe(false);
  });

  it('scales PV and batteries exactly and keeps participants without them shared', () => {
    const base = campusScenario();
    const scaled = scaleScenario(base, { pv: 0.5, battery: 2 });
    base.participants.forEach((p, i) => {
      const q = scaled.participants[i]!;
      if (p.pv === undefined && p.battery === undefined) expect(q).toBe(p);
      if (p.pv !== undefined) expect((q.pv as SolarPvOptions).capacityKWp).toBe(String(Number((p.pv as SolarPvOptions).capacityKWp) * 0.5));
      if (p.battery !== undefined) expect(q.battery!.capacityKWh).toBe(String(Number(p.battery.capacityKWh) * 2));
    });
    expect(scaleScenario(base, { pv: 1 })).toBe(base);
    const none = scaleScenario(base, { battery: 0 });
    expect(none.participants.some((p) => p.battery !== undefined)).toBe(false);
    expect(base.participants.some((p) => p.battery !== undefined)).toBe(true);
    expectWattError(() => scaleScenario(base, { pv: 0 }), ErrorCode.INVALID_ARGUMENT, { fnName: 'scaleScenario' });
    expectWattError(() => scaleScenario(base, { battery: -1 }), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => scaleScenario(base, { pv: 'x' }), ErrorCode.INVALID_ARGUMENT);
  });
});

describe('sweepStatistic', () => {
  it('gives mean, sample sd and the t interval', () => {
    const s = sweepStatistic([1, 2, 3])!;
    expect(s.mean).toBe(2);
    expect(s.sd).toBe(1);
    expect(s.ci95![0]).toBeCloseTo(2 - 4.3027 / Math.sqrt(3), 10);
    expect(s.ci95![1]).toBeCloseTo(2 + 4.3027 / Math.sqrt(3), 10);
    expect(sweepStatistic([5, null])).toEqual({ n: 1, mean: 5, sd: null, ci95: null });
    expect(sweepStatistic([null])).toBeNull();
  });

  it('takes t from the table up to 30 degrees of freedom and the expansion beyond, towards z', () => {
    expect(tQuantile975(1)).toBe(12.7062);
    expect(tQuantile975(30)).toBe(2.0423);
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(tQuantile975(1e9)).toBeCloseTo(1.96, 3);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });

  it('interval contains the mean and narrows with more agreeing values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 40 }), (xs) => {
        const s = sweepStatistic(xs)!;
        expect(s.ci95![0]).toBeLessThanOrEqual(s.mean + 1e-9);
        expect(s.ci95![1]).toBeGreaterThanOrEqual(s.mean - 1e-9);
      }),
    );
  });
});

describe('gini', () => {
  it('is 0 for equal savings, (n-1)/n when one takes all, null when all are 0', () => {
    expect(gini([3, 3, 3])).toBe(0);
    expect(gini([0, 0, 1])).toBeCloseTo(2 / 3, 6);
    expect(gini([0, 0])).toBeNull();
    expect(gini([])).toBeNull();
  });

  it('matches the pairwise definition (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 }), (xs) => {
        const abs = xs.reduce((a, b) => a + Math.abs(b), 0);
        const g = gini(xs);
        if (abs === 0) {
          expect(g).toBeNull();
          return;
        }
        let pairs = 0;
        for (const a of xs) for (const b of xs) pairs += Math.abs(a - b);
        expect(g).toBeCloseTo(pairs / (2 * xs.length * abs), 5);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('expandSweep', () => {
  it('lists every combination, seeds innermost, each with its index', () => {
    const specs = expandSweep({ scenarios: ['campus'], days: 1, seeds: [1, 5, 9], mechanisms: ['uniform', 'huang'], strategies: ['default', 'zi-c'] });
    expect(specs).toHaveLength(12);
    expect(specs.map((s) => s.index)).toEqual([...Array(12).keys()]);
    expect(specs.slice(0, 4).map((s) => [s.strategy, s.mechanism, s.seed])).toEqual([
      ['default', 'uniform', 1],
      ['default', 'uniform', 5],
      ['default', 'uniform', 9],
      ['default', 'huang', 1],
    ]);
  });

  it('refuses bad lists before any run', () => {
    expectWattError(() => expandSweep({ scenarios: [], days: 1, seeds: [1] }), ErrorCode.INVALID_ARGUMENT, { fnName: 'expandSweep' });
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 1, seeds: [1, 1] }), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => expandSweep({ scenarios: ['campus', scaleScenario(campusScenario(), { pv: 2 })], days: 1, seeds: [1] }), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => expandSweep({ scenarios: ['mars'], days: 1, seeds: [1] }), ErrorCode.UNKNOWN_SCENARIO);
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 0, seeds: [1] }), ErrorCode.INVALID_RANGE);
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 1, seeds: [1], strategies: ['greedy'] }), ErrorCode.UNKNOWN_AGENT);
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 1, seeds: [1], k: ['2'] }), ErrorCode.INVALID_K);
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 1, seeds: [1], clearing: 'both' as 'as-able' }), ErrorCode.INVALID_OPTION);
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 1, seeds: [1], variants: [{ name: 'a' }, { name: 'a' }] }), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 1, seeds: [1.5] }), ErrorCode.INVALID_SEED);
    expectWattError(() => expandSweep({ scenarios: ['campus'], days: 1, seeds: [...Array(1001).keys()], k: [...Array(1001).keys()].map((i) => `0.${String(i).padStart(4, '0')}`) }), ErrorCode.INVALID_RANGE);
  });
});

describe('executeSweepRun', () => {
  it('gives exactly the totals and metrics runSimulation gives for the same scenario, mechanism and seed', () => {
    const [spec] = expandSweep({ scenarios: ['campus'], days: 1, seeds: [3], mechanisms: ['huang'] });
    const run = executeSweepRun(spec!);
    const direct = runSimulation({ scenario: 'campus', days: 1, seed: 3, mechanism: 'huang' });
    expect(run.totals).toEqual(direct.totals);
    expect(run.metrics).toEqual(direct.metrics);
    expect(run.clearing).toBe('per-feeder');
  });

  it('applies variants, strategies and per-feeder clearing to a derived scenario', () => {
    const scenario = districtScenario({ prosumers: 12, feeders: 2 });
    const specs = expandSweep({ scenarios: [scenario], days: 1, seeds: [1], variants: [{ name: 'pv x2', scale: { pv: 2 } }], strategies: ['zi-c'], clearing: 'per-feeder' });
    const run = executeSweepRun(specs[0]!);
    expect(run.variant).toBe('pv x2');
    expect(run.strategy).toBe('zi-c');
    expect(['per-feeder', 'single-zone']).toContain(run.clearing);
    const plain = executeSweepRun(expandSweep({ scenarios: [scenario], days: 1, seeds: [1] })[0]!);
    expect(run.totals.generationKWh).toBeGreaterThan(plain.totals.generationKWh);
  });
});

describe('summariseSweep', () => {
  const runs = (clearing: 'as-able' | 'per-feeder'): SweepRun[] =>
    expandSweep({ scenarios: ['campus'], days: 1, seeds: [1, 2], mechanisms: ['uniform', 'huang'], clearing }).map(executeSweepRun);

  it('marks the rows of mechanisms that clear feeders differently as confounded, and not with per-feeder clearing', () => {
    const asAble = summariseSweep(runs('as-able'));
    expect(asAble.summary.map((r) => [r.mechanism, r.clearing, r.confounded])).toEqual([
      ['uniform', 'joint', true],
      ['huang', 'per-feeder', true],
    ]);
    const fair = summariseSweep(runs('per-feeder'));
    expect(fair.summary.map((r) => [r.mechanism, r.clearing, r.confounded])).toEqual([
      ['uniform', 'per-feeder', false],
      ['huang', 'per-feeder', false],
    ]);
    const row = fair.summary[0]!;
    expect(row.seeds).toBe(2);
    // Market efficiency and the swap service level are figures of every row: 1 for uniform, below for huang.
    expect(row.stats['marketEfficiency']).toEqual({ n: 2, mean: 1, sd: 0, ci95: [1, 1] });
    expect(row.stats['metrics.marketEfficiency']!.mean).toBe(1);
    expect(fair.summary[1]!.stats['metrics.marketEfficiency']!.mean).toBeLessThan(1);
    expect(row.stats['metrics.swapServiceLevel']!.mean).toBeGreaterThan(0);
    expect(row.stats['communitySaving']!.n).toBe(2);
    expect(row.stats['communitySaving']!.mean).toBeCloseTo((fair.runs[0]!.totals.communitySaving + fair.runs[1]!.totals.communitySaving) / 2, 6);
    expect(row.stats['metrics.savingGini']).not.toBeNull();
    // Order of arrival does not matter.
    expect(summariseSweep(fair.runs.slice().reverse())).toEqual(fair);

    const csv = sweepToCsv(fair);
    expect(csv.split('\r\n')).toHaveLength(fair.runs.length + 2);
    expect(csv.startsWith('index,scenario,variant,mechanism,strategy,k,seed,days,clearing,generationKWh,')).toBe(true);
    expect(csv.split('\r\n')[0]).toContain(',marketEfficiency,');
    expect(csv.split('\r\n')[0]).toContain(',metrics.swapServiceLevel,');
    const summaryCsv = sweepToCsv(fair, 'summary');
    expect(summaryCsv.split('\r\n')[0]).toContain('communitySaving_ci95_low');
    const html = renderSweepReport(asAble, 'A <test>');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('A &lt;test&gt;');
    expect(html).toContain('Confounded comparisons');
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(8);
    expect(html).not.toMatch(/NaN|undefined/);
  });
});
