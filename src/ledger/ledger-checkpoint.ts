import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import type { Clock } from '../time/clock.js';
import { admitResolve, admitTransfer, applyLegs, LegScratch } from './batch-engine.js';
import { ledgerStateHash } from './ledger-hash.js';
import { LEDGER_SNAPSHOT_FORMAT, LEDGER_SNAPSHOT_VERSION, type LedgerSnapshot, snapshotHeader } from './ledger-snapshot.js';
import { EntryKind, type LedgerState } from './ledger-state.js';

/** The format tag of a ledger checkpoint in a store. */
export const LEDGER_CHECKPOINT_FORMAT = 'wattmarket/ledger-checkpoint';
/** The checkpoint version this code writes and reads. */
export const LEDGER_CHECKPOINT_VERSION = 1;

/**
 * A ledger's state in the compact, columnar form a store's checkpoint holds: the snapshot's
 * assets and accounts, then the journal as parallel arrays of integers (steps, account and
 * transfer indices) instead of one object of decimal texts per entry, and the state hash the
 * restored ledger must have. Recovery of a long journal is dominated by parsing and re-checking
 * the checkpoint, and this form parses several times faster and restores without decimal
 * parsing or per-entry objects. Internal to the stores: `Ledger.snapshot` keeps its public form.
 */
export interface LedgerCheckpoint {
  /** Always `'wattmarket/ledger-checkpoint'`. */
  readonly format: typeof LEDGER_CHECKPOINT_FORMAT;
  /** The checkpoint version (1). */
  readonly version: typeof LEDGER_CHECKPOINT_VERSION;
  /** `Ledger.stateHash()` of the ledger the checkpoint was taken of. */
  readonly stateHash: string;
  /** The assets and accounts, as in a snapshot, with no entries and no batches. */
  readonly header: LedgerSnapshot;
  /** Per entry, its kind as one digit (EntryKind). */
  readonly kinds: string;
  /** Per entry, its amount in steps (for a void: the amount released). */
  readonly amounts: readonly number[];
  /** Per entry, its time, or null; null for the whole column when no entry has one. */
  readonly times: readonly (number | null)[] | null;
  /** The entries made by a batch with an id, as [entry index, batch number (1-based)] pairs. */
  readonly batches: readonly (readonly [number, number])[];
  /**
   * The ids of the created transfers (transfer and pending entries, in order), one after the
   * other in one text: a million short strings in JSON cost several times more to parse than one
   * long one, and the ledger's id index copies each id's characters anyway.
   */
  readonly idText: string;
  /** Per created transfer, the length of its id in `idText` (UTF-16 code units). */
  readonly idLengths: readonly number[];
  /** Per created transfer, the debit account's index. */
  readonly from: readonly number[];
  /** Per created transfer, the credit account's index. */
  readonly to: readonly number[];
  /** The memos, as [transfer index, memo] pairs. */
  readonly memos: readonly (readonly [number, string])[];
  /** Per post and void entry, the index of the transfer it resolves. */
  readonly refs: readonly number[];
  /** The batches applied with an id: the id and its transfers' indices. */
  readonly batchList: readonly (readonly [string, readonly number[]])[];
}

/** Builds the checkpoint form of `s`. */
export function buildCheckpoint(s: LedgerState): LedgerCheckpoint {
  const header: LedgerSnapshot = { format: LEDGER_SNAPSHOT_FORMAT, version: LEDGER_SNAPSHOT_VERSION, ...snapshotHeader(s), entries: [], batches: [] };
  const n = s.sequence;
  let kinds = '';
  const amounts = new Array<number>(n);
  const batches: [number, number][] = [];
  const times: (number | null)[] | null = s.entryTime === undefined ? null : new Array<number | null>(n);
  const refs: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = s.entryKind[i] as number;
    kinds += String(kind);
    amounts[i] = s.entryAmountOf(i);
    const batch = s.entryBatch[i] as number;
    if (batch !== 0) batches.push([i, batch]);
    if (times !== null) {
      const time = s.timeOf(i);
      times[i] = Number.isNaN(time) ? null : time;
    }
    if (kind === EntryKind.POST || kind === EntryKind.VOID) refs.push(s.entryTransferOf(i));
  }
  let idText = '';
  const idLengths = new Array<number>(s.transferCount);
  const from = new Array<number>(s.transferCount);
  const to = new Array<number>(s.transferCount);
  const memos: [number, string][] = [];
  for (let t = 0; t < s.transferCount; t++) {
    const id = s.transferId(t);
    idText += id;
    idLengths[t] = id.length;
    from[t] = s.transferFrom[t] as number;
    to[t] = s.transferTo[t] as number;
    const memo = s.memoOf(t);
    if (memo !== undefined) memos.push([t, memo]);
  }
  const batchList = s.batchIds.map((id, b) => [id, Array.from(s.batchTransfers.list(b))] as const);
  return {
    format: LEDGER_CHECKPOINT_FORMAT,
    version: LEDGER_CHECKPOINT_VERSION,
    stateHash: ledgerStateHash(s),
    header,
    kinds,
    amounts,
    times,
    batches,
    idText,
    idLengths,
    from,
    to,
    memos,
    refs,
    batchList,
  };
}

