import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Scenario } from '../simulation/scenario-types.js';
import { parseScenario } from '../scenario-file/parse-scenario.js';

/**
 * Reads a scenario file (JSON with the fields of `Scenario`) and checks it strictly with
 * {@link parseScenario}, reading the CSV files its measured series name from beside it (a path
 * in the scenario is relative to the scenario file's folder). Node.js only (`wattmarket/node`).
 * The scenario returned holds the series' values, so it crosses to worker threads and queues as
 * plain data.
 *
 * @throws WattError INVALID_SCENARIO for a file that cannot be read, is not JSON (with its line),
 *   has an unknown field (with its path), a series file that is missing or holds a bad value (with
 *   the file and line) or a value the simulation refuses.
 * @example
 * ```ts
 * import { loadScenarioFile } from 'wattmarket/node';
 * const scenario = loadScenarioFile('examples/scenarios/two-homes/scenario.json');
 * ```
 */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(ErrorCode.INVALID_SCENARIO, 'loadScenarioFile', `${path}: cannot read the file (${(e as { code?: string }).code ?? String(e)})`);
  }
  const folder = dirname(path);
  return parseScenario(text, path, (file) => readFileSync(resolve(folder, file), 'utf8'));
}
