import type { MechanismName } from '../market/market-types.js';
import { BUILT_IN_SCENARIOS } from '../simulation/scenarios/built-in-scenarios.js';
import type { SweepExecutor } from '../sweep/sweep-executor.js';
import { renderSweepReport } from '../sweep/sweep-report.js';
import { sweepToCsv } from '../sweep/sweep-csv.js';
import type { SweepClearing, SweepVariant } from '../sweep/sweep-types.js';
import { runSweep } from '../node/run-sweep.js';
import { loadScenarioFile } from '../node/load-scenario-file.js';
import { outputOptions, readFlags, wantsHelp } from './command-flags.js';
import { parseNumberList, parseSeedList, parseWhole, parseWordList } from './list-args.js';
import { ProgressBar } from './progress-bar.js';
import type { CliIo } from './run-cli.js';
import { commandFailure } from './command-failure.js';
import { MECHANISMS, usageError } from './simulate-command.js';
import { sweepTable } from './sweep-table.js';

/** `wattmarket sweep --help`. */
export const SWEEP_USAGE = `Usage: wattmarket sweep [options]

Runs every combination of the lists below (comma-separated; seeds also as ranges) and reports,
per combination, the mean, standard deviation and 95 % interval over the seeds.

Options:
  --scenario NAME[,NAME]   built-in scenarios (${Object.keys(BUILT_IN_SCENARIOS).join(', ')}) or scenario
                           files FILE.json; default campus
  --days N                 days per run (default 7)
  --seeds LIST             seeds: 1..20, 1,5,9 or both (1..3,10); default 1..5
  --mechanism M[,M]        ${MECHANISMS.join(', ')} (default uniform)
  --strategy S[,S]         strategy of plain participants (no storage, no EV): default (the
                           scenario's own), truthful, zi-c (default: default)
  --k K[,K]                k of the uniform and discriminatory mechanisms (default 0.5)
  --pv-scale X[,X]         PV capacity multipliers, e.g. 0.5,1,2 (default 1)
  --battery-scale X[,X]    stationary battery size multipliers, e.g. 0,1,2 (default 1)
  --clearing MODE          as-able (default: joint where the mechanism can, per feeder where not)
                           or per-feeder (every mechanism clears each feeder apart: a fair comparison)
  --workers N              worker threads (default: every core; the results do not depend on it)
  --queue redis://H:P      send the runs to a BullMQ queue on that Redis; run them with
                           wattmarket worker --queue redis://H:P (any number, any machine)
  --json FILE              write { runs, summary } as JSON, once the sweep has finished; finished
                           runs go to FILE.partial meanwhile
  --resume                 continue the sweep in FILE.partial (needs --json)
  --csv FILE               write one CSV row per run
  --report FILE            write an HTML comparison report with charts
  --quiet                  print no summary
  --help                   show this help
`;

const VALUED = ['scenario', 'days', 'seeds', 'mechanism', 'strategy', 'k', 'pv-scale', 'battery-scale', 'clearing', 'workers', 'queue', 'json', 'csv', 'report'];
const STRATEGIES = ['default', 'truthful', 'zi-c'];

/** What the sweep command needs from its host: the queue executor is loaded only when asked for. */
export interface SweepHost {
  /** Removes a file if it exists. */
  removeFile?(path: string): void;
  /** The queue executor for `--queue URL` (loads `wattmarket/queue`, which needs bullmq). */
  queueExecutor?(url: string): Promise<{ executor: SweepExecutor; close(): Promise<void> }>;
}