const FN = 'Ledger.restore';

function bad(text: string): never {
  return fail(ErrorCode.INVALID_SNAPSHOT, FN, text);
}

function isIndex(value: unknown, count: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < count;
}

function array(value: unknown, what: string, length?: number): readonly unknown[] {
  if (!Array.isArray(value)) bad(`${what} must be an array`);
  if (length !== undefined && value.length !== length) bad(`${what} has ${value.length} items; expected ${length}`);
  return value;
}

/**
 * Rebuilds a ledger from a checkpoint that {@link buildCheckpoint} wrote and that the store has
 * read back intact (its checksum holds). Each entry still goes through the batch engine's integer
 * checks (known accounts, limits, funds, a pending transfer resolved once, a fresh id), but
 * without per-entry objects or decimal texts; at the end the ledger's state hash must equal the
 * one the checkpoint carries, so a checkpoint that decodes to any other state is refused.
 * @param restore - `Ledger.restore`, used for the header (assets, accounts) and all its checks.
 * @throws WattError INVALID_SNAPSHOT for anything else than the checkpoint of a ledger.
 */
export function restoreCheckpoint<L>(
  raw: unknown,
  clock: Clock | undefined,
  restore: (snapshot: LedgerSnapshot, options?: { clock?: Clock }) => L,
  stateOf: (ledger: L) => LedgerState,
): L {
  try {
    return restoreColumns(raw, clock, restore, stateOf);
  } catch (e) {
    if (e instanceof WattError && e.code === ErrorCode.INVALID_SNAPSHOT) throw e;
    // Any other refusal (a limit, a duplicate id) or a malformed column (a TypeError) is damage.
    const text = e instanceof Error ? e.message.replace(/^[\w.]+: /, '') : String(e);
    throw new WattError(ErrorCode.INVALID_SNAPSHOT, `${FN}: the checkpoint is inconsistent: ${text}`);
  }
}

