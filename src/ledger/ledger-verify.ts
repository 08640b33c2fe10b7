import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { EntryKind, MAX_STEPS, TransferState, type LedgerState } from './ledger-state.js';

/** A balance the journal and the ledger disagree on. */
export interface BalanceMismatch {
  /** The account. */
  readonly account: string;
  /** Which of the account's sums differs. */
  readonly field: 'balance' | 'pendingDebits' | 'pendingCredits';
  /** The value the fold over the journal gives. */
  readonly journal: Decimal;
  /** The value the ledger holds. */
  readonly ledger: Decimal;
}

/** The result of {@link Ledger.verify}. */
export interface VerifyReport {
  /** True when nothing below was found. */
  readonly ok: boolean;
  /** The number of journal entries folded. */
  readonly entries: number;
  /** Sums that differ between the fold over the journal and the ledger. */
  readonly mismatches: readonly BalanceMismatch[];
  /** Other broken invariants, in words: an asset not summing to zero, a limit broken, a transfer state the journal does not explain. */
  readonly problems: readonly string[];
}

/**
 * Recomputes balances and pending sums as a fold over the journal (in bigint, so a corrupted
 * state cannot hide behind rounding) and checks them and the ledger's invariants.
 */
export function verifyLedger(s: LedgerState): VerifyReport {
  const n = s.accountCount;
  const balance = new Array<bigint>(n).fill(0n);
  const pd = new Array<bigint>(n).fill(0n);
  const pc = new Array<bigint>(n).fill(0n);
  const states = new Array<number>(s.transferCount).fill(-1);
  const problems: string[] = [];
  const add = (arr: bigint[], a: number, v: number): void => {
    arr[a] = (arr[a] as bigint) + BigInt(v);
  };
  for (let i = 0; i < s.sequence; i++) {
    const t = s.entryTransferOf(i);
    const from = s.transferFrom[t] as number;
    const to = s.transferTo[t] as number;
    const amount = s.entryAmountOf(i);
    const released = s.entryReleased[i] as number;
    const kind = s.entryKind[i];
    const before = states[t];
    if (kind === EntryKind.TRANSFER || kind === EntryKind.PENDING) {
      if (before !== -1) problems.push(`entry ${i + 1} creates transfer '${s.transferId(t)}' a second time`);
      if (amount !== s.transferAmount[t]) problems.push(`entry ${i + 1} has an amount other than its transfer's`);
      if (kind === EntryKind.TRANSFER) {
        add(balance, from, -amount);
        add(balance, to, amount);
        states[t] = TransferState.POSTED;
      } else {
        add(pd, from, amount);
        add(pc, to, amount);
        states[t] = TransferState.PENDING;
      }
    } else {
      if (before !== TransferState.PENDING) problems.push(`entry ${i + 1} resolves transfer '${s.transferId(t)}', which is not pending`);
      const held = kind === EntryKind.POST ? amount + released : released;
      if (held !== s.transferAmount[t]) problems.push(`entry ${i + 1} resolves an amount other than the pending transfer's`);
      add(pd, from, -held);
      add(pc, to, -held);
      if (kind === EntryKind.POST) {
        add(balance, from, -amount);
        add(balance, to, amount);
        states[t] = TransferState.POSTED_PENDING;
      } else {
        states[t] = TransferState.VOIDED;
      }
    }
  }
  states.forEach((state, t) => {
    if (state !== s.transferState[t]) problems.push(`transfer '${s.transferId(t)}' is in a state the journal does not explain`);
  });
  const mismatches: BalanceMismatch[] = [];
  const totals = new Array<bigint>(s.assetCodes.length).fill(0n);
  for (let a = 0; a < n; a++) {
    const step = s.stepOf(a);
    const id = s.accountIds[a] as string;
    const check = (field: BalanceMismatch['field'], journal: bigint, ledger: number): void => {
      if (BigInt(ledger) !== journal) mismatches.push(Object.freeze({ account: id, field, journal: decimal(journal, step), ledger: fromSteps(ledger, step) }));
    };
    const b = s.balance[a] as number;
    const debits = s.pendingDebit[a] as number;
    check('balance', balance[a] as bigint, b);
    check('pendingDebits', pd[a] as bigint, debits);
    check('pendingCredits', pc[a] as bigint, s.pendingCredit[a] as number);
    const asset = s.accountAsset[a] as number;
    totals[asset] = (totals[asset] as bigint) + BigInt(b);
    const floor = s.accountAllowNegative[a] === true ? -MAX_STEPS : 0;
    if (b - debits < floor) problems.push(`account '${id}' has ${s.format(a, b - debits)} available, below its limit`);
    if (b + (s.pendingCredit[a] as number) > MAX_STEPS || debits > MAX_STEPS) problems.push(`account '${id}' is beyond the exact range`);
  }
  totals.forEach((total, asset) => {
    if (total !== 0n) problems.push(`the balances of ${s.assetCodes[asset] as string} sum to ${total} steps, not zero`);
  });
  return Object.freeze({
    ok: mismatches.length === 0 && problems.length === 0,
    entries: s.sequence,
    mismatches: Object.freeze(mismatches),
    problems: Object.freeze(problems),
  });
}

function decimal(steps: bigint, step: Step): Decimal {
  return fromSteps(steps, step);
}
