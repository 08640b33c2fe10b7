import { readFileSync } from 'node:fs';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Scenario } from '../simulation/scenario-types.js';
import { parseScenario } from '../scenario-file/parse-scenario.js';

/**
 * Reads a scenario file (JSON with the fields of `Scenario`) and checks it strictly with
 * {@link parseScenario}. Node.js only (`wattmarket/node`).
 *
 * @throws WattError INVALID_SCENARIO for a file that cannot be read, is not JSON (with its line),
 *   has an unknown field (with its path) or a value the simulation refuses.
 * @example
 * ```ts
 * import { loadScenarioFile } from 'wattmarket/node';
 * const scenario = loadScenarioFile('studies/my-campus.json');
 * ```
 */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(ErrorCode.INVALID_SCENARIO, 'loadScenarioFile', `${path}: cannot read the file (${(e as { code?: string }).code ?? String(e)})`);
  }
  return parseScenario(text, path);
}
