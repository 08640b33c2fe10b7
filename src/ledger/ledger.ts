import type { Decimal } from 'decimal.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Clock } from '../time/clock.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { fromSteps } from '../units/from-steps.js';
import { createStep } from '../units/step.js';
import { valueSpec } from '../units/to-steps.js';
import { checkArray, checkBoolean, checkId, checkInteger, checkObject } from '../validation/checks.js';
import { applyLegs, commitBatch, LegKind, LegScratch, parseLeg, parseLegs, readTime, type LegSpecs } from './batch-engine.js';
import { exportJournal, type JournalFormat } from './journal-export.js';
import { readJournal, resolveRange } from './journal-read.js';
import type { LedgerEntry } from './ledger-entry.js';
import { ledgerStateHash } from './ledger-hash.js';
import { LedgerState } from './ledger-state.js';
import { buildSnapshot, restoreState, type LedgerSnapshot } from './ledger-snapshot.js';
import { verifyLedger, type VerifyReport } from './ledger-verify.js';
import type {
  AccountInfo,
  AccountInput,
  BatchOptions,
  BatchTransferInput,
  LedgerAsset,
  LedgerOperation,
  LedgerOptions,
  OperationResult,
  SequenceRange,
  TransferInput,
  TransferResult,
} from './ledger-types.js';
import { buildStatement, type Statement } from './statement.js';
import type { Durability } from '../store/durability.js';
import type { CommandStore } from '../store/store-types.js';
import { ledgerCommand, type LedgerCommandKind } from './ledger-command.js';
import { openDurableLedger } from './durable-ledger.js';
import { TransferInfo } from './transfer-info.js';

/** The largest capacity hint: 2^26 rows (the tables then take about 4 GB). */
const MAX_CAPACITY = 2 ** 26;

const CREATED: TransferResult = Object.freeze({ status: 'created' });
const EXISTS: TransferResult = Object.freeze({ status: 'exists' });
const POSTED: OperationResult = Object.freeze({ status: 'posted' });
const VOIDED: OperationResult = Object.freeze({ status: 'voided' });

const specs = (fn: string): LegSpecs => Object.freeze({ fn, amount: valueSpec(fn, 'amount', ErrorCode.INVALID_AMOUNT, 'positive', 'step') });
const TRANSFER = specs('Ledger.transfer');
const BATCH = specs('Ledger.batch');
const EXECUTE = specs('Ledger.execute');
const POST = specs('Ledger.postPending');
const VOID = specs('Ledger.voidPending');
const ACCOUNT_FIELDS = ['id', 'asset', 'owner', 'allowNegative'] as const;

// The integer paths of settlement and collateral (step-legs.ts, pending-steps.ts) work on a
// ledger's state directly; these accessors, set in the class's static block, reach it without
// making it a public member. Neither is exported from the package.
let stateOf: (ledger: Ledger) => LedgerState;
let scratchOf: (ledger: Ledger) => LegScratch;
let durableOf: (ledger: Ledger, durability: Durability | undefined, sequence: number) => void;

/** Attaches a durable ledger's store (or recovery's sequence number). @internal */
export function attachLedgerDurability(ledger: Ledger, durability: Durability | undefined, sequence: number): void {
  durableOf(ledger, durability, sequence);
}

/** A ledger's state, for the library's integer paths. @internal */
export function ledgerState(ledger: Ledger): LedgerState {
  return stateOf(ledger);
}

/** A ledger's leg scratch, for the library's integer paths. @internal */
export function ledgerScratch(ledger: Ledger): LegScratch {
  return scratchOf(ledger);
}

