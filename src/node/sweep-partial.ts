import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { SweepRun, SweepRunSpec } from '../sweep/sweep-types.js';

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
   * line is dropped); without, starts it afresh.
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
      let run: SweepRun;
      try {
        run = JSON.parse(line) as SweepRun;
      } catch {
        return fail(ErrorCode.INVALID_ARGUMENT, 'runSweep', `${path} line ${i + 2} is not JSON: the file is damaged`);
      }
      const spec = specs[run.index];
      if (spec === undefined || mechanismName(spec.mechanism) !== run.mechanism || spec.seed !== run.seed || spec.variant !== run.variant) {
        fail(ErrorCode.INVALID_ARGUMENT, 'runSweep', `${path} line ${i + 2} holds a run this sweep does not have`);
      }
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

/** A hash of the sweep's runs' settings: a partial file resumes only the same sweep. */
function sweepId(specs: readonly SweepRunSpec[]): string {
  return createHash('sha256').update(JSON.stringify(specs.map((s) => ({ ...s, mechanism: mechanismName(s.mechanism) })))).digest('hex').slice(0, 32);
}
