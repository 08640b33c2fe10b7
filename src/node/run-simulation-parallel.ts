import { Worker } from 'node:worker_threads';
import { MS_PER_DAY } from '../time/calendar.js';
import { checkInteger } from '../validation/checks.js';
import { buildResult } from '../simulation/build-result.js';
import { independentZoneGroups } from '../simulation/day-market.js';
import { mergeRecords, type RunRecord } from '../simulation/run-record.js';
import { prepareRun, runSimulation, type SimulationOptions } from '../simulation/run-simulation.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import { workerRecord } from '../simulation/worker-record.js';

/** Options of {@link runSimulationParallel}. */
export interface ParallelSimulationOptions extends SimulationOptions {
  /** Worker threads to use (default 2); more than the independent groups of zones is pointless. */
  workers?: number;
}

/**
 * {@link runSimulation} split over worker threads, with exactly the same result. Zones that do
 * not trade with each other (no cross-zone fee in the scenario, or a truthful mechanism) are
 * independent markets: their groups are spread over the workers (balanced by participants), each
 * worker records its groups' run, and the records (exact integers) merge into the whole run's.
 * A scenario whose zones trade with each other runs in one piece. Node.js only (worker_threads);
 * the scenario must be plain data, and custom strategies, mechanisms and asset types (functions)
 * cannot cross to a worker, so a run with `strategies`, `assets` or a mechanism object runs on the
 * calling thread. `onProgress` is called as the workers report (after 24 intervals, then every
 * 24 intervals at most ten times a second, and at their end) with the intervals done by the
 * slowest of them, ending with the total.
 *
 * @returns a promise of the same {@link SimulationResult} that runSimulation returns.
 * @throws (rejects with) the WattErrors of runSimulation; INVALID_RANGE for a bad worker count; the
 * DataCloneError of options that cannot be sent to a worker (after terminating any thread started).
 */
export async function runSimulationParallel(options: ParallelSimulationOptions): Promise<SimulationResult> {
  const { workers: workerOption, ...simulation } = options;
  const workers = checkInteger(workerOption, 2, 1, 256, 'runSimulationParallel', 'workers');
  const run = prepareRun(simulation);
  const groups = independentZoneGroups(run.resolved, run.settings.mechanism);
  // Functions (custom strategies, asset types, a custom mechanism) cannot be sent to a worker.
  const local =
    simulation.strategies !== undefined ||
    simulation.assets !== undefined ||
    (simulation.mechanism !== undefined && typeof simulation.mechanism !== 'string');
  if (workers === 1 || groups.length === 1 || local) return runSimulation(simulation);
  const counts = new Map<string, number>();
  for (const p of run.resolved.participants) counts.set(p.zone, (counts.get(p.zone) ?? 0) + 1);
  // Largest groups first, each to the least loaded worker: a balanced, deterministic split.
  const sorted = groups.slice().sort((a, b) => weight(b, counts) - weight(a, counts));
  const bins = Array.from({ length: Math.min(workers, groups.length) }, () => ({ zones: [] as string[], load: 0 }));
  for (const g of sorted) {
    const bin = bins.reduce((best, b) => (b.load < best.load ? b : best));
    bin.zones.push(...g);
    bin.load += weight(g, counts);
  }
  const total = run.settings.days * (MS_PER_DAY / run.resolved.intervalMs);
  const done = bins.map(() => 0);
  const { onProgress, ...plain } = simulation;
  // new Worker throws (DataCloneError) for options that cannot be cloned, and Promise.all rejects
  // on the first failure while the other workers would go on: either way every thread started is
  // terminated before the rejection, so none is left running.
  const threads: Worker[] = [];
  let records: RunRecord[];
  try {
    for (const bin of bins) threads.push(spawn({ options: plain, zones: bin.zones }));
    records = await Promise.all(
      threads.map((t, i) =>
        workerRecord(t, (d) => {
          done[i] = d;
          onProgress?.(Math.min(...done), total);
        }),
      ),
    );
  } catch (e) {
    await Promise.all(threads.map((t) => t.terminate()));
    throw e;
  }
  return buildResult(mergeRecords(records, run.resolved.participants.map((p) => p.id)), run.facts);
}

function weight(zones: readonly string[], counts: ReadonlyMap<string, number>): number {
  return zones.reduce((a, z) => a + (counts.get(z) ?? 0), 0);
}

/**
 * Starts the worker: the built file next to this module, or, when running from the TypeScript
 * sources (tests, tsx), the source file loaded through tsx's hooks registered inside the worker.
 */
function spawn(job: { options: SimulationOptions; zones: readonly string[] }): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const source = new URL('./simulation-worker.ts', here).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(boot, { eval: true, workerData: job });
  }
  return new Worker(new URL('./simulation-worker.js', here), { workerData: job });
}
