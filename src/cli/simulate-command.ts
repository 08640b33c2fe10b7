import { MECHANISM_NAMES } from '../auction/mechanisms/built-in-mechanisms.js';
import type { MechanismName } from '../market/market-types.js';
import { renderReport } from '../report/render-report.js';
import { runSimulationParallel } from '../node/run-simulation-parallel.js';
import { BUILT_IN_SCENARIOS, scenarioByName } from '../simulation/scenarios/built-in-scenarios.js';
import type { Scenario } from '../simulation/scenario-types.js';
import { loadScenarioFile } from '../node/load-scenario-file.js';
import { seriesToCsv } from '../simulation/series-csv.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import { clearingMode } from '../sweep/run-scenario.js';
import { commandFailure } from './command-failure.js';
import { OUTPUT_FLAGS, outputOptions, readFlags, wantsHelp } from './command-flags.js';
import { parseWhole, parseWordList } from './list-args.js';
import { ProgressBar } from './progress-bar.js';
import type { CliIo } from './run-cli.js';
import { comparisonTable, summaryTable } from './summary-table.js';

/** The mechanisms the command line knows: the registry's built-ins. */
export const MECHANISMS: readonly MechanismName[] = MECHANISM_NAMES;

/** `wattmarket simulate --help`. */
export const SIMULATE_USAGE = `Usage: wattmarket simulate [options]

Runs one scenario with one seed and reports energy flows, local trading and savings.

Options:
  --scenario NAME     built-in scenario (${Object.keys(BUILT_IN_SCENARIOS).join(', ')}), or a scenario
                      file FILE.json (the fields of Scenario, checked strictly); default campus
  --days N            days to simulate (default 7)
  --seed S            one seed, a whole number or a word (default 1); the same seed gives the same
                      results. For several seeds use: wattmarket sweep --seeds 1..20
  --mechanism M[,M]   ${MECHANISMS.join(', ')} (default uniform);
                      several, comma-separated, compare mechanisms on the same scenario and seed
  --k K               k of the uniform and discriminatory mechanisms (default 0.5)
  --workers N         worker threads for independent feeders (default 1; same results)
  --json FILE         write the results as JSON (with several mechanisms: the first, and a comparison)
  --csv FILE          write the time series as CSV
  --report FILE       write an HTML report with charts
  --quiet             print no summary
  --help              show this help
`;

const VALUED = ['scenario', 'days', 'seed', 'mechanism', 'k', 'workers', 'json', 'csv', 'report'];

/** Runs `wattmarket simulate`; resolves to the exit code. */
export async function simulateCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (wantsHelp(args)) {
    io.out(SIMULATE_USAGE);
    return 0;
  }
  const flags = readFlags('simulate', args, VALUED, ['quiet']);
  if (typeof flags === 'string') return usageError(io, flags);
  const scenarioText = flags.text('scenario') ?? 'campus';
  const days = parseWhole(flags.text('days') ?? '7', 'days', 1, 3660);
  if (!days.ok) return usageError(io, `wattmarket simulate: ${days.message}`);
  const seedText = flags.text('seed') ?? '1';
  if (seedText.includes(',') || seedText.includes('..')) {
    return usageError(io, `wattmarket simulate: --seed takes one seed; got '${seedText}'. To run several seeds use: wattmarket sweep --seeds ${seedText}`);
  }
  const mechanisms = parseWordList(flags.text('mechanism') ?? 'uniform', 'mechanism', MECHANISMS, 'mechanism');
  if (!mechanisms.ok) return usageError(io, `wattmarket simulate: ${mechanisms.message}`);
  const workers = parseWhole(flags.text('workers') ?? '1', 'workers', 1, 256);
  if (!workers.ok) return usageError(io, `wattmarket simulate: ${workers.message}`);
  const k = flags.text('k');
  const out = outputOptions(flags);
  const seed: number | string = /^-?\d+$/.test(seedText) && Number.isSafeInteger(Number(seedText)) ? Number(seedText) : seedText;
  const results: SimulationResult[] = [];
  const clearings: string[] = [];
  try {
    // Any value ending in .json is a scenario file, checked strictly before the run.
    const scenario: string | Scenario = scenarioText.endsWith('.json') ? loadScenarioFile(scenarioText) : scenarioText;
    for (const [i, mechanism] of mechanisms.value.entries()) {
      const bar = new ProgressBar(io, mechanisms.value.length > 1 ? `${mechanism} (${i + 1}/${mechanisms.value.length})` : 'simulating');
      const result = await runSimulationParallel({
        scenario,
        days: days.value,
        seed,
        workers: workers.value,
        mechanism: mechanism as MechanismName,
        ...(k === undefined ? {} : { k }),
        onProgress: (done, total) => {
          bar.update(done, total);
        },
      });
      results.push(result);
      clearings.push(clearingMode(typeof scenario === 'string' ? scenarioByName(scenario, 'runSimulation') : scenario, mechanism as MechanismName));
      bar.done();
    }
  } catch (e) {
    const message = commandFailure(e);
    if (message === undefined) throw e;
    io.err(`wattmarket simulate: ${message}\n`);
    return 1;
  }
  const primary = results[0] as SimulationResult;
  // The outputs are written under the same refusal as the run: a result the report refuses, or a
  // file that cannot be written, ends the command with its message and exit code 1, not a stack trace.
  try {
    if (out.json !== undefined) {
      const data = results.length > 1 ? { ...primary, comparison: results.map((r, i) => ({ mechanism: r.mechanism, clearing: clearings[i], totals: r.totals, metrics: r.metrics })) } : primary;
      io.writeFile(out.json, `${JSON.stringify(data, null, 2)}\n`);
    }
    if (out.csv !== undefined) io.writeFile(out.csv, seriesToCsv(primary));
    if (out.report !== undefined) io.writeFile(out.report, renderReport(primary));
  } catch (e) {
    const message = commandFailure(e);
    if (message === undefined) throw e;
    io.err(`wattmarket simulate: ${message}\n`);
    return 1;
  }
  if (!out.quiet) {
    io.out(summaryTable(primary));
    if (results.length > 1) io.out(`\n${comparisonTable(results, clearings)}`);
  }
  return 0;
}


/** Prints a usage error and returns exit code 2. */
export function usageError(io: CliIo, message: string): number {
  io.err(`${message}\n(see --help)\n`);
  return 2;
}

/** The output options every result-writing command takes (for the help of other commands). */
export const OUTPUT_OPTION_NAMES: readonly string[] = OUTPUT_FLAGS;