/**
 * A double-entry ledger: accounts of assets (money, energy), transfers between them that are
 * idempotent by id, pending transfers that reserve and later post or void, atomic batches, and an
 * append-only journal from which every balance can be recomputed. Amounts are exact integers in
 * steps of their asset inside; decimals only at the boundary. The sum of all balances of one asset
 * is always exactly zero, and a call that throws leaves the ledger exactly as it was.
 *
 * @example
 * ```ts
 * const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
 * ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
 * ledger.openAccount({ id: 'alice', asset: 'VND', owner: 'alice' });
 * ledger.transfer({ id: 'deposit-1', from: 'bank', to: 'alice', amount: 50_000 }); // { status: 'created' }
 * ledger.transfer({ id: 'deposit-1', from: 'bank', to: 'alice', amount: 50_000 }); // { status: 'exists' }
 * ledger.transfer({ id: 'hold-1', from: 'alice', to: 'bank', amount: 20_000, pending: true });
 * ledger.available('alice').toString(); // '30000'
 * ledger.postPending('hold-1', 15_000); // posts 15,000 and releases the other 5,000
 * ledger.balance('alice').toString();   // '35000'
 * ```
 */
export class Ledger {
  private readonly s: LedgerState;
  private readonly sc = new LegScratch();
  // Commands accepted (the durable sequence number), and the store they are journalled to.
  private commands = 0;
  private durable: Durability | undefined;

  static {
    stateOf = (ledger) => ledger.s;
    scratchOf = (ledger) => ledger.sc;
    durableOf = (ledger, durability, sequence) => {
      ledger.durable = durability;
      ledger.commands = sequence;
    };
  }

  /**
   * Opens the ledger that `store` holds: its latest checkpoint, then every command journalled
   * after it (each at the time it was journalled: recovery reads no clock), or a new empty ledger
   * when the store is empty. Every accepted command is then queued for the store (group commit);
   * {@link Ledger.flush} makes them durable.
   * @param options - the ledger's options (they must equal the stored ones) and the store.
   * @throws WattError as the constructor; STORE_MISMATCH for a store of a market or of a ledger
   *   with other options; STORE_LOCKED for a store in use; STORE_CORRUPT for a damaged store.
   * @example
   * ```ts
   * const ledger = await Ledger.open({ assets: { VND: '1' }, store: await openFileStore('data/ledger') });
   * ledger.transfer({ id: 't1', from: 'bank', to: 'alice', amount: 100 });
   * await ledger.flush(); // now t1 survives a crash
   * ```
   */
  static open(options: LedgerOptions & { store: CommandStore }): Promise<Ledger> {
    return openDurableLedger(options);
  }

  /**
   * Resolves once every command accepted before the call is durable in the ledger's store
   * (at once for a ledger without a store).
   * @throws WattError STORE_FAILED (rejects) when a store write failed; STORE_CLOSED after close.
   */
  flush(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.flush();
  }

  /**
   * Writes a snapshot of the ledger as it is now to its store; recovery starts from the latest
   * one. Resolves once it is durable (at once for a ledger without a store).
   */
  checkpoint(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.checkpoint();
  }

  /**
   * Flushes and releases the store. Commands after it are refused (STORE_CLOSED); reading goes on
   * working. Closing twice is harmless; a ledger without a store has nothing to release.
   */
  close(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.close();
  }

  /**
   * @param options - the assets (code to step) and an optional clock; see {@link LedgerOptions}.
   * @throws WattError INVALID_ARGUMENT when options or assets is not an object or an asset code is
   *   empty; INVALID_STEP for a bad step; INVALID_OPTION for an unknown option, a bad clock or a
   *   capacity that is not an integer from 1 to 2^26.
   */
  constructor(options: LedgerOptions) {
    const o = checkObject(options, 'Ledger', 'options');
    for (const key of Object.keys(o)) {
      if (key !== 'assets' && key !== 'clock' && key !== 'capacity') fail(ErrorCode.INVALID_OPTION, 'Ledger', `unknown option '${key}' (known: assets, clock, capacity)`);
    }
    const capacity = checkInteger(o['capacity'], 0, 1, MAX_CAPACITY, 'Ledger', 'capacity', ErrorCode.INVALID_OPTION);
    const assets = checkObject(o['assets'], 'Ledger', 'assets');
    const clock = o['clock'];
    if (clock !== undefined && (typeof clock !== 'object' || clock === null || typeof (clock as Partial<Clock>).now !== 'function')) {
      fail(ErrorCode.INVALID_OPTION, 'Ledger', `clock must be an object with a now() method; got ${describeValue(clock)}`);
    }
    const state = new LedgerState(clock as Clock | undefined);
    for (const [code, step] of Object.entries(assets)) {
      if (code === '') fail(ErrorCode.INVALID_ARGUMENT, 'Ledger', 'an asset code must be a non-empty string');
      state.addAsset(code, createStep(step as never, 'Ledger', `step of asset '${code}'`));
    }
    state.reserveRows(capacity);
    this.s = state;
  }

