import { mechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import { simulationMetrics } from '../simulation/metrics.js';
import { runSimulation } from '../simulation/run-simulation.js';
import { clearingMode, runScenario } from './run-scenario.js';
import type { SweepRun, SweepRunSpec } from './sweep-types.js';

/**
 * Runs one run of a sweep on the calling thread: the same {@link runSimulation} that `simulate`
 * runs, so its `totals` are exactly those of `wattmarket simulate --json` for the same scenario,
 * mechanism and seed. Every runner (one thread, worker threads, queue workers) calls this.
 */
export function executeSweepRun(spec: SweepRunSpec): SweepRun {
  const scenario = runScenario(spec);
  const result = runSimulation({
    scenario,
    days: spec.days,
    seed: spec.seed,
    mechanism: spec.mechanism,
    ...(spec.k === null ? {} : { k: spec.k }),
  });
  return {
    index: spec.index,
    scenario: scenario.name,
    variant: spec.variant,
    mechanism: mechanismName(spec.mechanism),
    strategy: spec.strategy,
    k: spec.k,
    seed: spec.seed,
    days: spec.days,
    clearing: clearingMode(scenario, spec.mechanism),
    totals: result.totals,
    metrics: result.metrics ?? simulationMetrics(result, scenario),
  };
}
