import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Scenario } from '../simulation/scenario-types.js';
import { parseScenario } from '../scenario-file/parse-scenario.js';
import { MAX_SERIES_LENGTH } from '../assets/measured-series.js';

/**
 * The largest series file read: {@link MAX_SERIES_LENGTH} rows of 64 bytes. A bound, so that a
 * path such as /dev/zero or a huge file is refused instead of read into memory.
 */
const MAX_SERIES_FILE_BYTES = MAX_SERIES_LENGTH * 64;

/**
 * The largest scenario file read: 512 MiB, about the longest string V8 makes. A bound, so that a
 * path such as /dev/zero is refused instead of read until memory runs out.
 */
const MAX_SCENARIO_FILE_BYTES = 2 ** 29;

/** A read refusal, reported by parseScenario as `cannot read the file PATH (why)`. */
function refused(why: string): Error {
  return Object.assign(new Error(why), { code: why });
}

/**
 * Where a series file named in a scenario lies: within the scenario file's folder (or below it).
 * A scenario file may come from elsewhere (a shared study, an upload to a service), and the
 * parse errors quote the cells they refuse, so a path such as `/etc/passwd` or `../../secret.csv`
 * would let it read, and show, any file the process can. The check is on the path as written
 * (no `..` out of the folder, not absolute); a symbolic link inside the folder is followed, since
 * only someone who can write the folder can make one.
 */
function seriesPath(folder: string, file: string): string {
  if (isAbsolute(file)) throw refused("an absolute path: a series file is named relative to the scenario's folder");
  const path = resolve(folder, file);
  const within = relative(folder, path);
  if (within === '' || within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within)) throw refused("outside the scenario's folder");
  return path;
}

/**
 * A file's text, read only when it is a regular file of at most `maxBytes`: a FIFO or a device
 * would block or never end, and a huge file would fill memory.
 */
function readRegularFile(path: string, maxBytes: number): string {
  const info = statSync(path);
  if (!info.isFile()) throw refused('not a regular file');
  if (info.size > maxBytes) throw refused(`larger than ${maxBytes} bytes`);
  return readFileSync(path, 'utf8');
}

/**
 * Reads a scenario file (JSON with the fields of `Scenario`) and checks it strictly with
 * {@link parseScenario}, reading the CSV files its measured series name from beside it (a path
 * in the scenario is relative to the scenario file's folder and must stay within it: an absolute
 * path or one that leaves the folder with `..` is refused, so a scenario from elsewhere cannot
 * read other files). Node.js only (`wattmarket/node`).
 * The scenario returned holds the series' values, so it crosses to worker threads and queues as
 * plain data.
 *
 * @throws WattError INVALID_SCENARIO for a file that cannot be read (or is not a regular file of at
 *   most 512 MiB), is not JSON (with its line),
 *   has an unknown field (with its path), a series file that is missing or holds a bad value (with
 *   the file and line), a series path outside the scenario's folder, or a value the simulation
 *   refuses.
 * @example
 * ```ts
 * import { loadScenarioFile } from 'wattmarket/node';
 * const scenario = loadScenarioFile('examples/scenarios/two-homes/scenario.json');
 * ```
 */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readRegularFile(path, MAX_SCENARIO_FILE_BYTES);
  } catch (e) {
    return fail(ErrorCode.INVALID_SCENARIO, 'loadScenarioFile', `${path}: cannot read the file (${(e as { code?: string }).code ?? String(e)})`);
  }
  const folder = resolve(dirname(path));
  return parseScenario(text, path, (file) => readRegularFile(seriesPath(folder, file), MAX_SERIES_FILE_BYTES));
}
