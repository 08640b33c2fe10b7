import type { Clock } from '../time/clock.js';
import { BatchLists } from './batch-lists.js';
import { IdIndex } from './id-index.js';
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

/** The kind of a journal entry: a transfer, a reservation (pending), a post or a void. */
export type EntryKindName = 'transfer' | 'pending' | 'post' | 'void';

/** Entry kind names, indexed by {@link EntryKind}. */
export const ENTRY_KIND_NAMES: readonly EntryKindName[] = Object.freeze(['transfer', 'pending', 'post', 'void']);

const INITIAL_ACCOUNTS = 16;
const INITIAL_ROWS = 1024;

/**
 * All of a ledger's state, laid out for speed: accounts indexed densely with their balances in
 * typed arrays (integers in steps, held exactly as doubles below 2^53), transfers and journal
 * entries as parallel columns. The ledger's operations (batch-engine.ts) and read-outs
 * (journal, statement, snapshot, verify) work on this; only the Ledger class is public.
 */
export class LedgerState {
  readonly clock: Clock | undefined;
  /**
   * The time every entry is stamped with instead of reading {@link clock}, while a market command
   * that read the clock at its start runs (see ledger-time-pin.ts); undefined: read the clock.
   */
  clockPin: number | undefined = undefined;

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

  readonly transferIndex = new IdIndex();
  // Memos are rare: keeping them sparse keeps a million-entry array of undefined off the heap.
  private readonly memos = new Map<number, string>();
  transferCount = 0;
  // Numeric columns are typed arrays grown by doubling: writes are cheap and the garbage
  // collector never scans them.
  transferFrom = new Int32Array(INITIAL_ROWS);
  transferTo = new Int32Array(INITIAL_ROWS);
  transferAmount = new Float64Array(INITIAL_ROWS);
  transferState = new Uint8Array(INITIAL_ROWS);
  /** For a resolved pending transfer, the amount posted (0 when voided). */
  transferPosted = new Float64Array(INITIAL_ROWS);
  /**
   * For a transfer whose id derives from its batch (a leg given without an id): the batch index
   * + 1, and the leg's position in the batch; its id is `<batch id>/<position>`, built when read.
   * 0 for a transfer with an id of its own, which `transferIndex` holds. A transfer of a range
   * batch (see BatchLists) has no stored leg position: read it through {@link legOf}.
   */
  transferBatch = new Int32Array(INITIAL_ROWS);
  transferLeg = new Int32Array(INITIAL_ROWS);
  /** Whether any transfer has a derived id: until then a missed id lookup need not parse ids. */
  hasDerived = false;
  /**
   * Whether any row was written a value other than zero in a column that appends leave unwritten
   * when zero (a transfer's state and posted amount: only a pending transfer has them; an entry's
   * kind and released amount: only an entry other than a plain transfer). Until then those
   * columns are zero throughout, and {@link adoptRows} need not zero them for the next state.
   */
  private rareRows = false;

  entryCount = 0;
  entryKind = new Uint8Array(INITIAL_ROWS);
  /**
   * The transfer and the amount of each entry; not stored for an entry of a range batch (see
   * BatchLists): read them through {@link entryTransferOf} and {@link entryAmountOf}.
   */
  entryTransfer = new Int32Array(INITIAL_ROWS);
  entryAmount = new Float64Array(INITIAL_ROWS);
  entryReleased = new Float64Array(INITIAL_ROWS);
  /**
   * The entries' times, made when the first entry with a time arrives (a ledger without a clock
   * would otherwise keep a column of NaN, 8 bytes an entry).
   */
  entryTime: Float64Array | undefined;
  /** A column of old entry times {@link adoptRows} took over, to become `entryTime` (or to go). */
  private spareEntryTime: Float64Array | undefined;
  /** The batch index + 1, or 0 when the entry was not made by a batch with an id. */
  entryBatch = new Int32Array(INITIAL_ROWS);

  readonly batchIndex = new Map<string, number>();
  readonly batchIds: string[] = [];
  /**
   * Per batch with an id, the transfer index of each of its legs, in order: listed, or as a range
   * of rows whose transfer and entry links are not stored (see BatchLists; read rows through
   * {@link entryTransferOf}, {@link entryAmountOf} and {@link legOf}).
   */
  readonly batchTransfers = new BatchLists();

  constructor(clock: Clock | undefined) {
    this.clock = clock;
  }