  /**
   * Opens an account holding one asset.
   * @throws WattError INVALID_ARGUMENT for a non-object or an unknown field; INVALID_ID for an
   *   empty id; UNKNOWN_ASSET; INVALID_OWNER for an empty owner; INVALID_OPTION for a
   *   non-boolean allowNegative; DUPLICATE_ACCOUNT when the id is already open.
   */
  openAccount(account: AccountInput): void {
    const fn = 'Ledger.openAccount';
    const o = checkObject(account, fn, 'account');
    for (const key of Object.keys(o)) {
      if (!(ACCOUNT_FIELDS as readonly string[]).includes(key)) {
        fail(ErrorCode.INVALID_ARGUMENT, fn, `unknown account field '${key}' (known: ${ACCOUNT_FIELDS.join(', ')})`);
      }
    }
    const id = checkId(o['id'], fn, 'account id');
    const assetCode = o['asset'];
    const asset = typeof assetCode === 'string' ? this.s.assetIndex.get(assetCode) : undefined;
    if (asset === undefined) {
      fail(ErrorCode.UNKNOWN_ASSET, fn, `asset ${describeValue(assetCode)} is not one of the ledger's assets (${this.s.assetCodes.join(', ')})`);
    }
    const owner = o['owner'] === undefined ? undefined : checkId(o['owner'], fn, 'owner', ErrorCode.INVALID_OWNER);
    const allowNegative = checkBoolean(o['allowNegative'], false, fn, 'allowNegative');
    if (this.s.accountIndex.has(id)) fail(ErrorCode.DUPLICATE_ACCOUNT, fn, `account '${id}' is already open`);
    this.s.addAccount(id, asset, owner, allowNegative);
    this.record('openAccount', NaN, account);
  }

  /**
   * Moves `amount` from `t.from` to `t.to`, or reserves it when `t.pending` is true.
   * The same id with the same fields again returns `'exists'` and changes nothing.
   * @returns `{ status: 'created' }`, or `{ status: 'exists' }` for a retry.
   * @throws WattError INVALID_ARGUMENT (not an object, unknown field, memo not a string, pending
   *   not a boolean); INVALID_ID; UNKNOWN_ACCOUNT; SAME_ACCOUNT; ASSET_MISMATCH; INVALID_AMOUNT
   *   (not positive, off the asset's step, too large); TRANSFER_CONFLICT (the id exists with other
   *   fields; the message names the field); INSUFFICIENT_FUNDS; BALANCE_OVERFLOW. Checked in that
   *   order, after the clock is read (INVALID_TIME when it misbehaves).
   */
  transfer(t: TransferInput): TransferResult {
    const s = this.s;
    const sc = this.sc;
    // The clock is user code: read it before anything is checked, so a clock that calls back into
    // the ledger cannot change the balances or the scratch this call has checked.
    const time = readTime(s, TRANSFER.fn);
    sc.reset(false);
    s.nextEpoch();
    parseLeg(s, sc, t, TRANSFER, false, false);
    if (sc.kind[0] !== LegKind.EXISTS) applyLegs(s, sc, time, 0);
    this.record('transfer', time, t);
    return sc.kind[0] === LegKind.EXISTS ? EXISTS : CREATED;
  }

