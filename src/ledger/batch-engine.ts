import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import type { Step } from '../units/step.js';
import { toSteps, type ValueSpec } from '../units/to-steps.js';
import { derivedPrefixState, familyHash } from './id-index.js';
import { EntryKind, legNumber, MAX_STEPS, TransferState, type LedgerState } from './ledger-state.js';

/** What a parsed leg does. */
export const LegKind = { CREATE: 0, EXISTS: 1, POST: 2, VOID: 3 } as const;

/** The fields of a transfer or an operation, read without trusting their types. */
interface RawLeg {
  readonly kind?: unknown;
  readonly id?: unknown;
  readonly from?: unknown;
  readonly to?: unknown;
  readonly amount?: unknown;
  readonly memo?: unknown;
  readonly pending?: unknown;
}

/**
 * The legs of one call after validation, reused from call to call so that a batch allocates
 * (almost) nothing. Columns are indexed by the leg's position in the call.
 */
export class LegScratch {
  count = 0;
  readonly kind: number[] = [];
  /** The leg's own id; undefined for a leg whose id derives from the batch: `<batchId>/<leg>`. */
  readonly id: (string | undefined)[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  /** CREATE and EXISTS: the transfer amount; POST: the amount posted; VOID: 0. */
  readonly amount: number[] = [];
  readonly memo: (string | undefined)[] = [];
  readonly pending: boolean[] = [];
  /** EXISTS, POST, VOID: the stored transfer index, or -(leg + 1) for an earlier leg of this call. */
  readonly ref: number[] = [];
  /** POST and VOID: the amount released. */
  readonly released: number[] = [];
  /** After apply: the stored transfer index each leg created or refers to. */
  readonly transfer: number[] = [];
  /**
   * In a multi-leg call, each new id goes into the ledger's id index at once, under the transfer
   * index it will get, so one lookup finds both stored transfers and earlier legs of the call;
   * `createdLeg[k]` is the leg of the k-th new transfer. If the call is refused, `rollbackLegs`
   * takes these ids out again, so nothing observable changes.
   */
  readonly createdLeg: number[] = [];
  /** For a new transfer's leg, its k (the inverse of `createdLeg`). */
  readonly newIndex: number[] = [];
  created = 0;
  tentative = false;
  /** Pendings resolved by earlier legs of this call: a stored index, or -(leg + 1). */
  readonly resolved = new Set<number>();
  /** The id of the batch being parsed, when it has one: legs without an id derive theirs from it. */
  batchId: string | undefined = undefined;
  /** The batch's index when a batch with this id was applied before (a retry), else undefined. */
  batchKnown: number | undefined = undefined;
  /** The running-hash state of `<batchId>/`, for looking derived ids up without building them. */
  prefixState = 0;
  /** The batch id's family hash: while the id index holds no leg-like id of that family, derived ids need no look-up. */
  family = 0;
  /** How many legs of this call have derived ids so far. */
  derivedCount = 0;

  reset(multi: boolean): void {
    this.count = 0;
    this.created = 0;
    this.tentative = multi;
    this.batchId = undefined;
    this.batchKnown = undefined;
    this.derivedCount = 0;
    if (this.resolved.size > 0) this.resolved.clear();
  }

  /** Names the batch the legs belong to (after {@link reset}). */
  setBatch(s: LedgerState, batchId: string | undefined): void {
    this.batchId = batchId;
    if (batchId === undefined) return;
    this.batchKnown = s.batchIndex.get(batchId);
    this.prefixState = derivedPrefixState(batchId);
    this.family = familyHash(batchId);
  }

  /** The id of leg `i`, its own or derived: built only for messages and look-ups by text. */
  name(i: number): string {
    // Only legs written in this call have their own id here: the column keeps earlier calls' ids
    // (a refused integer leg was once named after another call's transfer).
    return (i < this.count ? this.id[i] : undefined) ?? `${this.batchId as string}/${i}`;
  }
}

/** The value specs used when parsing amounts, one per public function (for messages). */
export interface LegSpecs {
  readonly fn: string;
  readonly amount: ValueSpec;
}

const TRANSFER_FIELDS = 'id, from, to, amount, memo, pending';

/**
 * Validates `item` as leg `i` of the call: fields, accounts, idempotency against the stored
 * transfers and the earlier legs, and the running balances the earlier legs leave. Writes the
 * parsed leg into `sc`; mutates nothing else but the running slots of `s`.
 * `multi` is false for a single-leg call, which needs no in-call bookkeeping.
 */
export function parseLeg(s: LedgerState, sc: LegScratch, item: unknown, specs: LegSpecs, operations: boolean, multi: boolean): void {
  const fn = specs.fn;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    fail(ErrorCode.INVALID_ARGUMENT, fn, `${operations ? 'an operation' : 'a transfer'} must be an object; got ${describeValue(item)}`);
  }
  const o = item as RawLeg;
  if (operations) {
    const kind = o.kind;
    if (kind === 'post' || kind === 'void') {
      parseResolve(s, sc, o, specs, kind === 'void', multi);
      return;
    }
    if (kind !== 'transfer') {
      fail(ErrorCode.INVALID_ARGUMENT, fn, `operation kind must be 'transfer', 'post' or 'void'; got ${describeValue(kind)}`);
    }
  }
  for (const key in o) {
    switch (key) {
      case 'id':
      case 'from':
      case 'to':
      case 'amount':
      case 'memo':
      case 'pending':
        continue;
      case 'kind':
        if (operations) continue;
    }
    fail(ErrorCode.INVALID_ARGUMENT, fn, `unknown transfer field '${key}' (known: ${TRANSFER_FIELDS})`);
  }
  const rawId = o.id;
  let id: string | undefined;
  if (typeof rawId === 'string' && rawId !== '') id = rawId;
  else if (rawId !== undefined || sc.batchId === undefined) {
    fail(ErrorCode.INVALID_ID, fn, `transfer id must be a non-empty string${sc.batchId === undefined && rawId === undefined ? ' (a leg may leave it out only in a batch with an id)' : ''}; got ${describeValue(rawId)}`);
  }
  const i = sc.count;
  const from = accountOf(s, o.from, fn, 'from');
  const to = accountOf(s, o.to, fn, 'to');
  if (from === to) {
    fail(ErrorCode.SAME_ACCOUNT, fn, `transfer '${id ?? sc.name(i)}' moves from account '${s.accountIds[from] as string}' to itself`);
  }
  const asset = s.accountAsset[from] as number;
  if (asset !== s.accountAsset[to]) mismatch(s, fn, id ?? sc.name(i), from, to);
  const memo = o.memo;
  if (memo !== undefined && typeof memo !== 'string') {
    fail(ErrorCode.INVALID_ARGUMENT, fn, `transfer '${id ?? sc.name(i)}': memo must be a string; got ${describeValue(memo)}`);
  }
  const pendingRaw = o.pending;
  if (pendingRaw !== undefined && typeof pendingRaw !== 'boolean') {
    fail(ErrorCode.INVALID_ARGUMENT, fn, `transfer '${id ?? sc.name(i)}': pending must be a boolean; got ${describeValue(pendingRaw)}`);
  }
  const pending = pendingRaw === true;
  const amount = toSteps(o.amount, s.assetSteps[asset] as Step, specs.amount);
  admitTransfer(s, sc, fn, id, from, to, amount, memo, pending, multi);
}

