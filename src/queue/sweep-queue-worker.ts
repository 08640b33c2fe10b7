import { Worker } from 'bullmq';
import { SweepThread } from '../node/sweep-thread.js';
import type { SweepRun, SweepRunSpec } from '../sweep/sweep-types.js';
import { checkInteger } from '../validation/checks.js';
import { DEFAULT_QUEUE_NAME, parseRedisUrl } from './redis-url.js';

/** What a queue worker returns for a job: the run, or the WattError that refused it (bad input is final: no retry). */
export type QueueJobResult = QueueJobRun | QueueJobRefused;

/** A job's run, finished. */
export interface QueueJobRun {
  /** Always 'run'. */
  readonly kind: 'run';
  /** The run's outcome. */
  readonly run: SweepRun;
}

/** A job the simulation refused (bad input): final, so the job is not retried. */
export interface QueueJobRefused {
  /** Always 'error'. */
  readonly kind: 'error';
  /** The WattError's code. */
  readonly code: string;
  /** The WattError's message. */
  readonly message: string;
}

/** Options of {@link startSweepWorker}. */
export interface SweepWorkerOptions {
  /** The Redis server, `redis://HOST:PORT`. */
  readonly url: string;
  /** The queue's name (default `'wattmarket-sweep'`). */
  readonly name?: string;
  /** Runs at once, each on a worker thread of its own (default 1; one per core is sensible). */
  readonly concurrency?: number;
  /** How long a job's lock lasts without renewal, ms (default 30,000): a dead worker's run is taken over after about this long. */
  readonly lockDuration?: number;
  /** How often this worker looks for stalled jobs (whose worker died), ms (default 30,000). */
  readonly stalledInterval?: number;
  /** Called after each finished run. */
  readonly onRun?: (run: SweepRun) => void;
}

/** A running sweep worker. */
export interface SweepWorker {
  /** Stops taking jobs, lets the running ones finish, and closes the connection and threads. */
  close(): Promise<void>;
}

/**
 * Starts a worker that takes sweep runs from the queue (see {@link queueExecutor}) and runs them,
 * `concurrency` at a time, each on a worker thread so this thread stays free to renew the jobs'
 * locks (a run that blocked it would let its job be taken as stalled and run twice). Start any
 * number, on any machines that reach the Redis server. Node.js only; needs `bullmq`.
 *
 * @throws WattError INVALID_OPTION for a bad URL, INVALID_RANGE for a bad concurrency or duration.
 * @example
 * ```ts
 * import { startSweepWorker } from 'wattmarket/queue';
 * const worker = await startSweepWorker({ url: 'redis://10.0.0.5:6379', concurrency: 4 });
 * process.on('SIGTERM', () => void worker.close());
 * ```
 */
export async function startSweepWorker(options: SweepWorkerOptions): Promise<SweepWorker> {
  const fn = 'startSweepWorker';
  const connection = parseRedisUrl(options.url, fn);
  const concurrency = checkInteger(options.concurrency, 1, 1, 256, fn, 'concurrency');
  const lockDuration = checkInteger(options.lockDuration, 30_000, 100, 3_600_000, fn, 'lockDuration');
  const stalledInterval = checkInteger(options.stalledInterval, 30_000, 100, 3_600_000, fn, 'stalledInterval');
  const idle: SweepThread[] = [];
  const all: SweepThread[] = [];
  const worker = new Worker<SweepRunSpec, QueueJobResult>(
    options.name ?? DEFAULT_QUEUE_NAME,
    async (job) => {
      const thread = idle.pop() ?? new SweepThread();
      if (!all.includes(thread)) all.push(thread);
      try {
        const run = await thread.run(job.data);
        options.onRun?.(run);
        return { kind: 'run', run };
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string') return { kind: 'error', code, message: (e as Error).message };
        throw e;
      } finally {
        // A thread that died (exited, out of memory) would fail every later job: start a fresh one instead.
        if (thread.alive) idle.push(thread);
      }
    },
    { connection, concurrency, lockDuration, stalledInterval, autorun: true },
  );
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      await Promise.all(all.map((t) => t.close()));
    },
  };
}
