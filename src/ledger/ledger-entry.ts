import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { ENTRY_KIND_NAMES, type EntryKindName, type LedgerState } from './ledger-state.js';

/**
 * One entry of the ledger's append-only journal. Entries are numbered by the ledger from 1, in
 * the order they were applied; nothing is ever changed or removed.
 *
 * - `transfer`: `amount` moved from `debitAccount` to `creditAccount` (both balances change).
 * - `pending`: `amount` reserved: the debit account's available amount drops, no balance moves.
 * - `post`: a pending transfer posted: `amount` moved, `released` (the rest) freed again.
 * - `void`: a pending transfer voided: all of it (`amount` = `released`) freed again.
 *
 * Decimal fields are built on first read.
 */
export class LedgerEntry {
  /** The sequence number, 1-based, assigned by the ledger. */
  readonly sequence: number;
  /** What the entry did. */
  readonly kind: EntryKindName;
  /** The id of the transfer (for `post` and `void`, of the pending transfer resolved). */
  readonly transferId: string;
  /** The account debited (or reserved from). */
  readonly debitAccount: string;
  /** The account credited (or reserved for). */
  readonly creditAccount: string;
  /** The asset code. */
  readonly asset: string;
  /** The amount in steps of the asset: moved, reserved, posted, or (void) released. */
  readonly amountSteps: number;
  /** For `post` and `void`, the amount released in steps; otherwise 0. */
  readonly releasedSteps: number;
  /** The transfer's memo, if it has one. */
  readonly memo: string | undefined;
  /** The time stamped by the ledger's clock, if it has one (ms since the epoch). */
  readonly time: number | undefined;
  /** The id of the batch that made the entry, when the batch was given one. */
  readonly batchId: string | undefined;
  private readonly step: Step;
  private amountCache: Decimal | undefined;

  /** @internal */
  constructor(s: LedgerState, index: number) {
    const t = s.entryTransferOf(index);
    const from = s.transferFrom[t] as number;
    const asset = s.accountAsset[from] as number;
    const time = s.timeOf(index);
    const batch = s.entryBatch[index] as number;
    this.sequence = index + 1;
    this.kind = ENTRY_KIND_NAMES[s.entryKind[index] as number] as EntryKindName;
    this.transferId = s.transferId(t);
    this.debitAccount = s.accountIds[from] as string;
    this.creditAccount = s.accountIds[s.transferTo[t] as number] as string;
    this.asset = s.assetCodes[asset] as string;
    this.amountSteps = s.entryAmountOf(index);
    this.releasedSteps = s.entryReleased[index] as number;
    this.memo = s.memoOf(t);
    this.time = Number.isNaN(time) ? undefined : time;
    this.batchId = batch === 0 ? undefined : s.batchIds[batch - 1];
    this.step = s.assetSteps[asset] as Step;
  }

  /** The amount as an exact Decimal. */
  get amount(): Decimal {
    return (this.amountCache ??= fromSteps(this.amountSteps, this.step));
  }

  /** The amount released as an exact Decimal (zero unless `post` or `void`). */
  get released(): Decimal {
    return fromSteps(this.releasedSteps, this.step);
  }

  /** Plain data with the amounts as exact decimal strings (not step counts), for JSON and logs. */
  toJSON(): Record<string, string | number | undefined> {
    return {
      sequence: this.sequence,
      kind: this.kind,
      transferId: this.transferId,
      debitAccount: this.debitAccount,
      creditAccount: this.creditAccount,
      asset: this.asset,
      amount: this.amount.toString(),
      released: this.released.toString(),
      memo: this.memo,
      time: this.time,
      batchId: this.batchId,
    };
  }
}
