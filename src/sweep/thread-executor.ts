import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ErrorCode, type ErrorCode as Code } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import { checkInteger } from '../validation/checks.js';
import { executeSweepRun } from './execute-run.js';
import type { SweepExecutor } from './sweep-executor.js';
import type { SweepRun, SweepRunSpec } from './sweep-types.js';

type FromWorker = { kind: 'ready' } | { kind: 'run'; run: SweepRun } | { kind: 'error'; index: number; message: string; code?: unknown };

const CODES: ReadonlySet<unknown> = new Set(Object.values(ErrorCode));

/**
 * An executor that runs a sweep's runs on `workers` worker threads (default: every core,
 * `os.availableParallelism()`), each thread taking the next run as it finishes one. Each run is
 * deterministic on its own, so the outcome is the same as on one thread, whatever the order in
 * which they finish. With `workers: 1` the runs go on the calling thread, one after another.
 * Node.js only. The first run that fails stops the sweep (the other threads are terminated) and
 * rejects with its WattError.
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
    const feed = (t: Worker): void => {
      const spec = specs[next];
      if (spec === undefined) {
        released.add(t);
        t.postMessage(null);
        return;
      }
      next++;
      t.postMessage(spec);
    };
    for (let i = 0; i < size; i++) {
      const t = spawn();
      threads.push(t);
      t.on('message', (m: FromWorker) => {
        if (failed) return;
        if (m.kind === 'error') {
          stop(CODES.has(m.code) ? new WattError(m.code as Code, m.message) : new Error(`runSweep: run ${m.index} failed: ${m.message}`));
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

/** Starts a sweep worker: the built file beside this module, or the source through tsx's hooks (tests, tsx). */
function spawn(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const source = new URL('./sweep-worker.ts', here).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./sweep-worker.js', here));
}
