import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campusScenario, ErrorCode, runSimulation } from '../../src/index.js';
import type { Scenario, SimulationResult } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const wh = (kWh: number): number => Math.round(kWh * 1000);

/** gen + import = cons + export + storage + losses, exactly in Wh, per interval and in total. */
function expectBalanced(r: SimulationResult): void {
  const s = r.series;
  let gen = 0;
  let imp = 0;
  let cons = 0;
  let exp = 0;
  let sto = 0;
  let loss = 0;
  for (let k = 0; k < s.time.length; k++) {
    const lhs = wh(s.generationKWh[k]!) + wh(s.gridImportKWh[k]!);
    const rhs = wh(s.consumptionKWh[k]!) + wh(s.gridExportKWh[k]!) + wh(s.storageDeltaKWh[k]!) + wh(s.lossesKWh[k]!);
    expect(lhs).toBe(rhs);
    gen += wh(s.generationKWh[k]!);
    imp += wh(s.gridImportKWh[k]!);
    cons += wh(s.consumptionKWh[k]!);
    exp += wh(s.gridExportKWh[k]!);
    sto += wh(s.storageDeltaKWh[k]!);
    loss += wh(s.lossesKWh[k]!);
  }
  const t = r.totals;
  expect([wh(t.generationKWh), wh(t.gridImportKWh), wh(t.consumptionKWh), wh(t.gridExportKWh), wh(t.storageDeltaKWh), wh(t.lossesKWh)]).toEqual([gen, imp, cons, exp, sto, loss]);
  expect(wh(t.generationKWh) + wh(t.gridImportKWh)).toBe(wh(t.consumptionKWh) + wh(t.gridExportKWh) + wh(t.storageDeltaKWh) + wh(t.lossesKWh));
}

describe('runSimulation on the campus', () => {
  const week = runSimulation({ scenario: 'campus', days: 2, seed: 1 });

  it('balances energy exactly in Wh, per interval and in total', () => {
    expectBalanced(week);
    expect(week.series.time.length).toBe(2 * 96);
  });

  it('trades locally, saves against the utility-only baseline, and serves every EV and rider', () => {
    const t = week.totals;
    expect(t.p2pTradedKWh).toBeGreaterThan(0);
    expect(t.communitySaving).toBeGreaterThan(0);
    expect(t.communitySaving).toBeCloseTo(t.baselineCommunityNetCost - t.communityNetCost, 6);
    expect(t.evShortfallKWh).toBe(0);
    expect(t.missedSwaps).toBe(0);
    expect(week.participants.length).toBeGreaterThanOrEqual(50);
    // Every local price lies in the utility band.
    for (const p of week.series.price) if (p !== null) expect(p >= 671 && p <= 2204).toBe(true);
    // Local trades never exceed what was offered.
    week.series.p2pTradedKWh.forEach((q, k) => {
      expect(q).toBeLessThanOrEqual(week.series.demandKWh[k]!);
      expect(q).toBeLessThanOrEqual(week.series.supplyKWh[k]!);
    });
    // Participant totals add up to the community's.
    const sum = (f: (p: (typeof week.participants)[number]) => number): number => week.participants.reduce((a, p) => a + wh(f(p)), 0);
    expect(sum((p) => p.boughtKWh)).toBe(wh(week.totals.p2pTradedKWh));
    expect(sum((p) => p.soldKWh)).toBe(wh(week.totals.p2pTradedKWh));
    expect(sum((p) => p.gridImportKWh)).toBe(wh(week.totals.gridImportKWh));
  });

  it('keeps every battery inside its state-of-charge window', () => {
    const scenario = campusScenario();
    for (const [id, soc] of Object.entries(week.series.batterySoc)) {
      const spec = scenario.participants.find((p) => p.id === id)?.battery;
      expect(spec).toBeDefined();
      for (const x of soc) expect(x >= 0.1 - 1e-6 && x <= 0.95 + 1e-6).toBe(true);
    }
  });

  it('gives the same results for the same seed and different ones for another', () => {
    expect(runSimulation({ scenario: 'campus', days: 2, seed: 1 })).toEqual(week);
    expect(runSimulation({ scenario: 'campus', days: 2, seed: 2 }).totals).not.toEqual(week.totals);
  });

  it('runs every mechanism on the same scenario, each balanced', () => {
    for (const mechanism of ['discriminatory', 'mcafee', 'trade-reduction', 'huang'] as const) {
      const r = runSimulation({ scenario: 'campus', days: 1, seed: 4, mechanism });
      expect(r.mechanism).toBe(mechanism);
      expectBalanced(r);
      expect(r.totals.p2pTradedKWh).toBeGreaterThan(0);
    }
  });
});

