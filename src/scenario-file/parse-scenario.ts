import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { resolveScenario } from '../simulation/resolve-scenario.js';
import type { Scenario } from '../simulation/scenario-types.js';
import { SCENARIO_FIELDS, SERIES_FIELDS, type FieldShape } from './scenario-fields.js';
import { readSeriesFiles, type ScenarioFiles } from './series-files.js';
import { parseExactDecimal } from '../units/exact-decimal.js';
import { describeValue } from '../errors/describe-value.js';
import { checkKeysOnce } from './unique-keys.js';

const FN = 'parseScenario';

/**
 * A scenario from the text of a JSON file, checked strictly: the JSON must parse (an error names
 * the file and line), every field must be a field of `Scenario` (an unknown or misspelt field
 * anywhere is refused with its path, never ignored; so is a field written twice in one object,
 * which JSON.parse would silently read as its last value), every measured series (`load: { series }`,
 * `pv: { series }`, `tariff.retailPrice: { series }`, ...) must be readable and hold valid values,
 * and the values must pass the simulation's own validation. A series given as a file's path is
 * read from `files`; its values replace the path (as exact decimal text) and `source` names the
 * file. Pure: the caller reads the files (`loadScenarioFile` in `wattmarket/node` does).
 *
 * Numbers are read exactly as written: a number that a JSON double cannot hold exactly (more than
 * about 16 significant digits) is refused with its line, never rounded; write such a value as a
 * string. CSV values are read by their text, exactly.
 *
 * @param text - the file's content, as text (a Buffer or anything else is refused).
 * @param file - the file's name, for messages (default `'scenario'`).
 * @param files - the CSV files its series name (see {@link ScenarioFiles}), each as text.
 * @throws WattError INVALID_SCENARIO naming the file, and the line or field (and for a CSV value,
 *   the CSV file and its line); the simulation's codes (e.g. UNKNOWN_AGENT) for values it refuses,
 *   with the file prefixed to the message.
 * @example
 * ```ts
 * const scenario = parseScenario(readFileSync('homes.json', 'utf8'), 'homes.json', {
 *   'house-1-load.csv': readFileSync('house-1-load.csv', 'utf8'),
 * });
 * runSimulation({ scenario, days: 7, seed: 1 });
 * ```
 */
export function parseScenario(text: string, file = 'scenario', files?: ScenarioFiles): Scenario {
  // JSON.parse would turn a Buffer or a number into text and parse that.
  if (typeof text !== 'string') fail(ErrorCode.INVALID_SCENARIO, FN, `${file}: the file's content must be text (a string; read a file with 'utf8'); got ${describeValue(text)}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = errorOffset(text, message);
    const line = at === undefined ? '' : ` line ${text.slice(0, at).split('\n').length}`;
    return fail(ErrorCode.INVALID_SCENARIO, FN, `${file}${line}: not valid JSON (${message})`);
  }
  checkNumbersExact(text, file);
  checkKeysOnce(text, file, FN);
  return checkScenario(data, file, files, FN);
}

/**
 * A scenario from data already parsed (a JSON object), checked as strictly as
 * {@link parseScenario} checks a file's, with the series' CSV files read from `files`. `data` is
 * not changed: series read from files are in the scenario returned.
 *
 * @param data - the scenario as plain data.
 * @param file - its name, for messages (default `'scenario'`).
 * @param files - the CSV files its series name.
 * @throws WattError as {@link parseScenario}.
 * @example
 * ```ts
 * const scenario = scenarioFromData(
 *   { ...base, participants: [{ id: 'h1', type: 'home', load: { series: 'h1.csv' } }] },
 *   'study', { 'h1.csv': 'kW\n0.4\n0.5\n' },
 * );
 * ```
 */
export function scenarioFromData(data: unknown, file = 'scenario', files?: ScenarioFiles): Scenario {
  return checkScenario(data, file, files, 'scenarioFromData');
}

function checkScenario(data: unknown, file: string, files: ScenarioFiles | undefined, fn: string): Scenario {
  checkFields(data, SCENARIO_FIELDS, '', file, fn);
  const scenario = readSeriesFiles(data as Readonly<Record<string, unknown>>, file, files, fn);
  try {
    resolveScenario(scenario as unknown as Scenario, {});
  } catch (e) {
    if (e instanceof Error && 'code' in e) {
      return fail(ErrorCode.INVALID_SCENARIO, fn, `${file}: ${e.message} (${String((e as { code: unknown }).code)})`);
    }
    throw e;
  }
  return scenario as unknown as Scenario;
}

function checkFields(value: unknown, shape: FieldShape, path: string, file: string, fn: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `${file}: ${path === '' ? 'the scenario' : path} must be an object`);
  }
  for (const [key, v] of Object.entries(value) as [string, unknown][]) {
    const field = path === '' ? key : `${path}.${key}`;
    const sub = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (sub === undefined) fail(ErrorCode.INVALID_SCENARIO, fn, `${file}: unknown field ${field} (known here: ${Object.keys(shape).join(', ')})`);
    if (sub === true) continue;
    if ('seriesOr' in sub && (sub.seriesOr === true || typeof sub.seriesOr === 'object')) {
      // A measured series in place of the model or the flat value.
      const isSeries = typeof v === 'object' && v !== null && Object.hasOwn(v, 'series');
      if (isSeries) checkFields(v, SERIES_FIELDS, field, file, fn);
      else if (sub.seriesOr !== true) checkFields(v, sub.seriesOr, field, file, fn);
    } else if ('each' in sub && typeof sub.each === 'object') {
      if (!Array.isArray(v)) fail(ErrorCode.INVALID_SCENARIO, fn, `${file}: ${field} must be an array`);
      // An index loop, not forEach: a hole (a missing entry) is refused, never skipped.
      const list = v as unknown[];
      for (let i = 0; i < list.length; i++) {
        if (!(i in list)) fail(ErrorCode.INVALID_SCENARIO, fn, `${file}: ${field}[${i}] is missing (the list has a hole there)`);
        checkFields(list[i], sub.each, `${field}[${i}]`, file, fn);
      }
    } else {
      checkFields(v, sub, field, file, fn);
    }
  }
}

// A JSON string (skipped) or number token; run only over text JSON.parse accepted.
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Refuses a number that JSON.parse cannot hold exactly: one whose written decimal differs from
 * the decimal its double prints as (more than about 16 significant digits, or out of range), so
 * that no value of a file is rounded silently. Numbers written by JSON.stringify always pass.
 */
function checkNumbersExact(text: string, file: string): void {
  for (const m of text.matchAll(JSON_TOKEN)) {
    const literal = m[0];
    if (literal.startsWith('"')) continue;
    const written = parseExactDecimal(literal);
    const read = parseExactDecimal(Number(literal));
    if (typeof read === 'string' || typeof written === 'string' || read.negative !== written.negative || read.digits !== written.digits || read.exponent !== written.exponent) {
      const line = text.slice(0, m.index).split('\n').length;
      fail(ErrorCode.INVALID_SCENARIO, FN, `${file} line ${line}: the number ${literal} cannot be read exactly (JSON numbers are doubles: it would be ${String(Number(literal))}); write it as a string, e.g. "${literal}"`);
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