/**
 * The second half of validating a transfer leg, shared by the object and the integer paths: its
 * fields are known good; decides whether it is a retry (same id, same fields: EXISTS), a conflict,
 * or a new transfer the running balances can carry, and writes the leg into `sc`. `id` undefined
 * means the id derives from the batch: `<batchId>/<leg>`.
 */
export function admitTransfer(s: LedgerState, sc: LegScratch, fn: string, id: string | undefined, from: number, to: number,
  amount: number, memo: string | undefined, pending: boolean, multi: boolean, fresh = false): void {
  const i = sc.count;
  // `fresh`: the caller has just looked the id up and found no transfer (the id index still
  // holds that look-up for the insert that follows).
  let stored: number | undefined;
  if (fresh) stored = undefined;
  else if (id !== undefined) stored = lookupId(s, sc, id);
  else if (sc.batchKnown !== undefined || s.transferIndex.mayHaveChildren(sc.family)) {
    stored = s.findDerived(sc.batchId as string, sc.batchKnown, sc.prefixState, i);
  }
  if (stored !== undefined) {
    if (stored < s.transferCount) {
      checkSame(s, sc, fn, id, from, to, amount, memo, pending, s.transferFrom[stored] as number, s.transferTo[stored] as number,
        s.transferAmount[stored] as number, s.memoOf(stored), s.transferState[stored] !== TransferState.POSTED);
      writeLeg(sc, i, LegKind.EXISTS, id, from, to, amount, memo, pending, stored);
    } else {
      const prior = sc.createdLeg[stored - s.transferCount] as number;
      checkSame(s, sc, fn, id, from, to, amount, memo, pending, sc.from[prior] as number, sc.to[prior] as number,
        sc.amount[prior] as number, sc.memo[prior], sc.pending[prior] as boolean);
      writeLeg(sc, i, LegKind.EXISTS, id, from, to, amount, memo, pending, -(prior + 1));
    }
    if (id === undefined) sc.derivedCount++;
    return;
  }

  s.touch(from);
  s.touch(to);
  const rb = s.runBalance;
  const rpd = s.runPendingDebit;
  const rpc = s.runPendingCredit;
  const fromBalance = rb[from] as number;
  const fromPending = rpd[from] as number;
  const left = fromBalance - fromPending - amount;
  if (s.accountAllowNegative[from] === true) {
    if (left < -MAX_STEPS) overflow(s, sc, fn, id, from);
  } else if (left < 0) {
    fail(
      ErrorCode.INSUFFICIENT_FUNDS,
      fn,
      `account '${s.accountIds[from] as string}' has ${s.format(from, fromBalance - fromPending)} available; transfer '${id ?? sc.name(i)}' needs ${s.format(from, amount)}`,
    );
  }
  const toBalance = rb[to] as number;
  const toPending = rpc[to] as number;
  if (toBalance + toPending + amount > MAX_STEPS) overflow(s, sc, fn, id, to);
  if (pending) {
    if (fromPending + amount > MAX_STEPS) overflow(s, sc, fn, id, from);
    if (toPending + amount > MAX_STEPS) overflow(s, sc, fn, id, to);
    rpd[from] = fromPending + amount;
    rpc[to] = toPending + amount;
  } else {
    rb[from] = fromBalance - amount;
    rb[to] = toBalance + amount;
  }
  if (multi) {
    if (id !== undefined) s.transferIndex.insert(id, s.transferCount + sc.created);
    sc.newIndex[i] = sc.created;
    sc.createdLeg[sc.created++] = i;
  }
  if (id === undefined) sc.derivedCount++;
  writeLeg(sc, i, LegKind.CREATE, id, from, to, amount, memo, pending, 0);
}