  /**
   * Applies `transfers` in order, each checked against the balances the ones before it leave, all
   * of them or none. A transfer whose id exists (in the ledger, or earlier in the same batch) with
   * the same fields is an idempotent retry and returns `'exists'`; with other fields the whole
   * batch is refused with TRANSFER_CONFLICT.
   *
   * In a batch with an id, a leg may leave its id out: the leg at position `n` then has the id
   * `<batch id>/<n>` and behaves exactly as if it had been given (a retry of the batch finds it;
   * `transferInfo('B/3')` finds it; a later transfer with that id is a retry or a conflict). The
   * text is built only when read, so a batch of thousands of legs costs no string per leg.
   * @param transfers - the transfers, as for {@link Ledger.transfer}; ids optional with a batch id.
   * @param options - an optional idempotency key for the whole batch; see {@link BatchOptions}.
   * @returns one result per transfer, in order.
   * @throws WattError as {@link Ledger.transfer} does, for the first transfer refused (the message
   *   gives its position); INVALID_ARGUMENT when `transfers` is not an array; TRANSFER_CONFLICT
   *   for a batch id used before with other transfers; INVALID_ID for a leg without an id in a
   *   batch without one.
   * @example
   * ```ts
   * ledger.batch([{ from: 'grid', to: 'roof:kWh', amount: '1.5' }, { from: 'roof:kWh', to: 'grid', amount: '0.5' }], { id: 'meter/10:15' });
   * ledger.journal().at(-1)?.transferId; // 'meter/10:15/1'
   * ```
   */
  batch(transfers: readonly BatchTransferInput[], options?: BatchOptions): TransferResult[] {
    const fn = BATCH.fn;
    const items = checkArray(transfers, fn, 'transfers');
    let batchId: string | undefined;
    if (options !== undefined) {
      const o = checkObject(options, fn, 'options');
      for (const key of Object.keys(o)) if (key !== 'id') fail(ErrorCode.INVALID_OPTION, fn, `unknown option '${key}' (known: id)`);
      if (o['id'] !== undefined) batchId = checkId(o['id'], fn, 'batch id');
    }
    const s = this.s;
    const sc = this.sc;
    const time = readTime(s, fn);
    parseLegs(s, sc, items, BATCH, false, batchId);
    const retry = commitBatch(s, sc, batchId, time, fn);
    this.record('batch', time, items, batchId === undefined ? undefined : { id: batchId });
    const n = sc.count;
    const results = new Array<TransferResult>(n);
    for (let i = 0; i < n; i++) results[i] = !retry && sc.kind[i] === LegKind.CREATE ? CREATED : EXISTS;
    return results;
  }

  /**
   * Applies a mix of transfers, posts and voids in order, all or none: a batch that may also
   * resolve pending transfers, including ones created earlier in the same call.
   * @returns one result per operation: `'created'`/`'exists'` for transfers, `'posted'`/`'voided'`.
   * @throws WattError as {@link Ledger.batch}, {@link Ledger.postPending} and
   *   {@link Ledger.voidPending} do, for the first operation refused.
   */
  execute(operations: readonly LedgerOperation[]): OperationResult[] {
    const items = checkArray(operations, EXECUTE.fn, 'operations');
    const s = this.s;
    const sc = this.sc;
    const time = readTime(s, EXECUTE.fn);
    parseLegs(s, sc, items, EXECUTE, true);
    applyLegs(s, sc, time, 0);
    this.record('execute', time, items);
    const results = new Array<OperationResult>(sc.count);
    for (let i = 0; i < sc.count; i++) {
      const kind = sc.kind[i];
      results[i] = kind === LegKind.CREATE ? CREATED : kind === LegKind.EXISTS ? EXISTS : kind === LegKind.POST ? POSTED : VOIDED;
    }
    return results;
  }

  /**
   * Posts a pending transfer: moves `amount` (default: all of it) and releases the rest. Each
   * pending transfer resolves exactly once: posting or voiding it again throws TRANSFER_NOT_PENDING
   * (a repeated call is not treated as a retry).
   * @throws WattError INVALID_ID; UNKNOWN_TRANSFER; TRANSFER_NOT_PENDING (not pending, or already
   *   posted or voided); INVALID_AMOUNT (not positive, off-step, or more than the pending amount:
   *   reason OUT_OF_RANGE).
   */
  postPending(id: string, amount?: DecimalInput): void {
    this.record('postPending', this.resolve(amount === undefined ? { kind: 'post', id } : { kind: 'post', id, amount }, POST), id, amount);
  }

