import { freeze } from 'immer';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import type { Clock } from '../time/clock.js';
import { formatSteps } from '../units/from-steps.js';
import { valueSpec } from '../units/to-steps.js';
import { applyLegs, LegKind, LegScratch, parseLeg } from './batch-engine.js';
import { ENTRY_KIND_NAMES, type EntryKindName, type LedgerState } from './ledger-state.js';

/** The format tag of a ledger snapshot. */
export const LEDGER_SNAPSHOT_FORMAT = 'wattmarket/ledger';
/** The snapshot version this code writes and reads. */
export const LEDGER_SNAPSHOT_VERSION = 1;

/** An asset in a {@link LedgerSnapshot}. */
export interface SnapshotAsset {
  /** The asset code. */
  readonly code: string;
  /** Its step as exact decimal text. */
  readonly step: string;
}

/** An account in a {@link LedgerSnapshot}. */
export interface SnapshotAccount {
  /** The account id. */
  readonly id: string;
  /** The asset code. */
  readonly asset: string;
  /** The owner, when it has one. */
  readonly owner?: string;
  /** Whether it may go negative. */
  readonly allowNegative: boolean;
}

/** A journal entry in a {@link LedgerSnapshot}. Amounts are exact decimal text. */
export interface SnapshotEntry {
  /** The sequence number: the entry's position, from 1. */
  readonly sequence: number;
  /** The entry's kind. */
  readonly kind: EntryKindName;
  /** The transfer id. */
  readonly transferId: string;
  /** The debit account. */
  readonly debitAccount: string;
  /** The credit account. */
  readonly creditAccount: string;
  /** The amount moved, reserved, posted or (void) released. */
  readonly amount: string;
  /** For `post` and `void`: the amount released. */
  readonly released?: string;
  /** The transfer's memo, for `transfer` and `pending` entries that have one. */
  readonly memo?: string;
  /** The time stamp, when the ledger had a clock. */
  readonly time?: number;
  /** The id of the batch that made the entry, when it had one. */
  readonly batchId?: string;
}

/** A batch applied with an id, in a {@link LedgerSnapshot}. */
export interface SnapshotBatch {
  /** The batch id. */
  readonly id: string;
  /** The ids of its transfers, in order (including those that already existed). */
  readonly transfers: readonly string[];
}

/**
 * A ledger's whole state as plain, deep-frozen, JSON-serialisable data: its assets, accounts,
 * journal and batch ids. Balances are not stored: {@link Ledger.restore} replays the journal.
 */
export interface LedgerSnapshot {
  /** Always `'wattmarket/ledger'`. */
  readonly format: typeof LEDGER_SNAPSHOT_FORMAT;
  /** The snapshot version (1). */
  readonly version: typeof LEDGER_SNAPSHOT_VERSION;
  /** The assets, in the ledger's order. */
  readonly assets: readonly SnapshotAsset[];
  /** The accounts, in the order they were opened. */
  readonly accounts: readonly SnapshotAccount[];
  /** The journal, oldest first. */
  readonly entries: readonly SnapshotEntry[];
  /** The batches applied with an id, in the order they were applied. */
  readonly batches: readonly SnapshotBatch[];
}

/** The assets and accounts of `s` in snapshot form (also the header of a store checkpoint). */
export function snapshotHeader(s: LedgerState): { assets: SnapshotAsset[]; accounts: SnapshotAccount[] } {
  const assets = s.assetCodes.map((code, i) => ({ code, step: (s.assetSteps[i] as { text: string }).text }));
  const accounts = s.accountIds.map((id, a) => {
    const owner = s.accountOwner[a];
    const asset = s.assetCodes[s.accountAsset[a] as number] as string;
    const allowNegative = s.accountAllowNegative[a] as boolean;
    return owner === undefined ? { id, asset, allowNegative } : { id, asset, owner, allowNegative };
  });
  return { assets, accounts };
}

