import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netImbalances } from '../../src/index.js';
import { nettedLots } from '../../src/settlement/imbalance-netting.js';
import { NetworkRun } from '../../src/simulation/network-run.js';
import type { Delivery } from '../../src/simulation/prosumer.js';
import type { ResolvedScenario } from '../../src/simulation/resolve-scenario.js';
import type { ResolvedNetwork } from '../../src/simulation/resolve-network.js';
import { runs } from '../helpers/expect-watt-error.js';

const delivery = (netWh: number): Delivery => ({ netWh, generationWh: Math.max(0, -netWh), consumptionWh: Math.max(0, netWh), storageDeltaWh: 0, lossesWh: 0, curtailedWh: 0, unservedWh: 0 });

/** Only the fields NetworkRun reads. */
function scenario(network: ResolvedNetwork | undefined, netting: ResolvedScenario['netting'] = 'off'): ResolvedScenario {
  return { zones: ['a', 'b'], network, netting, retailTicks: 2204, feedInTicks: 671 } as unknown as ResolvedScenario;
}

const people = [
  { id: 'p1', zone: 'a' },
  { id: 'p2', zone: 'a' },
  { id: 'p3', zone: 'a' },
  { id: 'p4', zone: 'b' },
];

describe('NetworkRun.limit', () => {
  it('curtails export beyond the limit at the over-exporters, in proportion, and leaves a feeder within its limits alone', () => {
    const run = new NetworkRun(scenario({ links: [], importWh: [undefined, 10], exportWh: [100, undefined] }), people, 1, 1n, 1n);
    // Imbalances (export positive): zone a exports 60 + 30 - 10 = 80 + ... over the limit of 50.
    const d = [delivery(-60), delivery(-30), delivery(10), delivery(5)];
    const imbalance = [60, 30, -10, -5];
    run.limit(d, imbalance, 0);
    // Zone a: 80 out, limit 100: nothing happens. Zone b: 5 in, limit 10: nothing happens.
    expect(imbalance).toEqual([60, 30, -10, -5]);
    const tight = new NetworkRun(scenario({ links: [], importWh: [undefined, 2], exportWh: [50, undefined] }), people, 1, 1n, 1n);
    tight.limit(d, imbalance, 0);
    // Zone a: 30 Wh too much, shared 60:30 -> 20 and 10. Zone b: 3 Wh not served.
    expect(imbalance).toEqual([40, 20, -10, -2]);
    expect(d.map((x) => x.curtailedWh)).toEqual([20, 10, 0, 0]);
    expect(d.map((x) => x.unservedWh)).toEqual([0, 0, 0, 3]);
    expect(d.map((x) => x.netWh)).toEqual([-40, -20, 10, 2]);
    expect(tight.record.curtailedSeries).toEqual([30]);
    expect(tight.record.unservedSeries).toEqual([3]);
    expect(tight.record.transformerSeries).toEqual([[-50], [2]]);
  });

  it('keeps every feeder within its limits and the meters consistent, for any imbalances', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 4, maxLength: 4 }), fc.nat(4000), fc.nat(4000), (imb, imp, exp) => {
        const run = new NetworkRun(scenario({ links: [], importWh: [imp, imp], exportWh: [exp, exp] }), people, 1, 1n, 1n);
        const d = imb.map((v) => delivery(-v));
        const imbalance = imb.slice();
        run.limit(d, imbalance, undefined);
        for (const members of [[0, 1, 2], [3]]) {
          const flow = members.reduce((a, i) => a + imbalance[i]!, 0);
          expect(flow).toBeLessThanOrEqual(exp);
          expect(-flow).toBeLessThanOrEqual(imp);
        }
        imb.forEach((v, i) => {
          // What was cut went to curtailment (exports) or unserved load (imports), never both, never more than the deviation.
          expect(v - imbalance[i]!).toBe(d[i]!.curtailedWh - d[i]!.unservedWh);
          expect(Math.abs(imbalance[i]!)).toBeLessThanOrEqual(Math.abs(v));
          expect(Math.sign(imbalance[i]!) * Math.sign(v)).toBeGreaterThanOrEqual(0);
        });
        expect(run.record.baselineCurtailedWh).toBe(d.reduce((a, x) => a + x.curtailedWh, 0));
        expect(run.record.baselineUnservedWh).toBe(d.reduce((a, x) => a + x.unservedWh, 0));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('nettedLots', () => {
  it('nets exactly what netImbalances nets', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom('x', 'y', undefined)), { minLength: 1, maxLength: 10 }), (rows) => {
        const names = rows.map((_, i) => `p${String(rows.length - i).padStart(2, '0')}`);
        const lots = nettedLots(
          rows.map(([d]) => BigInt(d)),
          names,
          rows.map(([, z]) => z),
        );
        const r = netImbalances({ deviations: rows.map(([d, zone], i) => ({ participant: names[i]!, deviation: (d / 1000).toFixed(3), ...(zone === undefined ? {} : { zone }) })), retailPrice: '0.3', feedInPrice: '0.1' });
        expect(lots.map((k) => Number(k) / 1000)).toEqual(r.participants.map((p) => p.netted.toNumber()));
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('NetworkRun.net', () => {
  it('saves at most the half spread on each netted Wh and nothing without netting', () => {
    const off = new NetworkRun(scenario(undefined), people, 1, 1n, 1000n);
    expect(off.net([100, -100, 0, 0])).toBeUndefined();
    // 1 money step per 1000 tick x Wh, 100 Wh netted at 1437.5: the surplus gets 143.75 -> 144
    // instead of 67.1 -> 67 (saves 77), the shortfall pays 144 instead of 220.4 -> 220 (saves 76).
    const on = new NetworkRun(scenario(undefined, 'community'), people, 1, 1n, 1000n);
    const savings = on.net([100, -100, 0, 0])!;
    expect(savings).toEqual([77, 76, 0, 0]);
    expect(on.record.nettedWh).toBe(100);
    expect(on.record.nettingSavingSteps).toBe(153);
  });
});
