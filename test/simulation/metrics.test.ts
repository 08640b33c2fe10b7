import { describe, expect, it } from 'vitest';
import { campusScenario, runSimulation, simulationMetrics, type MetricsInput } from '../../src/index.js';

const base: MetricsInput = {
  days: 2,
  intervalMinutes: 15,
  totals: {
    generationKWh: 100,
    consumptionKWh: 200,
    gridImportKWh: 150,
    gridExportKWh: 50,
    p2pTradedKWh: 30,
    storageDeltaKWh: 0,
    lossesKWh: 0,
    curtailedKWh: 0,
    unservedKWh: 0,
    selfSufficiency: 0.25,
    selfConsumption: 0.5,
    peakGridImportKW: 40,
    averageLocalPrice: 1500,
    welfare: 0,
    communityNetCost: 900,
    baselineCommunityNetCost: 1000,
    communitySaving: 100,
    gridFees: 0,
    evShortfallKWh: 5,
    missedSwaps: 3,
  },
  participants: [
    { id: 'a', type: 't', zone: 'z', agent: 'truthful', netCost: 400, baselineNetCost: 500, generationKWh: 0, consumptionKWh: 0, boughtKWh: 0, soldKWh: 0, gridImportKWh: 0, gridExportKWh: 0 },
    { id: 'ev', type: 't', zone: 'z', agent: 'ev-deadline', netCost: 500, baselineNetCost: 500, generationKWh: 0, consumptionKWh: 15, boughtKWh: 0, soldKWh: 0, gridImportKWh: 0, gridExportKWh: 0 },
  ],
  series: {
    time: ['t0', 't1', 't2'],
    generationKWh: [0, 0, 0],
    consumptionKWh: [0, 0, 0],
    gridImportKWh: [10, 5, 0],
    gridExportKWh: [0, 2.5, 1],
    p2pTradedKWh: [10, 0, 20],
    storageDeltaKWh: [0, 0, 0],
    lossesKWh: [0, 0, 0],
    demandKWh: [0, 0, 0],
    supplyKWh: [0, 0, 0],
    price: [1000, null, 1750],
    batterySoc: {},
  },
};

describe('simulationMetrics', () => {
  it('computes each metric by its formula', () => {
    const ev = campusScenario().participants.find((p) => p.ev !== undefined)!.ev!;
    const scenario = { ...campusScenario(), participants: [{ id: 'a', type: 't' }, { id: 'ev', type: 't', ev }] };
    const m = simulationMetrics(base, scenario);
    expect(m.selfSufficiency).toBe(0.25);
    expect(m.selfConsumption).toBe(0.5);
    expect(m.peakGridImportKW).toBe(40);
    expect(m.peakGridExportKW).toBe(10);
    expect(m.communitySaving).toBe(100);
    expect(m.communitySavingShare).toBe(0.1);
    expect(m.shareGaining).toBe(0.5);
    // Savings 100 and 0: |100 - 0| * 2 / (2 * 2 * 100).
    expect(m.savingGini).toBe(0.5);
    expect(m.localPriceMean).toBe(1500);
    // Prices 1000 (10 kWh) and 1750 (20 kWh): mean 1500, variance (10 * 500^2 + 20 * 250^2) / 30.
    expect(m.localPriceSpread).toBeCloseTo(Math.sqrt((10 * 500 ** 2 + 20 * 250 ** 2) / 30), 5);
    expect(m.tradedKWh).toBe(30);
    expect(m.tradedShare).toBe(0.15);
    expect(m.evServiceLevel).toBe(0.75);
    expect(m.missedSwapsPerDay).toBe(1.5);
    expect(simulationMetrics(base).evServiceLevel).toBeNull();
    // No swapsServed (a result from before it existed): no service level.
    expect(m.swapServiceLevel).toBeNull();
    expect(m.marketEfficiency).toBeNull();
  });

  it('swap service level: swaps served over riders arriving; market efficiency from the totals', () => {
    const m = simulationMetrics({ ...base, totals: { ...base.totals, swapsServed: 9, missedSwaps: 3, marketEfficiency: 0.875 } });
    expect(m.swapServiceLevel).toBe(0.75);
    expect(m.marketEfficiency).toBe(0.875);
    expect(simulationMetrics({ ...base, totals: { ...base.totals, swapsServed: 0, missedSwaps: 0 } }).swapServiceLevel).toBeNull();
  });

  it('in a run: swaps served and per-zone totals that add up to the community', () => {
    const r = runSimulation({ scenario: 'campus', days: 1, seed: 4 });
    const t = r.totals;
    expect(t.swapsServed).toBeGreaterThan(0);
    expect(r.metrics?.swapServiceLevel).toBe(Math.round(((t.swapsServed as number) / ((t.swapsServed as number) + t.missedSwaps)) * 1e6) / 1e6);
    expect(t.service?.['swapsServed']).toBeUndefined();
    const zones = r.zones ?? [];
    expect(zones.map((z) => z.zone)).toEqual(['academic', 'residential', 'mobility']);
    const wh = (x: number): number => Math.round(x * 1000);
    const sum = (f: (z: (typeof zones)[number]) => number): number => zones.reduce((a, z) => a + wh(f(z)), 0);
    expect(sum((z) => z.generationKWh)).toBe(wh(t.generationKWh));
    expect(sum((z) => z.consumptionKWh)).toBe(wh(t.consumptionKWh));
    expect(sum((z) => z.gridImportKWh)).toBe(wh(t.gridImportKWh));
    expect(sum((z) => z.gridExportKWh)).toBe(wh(t.gridExportKWh));
    expect(sum((z) => z.boughtKWh)).toBe(wh(t.p2pTradedKWh));
    expect(sum((z) => z.soldKWh)).toBe(wh(t.p2pTradedKWh));
    // Energy that leaves one feeder arrives in another, and the campus's feeders do trade.
    expect(sum((z) => z.boughtFromOtherZonesKWh)).toBe(sum((z) => z.soldToOtherZonesKWh));
    expect(sum((z) => z.boughtFromOtherZonesKWh)).toBeGreaterThan(0);
    expect(zones.reduce((a, z) => a + z.participants, 0)).toBe(r.participants.length);
    for (const z of zones) {
      const mine = r.participants.filter((p) => p.zone === z.zone);
      expect(wh(z.boughtKWh)).toBe(mine.reduce((a, p) => a + wh(p.boughtKWh), 0));
      expect(z.boughtFromOtherZonesKWh).toBeLessThanOrEqual(z.boughtKWh);
    }
  });

  it('is part of every result a simulation returns', () => {
    const r = runSimulation({ scenario: 'campus', days: 1, seed: 4 });
    expect(r.metrics).toEqual(simulationMetrics(r, campusScenario()));
    expect(r.metrics?.selfSufficiency).toBe(r.totals.selfSufficiency);
    expect(r.metrics?.peakGridImportKW).toBeCloseTo(r.totals.peakGridImportKW, 6);
  });
});
