import { Worker } from 'node:worker_threads';
import { ErrorCode, type ErrorCode as Code } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import type { SweepRun, SweepRunSpec } from '../sweep/sweep-types.js';

/** What a sweep worker thread posts. */
export type SweepThreadMessage = { kind: 'ready' } | { kind: 'run'; run: SweepRun } | { kind: 'error'; index: number; message: string; code?: unknown };

const CODES: ReadonlySet<unknown> = new Set(Object.values(ErrorCode));

/** The error a worker thread reported for a run: its WattError again, or a plain Error for a defect. */
export function threadError(m: { index: number; message: string; code?: unknown }): Error {
  return CODES.has(m.code) ? new WattError(m.code as Code, m.message) : new Error(`runSweep: run ${m.index} failed: ${m.message}`);
}

/** Starts a sweep worker thread: the built file beside this module, or the source through tsx's hooks (tests, tsx). */
export function spawnSweepThread(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const source = new URL('./sweep-worker.ts', here).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./sweep-worker.js', here));
}

/**
 * One worker thread that runs sweep runs one at a time, for callers that must keep their own
 * thread free while a run computes (a queue worker renews its job locks on a timer: a run on the
 * same thread would block the renewal and let the job be taken as stalled).
 */
export class SweepThread {
  private readonly worker = spawnSweepThread();
  private pending: { resolve: (r: SweepRun) => void; reject: (e: Error) => void } | undefined;
  private dead: Error | undefined;

  constructor() {
    this.worker.on('message', (m: SweepThreadMessage) => {
      const p = this.pending;
      if (m.kind === 'ready' || p === undefined) return;
      this.pending = undefined;
      if (m.kind === 'run') p.resolve(m.run);
      else p.reject(threadError(m));
    });
    const die = (e: Error): void => {
      this.dead = e;
      this.pending?.reject(e);
      this.pending = undefined;
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => {
      die(new Error(`SweepThread: the worker thread exited (code ${code})`));
    });
  }

  /** False once the thread has exited or failed: every later {@link SweepThread.run} rejects, so callers drop it. */
  get alive(): boolean {
    return this.dead === undefined;
  }

  /** Runs one run in the thread; one at a time. */
  run(spec: SweepRunSpec): Promise<SweepRun> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    if (this.pending !== undefined) return Promise.reject(new Error('SweepThread.run: a run is already in progress'));
    return new Promise<SweepRun>((resolve, reject) => {
      this.pending = { resolve, reject };
      try {
        this.worker.postMessage(spec);
      } catch (e) {
        // A spec that cannot be cloned (DataCloneError) never reached the thread: free the slot so
        // that the thread stays usable for the next run, and reject this one.
        this.pending = undefined;
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
