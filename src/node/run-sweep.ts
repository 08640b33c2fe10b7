import { executeSweepRun } from '../sweep/execute-run.js';
import { expandSweep, SWEEP_OPTION_KEYS } from '../sweep/expand-sweep.js';
import { checkKnownKeys, checkObject } from '../validation/checks.js';
import type { SweepExecutor } from '../sweep/sweep-executor.js';
import { SweepPartial } from './sweep-partial.js';
import { summariseSweep } from '../sweep/summarise-sweep.js';
import type { SweepOptions, SweepResult, SweepRun } from '../sweep/sweep-types.js';
import { threadExecutor } from './thread-executor.js';

/** Options of {@link runSweep}. */
export interface RunSweepOptions extends SweepOptions {
  /** Worker threads for the default executor (default: every core). */
  readonly workers?: number;
  /** Where runs go (default: {@link threadExecutor} with `workers`); `queueExecutor` from `wattmarket/queue` sends them to other machines. */
  readonly executor?: SweepExecutor;
  /** A file that receives each finished run as it finishes (one JSON line per run after a header naming the sweep); none by default. */
  readonly partialFile?: string;
  /** Continue the sweep in `partialFile`: its finished runs are kept and not run again (default false). */
  readonly resume?: boolean;
  /** Called after each finished run with the count finished (resumed ones included) and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The options of {@link runSweep}: a sweep's, and how to run it. */
const RUN_SWEEP_OPTION_KEYS: readonly string[] = [...SWEEP_OPTION_KEYS, 'workers', 'executor', 'partialFile', 'resume', 'onProgress'] satisfies readonly (keyof RunSweepOptions)[];

/**
 * Runs a sweep: every combination of its lists (see {@link SweepOptions}), locally on worker
 * threads by default, and returns every run with a summary per combination (mean, standard
 * deviation and 95 % interval over the seeds, see docs/simulation.md). Each run's `totals` are
 * exactly those of `runSimulation` for its scenario, mechanism and seed, whichever executor ran
 * it. Everything is validated before the first run starts. Node.js only (`wattmarket/node`).
 *
 * A custom `AuctionMechanism` in `mechanisms` works as a built-in does, recorded by its
 * `name`; its runs go on the calling thread, one after another, before the executor gets the
 * rest (a function cannot cross to a worker thread or through a queue).
 *
 * @returns the {@link SweepResult}, runs in sweep order.
 * @throws (rejects with) the WattErrors of {@link expandSweep}, INVALID_OPTION for an unknown
 *   option, INVALID_ARGUMENT for a partial file of another sweep or a damaged one, and the first failing run's error.
 * @example
 * ```ts
 * import { runSweep } from 'wattmarket/node';
 * const sweep = await runSweep({ scenarios: ['campus'], days: 2, seeds: [1, 2, 3], mechanisms: ['uniform', 'huang'] });
 * for (const row of sweep.summary) console.log(row.mechanism, row.stats['communitySaving']?.mean);
 * ```
 */
export async function runSweep(options: RunSweepOptions): Promise<SweepResult> {
  const given = checkObject(options, 'runSweep', 'options');
  checkKnownKeys(given, RUN_SWEEP_OPTION_KEYS, 'runSweep', 'option');
  // expandSweep refuses options it does not know: it gets the sweep's own.
  const sweep = Object.fromEntries(SWEEP_OPTION_KEYS.filter((k) => given[k] !== undefined).map((k) => [k, given[k]])) as unknown as SweepOptions;
  const specs = expandSweep(sweep);
  const executor = options.executor ?? threadExecutor(options.workers);
  const partial = options.partialFile === undefined ? undefined : SweepPartial.open(options.partialFile, specs, options.resume === true);
  const runs: SweepRun[] = [...(partial?.done.values() ?? [])];
  const todo = specs.filter((s) => partial?.done.has(s.index) !== true);
  options.onProgress?.(runs.length, specs.length);
  const record = (run: SweepRun): void => {
    partial?.append(run);
    runs.push(run);
    options.onProgress?.(runs.length, specs.length);
  };
  for (const spec of todo) {
    if (typeof spec.mechanism === 'string') continue;
    record(executeSweepRun(spec));
    // Lets progress output and signals through between runs.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const portable = todo.filter((s) => typeof s.mechanism === 'string');
  if (portable.length > 0) await executor(portable, record);
  if (runs.length !== specs.length || new Set(runs.map((r) => r.index)).size !== specs.length) {
    throw new Error(`runSweep: the executor returned ${runs.length} runs for ${specs.length} (a defect of the executor)`);
  }
  return summariseSweep(runs);
}