/** Builds the snapshot of `s`. */
export function buildSnapshot(s: LedgerState): LedgerSnapshot {
  const { assets, accounts } = snapshotHeader(s);
  const entries: SnapshotEntry[] = [];
  for (let i = 0; i < s.sequence; i++) {
    const t = s.entryTransferOf(i);
    const from = s.transferFrom[t] as number;
    const step = s.stepOf(from);
    const kind = ENTRY_KIND_NAMES[s.entryKind[i] as number] as EntryKindName;
    const entry: { -readonly [K in keyof SnapshotEntry]: SnapshotEntry[K] } = {
      sequence: i + 1,
      kind,
      transferId: s.transferId(t),
      debitAccount: s.accountIds[from] as string,
      creditAccount: s.accountIds[s.transferTo[t] as number] as string,
      amount: formatSteps(s.entryAmountOf(i), step),
    };
    if (kind === 'post' || kind === 'void') entry.released = formatSteps(s.entryReleased[i] as number, step);
    const memo = s.memoOf(t);
    if (memo !== undefined && (kind === 'transfer' || kind === 'pending')) entry.memo = memo;
    const time = s.timeOf(i);
    if (!Number.isNaN(time)) entry.time = time;
    const batch = s.entryBatch[i] as number;
    if (batch !== 0) entry.batchId = s.batchIds[batch - 1] as string;
    entries.push(entry);
  }
  const batches = s.batchIds.map((id, b) => ({ id, transfers: Array.from(s.batchTransfers.list(b), (t) => s.transferId(t)) }));
  return freeze({ format: LEDGER_SNAPSHOT_FORMAT, version: LEDGER_SNAPSHOT_VERSION, assets, accounts, entries, batches }, true);
}

const FN = 'Ledger.restore';
const RESTORE_SPECS = Object.freeze({ fn: FN, amount: valueSpec(FN, 'amount', ErrorCode.INVALID_SNAPSHOT, 'positive', 'step') });

function bad(text: string): never {
  return fail(ErrorCode.INVALID_SNAPSHOT, FN, text);
}

function record(value: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(`${what} must be an object; got ${describeValue(value)}`);
  for (const key of Object.keys(value)) if (!keys.includes(key)) bad(`${what} has an unknown field '${key}'`);
  return value as Record<string, unknown>;
}

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) bad(`${what} must be an array; got ${describeValue(value)}`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') bad(`${what} must be a non-empty string; got ${describeValue(value)}`);
  return value;
}

/** What restoreState needs from the Ledger class: a fresh ledger and its state. */
export type MakeLedger<L> = (assets: Record<string, string>, clock: Clock | undefined) => { ledger: L; state: LedgerState };

/**
 * Checks a snapshot and rebuilds its ledger by replaying the journal through the ledger's own
 * checks, so a snapshot that breaks any rule (a limit, a double post, a duplicate id) is refused.
 * Every error is reported as INVALID_SNAPSHOT.
 */
export function restoreState<L extends { openAccount(a: { id: string; asset: string; owner?: string; allowNegative?: boolean }): void }>(
  snapshot: unknown,
  options: { clock?: Clock } | undefined,
  make: MakeLedger<L>,
): L {
  let clock: Clock | undefined;
  if (options !== undefined) {
    const raw: unknown = options;
    if (typeof raw !== 'object' || raw === null) fail(ErrorCode.INVALID_OPTION, FN, `options must be an object; got ${describeValue(options)}`);
    for (const key of Object.keys(options)) if (key !== 'clock') fail(ErrorCode.INVALID_OPTION, FN, `unknown option '${key}' (known: clock)`);
    clock = options.clock;
  }
  const root = record(snapshot, 'snapshot', ['format', 'version', 'assets', 'accounts', 'entries', 'batches']);
  if (root['format'] !== LEDGER_SNAPSHOT_FORMAT) bad(`format must be '${LEDGER_SNAPSHOT_FORMAT}'; got ${describeValue(root['format'])}`);
  if (root['version'] !== LEDGER_SNAPSHOT_VERSION) bad(`version ${describeValue(root['version'])} is not supported (this library reads version ${LEDGER_SNAPSHOT_VERSION})`);
  const assets: Record<string, string> = {};
  for (const [i, raw] of list(root['assets'], 'assets').entries()) {
    const a = record(raw, `asset ${i}`, ['code', 'step']);
    const code = text(a['code'], `asset ${i} code`);
    if (Object.prototype.hasOwnProperty.call(assets, code)) bad(`asset '${code}' appears twice`);
    assets[code] = text(a['step'], `asset '${code}' step`);
  }
  const made = wrap('', () => make(assets, clock));
  const { ledger, state } = made;
  if (state.assetCodes.join('\u0000') !== Object.keys(assets).join('\u0000')) bad('assets are not in a canonical order');
  for (const [i, raw] of list(root['accounts'], 'accounts').entries()) {
    const a = record(raw, `account ${i}`, ['id', 'asset', 'owner', 'allowNegative']);
    if (typeof a['allowNegative'] !== 'boolean') bad(`account ${i} allowNegative must be a boolean`);
    wrap(`account ${i}: `, () => {
      ledger.openAccount(a as { id: string; asset: string });
    });
  }
  const batchList = list(root['batches'], 'batches').map((raw, i) => {
    const b = record(raw, `batch ${i}`, ['id', 'transfers']);
    const id = text(b['id'], `batch ${i} id`);
    const transfers = list(b['transfers'], `batch '${id}' transfers`).map((t, k) => text(t, `batch '${id}' transfer ${k}`));
    return { id, transfers };
  });
  for (const { id } of batchList) {
    if (state.batchIndex.has(id)) bad(`batch '${id}' appears twice`);
    state.batchIndex.set(id, state.batchIds.length);
    state.batchIds.push(id);
  }
  const sc = new LegScratch();
  for (const [i, raw] of list(root['entries'], 'entries').entries()) {
    replayEntry(state, sc, raw, i);
  }
  for (const { id, transfers } of batchList) {
    state.batchTransfers.push(
      Int32Array.from(transfers, (t) => {
        const index = state.findTransfer(t);
        if (index === undefined) bad(`batch '${id}' names transfer '${t}', which the journal never created`);
        return index;
      }),
    );
  }
  return ledger;
}

