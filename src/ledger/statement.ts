import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { IndexRange } from './journal-read.js';
import { ENTRY_KIND_NAMES, EntryKind, type EntryKindName, type LedgerState } from './ledger-state.js';

/** One line of a {@link Statement}: a journal entry that touched the account. */
export interface StatementLine {
  /** The journal sequence number. */
  readonly sequence: number;
  /** The entry's kind. */
  readonly kind: EntryKindName;
  /** Whether the account is the entry's debit (`'debit'`) or credit (`'credit'`) side. */
  readonly side: 'debit' | 'credit';
  /** The transfer id. */
  readonly transferId: string;
  /** The account on the other side. */
  readonly counterparty: string;
  /** The memo of the transfer, if any. */
  readonly memo: string | undefined;
  /** The entry's time stamp, if the ledger has a clock. */
  readonly time: number | undefined;
  /** The change of the posted balance (negative for a debit; zero for a reservation). */
  readonly change: Decimal;
  /** The posted balance after the entry. */
  readonly balance: Decimal;
  /** The available amount after the entry. */
  readonly available: Decimal;
}

/** An account statement over a range of the journal; see {@link Ledger.statement}. */
export interface Statement {
  /** The account id. */
  readonly account: string;
  /** The account's asset. */
  readonly asset: string;
  /** The account's owner, if any. */
  readonly owner: string | undefined;
  /** The first sequence number covered. */
  readonly from: number;
  /** The last sequence number covered (from - 1 when the range is empty). */
  readonly to: number;
  /** The balance before the range. */
  readonly openingBalance: Decimal;
  /** The available amount before the range. */
  readonly openingAvailable: Decimal;
  /** The balance at the end of the range. */
  readonly closingBalance: Decimal;
  /** The available amount at the end of the range. */
  readonly closingAvailable: Decimal;
  /** The sum of posted debits in the range (a positive number). */
  readonly totalDebits: Decimal;
  /** The sum of posted credits in the range. */
  readonly totalCredits: Decimal;
  /** The entries touching the account in the range, oldest first. */
  readonly lines: readonly StatementLine[];
}

/** Builds a statement by folding the journal up to the end of the range. */
export function buildStatement(s: LedgerState, account: number, range: IndexRange): Statement {
  const step = s.stepOf(account);
  const d = (v: number): Decimal => fromSteps(v, step);
  let balance = 0;
  let pending = 0; // pending debits
  let openingBalance = 0;
  let openingAvailable = 0;
  let debits = 0;
  let credits = 0;
  const lines: StatementLine[] = [];
  for (let i = 0; i < range.end; i++) {
    if (i === range.start) {
      openingBalance = balance;
      openingAvailable = balance - pending;
    }
    const t = s.entryTransferOf(i);
    const from = s.transferFrom[t] as number;
    const to = s.transferTo[t] as number;
    if (from !== account && to !== account) continue;
    const debit = from === account;
    const kind = s.entryKind[i] as number;
    const amount = s.entryAmountOf(i);
    const released = s.entryReleased[i] as number;
    let change = 0;
    if (kind === EntryKind.TRANSFER || kind === EntryKind.POST) change = debit ? -amount : amount;
    if (debit && kind === EntryKind.PENDING) pending += amount;
    if (debit && kind === EntryKind.POST) pending -= amount + released;
    if (debit && kind === EntryKind.VOID) pending -= released;
    balance += change;
    if (i < range.start) continue;
    if (change < 0) debits -= change;
    else credits += change;
    const time = s.timeOf(i);
    lines.push(
      Object.freeze({
        sequence: i + 1,
        kind: ENTRY_KIND_NAMES[kind] as EntryKindName,
        side: debit ? 'debit' : 'credit',
        transferId: s.transferId(t),
        counterparty: s.accountIds[debit ? to : from] as string,
        memo: s.memoOf(t),
        time: Number.isNaN(time) ? undefined : time,
        change: d(change),
        balance: d(balance),
        available: d(balance - pending),
      }),
    );
  }
  if (range.start >= range.end) {
    openingBalance = balance;
    openingAvailable = balance - pending;
  }
  return Object.freeze({
    account: s.accountIds[account] as string,
    asset: s.assetCodes[s.accountAsset[account] as number] as string,
    owner: s.accountOwner[account],
    from: range.start + 1,
    to: range.end,
    openingBalance: d(openingBalance),
    openingAvailable: d(openingAvailable),
    closingBalance: d(balance),
    closingAvailable: d(balance - pending),
    totalDebits: d(debits),
    totalCredits: d(credits),
    lines: Object.freeze(lines),
  });
}