describe('runSimulation on random small scenarios', () => {
  it('balances energy and respects limits for any sizes, seeds and connection limits', () => {
    const arb = fc.record({
      seed: fc.integer(),
      pv: fc.integer({ min: 0, max: 400 }),
      load: fc.integer({ min: 1, max: 300 }),
      battery: fc.integer({ min: 1, max: 800 }),
      exportKW: fc.integer({ min: 0, max: 500 }),
      ev: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const scenario: Scenario = {
          ...campusScenario(),
          zones: ['main'],
          tariff: { retailPrice: 2204, feedInPrice: 671 },
          participants: [
            { id: 'roof', type: 'pv', pv: { capacityKWp: a.pv + 1 }, connection: { importKW: 1000, exportKW: a.exportKW } },
            { id: 'hall', type: 'load', load: { kind: 'lecture', peakKW: a.load } },
            { id: 'store', type: 'battery', battery: { capacityKWh: a.battery, maxChargeKW: a.battery / 2, maxDischargeKW: a.battery / 2 } },
            ...(a.ev ? [{ id: 'ev', type: 'ev', ev: { batteryKWh: 60, chargerKW: 11, vehicleToGrid: true } }] : []),
          ],
        };
        const r = runSimulation({ scenario, days: 1, seed: a.seed });
        expectBalanced(r);
        expect(r.totals.evShortfallKWh).toBe(0);
        for (const x of r.series.batterySoc['store'] ?? []) expect(x >= 0.1 - 1e-6 && x <= 0.95 + 1e-6).toBe(true);
        expect(r.totals.curtailedKWh >= 0 && r.totals.unservedKWh === 0).toBe(true);
      }),
      { numRuns: runs(12) },
    );
  });
});

describe('runSimulation refuses bad input', () => {
  const base = campusScenario();
  const withParticipant = (p: object): Scenario => ({ ...base, participants: [...base.participants, p as Scenario['participants'][number]] });
  it('with codes, naming the participant', () => {
    const cases: [unknown, ErrorCode][] = [
      [withParticipant({ id: 'neg', type: 'battery', battery: { capacityKWh: -5, maxChargeKW: 1, maxDischargeKW: 1 } }), ErrorCode.INVALID_SCENARIO],
      [withParticipant({ id: 'ev-bad', type: 'ev', ev: { batteryKWh: 50, chargerKW: 7, stayHours: -2 } }), ErrorCode.INVALID_SCENARIO],
      [withParticipant({ id: 'genius', type: 'load', load: { kind: 'home', peakKW: 3 }, agent: 'genius' }), ErrorCode.UNKNOWN_AGENT],
      [withParticipant({ id: 'empty', type: 'nothing' }), ErrorCode.INVALID_SCENARIO],
      [withParticipant({ id: 'lecture-b1', type: 'load', load: { kind: 'home', peakKW: 3 } }), ErrorCode.INVALID_SCENARIO],
      [withParticipant({ id: 'far', type: 'load', zone: 'moon', load: { kind: 'home', peakKW: 3 } }), ErrorCode.INVALID_SCENARIO],
      [{ ...base, startDate: '2025-02-30' }, ErrorCode.INVALID_SCENARIO],
      [{ ...base, tariff: { retailPrice: 600, feedInPrice: 671 } }, ErrorCode.INVALID_SCENARIO],
      [{ ...base, location: { latitude: 120, longitude: 0, utcOffsetMinutes: 0 } }, ErrorCode.INVALID_SCENARIO],
      ['mars', ErrorCode.UNKNOWN_SCENARIO],
    ];
    for (const [scenario, code] of cases) {
      const e = expectWattError(() => runSimulation({ scenario: scenario as Scenario, days: 1, seed: 1 }), code, { fnName: 'runSimulation' });
      if (typeof scenario === 'object' && code !== ErrorCode.UNKNOWN_AGENT) expect(e.message.length).toBeGreaterThan(20);
    }
    expectWattError(() => runSimulation({ scenario: 'campus', days: 0, seed: 1 }), ErrorCode.INVALID_RANGE);
    expectWattError(() => runSimulation({ scenario: 'campus', days: 1, seed: 1.5 }), ErrorCode.INVALID_SEED);
    expectWattError(() => runSimulation({ scenario: 'campus', days: 1, seed: 1, mechanism: 'vickrey' as never }), ErrorCode.UNKNOWN_MECHANISM);
  });

  it('regression (review): a price tick so fine that an interval\'s traded value passes 2^53 is refused, never rounded', () => {
    const fine = runSimulation({ scenario: { ...base, priceTick: '0.0001' }, days: 1, seed: 1 });
    expect(fine.totals.averageLocalPrice).not.toBeNull();
    expectWattError(() => runSimulation({ scenario: { ...base, priceTick: '0.000000001' }, days: 1, seed: 1 }), ErrorCode.BALANCE_OVERFLOW, { fnName: 'runSimulation' });
  });
});