  /** Entry `i`'s time, NaN when the ledger has no clock. */
  timeOf(i: number): number {
    return this.entryTime === undefined ? NaN : (this.entryTime[i] as number);
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
    this.balance = grown(this.balance, new Float64Array(capacity));
    this.pendingDebit = grown(this.pendingDebit, new Float64Array(capacity));
    this.pendingCredit = grown(this.pendingCredit, new Float64Array(capacity));
    this.runBalance = grown(this.runBalance, new Float64Array(capacity));
    this.runPendingDebit = grown(this.runPendingDebit, new Float64Array(capacity));
    this.runPendingCredit = grown(this.runPendingCredit, new Float64Array(capacity));
    this.runEpoch = grown(this.runEpoch, new Uint32Array(capacity));
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

  /**
   * The transfer journal entry `e` records. An entry of a range batch (see BatchLists) has no
   * stored link: it records its batch's transfer at the same position.
   */
  entryTransferOf(e: number): number {
    const b = this.entryBatch[e] as number;
    if (b !== 0) {
      const first = this.batchTransfers.rangeFirst(b - 1);
      if (first >= 0) return first + e - this.batchTransfers.rangeEntry(b - 1);
    }
    return this.entryTransfer[e] as number;
  }

  /** The amount of journal entry `e`: for an entry of a range batch, its transfer's amount. */
  entryAmountOf(e: number): number {
    const b = this.entryBatch[e] as number;
    if (b !== 0) {
      const first = this.batchTransfers.rangeFirst(b - 1);
      if (first >= 0) return this.transferAmount[first + e - this.batchTransfers.rangeEntry(b - 1)] as number;
    }
    return this.entryAmount[e] as number;
  }

  /** The leg position of transfer `t`, whose id derives from its batch (`transferBatch[t]` not 0). */
  legOf(t: number): number {
    const first = this.batchTransfers.rangeFirst((this.transferBatch[t] as number) - 1);
    return first >= 0 ? t - first : (this.transferLeg[t] as number);
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
    return this.entryCount;
  }

  /** The id of transfer `t`. */
  transferId(t: number): string {
    const b = this.transferBatch[t] as number;
    return b === 0 ? this.transferIndex.keyOf(t) : `${this.batchIds[b - 1] as string}/${this.legOf(t)}`;
  }

  /** Whether the id of transfer `t` is `<prefix>/<n>`, checked without building either id. */
  transferIdIs(t: number, prefix: string, n: number): boolean {
    const b = this.transferBatch[t] as number;
    if (b === 0) return this.transferIndex.keyIsDerived(t, prefix, n);
    return this.legOf(t) === n && this.batchIds[b - 1] === prefix;
  }

  /**
   * The stored transfer with this id, whether the id is its own or derived from its batch;
   * undefined when none. (Legs of a call still being validated are found by the batch engine.)
   */
  findTransfer(id: string): number | undefined {
    const t = this.transferIndex.get(id);
    if (t !== undefined || !this.hasDerived) return t;
    const slash = id.lastIndexOf('/');
    const n = slash > 0 ? legNumber(id, slash + 1) : -1;
    if (n < 0) return undefined;
    const b = this.batchIndex.get(id.slice(0, slash));
    if (b === undefined) return undefined;
    return this.derivedOf(b, n);
  }

  /** The stored transfer whose id is `<batch id>/<n>` for the batch `b` (known or not yet). */
  findDerived(batchId: string, batch: number | undefined, prefixState: number, n: number): number | undefined {
    const t = this.transferIndex.getDerived(batchId, prefixState, n);
    if (t !== undefined || batch === undefined) return t;
    return this.derivedOf(batch, n);
  }

  /** Leg `n` of batch `b` when its id is derived (`<batch id>/<n>`), else undefined. */
  private derivedOf(b: number, n: number): number | undefined {
    if (n >= this.batchTransfers.length(b)) return undefined;
    const d = this.batchTransfers.at(b, n);
    return this.transferBatch[d] === b + 1 && this.legOf(d) === n ? d : undefined;
  }

  /** The memo of transfer `t`, if it has one. */
  memoOf(t: number): string | undefined {
    return this.memos.get(t);
  }

  /** Stores a new transfer and returns its index; the caller puts its id into `transferIndex`. */
  addTransfer(from: number, to: number, amount: number, memo: string | undefined, state: number): number {
    const t = this.transferCount;
    if (t === this.transferFrom.length) this.growTransfers(nextCapacity(t));
    if (memo !== undefined) this.memos.set(t, memo);
    this.transferFrom[t] = from;
    this.transferTo[t] = to;
    this.transferAmount[t] = amount;
    // Rows are only ever appended, so a new row is still zero as allocated: zeros are not written.
    // A column that stays zero (posted amounts, the state of plain transfers) then never touches
    // its fresh pages; a day of a large market faulted in some 20 MB of them.
    if (state !== 0) {
      this.transferState[t] = state;
      this.rareRows = true;
    }
    // Written even when zero (an id of its own; the batch engine then writes a derived one's):
    // the column is written by every append, so a state that takes over old rows need not zero it.
    this.transferBatch[t] = 0;
    this.transferCount = t + 1;
    return t;
  }

  /** Appends a journal entry. */
  addEntry(kind: number, transfer: number, amount: number, released: number, time: number, batchNo: number): void {
    const i = this.entryCount;
    if (i === this.entryKind.length) this.growEntries(nextCapacity(i));
    // Zeros are not written (see addTransfer): the row is still zero as allocated.
    if (kind !== 0) {
      this.entryKind[i] = kind;
      this.rareRows = true;
    }
    this.entryTransfer[i] = transfer;
    this.entryAmount[i] = amount;
    if (released !== 0) {
      this.entryReleased[i] = released;
      this.rareRows = true;
    }
    if (this.entryTime !== undefined) this.entryTime[i] = time;
    else if (!Number.isNaN(time)) this.takeEntryTime(i)[i] = time;
    this.entryBatch[i] = batchNo;
    this.entryCount = i + 1;
  }

  /**
   * Takes over the transfer and entry columns of `old`, a state that will never be read again,
   * when they have room for `rows` rows (and at least as many as this state's): memory the process
   * has touched already instead of fresh pages, which a day of a large market faults in by the
   * thousand; then makes room for `rows` rows (see {@link reserveRows}). For a state without rows
   * yet; a state with rows is only given its room. `old` is left with no rows and empty columns.
   *
   * Only the columns that appends do not write in full are zeroed over the rows `old` used (the
   * rest is zero already: rows are only appended, and zeros are not written), and only when `old`
   * wrote anything but zeros into them (see `rareRows`; a simulation's ledgers never do): transfer
   * states and posted amounts, entry kinds and released amounts. The others (accounts, amounts,
   * batch numbers, legs, entry transfers and amounts) are written by every append of a row before
   * any read, or, for the rows of a range batch (see BatchLists), never read, so what `old` left
   * in them is never seen. `old`'s entry times (NaN over rows no
   * clock timed) are kept aside as a spare for this state's first timed entry (see
   * {@link takeEntryTime}), not made its column at once: a state without timed entries has none.
   */
  adoptRows(old: LedgerState, rows = 0): void {
    if (this.transferCount !== 0 || this.entryCount !== 0 || old === this) {
      this.reserveRows(rows);
      return;
    }
    const t = old.transferCount;
    if (old.transferFrom.length >= Math.max(this.transferFrom.length, rows)) {
      this.transferFrom = old.transferFrom;
      this.transferTo = old.transferTo;
      this.transferAmount = old.transferAmount;
      this.transferState = old.rareRows ? zeroed(old.transferState, t) : old.transferState;
      this.transferPosted = old.rareRows ? zeroed(old.transferPosted, t) : old.transferPosted;
      this.transferBatch = old.transferBatch;
      this.transferLeg = old.transferLeg;
    }
    const e = old.entryCount;
    if (old.entryKind.length >= Math.max(this.entryKind.length, rows)) {
      this.entryKind = old.rareRows ? zeroed(old.entryKind, e) : old.entryKind;
      this.entryTransfer = old.entryTransfer;
      this.entryAmount = old.entryAmount;
      this.entryReleased = old.rareRows ? zeroed(old.entryReleased, e) : old.entryReleased;
      this.entryBatch = old.entryBatch;
      const time = old.entryTime ?? old.spareEntryTime;
      if (this.entryTime === undefined && time !== undefined && time.length >= this.entryKind.length) this.spareEntryTime = time;
    }
    old.transferCount = 0;
    old.entryCount = 0;
    old.rareRows = false;
    old.transferFrom = new Int32Array(0);
    old.transferTo = new Int32Array(0);
    old.transferAmount = new Float64Array(0);
    old.transferState = new Uint8Array(0);
    old.transferPosted = new Float64Array(0);
    old.transferBatch = new Int32Array(0);
    old.transferLeg = new Int32Array(0);
    old.entryKind = new Uint8Array(0);
    old.entryTransfer = new Int32Array(0);
    old.entryAmount = new Float64Array(0);
    old.entryReleased = new Float64Array(0);
    old.entryTime = undefined;
    old.spareEntryTime = undefined;
    old.entryBatch = new Int32Array(0);
    this.reserveRows(rows);
  }

  /**
   * Makes the entry-time column when the first timed entry arrives, at entry `i` (the entries
   * before it have no time: NaN): the spare {@link adoptRows} kept when it is long enough (only
   * its first `i` rows need the NaN, every later row is written as its entry is appended), else a
   * new column.
   */
  takeEntryTime(i: number): Float64Array {
    const spare = this.spareEntryTime;
    this.spareEntryTime = undefined;
    const time = spare !== undefined && spare.length >= this.entryKind.length ? spare.fill(NaN, 0, i) : new Float64Array(this.entryKind.length).fill(NaN);
    this.entryTime = time;
    return time;
  }

  /**
   * Makes room for `n` more transfers and `n` more journal entries, growing each table exactly as
   * that many {@link addTransfer} and {@link addEntry} calls would (the same capacities), so a
   * caller can then write `n` rows straight into the columns. Returns nothing; changes no row.
   */
  reserveAppend(n: number): void {
    let capacity = this.transferFrom.length;
    if (this.transferCount + n > capacity) {
      while (this.transferCount + n > capacity) capacity = Math.max(nextCapacity(capacity), INITIAL_ROWS);
      this.growTransfers(capacity);
    }
    capacity = this.entryKind.length;
    if (this.entryCount + n > capacity) {
      while (this.entryCount + n > capacity) capacity = Math.max(nextCapacity(capacity), INITIAL_ROWS);
      this.growEntries(capacity);
    }
  }

  /** Makes room for `rows` transfers and journal entries at once (a capacity hint; never shrinks). */
  reserveRows(rows: number): void {
    if (rows > this.transferFrom.length) this.growTransfers(rows);
    if (rows > this.entryKind.length) this.growEntries(rows);
  }

  private growTransfers(capacity: number): void {
    this.transferFrom = grown(this.transferFrom, new Int32Array(capacity));
    this.transferTo = grown(this.transferTo, new Int32Array(capacity));
    this.transferAmount = grown(this.transferAmount, new Float64Array(capacity));
    this.transferState = grown(this.transferState, new Uint8Array(capacity));
    this.transferPosted = grown(this.transferPosted, new Float64Array(capacity));
    this.transferBatch = grown(this.transferBatch, new Int32Array(capacity));
    this.transferLeg = grown(this.transferLeg, new Int32Array(capacity));
  }

  private growEntries(capacity: number): void {
    this.entryKind = grown(this.entryKind, new Uint8Array(capacity));
    this.entryTransfer = grown(this.entryTransfer, new Int32Array(capacity));
    this.entryAmount = grown(this.entryAmount, new Float64Array(capacity));
    this.entryReleased = grown(this.entryReleased, new Float64Array(capacity));
    if (this.entryTime !== undefined) this.entryTime = grown(this.entryTime, new Float64Array(capacity));
    // A spare shorter than the entry columns can never become the entry times.
    else this.spareEntryTime = undefined;
    this.entryBatch = grown(this.entryBatch, new Int32Array(capacity));
  }
}

/** The largest leg position a derived id may name: legs of one batch are far fewer. */
export const MAX_LEGS = 0x7fffffff;

/**
 * The leg number written at `start` of `id` up to its end, in canonical decimal (no sign, no
 * leading zero but for `0` itself), or -1: `B/01` is not the id of leg 1 of batch `B`.
 */
export function legNumber(id: string, start: number): number {
  const end = id.length;
  if (start >= end || end - start > 10 || (id.charCodeAt(start) === 48 && end - start > 1)) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n <= MAX_LEGS ? n : -1;
}

/**
 * The next capacity of the transfer and entry columns. Past a million rows they grow fourfold:
 * each growth copies every column, and a day of a large market makes millions of rows, so the
 * copies (and the fresh pages they touch) were a fifth of its settlement time; the room not yet
 * used is address space the system has not handed out yet.
 */
function nextCapacity(rows: number): number {
  return rows >= 1 << 20 ? rows * 4 : rows * 2;
}

type TypedColumn = Float64Array | Int32Array | Uint32Array | Uint8Array;

function zeroed<T extends TypedColumn>(column: T, rows: number): T {
  column.fill(0, 0, rows);
  return column;
}

function grown<T extends TypedColumn>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