/**
 * The transfer an id names: a stored one (below `s.transferCount`), a new one of this call
 * (`s.transferCount + k`, as the id index holds the call's new ids), or undefined. Finds ids
 * derived from a batch as well, stored or of this call.
 */
export function lookupId(s: LedgerState, sc: LegScratch, id: string): number | undefined {
  const t = s.findTransfer(id);
  if (t !== undefined || sc.derivedCount === 0 || sc.batchId === undefined) return t;
  // An explicit id equal to the derived id of an earlier leg of this batch: that leg's transfer.
  const slash = id.lastIndexOf('/');
  const n = slash > 0 ? legNumber(id, slash + 1) : -1;
  if (n < 0 || n >= sc.count || sc.id[n] !== undefined || sc.kind[n] !== LegKind.CREATE) return undefined;
  if (slash !== sc.batchId.length || !id.startsWith(sc.batchId)) return undefined;
  return s.transferCount + (sc.newIndex[n] as number);
}

function mismatch(s: LedgerState, fn: string, name: string, from: number, to: number): never {
  return fail(
    ErrorCode.ASSET_MISMATCH,
    fn,
    `transfer '${name}' is from a ${s.assetCodes[s.accountAsset[from] as number] as string} account to a ${s.assetCodes[s.accountAsset[to] as number] as string} account`,
  );
}

function writeLeg(sc: LegScratch, i: number, kind: number, id: string | undefined, from: number, to: number, amount: number,
  memo: string | undefined, pending: boolean, ref: number): void {
  sc.kind[i] = kind;
  sc.id[i] = id;
  sc.from[i] = from;
  sc.to[i] = to;
  sc.amount[i] = amount;
  sc.memo[i] = memo;
  sc.pending[i] = pending;
  sc.ref[i] = ref;
  sc.released[i] = 0;
  sc.count = i + 1;
}

