/**
 * The worker-thread side of {@link runSimulationParallel}: records the run of one group of
 * independent zones and posts the record (plain integers, structured-clone safe) back.
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { recordRun } from './run-loop.js';
import { prepareRun, type SimulationOptions } from './run-simulation.js';

interface Job {
  readonly options: SimulationOptions;
  readonly zones: readonly string[];
}

const job = workerData as Job;
const port = parentPort;
if (port !== null) {
  try {
    const run = prepareRun(job.options);
    const record = recordRun(run.resolved, { ...run.settings, onProgress: (done) => port.postMessage({ kind: 'progress', done }) }, job.zones);
    port.postMessage({ kind: 'record', record });
  } catch (e) {
    port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e), code: (e as { code?: unknown }).code });
  }
}