function replayEntry(state: LedgerState, sc: LegScratch, raw: unknown, i: number): void {
  const e = record(raw, `entry ${i + 1}`, ['sequence', 'kind', 'transferId', 'debitAccount', 'creditAccount', 'amount', 'released', 'memo', 'time', 'batchId']);
  if (e['sequence'] !== i + 1) bad(`entry ${i + 1} has sequence ${describeValue(e['sequence'])}`);
  const kind = e['kind'];
  const id = e['transferId'];
  const time = e['time'];
  if (time !== undefined && (typeof time !== 'number' || !Number.isSafeInteger(time))) bad(`entry ${i + 1} time must be a safe integer`);
  let batchNo = 0;
  if (e['batchId'] !== undefined) {
    const b = state.batchIndex.get(text(e['batchId'], `entry ${i + 1} batchId`));
    if (b === undefined) bad(`entry ${i + 1} names batch ${describeValue(e['batchId'])}, which is not in batches`);
    batchNo = b + 1;
  }
  wrap(`entry ${i + 1}: `, () => {
    sc.reset(false);
    state.nextEpoch();
    if (kind === 'transfer' || kind === 'pending') {
      if (e['released'] !== undefined) bad(`a ${kind} entry has no released amount`);
      const input: Record<string, unknown> = { id, from: e['debitAccount'], to: e['creditAccount'], amount: e['amount'], pending: kind === 'pending' };
      if (e['memo'] !== undefined) input['memo'] = e['memo'];
      parseLeg(state, sc, input, RESTORE_SPECS, false, false);
      if (sc.kind[0] !== LegKind.CREATE) bad(`transfer '${String(id)}' is created twice`);
    } else if (kind === 'post' || kind === 'void') {
      if (e['memo'] !== undefined) bad(`a ${kind} entry carries no memo`);
      parseLeg(state, sc, kind === 'post' ? { kind, id, amount: e['amount'] } : { kind, id }, RESTORE_SPECS, true, false);
      const from = sc.from[0] as number;
      if (state.accountIds[from] !== e['debitAccount'] || state.accountIds[sc.to[0] as number] !== e['creditAccount']) {
        bad(`the accounts differ from those of pending transfer '${String(id)}'`);
      }
      const released = formatSteps(sc.released[0] as number, state.stepOf(from));
      if (e['released'] !== released) bad(`released must be '${released}'; got ${describeValue(e['released'])}`);
      if (kind === 'void' && e['amount'] !== released) bad(`a void entry's amount must equal its released amount`);
    } else {
      bad(`kind must be one of ${ENTRY_KIND_NAMES.join(', ')}; got ${describeValue(kind)}`);
    }
    applyLegs(state, sc, time === undefined ? NaN : time, batchNo);
  });
}

/** Runs `f`, turning any WattError into INVALID_SNAPSHOT with `where` in front of its text. */
function wrap<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WattError && e.code !== ErrorCode.INVALID_SNAPSHOT) {
      const text = e.message.replace(/^[\w.]+: /, '');
      throw new WattError(ErrorCode.INVALID_SNAPSHOT, `${FN}: ${where}${text}`, e.reason);
    }
    throw e;
  }
}
