/**
 * The worker-thread side of {@link runSimulationParallel}: records the run of one group of
 * independent zones and posts the record (plain integers, structured-clone safe) back.
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MS_PER_DAY } from '../time/calendar.js';
import { recordRun } from '../simulation/run-loop.js';
import { prepareRun, type SimulationOptions } from '../simulation/run-simulation.js';
import { packRecord } from '../simulation/record-transfer.js';

interface Job {
  readonly options: SimulationOptions;
  readonly zones: readonly string[];
}

/** Intervals between progress reports at most (six hours of 15-minute intervals). */
const PROGRESS_EVERY = 24;
/** Milliseconds between progress reports at least, after the first. */
const PROGRESS_MS = 100;

const job = workerData as Job;
const port = parentPort;
if (port !== null) {
  try {
    const run = prepareRun(job.options);
    const total = run.settings.days * (MS_PER_DAY / run.resolved.intervalMs);
    // A message per interval costs the worker far more than the interval's share of the work
    // (postMessage wakes the main thread, on a machine whose cores the workers keep busy): report
    // every few simulated hours, at most ten times a second (every 24 intervals, some 1,500
    // messages a worker, were about 1 % of a district year's samples), and the end. The clock
    // read here decides only when progress is told, nothing of the run.
    let reported = -Infinity;
    const report = (done: number): void => {
      if (done === total || (done % PROGRESS_EVERY === 0 && performance.now() - reported >= PROGRESS_MS)) {
        reported = performance.now();
        port.postMessage({ kind: 'progress', done });
      }
    };
    const record = recordRun(run.resolved, { ...run.settings, onProgress: report }, job.zones);
    // Its long arrays travel as transferred buffers (see packRecord), not cloned value by value.
    const { message, transfer } = packRecord(record);
    port.postMessage({ kind: 'record', record: message }, transfer);
  } catch (e) {
    port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e), code: (e as { code?: unknown }).code });
  }
}
