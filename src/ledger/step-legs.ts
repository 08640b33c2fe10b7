import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError, type ValueErrorReason } from '../errors/watt-error.js';
import { admitTransfer, commitBatch, LegKind, readTime, rollbackLegs } from './batch-engine.js';
import { familyHash } from './id-index.js';
import { ledgerScratch, ledgerState, type Ledger } from './ledger.js';
import { MAX_STEPS, type LedgerState } from './ledger-state.js';

/**
 * The legs of one ledger batch as integers, for the library's hot paths (settlement posts
 * thousands of legs per interval): account indexes (see {@link accountIndex}) and amounts in steps
 * of the accounts' asset, in columns that are reused from call to call. Each leg is a plain
 * transfer (not pending, no memo). Its id is the one pushed with it, or, when none is, derived
 * from the batch: leg `n` of batch `B` is `B/n` (see {@link Ledger.batch}), so a leg costs no
 * string at all.
 */
export class StepLegs {
  /** The number of legs. */
  count = 0;
  /** Debit account indexes. */
  from: Int32Array;
  /** Credit account indexes. */
  to: Int32Array;
  /** Amounts in steps of the accounts' asset. */
  amount: Float64Array;
  /** Own ids, by leg, when any leg has one (`named`). */
  readonly ids: (string | undefined)[] = [];
  /** Whether any leg was pushed with an id of its own. */
  named = false;

  constructor(capacity = 64) {
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
  }

  /** Forgets every leg, keeping the columns. */
  clear(): void {
    this.count = 0;
    if (this.named) this.ids.length = 0;
    this.named = false;
  }

  /** Appends a leg: `amount` steps from account `from` to account `to`, with an optional own id. */
  push(from: number, to: number, amount: number, id?: string): void {
    const i = this.count;
    if (i === this.from.length) this.grow(i * 2);
    this.from[i] = from;
    this.to[i] = to;
    this.amount[i] = amount;
    if (id !== undefined) {
      if (!this.named) {
        this.named = true;
        for (let k = 0; k < i; k++) this.ids[k] = undefined;
      }
      this.ids[i] = id;
    } else if (this.named) {
      this.ids[i] = undefined;
    }
    this.count = i + 1;
  }

  /** Appends every leg of `other`. */
  append(other: StepLegs): void {
    const n = other.count;
    if (other.named) {
      for (let k = 0; k < n; k++) this.push(other.from[k] as number, other.to[k] as number, other.amount[k] as number, other.ids[k]);
      return;
    }
    const start = this.count;
    let capacity = this.from.length;
    while (start + n > capacity) capacity *= 2;
    if (capacity !== this.from.length) this.grow(capacity);
    this.from.set(other.from.subarray(0, n), start);
    this.to.set(other.to.subarray(0, n), start);
    this.amount.set(other.amount.subarray(0, n), start);
    if (this.named) for (let k = 0; k < n; k++) this.ids[start + k] = undefined;
    this.count = start + n;
  }

  private grow(capacity: number): void {
    const from = new Int32Array(capacity);
    from.set(this.from);
    this.from = from;
    const to = new Int32Array(capacity);
    to.set(this.to);
    this.to = to;
    const amount = new Float64Array(capacity);
    amount.set(this.amount);
    this.amount = amount;
  }
}

/** The index of an open account, or undefined: what {@link StepLegs} name accounts by. */
export function accountIndex(ledger: Ledger, accountId: string): number | undefined {
  return ledgerState(ledger).accountIndex.get(accountId);
}

/**
 * Gives `next` (a ledger with no transfers yet) the transfer and journal columns of `old`, a
 * ledger that will never be used again, when they have room for `rows` rows, and then room for
 * `rows` rows in any case (see LedgerState.adoptRows): for a caller that makes one ledger after
 * another of about the same size (the simulation, a ledger a day). Make `next` without a
 * `capacity` (its own columns would be fresh memory, allocated only to be dropped here) and pass
 * the room as `rows`. `old` is left without transfers or journal: it must not be read or used
 * afterwards.
 * @internal
 */
export function recycleLedgerRows(next: Ledger, old: Ledger, rows = 0): void {
  ledgerState(next).adoptRows(ledgerState(old), rows);
}

/**
 * The rows `ledger` has room for without growing its columns (transfers and journal entries
 * alike): what a ledger that takes over its rows (see {@link recycleLedgerRows}) can be given
 * without fresh memory.
 * @internal
 */
