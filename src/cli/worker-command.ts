import { WattError } from '../errors/watt-error.js';
import { readFlags, wantsHelp } from './command-flags.js';
import { parseWhole } from './list-args.js';
import type { CliIo } from './run-cli.js';
import { usageError } from './simulate-command.js';

/** `wattmarket worker --help`. */
export const WORKER_USAGE = `Usage: wattmarket worker --queue redis://HOST:PORT [options]

Takes sweep runs from the queue that \`wattmarket sweep --queue\` fills and runs them, until
stopped (Ctrl-C or SIGTERM: the runs in progress finish first). Start any number, on any machines
that reach the Redis server. A worker that dies mid-run loses nothing: another takes its run.
Needs the bullmq package (npm install bullmq).

Options:
  --queue URL          the Redis server (required)
  --concurrency N      runs at once, each on its own thread (default 1; one per core is sensible)
  --help               show this help
`;

/** What the worker command needs from its host. */
export interface WorkerHost {
  /** Starts a queue worker (loads `wattmarket/queue`); resolves once it listens. */
  startWorker?(url: string, concurrency: number, onRun: () => void): Promise<{ close(): Promise<void> }>;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  stopSignal?(): Promise<void>;
}

/** Runs `wattmarket worker`; resolves to the exit code once stopped. */
export async function workerCommand(args: readonly string[], io: CliIo & WorkerHost): Promise<number> {
  if (wantsHelp(args)) {
    io.out(WORKER_USAGE);
    return 0;
  }
  const flags = readFlags('worker', args, ['queue', 'concurrency'], []);
  if (typeof flags === 'string') return usageError(io, flags);
  const queue = flags.text('queue');
  if (queue === undefined) return usageError(io, 'wattmarket worker: --queue redis://HOST:PORT is required');
  const concurrency = parseWhole(flags.text('concurrency') ?? '1', 'concurrency', 1, 256);
  if (!concurrency.ok) return usageError(io, `wattmarket worker: ${concurrency.message}`);
  if (io.startWorker === undefined || io.stopSignal === undefined) return usageError(io, 'wattmarket worker: not available here');
  let done = 0;
  try {
    const worker = await io.startWorker(queue, concurrency.value, () => {
      done++;
    });
    io.err(`wattmarket worker: listening on ${queue} (${concurrency.value} at a time); Ctrl-C stops\n`);
    await io.stopSignal();
    io.err(`wattmarket worker: stopping after the runs in progress (${done} done)\n`);
    await worker.close();
    return 0;
  } catch (e) {
    if (e instanceof WattError) {
      io.err(`wattmarket worker: ${e.message} (${e.code})\n`);
      return 1;
    }
    throw e;
  }
}