function accountOf(s: LedgerState, value: unknown, fn: string, name: string): number {
  if (typeof value !== 'string' || value === '') {
    fail(ErrorCode.INVALID_ID, fn, `${name} must be a non-empty account id; got ${describeValue(value)}`);
  }
  const index = s.accountIndex.get(value);
  if (index === undefined) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `${name} account '${value}' is not open`);
  return index;
}

function overflow(s: LedgerState, sc: LegScratch, fn: string, id: string | undefined, account: number): never {
  return fail(
    ErrorCode.BALANCE_OVERFLOW,
    fn,
    `transfer '${id ?? sc.name(sc.count)}' would take account '${s.accountIds[account] as string}' beyond ${MAX_STEPS} steps, the largest amount held exactly`,
  );
}

/** Throws TRANSFER_CONFLICT naming the first field in which a retry differs from the original. */
function checkSame(s: LedgerState, sc: LegScratch, fn: string, id: string | undefined, from: number, to: number, amount: number, memo: string | undefined,
  pending: boolean, oFrom: number, oTo: number, oAmount: number, oMemo: string | undefined, oPending: boolean): void {
  let field: string | undefined;
  let was = '';
  let got = '';
  if (from !== oFrom) {
    field = 'from';
    was = `'${s.accountIds[oFrom] as string}'`;
    got = `'${s.accountIds[from] as string}'`;
  } else if (to !== oTo) {
    field = 'to';
    was = `'${s.accountIds[oTo] as string}'`;
    got = `'${s.accountIds[to] as string}'`;
  } else if (amount !== oAmount) {
    field = 'amount';
    was = s.format(from, oAmount);
    got = s.format(from, amount);
  } else if (memo !== oMemo) {
    field = 'memo';
    was = describeValue(oMemo);
    got = describeValue(memo);
  } else if (pending !== oPending) {
    field = 'pending';
    was = String(oPending);
    got = String(pending);
  }
  if (field !== undefined) {
    fail(ErrorCode.TRANSFER_CONFLICT, fn, `transfer '${id ?? sc.name(sc.count)}' exists with a different ${field}: ${was}, not ${got}`);
  }
}

function parseResolve(s: LedgerState, sc: LegScratch, o: RawLeg, specs: LegSpecs, isVoid: boolean, multi: boolean): void {
  const fn = specs.fn;
  for (const key in o) {
    if (key === 'kind' || key === 'id' || (key === 'amount' && !isVoid)) continue;
    fail(ErrorCode.INVALID_ARGUMENT, fn, `unknown ${isVoid ? 'void' : 'post'} field '${key}' (known: kind, id${isVoid ? '' : ', amount'})`);
  }
  const id = o.id;
  if (typeof id !== 'string' || id === '') {
    fail(ErrorCode.INVALID_ID, fn, `pending transfer id must be a non-empty string; got ${describeValue(id)}`);
  }
  let ref: number;
  let from: number;
  let to: number;
  let held: number;
  const found = lookupId(s, sc, id);
  if (found === undefined) fail(ErrorCode.UNKNOWN_TRANSFER, fn, `no transfer has the id '${id}'`);
  if (found < s.transferCount) {
    const stored = found;
    const state = s.transferState[stored];
    if (state !== TransferState.PENDING || sc.resolved.has(stored)) notPending(fn, id, sc.resolved.has(stored) ? 'call' : state);
    ref = stored;
    from = s.transferFrom[stored] as number;
    to = s.transferTo[stored] as number;
    held = s.transferAmount[stored] as number;
  } else {
    const prior = sc.createdLeg[found - s.transferCount] as number;
    ref = -(prior + 1);
    if (sc.pending[prior] !== true) notPending(fn, id, TransferState.POSTED);
    if (sc.resolved.has(ref)) notPending(fn, id, 'call');
    from = sc.from[prior] as number;
    to = sc.to[prior] as number;
    held = sc.amount[prior] as number;
  }
  let posted = 0;
  if (!isVoid) posted = o.amount === undefined ? held : toSteps(o.amount, s.stepOf(from), specs.amount);
  resolveLeg(s, sc, fn, id, ref, from, to, held, posted, isVoid, multi);
}

/**
 * Validates posting (`posted` steps of it) or voiding the stored pending transfer `t`, for the
 * integer paths: as a post or void operation by id, without the id's text.
 */