export function ledgerRoom(ledger: Ledger): number {
  const s = ledgerState(ledger);
  return Math.min(s.transferFrom.length, s.entryKind.length);
}

/** The code of the asset account `index` holds. */
export function accountAsset(ledger: Ledger, index: number): string {
  const s = ledgerState(ledger);
  return s.assetCodes[s.accountAsset[index] as number] as string;
}

/**
 * Posts `legs` as one batch with the id `batchId`: {@link Ledger.batch} for integer legs, with
 * the same guarantees. Every leg is validated (accounts open and distinct, one asset, a positive
 * safe-integer amount), checked for idempotency by its id (own or derived) and against the running
 * balances the legs before it leave, before anything is applied; then all are applied or none.
 * The same batch id with the same legs again changes nothing; with other legs it throws
 * TRANSFER_CONFLICT.
 * @param fn - the public function to name in errors.
 * @returns how many legs were created: 0 for a retry of the whole batch.
 * @throws WattError INVALID_ID (batch id), UNKNOWN_ACCOUNT, SAME_ACCOUNT, ASSET_MISMATCH,
 *   INVALID_AMOUNT, TRANSFER_CONFLICT, INSUFFICIENT_FUNDS, BALANCE_OVERFLOW, INVALID_TIME; a leg's
 *   error names its position (`transfer 12 refused: ...`). Nothing changes then.
 */
export function postStepLegs(ledger: Ledger, legs: StepLegs, batchId: string, fn: string): number {
  const s = ledgerState(ledger);
  const sc = ledgerScratch(ledger);
  if (typeof batchId !== 'string' || batchId === '') fail(ErrorCode.INVALID_ID, fn, `batch id must be a non-empty string; got ${describeValue(batchId)}`);
  const time = readTime(s, fn);
  if (postNew(s, legs, batchId, time)) return legs.count;
  const n = legs.count;
  const multi = n > 1;
  sc.reset(multi);
  sc.setBatch(s, batchId);
  s.nextEpoch();
  const { from, to, amount } = legs;
  const accounts = s.accountCount;
  const named = legs.named;
  let i = 0;
  try {
    for (; i < n; i++) {
      const f = from[i] as number;
      const t = to[i] as number;
      const a = amount[i] as number;
      const id = named ? legs.ids[i] : undefined;
      if (id === '') fail(ErrorCode.INVALID_ID, fn, 'transfer id must be a non-empty string; got ""');
      if (f < 0 || f >= accounts) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `from account #${f} is not open`);
      if (t < 0 || t >= accounts) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `to account #${t} is not open`);
      if (f === t) fail(ErrorCode.SAME_ACCOUNT, fn, `transfer '${id ?? sc.name(i)}' moves from account '${s.accountIds[f] as string}' to itself`);
      if (s.accountAsset[f] !== s.accountAsset[t]) {
        fail(ErrorCode.ASSET_MISMATCH, fn, `transfer '${id ?? sc.name(i)}' is from a ${assetOf(s.assetCodes, s.accountAsset, f)} account to a ${assetOf(s.assetCodes, s.accountAsset, t)} account`);
      }
      if (!(a > 0 && a <= MAX_STEPS && Number.isInteger(a))) badAmount(fn, id ?? sc.name(i), a);
      admitTransfer(s, sc, fn, id, f, t, a, undefined, false, multi);
    }
  } catch (e) {
    rollbackLegs(s, sc);
    if (e instanceof WattError) {
      const prefix = `${fn}: `;
      const text = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      throw new WattError(e.code, `${prefix}transfer ${i} refused: ${text}`, e.reason);
    }
    throw e;
  }
  if (commitBatch(s, sc, batchId, time, fn)) return 0;
  let created = 0;
  for (let k = 0; k < n; k++) if (sc.kind[k] === LegKind.CREATE) created++;
  return created;
}

