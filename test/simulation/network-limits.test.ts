import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, ErrorCode, runSimulation } from '../../src/index.js';
import type { AuctionMechanism, Scenario, SimulationResult } from '../../src/index.js';
import { shareProRata } from '../../src/simulation/network-run.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

const wh = (kWh: number): number => Math.round(kWh * 1000);

/** Two feeders: a sunny north with a battery, a south of loads; small enough to run in a blink. */
function twoFeeders(extra: Partial<Scenario> = {}): Scenario {
  return {
    name: 'two-feeders',
    description: 'Two feeders for the network tests.',
    location: { latitude: 11.05, longitude: 106.67, utcOffsetMinutes: 420 },
    startDate: '2025-04-07',
    currency: { code: 'VND', step: '1' },
    tariff: { retailPrice: 2204, feedInPrice: 671, localFeePerKWh: 50, crossZoneFeePerKWh: 120 },
    zones: ['north', 'south'],
    participants: [
      { id: 'roof-n1', type: 'solar', zone: 'north', pv: { capacityKWp: 300 }, load: { kind: 'office', peakKW: 40 } },
      { id: 'roof-n2', type: 'solar', zone: 'north', pv: { capacityKWp: 150 } },
      { id: 'store-n', type: 'battery', zone: 'north', battery: { capacityKWh: 200, maxChargeKW: 100, maxDischargeKW: 100, roundTripEfficiency: '0.9' } },
      { id: 'hall-s1', type: 'lecture', zone: 'south', pv: { capacityKWp: 40 }, load: { kind: 'lecture', peakKW: 200 } },
      { id: 'dorm-s2', type: 'dormitory', zone: 'south', load: { kind: 'dormitory', peakKW: 150 } },
      { id: 'lab-s3', type: 'lab', zone: 'south', pv: { capacityKWp: 20 }, load: { kind: 'lab', peakKW: 60 } },
    ],
    ...extra,
  };
}

/** gen + import = cons + export + storage + losses, exactly in Wh, per interval. */
function expectBalanced(r: SimulationResult): void {
  const s = r.series;
  for (let k = 0; k < s.time.length; k++) {
    const lhs = wh(s.generationKWh[k]!) + wh(s.gridImportKWh[k]!);
    const rhs = wh(s.consumptionKWh[k]!) + wh(s.gridExportKWh[k]!) + wh(s.storageDeltaKWh[k]!) + wh(s.lossesKWh[k]!);
    expect(lhs).toBe(rhs);
  }
}

/** The result without its network part (and the fields an old result never had). */
function withoutNetwork(r: SimulationResult): unknown {
  return Object.fromEntries(Object.entries(r).filter(([key]) => key !== 'network'));
}

