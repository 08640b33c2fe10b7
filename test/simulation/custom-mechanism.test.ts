import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_MECHANISMS,
  campusScenario,
  districtScenario,
  renderReport,
  runSimulation,
  type AuctionMechanism,
  type SimulationResult,
} from '../../src/index.js';
import { runSimulationParallel } from '../../src/node.js';

/** A built-in under a name of its own: a custom mechanism that must clear exactly like it. */
function custom(name: string, base: AuctionMechanism): AuctionMechanism {
  const m: AuctionMechanism = { name, properties: base.properties, clear: (orders, context) => base.clear(orders, context) };
  return base.supports === undefined ? m : { ...m, supports: base.supports };
}

/** The result with the mechanism's name taken out (also from the description's note), to compare runs. */
function unnamed(r: SimulationResult): string {
  return JSON.stringify({ ...r, mechanism: '' }).replaceAll(`'${r.mechanism}'`, "''");
}

describe('runSimulation with a custom AuctionMechanism', () => {
  it('runs it like the built-in it wraps, records its name, and the report shows it', () => {
    const options = { scenario: campusScenario(), days: 1, seed: 3 };
    for (const base of ['uniform', 'huang'] as const) {
      const mine = runSimulation({ ...options, mechanism: custom(`my-${base}`, BUILT_IN_MECHANISMS[base]) });
      const builtIn = runSimulation({ ...options, mechanism: base });
      expect(mine.mechanism).toBe(`my-${base}`);
      expect(builtIn.mechanism).toBe(base);
      expect(mine.totals.p2pTradedKWh).toBeGreaterThan(0);
      expect(unnamed(mine)).toBe(unnamed(builtIn));
      expect(renderReport(mine)).toContain(`mechanism my-${base}`);
    }
  });

  it('asks the mechanism whether it takes zonal fees: one that declares none clears each feeder apart', () => {
    // The campus's feeders trade with each other net of a cross-feeder fee; a uniform-price
    // mechanism that declares no support for zonal fees gets one auction per feeder, as huang does.
    const options = { scenario: campusScenario(), days: 1, seed: 3 };
    const apart = runSimulation({ ...options, mechanism: { ...custom('uniform-apart', BUILT_IN_MECHANISMS.uniform), supports: { zonalFees: false } } });
    const joint = runSimulation({ ...options, mechanism: custom('uniform-joint', BUILT_IN_MECHANISMS.uniform) });
    expect(apart.description).toContain("With 'uniform-apart', which has no form with fees that differ between zones");
    expect(joint.description).not.toContain('With ');
    expect(apart.totals.p2pTradedKWh).not.toBe(joint.totals.p2pTradedKWh);
  });

  it('runs on the calling thread under runSimulationParallel (a function cannot cross to a worker), with the same result', async () => {
    const options = { scenario: districtScenario({ prosumers: 30, feeders: 3 }), days: 1, seed: 2 };
    const mechanism = custom('mine', BUILT_IN_MECHANISMS.discriminatory);
    const parallel = await runSimulationParallel({ ...options, mechanism, workers: 2 });
    expect(parallel.mechanism).toBe('mine');
    expect(unnamed(parallel)).toBe(unnamed(runSimulation({ ...options, mechanism: 'discriminatory' })));
  });
});