function restoreColumns<L>(
  raw: unknown,
  clock: Clock | undefined,
  restore: (snapshot: LedgerSnapshot, options?: { clock?: Clock }) => L,
  stateOf: (ledger: L) => LedgerState,
): L {
  if (typeof raw !== 'object' || raw === null) bad(`a checkpoint must be an object; got ${describeValue(raw)}`);
  // Read without trusting the types: the payload is only known to be intact JSON.
  const c = raw as { readonly [K in keyof LedgerCheckpoint]?: unknown };
  const kinds = c.kinds;
  if (c.format !== LEDGER_CHECKPOINT_FORMAT || c.version !== LEDGER_CHECKPOINT_VERSION) bad(`not a version ${LEDGER_CHECKPOINT_VERSION} ledger checkpoint`);
  if (typeof c.stateHash !== 'string' || typeof kinds !== 'string') bad('the checkpoint lacks its state hash or its kinds');
  const header = c.header as { entries?: unknown; batches?: unknown } | null;
  if (typeof header !== 'object' || header === null || !Array.isArray(header.entries) || header.entries.length !== 0 || !Array.isArray(header.batches) || header.batches.length !== 0) {
    bad('the checkpoint header must hold no entries and no batches');
  }
  const ledger = restore(header as LedgerSnapshot, clock === undefined ? undefined : { clock });
  const s = stateOf(ledger);
  const n = kinds.length;
  const amounts = array(c.amounts, 'amounts', n);
  const times = c.times === null ? null : array(c.times, 'times', n);
  const idText = c.idText;
  if (typeof idText !== 'string') bad('idText must be a string');
  const idLengths = array(c.idLengths, 'idLengths');
  const transfers = idLengths.length;
  const from = array(c.from, 'from', transfers);
  const to = array(c.to, 'to', transfers);
  const refs = array(c.refs, 'refs');
  const memos = new Map<number, string>();
  for (const pair of array(c.memos, 'memos')) {
    const [t, memo] = pair as [unknown, unknown];
    if (!isIndex(t, transfers) || typeof memo !== 'string' || memos.has(t)) bad('a memo is malformed');
    memos.set(t, memo);
  }
  const batchList = array(c.batchList, 'batchList');
  for (const item of batchList) {
    const id = (item as unknown[])[0];
    if (typeof id !== 'string' || id === '' || s.batchIndex.has(id)) bad('a batch id is malformed or appears twice');
    s.batchIndex.set(id, s.batchIds.length);
    s.batchIds.push(id);
  }
  const batchOf = new Int32Array(n);
  for (const pair of array(c.batches, 'batches')) {
    const [i, b] = pair as [unknown, unknown];
    if (!isIndex(i, n) || !isIndex(b, s.batchIds.length + 1) || b === 0 || batchOf[i] !== 0) bad('a batch number is malformed');
    batchOf[i] = b;
  }
  s.reserveRows(n);
  s.transferIndex.reserve(transfers);
  const sc = new LegScratch();
  const accounts = s.accountCount;
  let created = 0;
  let resolved = 0;
  let at = 0; // where the next id begins in idText
  for (let i = 0; i < n; i++) {
    const kind = kinds.charCodeAt(i) - 48;
    const amount = amounts[i];
    const time = times === null ? NaN : times[i];
    if (!(time === null || Number.isNaN(time) || (typeof time === 'number' && Number.isSafeInteger(time)))) bad(`entry ${i + 1} time must be a safe integer`);
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) bad(`entry ${i + 1} amount is malformed`);
    sc.reset(false);
    s.nextEpoch();
    if (kind === EntryKind.TRANSFER || kind === EntryKind.PENDING) {
      const length = idLengths[created];
      const f = from[created];
      const t = to[created];
      if (!isIndex(length, idText.length - at + 1) || length === 0 || !isIndex(f, accounts) || !isIndex(t, accounts) || f === t || s.accountAsset[f] !== s.accountAsset[t] || amount === 0) {
        bad(`entry ${i + 1} creates a malformed transfer`);
      }
      const id = idText.slice(at, at + length);
      at += length;
      admitTransfer(s, sc, FN, id, f, t, amount, memos.get(created), kind === EntryKind.PENDING, false);
      created++;
    } else if (kind === EntryKind.POST || kind === EntryKind.VOID) {
      const ref = refs[resolved++];
      if (!isIndex(ref, created)) bad(`entry ${i + 1} resolves an unknown transfer`);
      admitResolve(s, sc, FN, ref, kind === EntryKind.POST ? amount : 0, kind === EntryKind.VOID, false);
    } else {
      bad(`entry ${i + 1} has an unknown kind`);
    }
    applyLegs(s, sc, time === null ? NaN : (time as number), batchOf[i] as number);
  }
  if (created !== transfers || resolved !== refs.length || at !== idText.length) bad('the columns do not match the kinds');
  for (const item of batchList) {
    const legs = array((item as unknown[])[1], 'a batch transfer list');
    for (const t of legs) if (!isIndex(t, created)) bad('a batch names an unknown transfer');
    s.batchTransfers.push(Int32Array.from(legs as number[]));
  }
  const hash = ledgerStateHash(s);
  if (hash !== c.stateHash) bad(`the restored state hash ${hash} differs from the checkpoint's ${c.stateHash}`);
  return ledger;
}

/** Whether `raw` (a parsed checkpoint payload) is in the compact form rather than a snapshot. */
export function isLedgerCheckpoint(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format === LEDGER_CHECKPOINT_FORMAT;
}
