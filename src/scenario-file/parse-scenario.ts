import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { resolveScenario } from '../simulation/resolve-scenario.js';
import type { Scenario } from '../simulation/scenario-types.js';
import { SCENARIO_FIELDS, type FieldShape } from './scenario-fields.js';

const FN = 'parseScenario';

/**
 * A scenario from the text of a JSON file, checked strictly: the JSON must parse (an error names
 * the file and line), every field must be a field of `Scenario` (an unknown or misspelt field
 * anywhere is refused with its path, never ignored), and the values must pass the simulation's
 * own validation. Pure: the caller reads the file (`loadScenarioFile` in `wattmarket/node` does).
 * Measured series (`load: { series }`, `pv: { series }`) are not read by this version: a file
 * with one is refused with a message that says so, rather than run on synthetic data.
 *
 * @param text - the file's content.
 * @param file - the file's name, for messages (default `'scenario'`).
 * @throws WattError INVALID_SCENARIO naming the file, and the line or field; the simulation's
 *   codes (e.g. UNKNOWN_AGENT) for values it refuses, with the file prefixed to the message.
 * @example
 * ```ts
 * const scenario = parseScenario(readFileSync('my-campus.json', 'utf8'), 'my-campus.json');
 * runSimulation({ scenario, days: 7, seed: 1 });
 * ```
 */
export function parseScenario(text: string, file = 'scenario'): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = errorOffset(text, message);
    const line = at === undefined ? '' : ` line ${text.slice(0, at).split('\n').length}`;
    return fail(ErrorCode.INVALID_SCENARIO, FN, `${file}${line}: not valid JSON (${message})`);
  }
  checkFields(data, SCENARIO_FIELDS, '', file);
  try {
    resolveScenario(data as Scenario, {});
  } catch (e) {
    if (e instanceof Error && 'code' in e) {
      return fail(ErrorCode.INVALID_SCENARIO, FN, `${file}: ${e.message} (${String((e as { code: unknown }).code)})`);
    }
    throw e;
  }
  return data as Scenario;
}

function checkFields(value: unknown, shape: FieldShape, path: string, file: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(ErrorCode.INVALID_SCENARIO, FN, `${file}: ${path === '' ? 'the scenario' : path} must be an object`);
  }
  for (const [key, v] of Object.entries(value)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (key === 'series' && (path.endsWith('.load') || path.endsWith('.pv'))) {
      fail(ErrorCode.INVALID_SCENARIO, FN, `${file}: ${field}: measured series are not supported by this version yet (the run would otherwise use modelled data)`);
    }
    const sub = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (sub === undefined) fail(ErrorCode.INVALID_SCENARIO, FN, `${file}: unknown field ${field} (known here: ${Object.keys(shape).join(', ')})`);
    if (sub === true) continue;
    if ('each' in sub && typeof sub.each === 'object') {
      if (!Array.isArray(v)) fail(ErrorCode.INVALID_SCENARIO, FN, `${file}: ${field} must be an array`);
      (v as unknown[]).forEach((item, i) => {
        checkFields(item, sub.each as FieldShape, `${field}[${i}]`, file);
      });
    } else {
      checkFields(v, sub, field, file);
    }
  }
}

/**
 * Where JSON.parse stopped, from its message: "at position N" (newer V8), else the excerpt V8 20
 * quotes (`..."tartDate" oops: "202"... is not valid JSON`: the excerpt in quotes, `...` where cut) found in the text, else the end for
 * an unexpected end. Undefined when the message says none of these.
 */
function errorOffset(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  if (at !== null) return Number(at[1]);
  if (message.includes('end of JSON input')) return text.length;
  const quoted = /, (.*) is not valid JSON$/s.exec(message);
  if (quoted === null) return undefined;
  const excerpt = (quoted[1] ?? '').replace(/^(\.\.\.)?"/, '').replace(/"(\.\.\.)?$/, '');
  const found = excerpt === '' ? -1 : text.indexOf(excerpt);
  return found < 0 ? undefined : found + Math.floor(excerpt.length / 2);
}
