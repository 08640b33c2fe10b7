import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { LedgerEntry } from './ledger-entry.js';
import type { LedgerState } from './ledger-state.js';
import type { SequenceRange } from './ledger-types.js';

/** A resolved range of journal indices: `start` inclusive, `end` exclusive (0-based). */
export interface IndexRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Checks a {@link SequenceRange} and turns it into 0-based indices, clamped to the journal.
 * @throws WattError INVALID_ARGUMENT for a non-object or unknown key; INVALID_RANGE for a bound
 *   that is not a positive safe integer, or from > to.
 */
export function resolveRange(s: LedgerState, range: SequenceRange | undefined, fn: string): IndexRange {
  const last = s.sequence;
  if (range === undefined) return { start: 0, end: last };
  const raw: unknown = range;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(ErrorCode.INVALID_ARGUMENT, fn, `range must be an object; got ${describeValue(range)}`);
  }
  for (const key of Object.keys(range)) {
    if (key !== 'from' && key !== 'to') fail(ErrorCode.INVALID_ARGUMENT, fn, `unknown range field '${key}' (known: from, to)`);
  }
  const bound = (v: unknown, name: string): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      fail(ErrorCode.INVALID_RANGE, fn, `${name} must be a sequence number (an integer from 1); got ${describeValue(v)}`);
    }
    return v;
  };
  const from = bound(range.from, 'from');
  const to = bound(range.to, 'to');
  if (from !== undefined && to !== undefined && from > to) fail(ErrorCode.INVALID_RANGE, fn, `from ${from} is after to ${to}`);
  const start = Math.min((from ?? 1) - 1, last);
  const end = Math.min(to ?? last, last);
  return { start, end: Math.max(start, end) };
}

/** The journal entries of `range`, oldest first. */
export function readJournal(s: LedgerState, range: IndexRange): readonly LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (let i = range.start; i < range.end; i++) out.push(new LedgerEntry(s, i));
  return Object.freeze(out);
}
