import type { Decimal } from 'decimal.js';
import type { Clock } from '../time/clock.js';
import type { DecimalInput } from '../units/decimal-input.js';

/** Options of the {@link Ledger} constructor. */
export interface LedgerOptions {
  /**
   * The assets the ledger holds: asset code to its step, e.g. `{ VND: '1', kWh: '0.001' }`.
   * Every amount of an asset is a whole number of its steps (its minor unit). Required.
   */
  assets: Record<string, DecimalInput>;
  /**
   * Stamps every journal entry with `clock.now()` (milliseconds). Default: no time stamps.
   * The ledger never reads the system clock itself.
   */
  clock?: Clock;
  /**
   * Room to make at once for this many transfers and journal entries, an integer from 1 to 2^26
   * (default: a small table that doubles as it fills). A hint for speed and memory only: a ledger
   * that will hold hundreds of thousands of transfers skips growing (and copying) its tables step
   * by step. Behaviour and state are the same whatever the capacity.
   */
  capacity?: number;
}

/** What {@link Ledger.openAccount} takes. */
export interface AccountInput {
  /** The account id: a non-empty string, unique in the ledger. */
  id: string;
  /** The code of the asset the account holds; one of the ledger's assets. */
  asset: string;
  /** Who owns the account (a participant id); a non-empty string when given. Default: none. */
  owner?: string;
  /**
   * May the account's balance (and its available amount) go below zero? Default `false`: a
   * transfer that would take its available amount below zero throws INSUFFICIENT_FUNDS.
   */
  allowNegative?: boolean;
}

/** What {@link Ledger.transfer} and {@link Ledger.batch} take: one movement of an asset. */
export interface TransferInput {
  /** The transfer id, an idempotency key: the same id with the same fields again changes nothing. */
  id: string;
  /** The account debited (the amount leaves it). */
  from: string;
  /** The account credited (the amount arrives there); it holds the same asset as `from`. */
  to: string;
  /** A positive amount, a whole multiple of the asset's step. */
  amount: DecimalInput;
  /** Free text kept in the journal. Default: none. */
  memo?: string;
  /**
   * `true` reserves the amount instead of moving it: the debit account's available amount drops,
   * its balance does not, until {@link Ledger.postPending} or {@link Ledger.voidPending}.
   * Default `false`.
   */
  pending?: boolean;
}

/**
 * A transfer of {@link Ledger.batch}: a {@link TransferInput} whose id may be left out when the
 * batch has an id ({@link BatchOptions.id}).
 */
export interface BatchTransferInput extends Omit<TransferInput, 'id'> {
  /**
   * The transfer id, an idempotency key. In a batch with an id it may be left out: the leg at
   * position `n` (from 0) then has the id `<batch id>/<n>`, exactly as if it had been given, and
   * the ledger builds that text only when it is read (journal, statements, exports), so a large
   * batch costs no string per leg.
   */
  id?: string;
}

/** The outcome of one transfer: `'created'` when it was applied now, `'exists'` for a retry. */
export interface TransferResult {
  /** `'created'`: applied by this call; `'exists'`: the same transfer was applied before. */
  readonly status: 'created' | 'exists';
}

/** Options of {@link Ledger.batch}. */
export interface BatchOptions {
  /**
   * An idempotency key for the batch as a whole. The same id with the same transfers (same ids,
   * same order, same fields) again returns `'exists'` for every transfer; the same id with other
   * transfers throws TRANSFER_CONFLICT. Default: none (each transfer is still idempotent).
   * With an id, legs may leave their own ids out: leg `n` is then `<batch id>/<n>` (see
   * {@link BatchTransferInput.id}).
   */
  id?: string;
}

/** One operation of {@link Ledger.execute}: a transfer, posting a pending transfer, or voiding one. */
export type LedgerOperation =
  | ({
      /** A transfer, as {@link Ledger.transfer} takes it. */
      readonly kind: 'transfer';
    } & TransferInput)
  | {
      /** Posts a pending transfer. */
      readonly kind: 'post';
      /** The id of the pending transfer. */
      readonly id: string;
      /** The amount to post, at most the pending amount; the rest is released. Default: all of it. */
      readonly amount?: DecimalInput;
    }
  | {
      /** Voids a pending transfer, releasing all of it. */
      readonly kind: 'void';
      /** The id of the pending transfer. */
      readonly id: string;
    };

/** The outcome of one {@link LedgerOperation}. */
export interface OperationResult {
  /** `'created'` or `'exists'` for a transfer; `'posted'` or `'voided'` for a pending resolved. */
  readonly status: 'created' | 'exists' | 'posted' | 'voided';
}

/** An asset of the ledger. */
export interface LedgerAsset {
  /** The asset code, e.g. `'VND'`. */
  readonly code: string;
  /** Its step (minor unit), e.g. `'1'` or `'0.001'`, as exact decimal text. */
  readonly step: string;
}

/** A view of one account, built when asked for. */
export interface AccountInfo {
  /** The account id. */
  readonly id: string;
  /** The asset code. */
  readonly asset: string;
  /** The owner, when one was given. */
  readonly owner: string | undefined;
  /** Whether the account may go below zero. */
  readonly allowNegative: boolean;
  /** Posted credits minus posted debits. */
  readonly balance: Decimal;
  /** Balance minus pending debits. */
  readonly available: Decimal;
  /** The sum of pending transfers out of the account. */
  readonly pendingDebits: Decimal;
  /** The sum of pending transfers into the account. */
  readonly pendingCredits: Decimal;
}

/** A range of journal sequence numbers, both ends inclusive, 1-based. */
export interface SequenceRange {
  /** The first sequence number (default 1). */
  from?: number;
  /** The last sequence number (default: the latest; a larger number is clamped to it). */
  to?: number;
}