describe('shareProRata', () => {
  it('shares exactly, in proportion, remainders to the largest and ties to the earlier', () => {
    expect(shareProRata(10, [0, 1, 2], [1, 1, 1])).toEqual([4, 3, 3]);
    expect(shareProRata(3, [0, 2], [5, 10, 1])).toEqual([3, 0]);
    expect(shareProRata(0, [0], [5])).toEqual([0]);
  });

  it('adds up to the excess and never gives anyone more than its weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, f) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const excess = Math.floor(total * f);
        const members = weights.map((_, i) => i);
        const shares = shareProRata(excess, members, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(excess);
        shares.forEach((x, i) => {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(weights[i]!);
        });
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('runSimulation with network limits', () => {
  const open = runSimulation({ scenario: twoFeeders(), days: 1, seed: 1 });
  const limited = runSimulation({
    scenario: twoFeeders({
      network: {
        transformers: [
          { zone: 'north', importKW: 100, exportKW: 60 },
          { zone: 'south', importKW: 150 },
        ],
        links: [{ from: 'north', to: 'south', capacityKW: 80 }],
      },
    }),
    days: 1,
    seed: 1,
  });

  it('has no network part without network fields', () => {
    expect(open.network).toBeUndefined();
  });

  it('keeps every transformer and link within its limit, and balances energy with curtailment and unserved load', () => {
    const n = limited.network!;
    expectBalanced(limited);
    for (const q of n.series.transformerKWh['north']!) {
      expect(q).toBeLessThanOrEqual(25);
      expect(-q).toBeLessThanOrEqual(15);
    }
    for (const q of n.series.transformerKWh['south']!) expect(q).toBeLessThanOrEqual(37.5);
    for (const q of n.series.linkFlowKWh['north->south']!) expect(q).toBeLessThanOrEqual(20);
    expect(n.curtailedPvKWh).toBeGreaterThan(0);
    expect(n.unservedLoadKWh).toBeGreaterThan(0);
    expect(n.transformers[0]!.exportLimitHours).toBeGreaterThan(0);
    expect(n.links.find((l) => l.from === 'north' && l.to === 'south')!.congestionHours).toBeGreaterThan(0);
    // Reported in the totals too, never hidden.
    expect(wh(limited.totals.curtailedKWh)).toBe(wh(n.curtailedPvKWh));
    expect(wh(limited.totals.unservedKWh)).toBe(wh(n.unservedLoadKWh));
    expect(wh(n.curtailedPvKWh)).toBe(n.series.curtailedPvKWh.reduce((a, q) => a + wh(q), 0));
    // The congestion rent the full link leaves is never negative.
    expect(n.congestionRent).toBeGreaterThanOrEqual(0);
  });

  it('lets local trading relieve the limit: less PV curtailed than in the baseline, where feeders do not trade', () => {
    const n = limited.network!;
    expect(n.curtailedPvKWh).toBeLessThan(n.baselineCurtailedPvKWh);
  });

  it('equals the run without limits when every capacity is above what can flow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.constantFrom('uniform' as const, 'discriminatory' as const), (seed, mechanism) => {
        const plain = runSimulation({ scenario: twoFeeders(), days: 1, seed, mechanism });
        const big = runSimulation({
          scenario: twoFeeders({
            network: {
              transformers: [
                { zone: 'north', importKW: 100000, exportKW: 100000 },
                { zone: 'south', importKW: 100000, exportKW: 100000 },
              ],
              links: [
                { from: 'north', to: 'south', capacityKW: 100000 },
                { from: 'south', to: 'north', capacityKW: 100000 },
              ],
            },
          }),
          days: 1,
          seed,
          mechanism,
        });
        expect(withoutNetwork(big)).toEqual(plain);
        expect(big.network!.curtailedPvKWh).toBe(0);
        expect(big.network!.unservedLoadKWh).toBe(0);
      }),
      { numRuns: runs(3) },
    );
  });

  it('holds energy balance and every limit for random limits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 200 }),
        (seed, northExport, northImport, southImport, link) => {
          const r = runSimulation({
            scenario: twoFeeders({
              network: {
                transformers: [
                  { zone: 'north', importKW: northImport, exportKW: northExport },
                  { zone: 'south', importKW: southImport },
                ],
                links: [{ from: 'north', to: 'south', capacityKW: link }],
              },
            }),
            days: 1,
            seed,
          });
          expectBalanced(r);
          const n = r.network!;
          for (const q of n.series.transformerKWh['north']!) {
            expect(wh(q)).toBeLessThanOrEqual(northImport * 250);
            expect(wh(-q)).toBeLessThanOrEqual(northExport * 250);
          }
          for (const q of n.series.transformerKWh['south']!) expect(wh(q)).toBeLessThanOrEqual(southImport * 250);
          for (const q of n.series.linkFlowKWh['north->south'] ?? []) expect(wh(q)).toBeLessThanOrEqual(link * 250);
        },
      ),
      { numRuns: runs(4) },
    );
  });

  it('clears each feeder apart with a mechanism that cannot honour link capacities, and says so', () => {
    const r = runSimulation({ scenario: twoFeeders({ network: { links: [{ from: 'north', to: 'south', capacityKW: 80 }] } }), days: 1, seed: 1, mechanism: 'huang' });
    expect(r.description).toContain('cannot honour link capacities');
    expect(r.network!.links).toEqual([expect.objectContaining({ from: 'north', to: 'south', flowKWh: 0 })]);
    expectBalanced(r);
  });

  it('reports as congestion rent what the markets settle to their congestion accounts: whole money steps, none without a cross-feeder trade', () => {
    const rent = limited.network!.congestionRent;
    expect(rent).toBeGreaterThan(0);
    expect(Number.isInteger(rent)).toBe(true); // VND, step 1: settled amounts, not exact auction surpluses
  });

  it('regression: a mechanism that cannot honour links reports no congestion rent (its own budget surplus is not rent)', () => {
    // The run used to add every auction's surplus: Huang's budget surplus showed as 159,028 VND of rent.
    const r = runSimulation({ scenario: 'campus-grid', days: 1, seed: 1, mechanism: 'huang' });
    expect(r.metrics!.marketEfficiency).toBeGreaterThan(0); // it did trade (inside each feeder)
    expect(r.network!.congestionRent).toBe(0);
  });

  it('keeps uniform and discriminatory exactly efficient with link capacities (the capacitated optimum)', () => {
    for (const mechanism of ['uniform', 'discriminatory'] as const) {
      const r = mechanism === 'uniform' ? limited : runSimulation({ scenario: twoFeeders({ network: { links: [{ from: 'north', to: 'south', capacityKW: 80 }] } }), days: 1, seed: 1, mechanism });
      expect(r.metrics!.marketEfficiency).toBe(1);
    }
  });

  it('regression: measures a non-efficient mechanism that honours links against the capacitated optimum', () => {
    // Uniform clearing under another name, declared not efficient: the tally clears every
    // interval a second time, which must honour the same link capacities as the market.
    const uniform = BUILT_IN_MECHANISMS.uniform;
    const custom: AuctionMechanism = { ...uniform, name: 'uniform-again', properties: { ...uniform.properties, efficient: false } };
    const scenario = twoFeeders({ network: { links: [{ from: 'north', to: 'south', capacityKW: 20 }] } });
    const r = runSimulation({ scenario, days: 1, seed: 1, mechanism: custom });
    expect(r.network!.links.find((l) => l.from === 'north' && l.to === 'south')!.congestionHours).toBeGreaterThan(0);
    expect(r.metrics!.marketEfficiency).toBe(1);
    expect(r.totals).toEqual(runSimulation({ scenario, days: 1, seed: 1 }).totals);
  });

  it('is deterministic', () => {
    const again = runSimulation({
      scenario: twoFeeders({
        network: {
          transformers: [
            { zone: 'north', importKW: 100, exportKW: 60 },
            { zone: 'south', importKW: 150 },
          ],
          links: [{ from: 'north', to: 'south', capacityKW: 80 }],
        },
      }),
      days: 1,
      seed: 1,
    });
    expect(again).toEqual(limited);
  });
});

