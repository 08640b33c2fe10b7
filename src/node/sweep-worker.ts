/**
 * The worker-thread side of {@link runSweep}'s thread executor: runs the sweep runs the main
 * thread sends, one at a time, and posts each outcome back (plain data, structured-clone safe).
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads';
import { executeSweepRun } from '../sweep/execute-run.js';
import type { SweepRunSpec } from '../sweep/sweep-types.js';

const port = parentPort;
if (port !== null) {
  port.on('message', (spec: SweepRunSpec | null) => {
    if (spec === null) {
      port.close();
      return;
    }
    try {
      port.postMessage({ kind: 'run', run: executeSweepRun(spec) });
    } catch (e) {
      port.postMessage({ kind: 'error', index: spec.index, message: e instanceof Error ? e.message : String(e), code: (e as { code?: unknown }).code });
    }
  });
  port.postMessage({ kind: 'ready' });
}