  /**
   * Voids a pending transfer, releasing all of it. Each pending transfer resolves exactly once.
   * @throws WattError INVALID_ID; UNKNOWN_TRANSFER; TRANSFER_NOT_PENDING.
   */
  voidPending(id: string): void {
    this.record('voidPending', this.resolve({ kind: 'void', id }, VOID), id);
  }

  /**
   * The one point every accepted command passes through, once: it counts the command and, on a
   * durable ledger, queues its plain-data form for the store. Nothing is built without a store.
   */
  private record(kind: LedgerCommandKind, time: number, a: unknown, b?: unknown): void {
    this.commands++;
    if (this.durable !== undefined) this.durable.append(ledgerCommand(kind, time, a, b));
  }

  /** Posts or voids; returns the time it read. */
  private resolve(op: LedgerOperation, spec: LegSpecs): number {
    const s = this.s;
    const sc = this.sc;
    const time = readTime(s, spec.fn); // first, as in transfer
    sc.reset(false);
    s.nextEpoch();
    parseLeg(s, sc, op, spec, true, false);
    applyLegs(s, sc, time, 0);
    return time;
  }

  /** Posted credits minus posted debits of an account. @throws WattError INVALID_ID, UNKNOWN_ACCOUNT. */
  balance(accountId: string): Decimal {
    const a = this.accountIndexOf(accountId, 'Ledger.balance');
    return fromSteps(this.balanceOf(a), this.s.stepOf(a));
  }

  /** The balance minus pending debits. @throws WattError INVALID_ID, UNKNOWN_ACCOUNT. */
  available(accountId: string): Decimal {
    const a = this.accountIndexOf(accountId, 'Ledger.available');
    return fromSteps(this.availableOf(a), this.s.stepOf(a));
  }

  /** The balance as an integer count of the asset's steps (no Decimal built). */
  balanceSteps(accountId: string): number {
    return this.balanceOf(this.accountIndexOf(accountId, 'Ledger.balanceSteps'));
  }

  /** The available amount as an integer count of the asset's steps. */
  availableSteps(accountId: string): number {
    return this.availableOf(this.accountIndexOf(accountId, 'Ledger.availableSteps'));
  }

  // The one implementation of each pair above: the decimal forms format these step counts.
  private balanceOf(a: number): number {
    return this.s.balance[a] as number;
  }

  private availableOf(a: number): number {
    return (this.s.balance[a] as number) - (this.s.pendingDebit[a] as number);
  }

  /** Whether an account with this id is open. */
  hasAccount(accountId: string): boolean {
    return this.s.accountIndex.has(accountId);
  }

  /** A view of one account: asset, owner, limits, balance, available and pending sums. */
  account(accountId: string): AccountInfo {
    const s = this.s;
    const a = this.accountIndexOf(accountId, 'Ledger.account');
    const step = s.stepOf(a);
    const balance = s.balance[a] as number;
    const pendingDebits = s.pendingDebit[a] as number;
    return Object.freeze({
      id: accountId,
      asset: s.assetCodes[s.accountAsset[a] as number] as string,
      owner: s.accountOwner[a],
      allowNegative: s.accountAllowNegative[a] as boolean,
      balance: fromSteps(balance, step),
      available: fromSteps(balance - pendingDebits, step),
      pendingDebits: fromSteps(pendingDebits, step),
      pendingCredits: fromSteps(s.pendingCredit[a] as number, step),
    });
  }

  /** The ids of all open accounts, in the order they were opened. */
  accountIds(): readonly string[] {
    return Object.freeze(this.s.accountIds.slice());
  }

  /** The ledger's assets and their steps, in the order given to the constructor. */
  assets(): readonly LedgerAsset[] {
    return Object.freeze(this.s.assetCodes.map((code, i) => Object.freeze({ code, step: (this.s.assetSteps[i] as { text: string }).text })));
  }

  /** A stored transfer by id, with its state, or undefined when no transfer has that id. */
  transferInfo(id: string): TransferInfo | undefined {
    const t = typeof id === 'string' ? this.s.findTransfer(id) : undefined;
    return t === undefined ? undefined : new TransferInfo(this.s, t);
  }