/**
 * The common case of {@link postStepLegs}, posted straight from the columns: a batch id never used
 * and no leg with an id of its own, so every leg is a new transfer with its derived id (unless an
 * explicit id might look like one of them: then the general path looks them up). The legs are
 * checked as the general path checks them (accounts, asset, amount, running balances), then
 * applied as commitBatch and applyLegs apply them, with the same rows and entries (the batch
 * recorded as a range), without the per-leg scratch columns. Returns false, having changed nothing, when the general
 * path must decide: when the case does not apply, or when a leg would be refused (the general path
 * then reports it).
 *
 * Every leg is a plain posted transfer, so the pending sums stay as they are and the running
 * balance of an account is its balance with the legs before applied: each leg is applied to the
 * balances as it is checked, and a refused leg undoes the legs before it, in reverse (exact: every
 * value on the way is a safe integer). No running slots, and no second pass over the legs for the
 * balances; nothing between the check and the undo can read the balances (no user code runs).
 */
function postNew(s: LedgerState, legs: StepLegs, batchId: string, time: number): boolean {
  const n = legs.count;
  if (n === 0 || legs.named || s.batchIndex.has(batchId) || s.transferIndex.mayHaveChildren(familyHash(batchId))) return false;
  // Room for the rows first: growing the columns (which may fail for want of memory) changes no
  // state, and nothing is applied yet.
  s.reserveAppend(n);
  const { from, to, amount } = legs;
  const accounts = s.accountCount;
  const asset = s.accountAsset;
  const allowNegative = s.accountAllowNegative;
  const balance = s.balance;
  const pendingDebit = s.pendingDebit;
  const pendingCredit = s.pendingCredit;
  for (let i = 0; i < n; i++) {
    const f = from[i] as number;
    const t = to[i] as number;
    const a = amount[i] as number;
    let refused = f < 0 || f >= accounts || t < 0 || t >= accounts || f === t || asset[f] !== asset[t] || !(a > 0 && a <= MAX_STEPS && Number.isInteger(a));
    if (!refused) {
      const fromBalance = balance[f] as number;
      const left = fromBalance - (pendingDebit[f] as number) - a;
      const toBalance = balance[t] as number;
      refused = (allowNegative[f] === true ? left < -MAX_STEPS : left < 0) || toBalance + (pendingCredit[t] as number) + a > MAX_STEPS;
      if (!refused) {
        balance[f] = fromBalance - a;
        balance[t] = toBalance + a;
      }
    }
    if (refused) {
      for (let k = i - 1; k >= 0; k--) {
        const b = amount[k] as number;
        balance[from[k] as number] = (balance[from[k] as number] as number) + b;
        balance[to[k] as number] = (balance[to[k] as number] as number) - b;
      }
      return false;
    }
  }
  // The rows addTransfer and addEntry would append one by one (a plain posted transfer, a
  // transfer entry, zeros left unwritten), written straight into the columns, a column at a time:
  // the batch's transfers and entries are contiguous, so most columns are one copy or fill each
  // (in a simulation the row writes missed the cache on every column at once). The batch is
  // recorded as a range (see BatchLists): its rows' leg positions, its entries' transfers and
  // amounts and its list of transfers follow from where it starts, and are not written.
  if (s.entryTime === undefined && !Number.isNaN(time)) s.takeEntryTime(s.entryCount);
  // The batch's id is recorded only once the columns have room (the allocations may throw).
  const batchNo = s.batchIds.length + 1;
  s.batchIndex.set(batchId, batchNo - 1);
  s.batchIds.push(batchId);
  const k0 = s.transferCount;
  const e0 = s.entryCount;
  s.transferFrom.set(from.subarray(0, n), k0);
  s.transferTo.set(to.subarray(0, n), k0);
  s.transferAmount.set(amount.subarray(0, n), k0);
  s.transferBatch.fill(batchNo, k0, k0 + n);
  s.entryBatch.fill(batchNo, e0, e0 + n);
  s.entryTime?.fill(time, e0, e0 + n);
  s.transferCount = k0 + n;
  s.entryCount = e0 + n;
  s.hasDerived = true;
  s.batchTransfers.pushRange(k0, e0, n);
  return true;
}

function assetOf(codes: readonly string[], assets: readonly number[], account: number): string {
  return codes[assets[account] as number] as string;
}

function badAmount(fn: string, name: string, a: number): never {
  const reason: ValueErrorReason =
    Number.isNaN(a) || !Number.isFinite(a) ? 'NOT_FINITE' : a <= 0 ? 'NOT_POSITIVE' : !Number.isInteger(a) ? 'OFF_STEP' : 'TOO_LARGE';
  return fail(ErrorCode.INVALID_AMOUNT, fn, `transfer '${name}': amount ${String(a)} is not a positive whole number of steps below 2^53`, reason);
}