/** Runs `wattmarket sweep`; resolves to the exit code. */
export async function sweepCommand(args: readonly string[], io: CliIo & SweepHost): Promise<number> {
  if (wantsHelp(args)) {
    io.out(SWEEP_USAGE);
    return 0;
  }
  const flags = readFlags('sweep', args, VALUED, ['quiet', 'resume']);
  if (typeof flags === 'string') return usageError(io, flags);
  const bad = (m: string): number => usageError(io, `wattmarket sweep: ${m}`);
  const scenarios = parseWordList(flags.text('scenario') ?? 'campus', 'scenario');
  if (!scenarios.ok) return bad(scenarios.message);
  const days = parseWhole(flags.text('days') ?? '7', 'days', 1, 3660);
  if (!days.ok) return bad(days.message);
  const seeds = parseSeedList(flags.text('seeds') ?? '1..5', 'seeds');
  if (!seeds.ok) return bad(seeds.message);
  const mechanisms = parseWordList(flags.text('mechanism') ?? 'uniform', 'mechanism', MECHANISMS, 'mechanism');
  if (!mechanisms.ok) return bad(mechanisms.message);
  const strategies = parseWordList(flags.text('strategy') ?? 'default', 'strategy', STRATEGIES, 'strategy');
  if (!strategies.ok) return bad(strategies.message);
  const ks = flags.text('k') === undefined ? undefined : parseNumberList(flags.text('k') ?? '', 'k', 0);
  if (ks !== undefined && !ks.ok) return bad(ks.message);
  const pv = parseNumberList(flags.text('pv-scale') ?? '1', 'pv-scale', 0);
  if (!pv.ok) return bad(pv.message);
  if (pv.value.some((x) => Number(x) === 0)) return bad(`--pv-scale must be positive; got '${flags.text('pv-scale') ?? ''}'`);
  const battery = parseNumberList(flags.text('battery-scale') ?? '1', 'battery-scale', 0);
  if (!battery.ok) return bad(battery.message);
  const clearing = flags.text('clearing') ?? 'as-able';
  if (clearing !== 'as-able' && clearing !== 'per-feeder') return bad(`--clearing must be as-able or per-feeder; got '${clearing}'`);
  const workersText = flags.text('workers');
  const workers = workersText === undefined ? undefined : parseWhole(workersText, 'workers', 1, 256);
  if (workers !== undefined && !workers.ok) return bad(workers.message);
  const queue = flags.text('queue');
  if (queue !== undefined && !/^rediss?:\/\/[^\s/]+(:\d+)?(\/\d*)?$/.test(queue)) return bad(`--queue must be redis://HOST:PORT; got '${queue}'`);
  if (queue !== undefined && workers !== undefined) return bad('--workers and --queue exclude each other: with a queue, the workers are the `wattmarket worker` processes');
  const out = outputOptions(flags);
  const resume = flags.has('resume');
  if (resume && out.json === undefined) return bad('--resume needs --json FILE (the sweep resumes from FILE.partial)');

  const variants: SweepVariant[] = [];
  for (const p of pv.value) {
    for (const b of battery.value) {
      const parts = [...(pv.value.length > 1 ? [`pv x${p}`] : []), ...(battery.value.length > 1 ? [`battery x${b}`] : [])];
      variants.push({ name: parts.length === 0 ? 'base' : parts.join(', '), scale: { pv: p, battery: b } });
    }
  }
  let connection: { executor: SweepExecutor; close(): Promise<void> } | undefined;
  const partialFile = out.json === undefined ? undefined : `${out.json}.partial`;
  const bar = new ProgressBar(io, 'sweep');
  try {
    if (queue !== undefined) {
      if (io.queueExecutor === undefined) return bad('--queue is not available here');
      connection = await io.queueExecutor(queue);
    }
    const result = await runSweep({
      // Any entry ending in .json is a scenario file, checked strictly before the first run.
      scenarios: scenarios.value.map((s) => (s.endsWith('.json') ? loadScenarioFile(s) : s)),
      days: days.value,
      seeds: seeds.value,
      mechanisms: mechanisms.value as MechanismName[],
      strategies: strategies.value,
      ...(ks === undefined ? {} : { k: ks.value }),
      variants,
      clearing: clearing satisfies SweepClearing,
      ...(workers === undefined ? {} : { workers: workers.value }),
      ...(connection === undefined ? {} : { executor: connection.executor }),
      ...(partialFile === undefined ? {} : { partialFile, resume }),
      onProgress: (done, total) => {
        bar.update(done, total);
      },
    });
    bar.done();
    // Written whole, once finished: a sweep never leaves a partial JSON behind.
    if (out.json !== undefined) io.writeFile(out.json, `${JSON.stringify(result, null, 2)}\n`);
    if (partialFile !== undefined) io.removeFile?.(partialFile);
    if (out.csv !== undefined) io.writeFile(out.csv, sweepToCsv(result));
    if (out.report !== undefined) io.writeFile(out.report, renderSweepReport(result));
    if (!out.quiet) io.out(sweepTable(result));
    return 0;
  } catch (e) {
    bar.done();
    const message = commandFailure(e);
    if (message === undefined) throw e;
    io.err(`wattmarket sweep: ${message}\n`);
    return 1;
  } finally {
    await connection?.close();
  }
}