export function admitResolve(s: LedgerState, sc: LegScratch, fn: string, t: number, posted: number, isVoid: boolean, multi: boolean): void {
  if (!(t >= 0 && t < s.transferCount)) fail(ErrorCode.UNKNOWN_TRANSFER, fn, `no transfer has the index ${t}`);
  const state = s.transferState[t];
  if (state !== TransferState.PENDING || sc.resolved.has(t)) notPending(fn, s.transferId(t), sc.resolved.has(t) ? 'call' : state);
  const from = s.transferFrom[t] as number;
  if (!isVoid && !(posted >= 0 && Number.isSafeInteger(posted))) {
    fail(ErrorCode.INVALID_AMOUNT, fn, `cannot post ${String(posted)} steps of pending transfer '${s.transferId(t)}'`, 'OUT_OF_RANGE');
  }
  // The leg's id is the empty string: not an id (so never taken for a derived leg), and its text
  // is built only for a message.
  resolveLeg(s, sc, fn, '', t, from, s.transferTo[t] as number, s.transferAmount[t] as number, isVoid ? 0 : posted, isVoid, multi);
}

function resolveLeg(s: LedgerState, sc: LegScratch, fn: string, id: string, ref: number, from: number, to: number, held: number,
  posted: number, isVoid: boolean, multi: boolean): void {
  if (posted > held) {
    const name = id === '' ? s.transferId(ref) : id;
    fail(ErrorCode.INVALID_AMOUNT, fn, `cannot post ${s.format(from, posted)} of pending transfer '${name}', which holds ${s.format(from, held)}`, 'OUT_OF_RANGE');
  }
  s.touch(from);
  s.touch(to);
  s.runPendingDebit[from] = (s.runPendingDebit[from] as number) - held;
  s.runPendingCredit[to] = (s.runPendingCredit[to] as number) - held;
  s.runBalance[from] = (s.runBalance[from] as number) - posted;
  s.runBalance[to] = (s.runBalance[to] as number) + posted;
  if (multi) sc.resolved.add(ref);
  const i = sc.count;
  writeLeg(sc, i, isVoid ? LegKind.VOID : LegKind.POST, id, from, to, posted, undefined, true, ref);
  sc.released[i] = held - posted;
}

function notPending(fn: string, id: string, state: number | 'call' | undefined): never {
  const why =
    state === 'call' ? 'was resolved by an earlier operation of this call'
    : state === TransferState.POSTED_PENDING ? 'was already posted'
    : state === TransferState.VOIDED ? 'was already voided'
    : 'is not a pending transfer';
  return fail(ErrorCode.TRANSFER_NOT_PENDING, fn, `transfer '${id}' ${why}`);
}

/**
 * Applies the validated legs in `sc` to `s`: stores created transfers, resolves pendings, moves
 * balances and appends one journal entry per effective leg. Cannot fail.
 */
export function applyLegs(s: LedgerState, sc: LegScratch, time: number, batchNo: number): void {
  const balance = s.balance;
  const pd = s.pendingDebit;
  const pc = s.pendingCredit;
  for (let i = 0; i < sc.count; i++) {
    const kind = sc.kind[i];
    const from = sc.from[i] as number;
    const to = sc.to[i] as number;
    const amount = sc.amount[i] as number;
    if (kind === LegKind.CREATE) {
      const id = sc.id[i];
      const pending = sc.pending[i] as boolean;
      const t = s.addTransfer(from, to, amount, sc.memo[i], pending ? TransferState.PENDING : TransferState.POSTED);
      if (id === undefined) {
        s.transferBatch[t] = batchNo;
        s.transferLeg[t] = i;
        s.hasDerived = true;
      } else if (!sc.tentative) {
        s.transferIndex.insert(id, t);
      }
      if (pending) {
        pd[from] = (pd[from] as number) + amount;
        pc[to] = (pc[to] as number) + amount;
      } else {
        balance[from] = (balance[from] as number) - amount;
        balance[to] = (balance[to] as number) + amount;
      }
      pushEntry(s, pending ? EntryKind.PENDING : EntryKind.TRANSFER, t, amount, 0, time, batchNo);
      sc.transfer[i] = t;
    } else if (kind === LegKind.EXISTS) {
      const ref = sc.ref[i] as number;
      sc.transfer[i] = ref >= 0 ? ref : (sc.transfer[-ref - 1] as number);
    } else {
      const ref = sc.ref[i] as number;
      const t = ref >= 0 ? ref : (sc.transfer[-ref - 1] as number);
      const released = sc.released[i] as number;
      const held = amount + released;
      pd[from] = (pd[from] as number) - held;
      pc[to] = (pc[to] as number) - held;
      if (kind === LegKind.POST) {
        balance[from] = (balance[from] as number) - amount;
        balance[to] = (balance[to] as number) + amount;
        s.transferState[t] = TransferState.POSTED_PENDING;
        s.transferPosted[t] = amount;
        pushEntry(s, EntryKind.POST, t, amount, released, time, batchNo);
      } else {
        s.transferState[t] = TransferState.VOIDED;
        pushEntry(s, EntryKind.VOID, t, released, released, time, batchNo);
      }
      sc.transfer[i] = t;
    }
  }
}

