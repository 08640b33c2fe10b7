import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { formatSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { resolveRange } from './journal-read.js';
import { ENTRY_KIND_NAMES, type LedgerState } from './ledger-state.js';
import type { SequenceRange } from './ledger-types.js';

/** The export formats of {@link Ledger.exportJournal}. */
export type JournalFormat = 'jsonl' | 'csv';

const FN = 'Ledger.exportJournal';
const CSV_HEADER = [
  'sequence', 'kind', 'transfer_id', 'debit_account', 'credit_account', 'asset',
  'amount', 'amount_steps', 'released', 'released_steps', 'memo', 'time', 'batch_id',
] as const;

/** One journal entry as plain fields, in export order. */
function row(s: LedgerState, i: number): (string | number | undefined)[] {
  const t = s.entryTransferOf(i);
  const from = s.transferFrom[t] as number;
  const asset = s.accountAsset[from] as number;
  const step = s.assetSteps[asset] as Step;
  const amount = s.entryAmountOf(i);
  const released = s.entryReleased[i] as number;
  const time = s.timeOf(i);
  const batch = s.entryBatch[i] as number;
  return [
    i + 1,
    ENTRY_KIND_NAMES[s.entryKind[i] as number],
    s.transferId(t),
    s.accountIds[from],
    s.accountIds[s.transferTo[t] as number],
    s.assetCodes[asset],
    formatSteps(amount, step),
    amount,
    formatSteps(released, step),
    released,
    s.memoOf(t),
    Number.isNaN(time) ? undefined : time,
    batch === 0 ? undefined : s.batchIds[batch - 1],
  ];
}

const JSON_KEYS = [
  'sequence', 'kind', 'transferId', 'debitAccount', 'creditAccount', 'asset',
  'amount', 'amountSteps', 'released', 'releasedSteps', 'memo', 'time', 'batchId',
] as const;

/**
 * The journal (or a range of it) as JSON lines or CSV. Every line ends with a newline (CSV rows
 * with CRLF, as RFC 4180 says). Absent values (no memo, no clock, no batch id) are left out of a
 * JSON line and empty in CSV.
 */
export function exportJournal(s: LedgerState, format: unknown, range: SequenceRange | undefined): string {
  if (format !== 'jsonl' && format !== 'csv') {
    fail(ErrorCode.INVALID_OPTION, FN, `format must be 'jsonl' or 'csv'; got ${describeValue(format)}`);
  }
  const { start, end } = resolveRange(s, range, FN);
  const lines: string[] = [];
  if (format === 'csv') {
    lines.push(CSV_HEADER.join(','));
    for (let i = start; i < end; i++) lines.push(row(s, i).map(csvField).join(','));
    return lines.map((l) => `${l}\r\n`).join('');
  }
  for (let i = start; i < end; i++) {
    const values = row(s, i);
    const obj: Record<string, string | number> = {};
    JSON_KEYS.forEach((key, k) => {
      const v = values[k];
      if (v !== undefined) obj[key] = v;
    });
    lines.push(`${JSON.stringify(obj)}\n`);
  }
  return lines.join('');
}

/** A CSV field: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  if (/[",\r\n]/.test(text) || text.trim() !== text) return `"${text.replace(/"/g, '""')}"`;
  return text;
}
