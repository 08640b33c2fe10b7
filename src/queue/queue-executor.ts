import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { ErrorCode, type ErrorCode as Code } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import type { SweepExecutor } from '../sweep/sweep-executor.js';
import { DEFAULT_QUEUE_NAME, parseRedisUrl } from './redis-url.js';
import type { QueueJobResult } from './sweep-queue-worker.js';

/** Options of {@link queueExecutor}. */
export interface QueueExecutorOptions {
  /** The Redis server, `redis://HOST:PORT`. */
  readonly url: string;
  /** The queue's name (default `'wattmarket-sweep'`): workers must listen on the same. */
  readonly name?: string;
}

/** A sweep executor on a queue, and its connections to close once the sweep is over. */
export interface QueueSweepExecutor {
  /** Pass as `runSweep({ executor })`. */
  readonly executor: SweepExecutor;
  /** Closes the connections to Redis. */
  close(): Promise<void>;
}

const CODES: ReadonlySet<unknown> = new Set(Object.values(ErrorCode));
/** Finished jobs stay a day (for inspection), then Redis forgets them. */
const KEEP = { age: 24 * 3600 };

/**
 * An executor that sends a sweep's runs to a BullMQ queue on Redis, one job per run, and
 * collects each outcome as a worker ({@link startSweepWorker}, `wattmarket worker`) finishes it.
 * Workers run the very `executeSweepRun` a local sweep runs and the outcome returns as
 * JSON, which gives back every number exactly, so the sweep's result is the same as a local
 * one's, run for run. A worker that dies mid-run loses nothing: its job's lock expires and
 * BullMQ's stalled-job check hands the job to another worker. A run refused by the simulation
 * (bad input) rejects the sweep with the same WattError; a run that fails otherwise rejects it
 * with BullMQ's reason. Node.js only; needs the optional peer dependency `bullmq`.
 *
 * @example
 * ```ts
 * import { runSweep } from 'wattmarket/node';
 * import { queueExecutor } from 'wattmarket/queue';
 * const queue = await queueExecutor({ url: 'redis://10.0.0.5:6379' });
 * try {
 *   const sweep = await runSweep({ scenarios: ['campus'], days: 7, seeds: [1, 2, 3], executor: queue.executor });
 * } finally {
 *   await queue.close();
 * }
 * ```
 */
export async function queueExecutor(options: QueueExecutorOptions): Promise<QueueSweepExecutor> {
  const connection = parseRedisUrl(options.url, 'queueExecutor');
  const name = options.name ?? DEFAULT_QUEUE_NAME;
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  await events.waitUntilReady();
  const executor: SweepExecutor = async (specs, onRun) => {
    if (specs.length === 0) return;
    // Job ids unique to this sweep: the same sweep run twice makes new jobs, never reads old ones.
    const sweep = randomUUID();
    const jobs = await queue.addBulk(
      specs.map((spec) => ({ name: 'run', data: spec, opts: { jobId: `${sweep}-${spec.index}`, removeOnComplete: KEEP, removeOnFail: KEEP } })),
    );
    await Promise.all(
      jobs.map(async (job) => {
        const result = (await job.waitUntilFinished(events)) as QueueJobResult;
        if (result.kind === 'error') throw CODES.has(result.code) ? new WattError(result.code as Code, result.message) : new Error(result.message);
        onRun(result.run);
      }),
    );
  };
  return {
    executor,
    close: async () => {
      await events.close();
      await queue.close();
    },
  };
}
