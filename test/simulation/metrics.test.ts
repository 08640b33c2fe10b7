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
  });

  it('is part of every result a simulation returns', () => {
    const r = runSimulation({ scenario: 'campus', days: 1, seed: 4 });
    expect(r.metrics).toEqual(simulationMetrics(r, campusScenario()));
    expect(r.metrics?.selfSufficiency).toBe(r.totals.selfSufficiency);
    expect(r.metrics?.peakGridImportKW).toBeCloseTo(r.totals.peakGridImportKW, 6);
  });
});
