import { WattError } from '../errors/watt-error.js';
import { renderReport } from '../report/render-report.js';
import { isBuiltInMechanismName, MECHANISM_NAMES } from '../auction/mechanisms/built-in-mechanisms.js';
import { runSimulationParallel } from '../node/run-simulation-parallel.js';
import { BUILT_IN_SCENARIOS } from '../simulation/scenarios/built-in-scenarios.js';
import { seriesToCsv } from '../simulation/series-csv.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import { parseArgs } from './cli-args.js';
import { ProgressBar } from './progress-bar.js';
import { comparisonTable, summaryTable } from './summary-table.js';

/** What the command line reads and writes: injected so tests capture it and the core never touches process. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Writes a file (UTF-8), replacing it. */
  writeFile(path: string, text: string): void;
  /** Whether standard error is a terminal (the progress bar is drawn only there). */
  readonly interactive: boolean;
  /** A monotonic time in ms, for the progress bar. */
  now(): number;
}

const USAGE = `Usage: wattmarket <command> [options]

Commands:
  simulate   Run a scenario and report energy flows, local trading and savings.
  help       Show this help.
  version    Print the version.

simulate options:
  --scenario NAME     built-in scenario (${Object.keys(BUILT_IN_SCENARIOS).join(', ')}); default campus
  --days N            days to simulate (default 7)
  --seed S            seed: the same seed gives the same results (default 1)
  --mechanism M[,M]   ${MECHANISM_NAMES.join(', ')} (default ${MECHANISM_NAMES[0] ?? ''});
                      several, comma-separated, compare mechanisms on the same scenario
  --k K               k of the uniform and discriminatory mechanisms (default 0.5)
  --workers N         worker threads for independent feeders (default 1; same results)
  --json FILE         write the results as JSON
  --csv FILE          write the time series as CSV
  --report FILE       write an HTML report with charts
  --quiet             print no summary
`;

/**
 * Runs the `wattmarket` command line with `args` (without the node and script paths) and resolves
 * to the process exit code: 0 on success, 1 when a run fails, 2 on a usage error.
 */
export async function runCli(args: readonly string[], io: CliIo, version: string): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    case 'version':
    case '--version':
    case '-v':
      io.out(`${version}\n`);
      return 0;
    case 'simulate':
      return simulate(rest, io);
    default:
      io.err(`wattmarket: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

async function simulate(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(args, ['quiet']);
  const known = ['scenario', 'days', 'seed', 'mechanism', 'k', 'workers', 'json', 'csv', 'report', 'quiet'];
  const unknown = [...flags.keys()].find((f) => !known.includes(f));
  if (unknown !== undefined || positional.length > 0) {
    io.err(`wattmarket simulate: unknown option '${unknown ?? positional[0] ?? ''}'\n\n${USAGE}`);
    return 2;
  }
  const text = (name: string, fallback: string): string | undefined => {
    const v = flags.get(name);
    if (v === undefined) return fallback;
    return v === true ? undefined : v;
  };
  const scenario = text('scenario', 'campus');
  const daysText = text('days', '7');
  const seedText = text('seed', '1');
  const mechanismText = text('mechanism', 'uniform');
  if (scenario === undefined || daysText === undefined || seedText === undefined || mechanismText === undefined) {
    io.err(`wattmarket simulate: an option is missing its value\n\n${USAGE}`);
    return 2;
  }
  const days = Number(daysText);
  if (!/^\d+$/.test(daysText) || days < 1) {
    io.err(`wattmarket simulate: --days must be a whole number of days (1 or more); got '${daysText}'\n`);
    return 2;
  }
  const mechanisms = mechanismText.split(',').filter(isBuiltInMechanismName);
  const badMechanism = mechanismText.split(',').find((m) => !isBuiltInMechanismName(m));
  if (badMechanism !== undefined) {
    io.err(`wattmarket simulate: unknown mechanism '${badMechanism}' (known: ${MECHANISM_NAMES.join(', ')})\n`);
    return 2;
  }
  const workersText = text('workers', '1');
  const workers = Number(workersText);
  if (workersText === undefined || !/^\d+$/.test(workersText) || workers < 1) {
    io.err(`wattmarket simulate: --workers must be a whole number (1 or more); got '${workersText ?? ''}'\n`);
    return 2;
  }
  for (const name of ['json', 'csv', 'report', 'k'] as const) {
    if (flags.get(name) === true) {
      io.err(`wattmarket simulate: --${name} needs a value\n`);
      return 2;
    }
  }
  const k = flags.get('k') as string | undefined;
  const seed: number | string = /^-?\d+$/.test(seedText) && Number.isSafeInteger(Number(seedText)) ? Number(seedText) : seedText;
  const results: SimulationResult[] = [];
  try {
    for (const [i, mechanism] of mechanisms.entries()) {
      const bar = new ProgressBar(io, mechanisms.length > 1 ? `${mechanism} (${i + 1}/${mechanisms.length})` : 'simulating');
      results.push(
        await runSimulationParallel({
          scenario,
          days,
          seed,
          workers,
          mechanism,
          ...(k === undefined ? {} : { k }),
          onProgress: (done, total) => {
            bar.update(done, total);
          },
        }),
      );
      bar.done();
    }
  } catch (e) {
    if (e instanceof WattError) {
      io.err(`wattmarket simulate: ${e.message} (${e.code})\n`);
      return 1;
    }
    throw e;
  }
  const primary = results[0] as SimulationResult;
  const json = flags.get('json');
  if (typeof json === 'string') {
    const data = results.length > 1 ? { ...primary, comparison: results.map((r) => ({ mechanism: r.mechanism, totals: r.totals })) } : primary;
    io.writeFile(json, `${JSON.stringify(data, null, 2)}\n`);
  }
  const csv = flags.get('csv');
  if (typeof csv === 'string') io.writeFile(csv, seriesToCsv(primary));
  const report = flags.get('report');
  if (typeof report === 'string') io.writeFile(report, renderReport(primary));
  if (flags.get('quiet') !== true) {
    io.out(summaryTable(primary));
    if (results.length > 1) io.out(`\n${comparisonTable(results)}`);
  }
  return 0;
}
