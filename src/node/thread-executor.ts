import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { checkInteger } from '../validation/checks.js';
import { executeSweepRun } from '../sweep/execute-run.js';
import type { SweepExecutor } from '../sweep/sweep-executor.js';
import { spawnSweepThread, threadError, type SweepThreadMessage } from './sweep-thread.js';
import type { SweepRun, SweepRunSpec } from '../sweep/sweep-types.js';


/**
 * An executor that runs a sweep's runs on `workers` worker threads (default: every core,
 * `os.availableParallelism()`), each thread taking the next run as it finishes one. Each run is
 * deterministic on its own, so the outcome is the same as on one thread, whatever the order in
 * which they finish. With `workers: 1` the runs go on the calling thread, one after another.
 * Node.js only. The first run that fails stops the sweep (the other threads are terminated) and
 * rejects with its WattError; so does a spec that cannot be sent to a thread (not structured-cloneable,
 * e.g. holding a function: rejects with the DataCloneError), and a thread that errors or exits early.
 *
 * @throws WattError INVALID_RANGE for a worker count outside 1..256.
 */
export function threadExecutor(workers?: number): SweepExecutor {
  const count = checkInteger(workers, availableParallelism(), 1, 256, 'threadExecutor', 'workers');
  return async (specs, onRun) => {
    if (count === 1 || specs.length <= 1) {
      for (const spec of specs) {
        onRun(executeSweepRun(spec));
        // Lets progress output and signals through between runs.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return;
    }
    await pool(Math.min(count, specs.length), specs, onRun);
  };
}

function pool(size: number, specs: readonly SweepRunSpec[], onRun: (run: SweepRun) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const threads: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const stop = (e: Error): void => {
      if (failed) return;
      failed = true;
      for (const t of threads) void t.terminate();
      reject(e);
    };
    const released = new Set<Worker>();
    // postMessage throws (DataCloneError) for a spec that cannot be cloned, e.g. one holding a
    // function; it runs inside a message listener, so uncaught it would leave the sweep pending for ever.
    const feed = (t: Worker): void => {
      try {
        const spec = specs[next];
        if (spec === undefined) {
          released.add(t);
          t.postMessage(null);
          return;
        }
        next++;
        t.postMessage(spec);
      } catch (e) {
        stop(e instanceof Error ? e : new Error(String(e)));
      }
    };
    for (let i = 0; i < size; i++) {
      let t: Worker;
      try {
        t = spawnSweepThread();
      } catch (e) {
        stop(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      threads.push(t);
      t.on('message', (m: SweepThreadMessage) => {
        if (failed) return;
        if (m.kind === 'error') {
          stop(threadError(m));
          return;
        }
        if (m.kind === 'run') {
          try {
            onRun(m.run);
          } catch (e) {
            stop(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          finished++;
          if (finished === specs.length) {
            for (const w of threads) void w.terminate();
            resolve();
            return;
          }
        }
        feed(t);
      });
      t.on('error', stop);
      t.on('exit', (code) => {
        if (!released.has(t) && finished < specs.length) stop(new Error(`runSweep: a worker thread exited (code ${code}) before the sweep finished`));
      });
    }
  });
}
