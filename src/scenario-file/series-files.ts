import { seriesValue } from '../assets/measured-series.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { createStep, type Step } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { readSeriesCsv } from './read-series-csv.js';

/**
 * The CSV files a scenario's series name, already read: file contents by the path as the
 * scenario writes it, or a function that returns a file's content (and throws when it cannot).
 * A content must be text (a string): a Buffer (`readFileSync(path)` without `'utf8'`) is refused.
 * Paths are relative to the scenario file; `loadScenarioFile` reads them from beside it.
 */
export type ScenarioFiles = Readonly<Record<string, string>> | ((path: string) => string);

type Data = Readonly<Record<string, unknown>>;

/**
 * `data` (already checked field by field) with every series that names a CSV file replaced by the
 * file's values (as exact decimal text) and `source` set to the file's path. Values are checked
 * here, where the line is known: kW must be finite and non-negative, prices finite and on the
 * price tick. Fields without a file are shared with `data`, which is never changed.
 *
 * @throws WattError INVALID_SCENARIO naming the scenario file, the field, the CSV file and line.
 */
export function readSeriesFiles(data: Data, file: string, files: ScenarioFiles | undefined, fn: string): Data {
  const read = new Map<string, string>();
  const text = (path: string, field: string): string => {
    const known = read.get(path);
    if (known !== undefined) return known;
    const content = fileContent(files, path, `${file}: ${field}.series`, fn);
    read.set(path, content);
    return content;
  };
  let out = data;
  const tariff = data['tariff'] as Data | undefined;
  if (tariff !== undefined) {
    let tick: Step | undefined;
    try {
      tick = createStep((data['priceTick'] ?? '1') as string, fn, 'priceTick');
    } catch {
      tick = undefined; // the simulation's validation refuses the tick itself, with its own message
    }
    let t = tariff;
    for (const key of ['retailPrice', 'feedInPrice']) {
      const path = seriesPath(tariff[key]);
      if (path === undefined) continue;
      const field = `tariff.${key}`;
      const csv = readSeriesCsv(text(path, field), `${file}: ${field}.series: ${path}`, fn, [key, 'price']);
      if (tick !== undefined) {
        const step = tick;
        csv.values.forEach((v, i) => toSteps(v, step, valueSpec(fn, `${file}: ${field}.series (${path} line ${csv.lines[i] as number})`, ErrorCode.INVALID_SCENARIO, 'any', 'price tick')));
      }
      t = { ...t, [key]: { series: csv.values, source: path } };
    }
    if (t !== tariff) out = { ...out, tariff: t };
  }
  const participants = data['participants'] as readonly Data[] | undefined;
  if (participants !== undefined) {
    const list: Data[] = [];
    let changed = false;
    for (let i = 0; i < participants.length; i++) {
      const p = participants[i] as Data;
      let q = p;
      for (const key of ['load', 'pv']) {
        const path = seriesPath(p[key]);
        if (path === undefined) continue;
        const field = `participants[${i}].${key}`;
        const csv = readSeriesCsv(text(path, field), `${file}: ${field}.series: ${path}`, fn, ['kW']);
        csv.values.forEach((v, j) => seriesValue(v, fn, `${file}: ${field}.series (${path} line ${csv.lines[j] as number})`));
        q = { ...q, [key]: { series: csv.values, source: path } };
        changed = true;
      }
      list.push(q);
    }
    if (changed) out = { ...out, participants: list };
  }
  return out;
}

/** The file a field's series names, or undefined when it is not a series with a file. */
function seriesPath(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'series')) return undefined;
  const series = (value as Data)['series'];
  return typeof series === 'string' ? series : undefined;
}

function fileContent(files: ScenarioFiles | undefined, path: string, where: string, fn: string): string {
  if (files === undefined) return fail(ErrorCode.INVALID_SCENARIO, fn, `${where} names the file ${path}, but no files were given (loadScenarioFile reads them from beside the scenario)`);
  if (typeof files === 'function') {
    let content: unknown;
    try {
      content = files(path);
    } catch (e) {
      if (e instanceof WattError) throw e;
      const code = (e as { code?: unknown } | null)?.code;
      const why = typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
      return fail(ErrorCode.INVALID_SCENARIO, fn, `${where}: cannot read the file ${path} (${why})`);
    }
    if (typeof content !== 'string') return fail(ErrorCode.INVALID_SCENARIO, fn, `${where}: the file ${path} was not read as text (read it with 'utf8'); got ${describeValue(content)}`);
    return content;
  }
  if (!Object.hasOwn(files, path)) return fail(ErrorCode.INVALID_SCENARIO, fn, `${where}: the file ${path} is not among the files given`);
  const content: unknown = files[path];
  // The usual slip: `readFileSync(path)` without 'utf8' gives a Buffer.
  if (typeof content !== 'string') return fail(ErrorCode.INVALID_SCENARIO, fn, `${where}: the file ${path} was not given as text (read it with 'utf8'); got ${describeValue(content)}`);
  return content;
}
