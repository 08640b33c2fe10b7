import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { TransferState, type LedgerState } from './ledger-state.js';

/** Where a stored transfer stands: `'posted'` (moved), `'pending'` (reserved) or `'voided'`. */
export type TransferStatus = 'posted' | 'pending' | 'voided';

/** A stored transfer as {@link Ledger.transferInfo} reports it. Decimals are built on first read. */
export class TransferInfo {
  /** The transfer id. */
  readonly id: string;
  /** The debit account. */
  readonly from: string;
  /** The credit account. */
  readonly to: string;
  /** The asset code. */
  readonly asset: string;
  /** The amount of the transfer (for a pending transfer, the amount reserved), in steps. */
  readonly amountSteps: number;
  /** The amount that moved, in steps: the amount, the amount posted, or 0 (pending, voided). */
  readonly postedSteps: number;
  /** The memo, if any. */
  readonly memo: string | undefined;
  /** Whether the transfer was made as a pending transfer. */
  readonly pending: boolean;
  /** Where it stands now. */
  readonly status: TransferStatus;
  private readonly step: Step;

  /** @internal */
  constructor(s: LedgerState, t: number) {
    const from = s.transferFrom[t] as number;
    const state = s.transferState[t] as number;
    const asset = s.accountAsset[from] as number;
    this.id = s.transferId(t);
    this.from = s.accountIds[from] as string;
    this.to = s.accountIds[s.transferTo[t] as number] as string;
    this.asset = s.assetCodes[asset] as string;
    this.amountSteps = s.transferAmount[t] as number;
    this.postedSteps =
      state === TransferState.POSTED ? this.amountSteps : state === TransferState.POSTED_PENDING ? (s.transferPosted[t] as number) : 0;
    this.memo = s.memoOf(t);
    this.pending = state !== TransferState.POSTED;
    this.status = state === TransferState.PENDING ? 'pending' : state === TransferState.VOIDED ? 'voided' : 'posted';
    this.step = s.assetSteps[asset] as Step;
  }

  /** The amount as an exact Decimal. */
  get amount(): Decimal {
    return fromSteps(this.amountSteps, this.step);
  }

  /** The amount that moved as an exact Decimal. */
  get posted(): Decimal {
    return fromSteps(this.postedSteps, this.step);
  }

  /** Plain data with the amounts as exact decimal strings (not step counts), for JSON and logs. */
  toJSON(): Record<string, string | boolean | undefined> {
    return {
      id: this.id,
      from: this.from,
      to: this.to,
      asset: this.asset,
      amount: this.amount.toString(),
      posted: this.posted.toString(),
      memo: this.memo,
      pending: this.pending,
      status: this.status,
    };
  }
}