function pushEntry(s: LedgerState, kind: number, transfer: number, amount: number, released: number, time: number, batchNo: number): void {
  s.addEntry(kind, transfer, amount, released, time, batchNo);
}

/** Takes the ids a refused multi-leg call put into the id index out again. */
export function rollbackLegs(s: LedgerState, sc: LegScratch): void {
  for (let k = sc.created - 1; k >= 0; k--) {
    const id = sc.id[sc.createdLeg[k] as number];
    if (id !== undefined) s.transferIndex.delete(id);
  }
  sc.created = 0;
}

/**
 * Runs `parseLeg` over every item, adding the item's position and id to the message of an
 * error so the caller can find the leg that was refused.
 */
export function parseLegs(s: LedgerState, sc: LegScratch, items: readonly unknown[], specs: LegSpecs, operations: boolean, batchId?: string): void {
  const multi = items.length > 1;
  sc.reset(multi);
  sc.setBatch(s, batchId);
  s.nextEpoch();
  for (let i = 0; i < items.length; i++) {
    try {
      parseLeg(s, sc, items[i], specs, operations, multi);
    } catch (e) {
      rollbackLegs(s, sc);
      if (e instanceof WattError) {
        const prefix = `${specs.fn}: `;
        const text = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
        throw new WattError(e.code, `${prefix}${operations ? 'operation' : 'transfer'} ${i} refused: ${text}`, e.reason);
      }
      throw e;
    }
  }
}

/**
 * Finishes a batch whose legs are parsed into `sc`: a batch id seen before must come with the same
 * legs (then nothing is applied and every leg is a retry); otherwise the legs are applied and a
 * batch id is recorded with the transfer of each leg. Returns whether the batch was a retry.
 * @throws WattError TRANSFER_CONFLICT for a known batch id with other legs (nothing changed).
 */
export function commitBatch(s: LedgerState, sc: LegScratch, batchId: string | undefined, time: number, fn: string): boolean {
  const n = sc.count;
  if (batchId !== undefined) {
    const known = sc.batchKnown;
    if (known !== undefined) {
      const recorded = s.batchTransfers;
      const size = recorded.length(known);
      let differs = size !== n ? `it had ${size} transfers, not ${n}` : undefined;
      for (let i = 0; differs === undefined && i < n; i++) {
        if (sc.kind[i] !== LegKind.EXISTS || sc.ref[i] !== recorded.at(known, i)) differs = `transfer ${i} differs`;
      }
      if (differs !== undefined) {
        rollbackLegs(s, sc);
        fail(ErrorCode.TRANSFER_CONFLICT, fn, `batch '${batchId}' was applied with other transfers: ${differs}`);
      }
      return true;
    }
  }
  let batchNo = 0;
  if (batchId !== undefined) {
    batchNo = s.batchIds.length + 1;
    s.batchIndex.set(batchId, batchNo - 1);
    s.batchIds.push(batchId);
  }
  applyLegs(s, sc, time, batchNo);
  if (batchId !== undefined) {
    const legs = new Int32Array(n);
    for (let i = 0; i < n; i++) legs[i] = sc.transfer[i] as number;
    s.batchTransfers.push(legs);
  }
  return false;
}

/** Reads the ledger's clock for the entries of one call; NaN when it has none. */
export function readTime(s: LedgerState, fn: string): number {
  if (s.clock === undefined) return NaN;
  // A market command reads the clock once, before its checks, and pins the reading for its
  // ledger calls (ledger-time-pin.ts): the clock is user code and must not run mid-command.
  if (s.clockPin !== undefined) return s.clockPin;
  const time = s.clock.now();
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) {
    fail(ErrorCode.INVALID_TIME, fn, `the clock returned ${describeValue(time)}, not a safe integer of milliseconds`);
  }
  return time;
}