  /** Whether a batch with this id (`options.id` of {@link Ledger.batch}) has been applied. */
  hasBatch(batchId: string): boolean {
    return this.s.batchIndex.has(batchId);
  }

  /** The ids of the transfers of a batch applied with `options.id`, in order; undefined if none. */
  batchTransferIds(batchId: string): readonly string[] | undefined {
    const b = this.s.batchIndex.get(batchId);
    if (b === undefined) return undefined;
    return Object.freeze(Array.from(this.s.batchTransfers.list(b), (t) => this.s.transferId(t)));
  }

  /**
   * The number of commands accepted (`openAccount`, `transfer`, `batch`, `execute`,
   * `postPending`, `voidPending`; a retry that returns `'exists'` counts, a refused call does
   * not): the sequence number of the last command, as a durable ledger journals it. 0 for a new
   * ledger. A ledger rebuilt with {@link Ledger.restore} starts again from 0; one recovered by
   * {@link Ledger.open} has the recovered sequence.
   */
  get sequence(): number {
    return this.commands;
  }

  /** The sequence number of the latest journal entry (0 when the journal is empty). */
  get journalLength(): number {
    return this.s.sequence;
  }

  /**
   * Journal entries in a sequence range (default: all), oldest first.
   * @throws WattError INVALID_RANGE for a bound that is not a positive integer or from > to.
   */
  journal(range?: SequenceRange): readonly LedgerEntry[] {
    return readJournal(this.s, resolveRange(this.s, range, 'Ledger.journal'));
  }

  /**
   * The journal as text for audit: `'jsonl'` (one JSON object per line) or `'csv'` (a header row,
   * fields quoted as RFC 4180 says). Amounts appear both as exact decimal text and as steps.
   * @throws WattError INVALID_OPTION for another format; INVALID_RANGE for a bad range.
   */
  exportJournal(format: JournalFormat, range?: SequenceRange): string {
    return exportJournal(this.s, format, range);
  }

  /**
   * An account statement over a sequence range: the opening balance before the range, every
   * entry touching the account with the running balance and available amount, and the closing
   * balance.
   * @throws WattError INVALID_ID, UNKNOWN_ACCOUNT, INVALID_RANGE.
   */
  statement(accountId: string, range?: SequenceRange): Statement {
    const a = this.accountIndexOf(accountId, 'Ledger.statement');
    return buildStatement(this.s, a, resolveRange(this.s, range, 'Ledger.statement'));
  }

  /**
   * Recomputes every balance and pending sum as a fold over the journal and compares them with
   * the ledger's own; also checks that each asset's balances sum to zero and limits hold.
   */
  verify(): VerifyReport {
    return verifyLedger(this.s);
  }

  /** A plain, deep-frozen, JSON-serialisable copy of the ledger's state; see {@link Ledger.restore}. */
  snapshot(): LedgerSnapshot {
    return buildSnapshot(this.s);
  }

  /**
   * Rebuilds a ledger from {@link Ledger.snapshot} output by replaying its journal, checking
   * every entry as it goes.
   * @param options - an optional clock for entries made after the restore.
   * @throws WattError INVALID_SNAPSHOT when the snapshot is malformed or inconsistent.
   */
  static restore(snapshot: LedgerSnapshot, options?: { clock?: Clock }): Ledger {
    return restoreState(snapshot, options, (assets, clock) => {
      const ledger = new Ledger(clock === undefined ? { assets } : { assets, clock });
      return { ledger, state: ledger.s };
    });
  }

  /** A 64-bit hash of the whole state (accounts, balances, transfers, journal, batches), as hex. */
  stateHash(): string {
    return ledgerStateHash(this.s);
  }

  private accountIndexOf(accountId: unknown, fn: string): number {
    if (typeof accountId !== 'string' || accountId === '') {
      fail(ErrorCode.INVALID_ID, fn, `account id must be a non-empty string; got ${describeValue(accountId)}`);
    }
    const a = this.s.accountIndex.get(accountId);
    if (a === undefined) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `account '${accountId}' is not open`);
    return a;
  }
}