describe('runSimulation with imbalance netting', () => {
  it('never makes a participant pay more, saves exactly what it reports, and changes no energy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.constantFrom('community' as const, 'zone' as const), (seed, mode) => {
        const off = runSimulation({ scenario: twoFeeders(), days: 1, seed });
        const on = runSimulation({ scenario: twoFeeders({ imbalanceNetting: mode }), days: 1, seed });
        expect(on.series).toEqual(off.series);
        let saved = 0;
        on.participants.forEach((p, i) => {
          const before = off.participants[i]!;
          expect(p.netCost).toBeLessThanOrEqual(before.netCost);
          expect(p.baselineNetCost).toBe(before.baselineNetCost);
          saved += before.netCost - p.netCost;
        });
        // Money steps of 1 VND: sums of whole numbers are exact.
        expect(saved).toBe(on.network!.imbalanceNetting.saving);
        expect(off.totals.communityNetCost - on.totals.communityNetCost).toBe(on.network!.imbalanceNetting.saving);
        expect(on.network!.imbalanceNetting.mode).toBe(mode);
      }),
      { numRuns: runs(3) },
    );
  });

  it('nets something and saves something on a day with surplus and shortfall', () => {
    const on = runSimulation({ scenario: twoFeeders({ imbalanceNetting: 'community' }), days: 1, seed: 1 });
    expect(on.network!.imbalanceNetting.nettedKWh).toBeGreaterThan(0);
    expect(on.network!.imbalanceNetting.saving).toBeGreaterThan(0);
  });
});

describe('runSimulation: bad network fields', () => {
  const bad = (network: unknown, field: string): void => {
    const e = expectWattError(() => runSimulation({ scenario: twoFeeders({ network: network as NonNullable<Scenario['network']> }), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO, {
      fnName: 'runSimulation',
    });
    expect(e.message).toContain(field);
  };

  it('refuses a negative, off-step or non-numeric capacity, naming the field', () => {
    bad({ links: [{ from: 'north', to: 'south', capacityKW: -1 }] }, 'network.links[0].capacityKW');
    bad({ transformers: [{ zone: 'north', importKW: '0.0001' }] }, 'network.transformers[0].importKW');
    // 1 W over 15 minutes is a quarter of a Wh: refused, never rounded.
    bad({ transformers: [{ zone: 'north', exportKW: '0.001' }] }, 'network.transformers[0].exportKW');
    bad({ links: [{ from: 'north', to: 'south', capacityKW: 'lots' }] }, 'network.links[0].capacityKW');
  });

  it('refuses an unknown feeder, a link to itself and repeated entries', () => {
    bad({ links: [{ from: 'north', to: 'east', capacityKW: 1 }] }, 'network.links[0].to');
    bad({ transformers: [{ zone: 'west', importKW: 1 }] }, 'network.transformers[0].zone');
    bad({ links: [{ from: 'north', to: 'north', capacityKW: 1 }] }, 'network.links[0]');
    bad({ links: [{ from: 'north', to: 'south', capacityKW: 1 }, { from: 'north', to: 'south', capacityKW: 2 }] }, 'network.links[1]');
    bad({ transformers: [{ zone: 'north' }, { zone: 'north' }] }, 'network.transformers[1]');
    bad({ links: 'none' }, 'network.links');
    bad({ transformers: [7] }, 'network.transformers[0]');
    bad('none', 'network');
  });

  it('refuses an unknown netting mode', () => {
    const e = expectWattError(() => runSimulation({ scenario: twoFeeders({ imbalanceNetting: 'everyone' as 'zone' }), days: 1, seed: 1 }), ErrorCode.INVALID_SCENARIO);
    expect(e.message).toContain('imbalanceNetting');
  });
});
