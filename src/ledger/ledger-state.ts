import type { Clock } from '../time/clock.js';
import { formatSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';

/** The largest magnitude a balance, a pending sum or an amount may reach, in steps. */
export const MAX_STEPS = Number.MAX_SAFE_INTEGER;

/** The lifecycle of a stored transfer. */
export const TransferState = {
  /** A plain transfer: posted when created. */
  POSTED: 0,
  /** A pending transfer not yet resolved. */
  PENDING: 1,
  /** A pending transfer that was posted (in full or in part). */
  POSTED_PENDING: 2,
  /** A pending transfer that was voided. */
  VOIDED: 3,
} as const;

/** The kind of a journal entry, as stored. */
export const EntryKind = { TRANSFER: 0, PENDING: 1, POST: 2, VOID: 3 } as const;

/** Entry kind names, indexed by {@link EntryKind}. */
export const ENTRY_KIND_NAMES = ['transfer', 'pending', 'post', 'void'] as const;

/** The public name of a journal entry's kind. */
export type EntryKindName = (typeof ENTRY_KIND_NAMES)[number];

const INITIAL_ACCOUNTS = 16;

/**
 * All of a ledger's state, laid out for speed: accounts indexed densely with their balances in
 * typed arrays (integers in steps, held exactly as doubles below 2^53), transfers and journal
 * entries as parallel columns. The ledger's operations (batch-engine.ts) and read-outs
 * (journal, statement, snapshot, verify) work on this; only the Ledger class is public.
 */
export class LedgerState {
  readonly clock: Clock | undefined;

  readonly assetCodes: string[] = [];
  readonly assetSteps: Step[] = [];
  readonly assetIndex = new Map<string, number>();

  readonly accountIndex = new Map<string, number>();
  readonly accountIds: string[] = [];
  readonly accountAsset: number[] = [];
  readonly accountOwner: (string | undefined)[] = [];
  readonly accountAllowNegative: boolean[] = [];
  accountCount = 0;
  balance = new Float64Array(INITIAL_ACCOUNTS);
  pendingDebit = new Float64Array(INITIAL_ACCOUNTS);
  pendingCredit = new Float64Array(INITIAL_ACCOUNTS);
  // Running values while a batch is validated: an account's slot is live when its epoch stamp
  // equals `epoch`, so starting a batch costs nothing however many accounts there are.
  runBalance = new Float64Array(INITIAL_ACCOUNTS);
  runPendingDebit = new Float64Array(INITIAL_ACCOUNTS);
  runPendingCredit = new Float64Array(INITIAL_ACCOUNTS);
  runEpoch = new Uint32Array(INITIAL_ACCOUNTS);
  epoch = 0;

  readonly transferIndex = new Map<string, number>();
  readonly transferIds: string[] = [];
  readonly transferFrom: number[] = [];
  readonly transferTo: number[] = [];
  readonly transferAmount: number[] = [];
  readonly transferMemo: (string | undefined)[] = [];
  readonly transferState: number[] = [];
  /** For a resolved pending transfer, the amount posted (0 when voided). */
  readonly transferPosted: number[] = [];

  readonly entryKind: number[] = [];
  readonly entryTransfer: number[] = [];
  readonly entryAmount: number[] = [];
  readonly entryReleased: number[] = [];
  /** The entry's time, NaN when the ledger has no clock. */
  readonly entryTime: number[] = [];
  /** The batch index + 1, or 0 when the entry was not made by a batch with an id. */
  readonly entryBatch: number[] = [];

  readonly batchIndex = new Map<string, number>();
  readonly batchIds: string[] = [];
  readonly batchTransfers: (readonly number[])[] = [];

  constructor(clock: Clock | undefined) {
    this.clock = clock;
  }

  /** Registers an asset; the caller has validated the code and built the step. */
  addAsset(code: string, step: Step): void {
    this.assetIndex.set(code, this.assetCodes.length);
    this.assetCodes.push(code);
    this.assetSteps.push(step);
  }

  /** Opens an account; the caller has validated everything. */
  addAccount(id: string, asset: number, owner: string | undefined, allowNegative: boolean): void {
    const index = this.accountCount;
    if (index === this.balance.length) this.grow(index * 2);
    this.accountIndex.set(id, index);
    this.accountIds.push(id);
    this.accountAsset.push(asset);
    this.accountOwner.push(owner);
    this.accountAllowNegative.push(allowNegative);
    this.accountCount = index + 1;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.balance = copy(this.balance, new Float64Array(capacity));
    this.pendingDebit = copy(this.pendingDebit, new Float64Array(capacity));
    this.pendingCredit = copy(this.pendingCredit, new Float64Array(capacity));
    this.runBalance = copy(this.runBalance, new Float64Array(capacity));
    this.runPendingDebit = copy(this.runPendingDebit, new Float64Array(capacity));
    this.runPendingCredit = copy(this.runPendingCredit, new Float64Array(capacity));
    this.runEpoch = copy(this.runEpoch, new Uint32Array(capacity));
  }

  /** Starts a new validation pass: no account slot is live any more. */
  nextEpoch(): void {
    if (this.epoch === 0xffffffff) {
      this.runEpoch.fill(0);
      this.epoch = 0;
    }
    this.epoch++;
  }

  /** Makes account `a`'s running slot live, copied from its committed values. */
  touch(a: number): void {
    if (this.runEpoch[a] !== this.epoch) {
      this.runEpoch[a] = this.epoch;
      this.runBalance[a] = this.balance[a] as number;
      this.runPendingDebit[a] = this.pendingDebit[a] as number;
      this.runPendingCredit[a] = this.pendingCredit[a] as number;
    }
  }

  /** The step of account `a`'s asset. */
  stepOf(a: number): Step {
    return this.assetSteps[this.accountAsset[a] as number] as Step;
  }

  /** `steps` of account `a`'s asset as exact decimal text. */
  format(a: number, steps: number): string {
    return formatSteps(steps, this.stepOf(a));
  }

  /** The number of journal entries (the latest sequence number). */
  get sequence(): number {
    return this.entryKind.length;
  }
}
