import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { ClearingMode, SweepRun, SweepRunSpec } from '../sweep/sweep-types.js';

/**
 * A sweep's `.partial` file: a first line naming the sweep (a hash of its runs' settings), then
 * one JSON line per finished run, appended as each finishes. A crash loses at most the line
 * being written; `resume` reads the finished runs back and the sweep runs only the rest.
 */
export class SweepPartial {
  private constructor(
    private readonly path: string,
    /** Runs already finished (read back when resuming), by index. */
    readonly done: ReadonlyMap<number, SweepRun>,
  ) {}

  /**
   * Opens `path` for the sweep of `specs`: with `resume`, reads its finished runs (a torn last
   * line is dropped); without, starts it afresh. Every line is checked before it is used (a
   * run object of this sweep, with its settings, `totals` and `metrics`), so a damaged file is
   * refused, never half-read.
   * @throws WattError INVALID_ARGUMENT when resuming from a file of another sweep or a damaged one.
   */
  static open(path: string, specs: readonly SweepRunSpec[], resume: boolean): SweepPartial {
    const id = sweepId(specs);
    const header = `${JSON.stringify({ sweep: id, runs: specs.length })}\n`;
    if (!resume || !existsSync(path)) {
      writeFileSync(path, header, 'utf8');
      return new SweepPartial(path, new Map());
    }
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    // A line without its newline was being written when the sweep stopped: it never finished.
    // (the last element is '' after a final newline, or that torn line: dropped either way).
    const complete = lines.slice(0, -1);
    if (complete[0] !== header.trimEnd()) {
      fail(ErrorCode.INVALID_ARGUMENT, 'runSweep', `${path} is the partial file of another sweep (different lists or days): remove it or run without --resume`);
    }
    const done = new Map<number, SweepRun>();
    for (const [i, line] of complete.slice(1).entries()) {
      const where = `${path} line ${i + 2}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line, refuseProto);
      } catch {
        return fail(ErrorCode.INVALID_ARGUMENT, 'runSweep', `${where} is not JSON (or holds a __proto__ key): the file is damaged`);
      }
      const run = finishedRun(parsed, specs, where);
      done.set(run.index, run);
    }
    // Rewrite without a torn tail so appends start on a fresh line.
    writeFileSync(path, `${complete.join('\n')}\n`, 'utf8');
    return new SweepPartial(path, done);
  }

  /** Appends a finished run. */
  append(run: SweepRun): void {
    appendFileSync(this.path, `${JSON.stringify(run)}\n`, 'utf8');
  }
}

/** A JSON.parse reviver that refuses a `__proto__` key anywhere: no finished run has one. */
function refuseProto(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new Error('__proto__');
  return value;
}

/**
 * `parsed` as a finished run of the sweep of `specs`, checked before anything reads it: an
 * object whose index is a whole number within the sweep, whose settings are those of that run,
 * and whose `totals` and `metrics` are objects (what the summary reads).
 */
function finishedRun(parsed: unknown, specs: readonly SweepRunSpec[], where: string): SweepRun {
  const damaged = (what: string): never => fail(ErrorCode.INVALID_ARGUMENT, 'runSweep', `${where} ${what}: the file is damaged`);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return damaged('is not a run object');
  const run = parsed as Record<string, unknown>;
  const index = run['index'];
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= specs.length) return damaged(`has no index of this sweep's runs (0 to ${specs.length - 1})`);
  const spec = specs[index] as SweepRunSpec;
  if (
    mechanismName(spec.mechanism) !== run['mechanism'] ||
    spec.seed !== run['seed'] ||
    spec.variant !== run['variant'] ||
    spec.strategy !== run['strategy'] ||
    spec.k !== run['k'] ||
    spec.days !== run['days']
  ) {
    return fail(ErrorCode.INVALID_ARGUMENT, 'runSweep', `${where} holds a run this sweep does not have`);
  }
  if (typeof run['scenario'] !== 'string') return damaged('has no scenario name');
  if (!CLEARING_MODES.includes(run['clearing'] as ClearingMode)) return damaged(`has no clearing (${CLEARING_MODES.join(', ')})`);
  for (const field of ['totals', 'metrics']) {
    const v = run[field];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) damaged(`has no ${field} object`);
  }
  return parsed as SweepRun;
}

const CLEARING_MODES: readonly ClearingMode[] = ['single-zone', 'joint', 'per-feeder'];

/** A hash of the sweep's runs' settings: a partial file resumes only the same sweep. */
function sweepId(specs: readonly SweepRunSpec[]): string {
  return createHash('sha256').update(JSON.stringify(specs.map((s) => ({ ...s, mechanism: mechanismName(s.mechanism) })))).digest('hex').slice(0, 32);
}
