import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { admitResolve, admitTransfer, applyLegs, LegKind, readTime, rollbackLegs } from './batch-engine.js';
import { ledgerScratch, ledgerState, type Ledger } from './ledger.js';
import { MAX_STEPS, TransferState, type LedgerState } from './ledger-state.js';

// The integer path of collateral: pending transfers made, posted and voided by account and
// transfer index, with the same checks and journal entries as Ledger.transfer, execute and
// voidPending, but no DecimalInput to parse and no id to look up once a reservation is made.

/** Whether a transfer (own or derived id) has this id. */
export function hasTransfer(ledger: Ledger, id: string): boolean {
  return ledgerState(ledger).findTransfer(id) !== undefined;
}

/** The index of the transfer with this id (own or derived), or undefined: a restored holder of a pending transfer finds it again. */
export function transferIndexOf(ledger: Ledger, id: string): number | undefined {
  return ledgerState(ledger).findTransfer(id);
}

/** An account's balance minus its pending debits, in steps, by index. */
export function availableAt(ledger: Ledger, account: number): number {
  const s = ledgerState(ledger);
  return (s.balance[account] as number) - (s.pendingDebit[account] as number);
}

/**
 * Reserves `amount` steps from account `from` for account `to` as a pending transfer, as
 * `Ledger.transfer({ ..., pending: true })` would, with the id `<base>/<n>` for the first `n` from
 * `start` that no transfer has yet (each id is looked up once).
 * @returns the new transfer's index (for {@link resolvePendings} and {@link repostPending});
 *   `out.n` is set to the number used.
 * @throws WattError UNKNOWN_ACCOUNT, SAME_ACCOUNT, ASSET_MISMATCH, INVALID_AMOUNT,
 *   INSUFFICIENT_FUNDS, BALANCE_OVERFLOW, INVALID_TIME.
 */
export function createPending(ledger: Ledger, base: string, start: number, from: number, to: number, amount: number, fn: string, out: { n: number }): number {
  const s = ledgerState(ledger);
  const sc = ledgerScratch(ledger);
  const time = readTime(s, fn); // first: the clock is user code and may call back into the ledger
  let n = start;
  let id = `${base}/${n}`;
  while (s.findTransfer(id) !== undefined) id = `${base}/${++n}`;
  sc.reset(false);
  s.nextEpoch();
  checkLeg(s, fn, id, from, to, amount);
  admitTransfer(s, sc, fn, id, from, to, amount, undefined, true, false, true);
  applyLegs(s, sc, time, 0);
  out.n = n;
  return sc.transfer[0] as number;
}

/**
 * Posts `posted` steps of pending transfer `t` (releasing the rest; 0 voids it instead), and in
 * the same atomic call reserves `rest` steps under the new id `nextId` when one is given, as
 * `Ledger.execute([{ kind: 'post' | 'void', ... }, { kind: 'transfer', pending: true, ... }])`.
 * @returns the index of the new pending transfer, or -1 when none was made.
 * @throws WattError TRANSFER_NOT_PENDING, INVALID_AMOUNT, and the codes of {@link createPending}.
 */
export function repostPending(ledger: Ledger, t: number, posted: number, nextId: string | undefined, rest: number, fn: string): number {
  const s = ledgerState(ledger);
  const sc = ledgerScratch(ledger);
  const multi = nextId !== undefined;
  const time = readTime(s, fn);
  sc.reset(multi);
  s.nextEpoch();
  try {
    admitResolve(s, sc, fn, t, posted, posted === 0, multi);
    if (nextId !== undefined) {
      const from = s.transferFrom[t] as number;
      const to = s.transferTo[t] as number;
      checkLeg(s, fn, nextId, from, to, rest);
      admitTransfer(s, sc, fn, nextId, from, to, rest, undefined, true, multi);
      if (sc.kind[1] === LegKind.EXISTS) fail(ErrorCode.TRANSFER_CONFLICT, fn, `transfer '${nextId}' exists already`);
    }
  } catch (e) {
    rollbackLegs(s, sc);
    throw e;
  }
  applyLegs(s, sc, time, 0);
  return nextId === undefined ? -1 : (sc.transfer[1] as number);
}

/**
 * Resolves many pending transfers at once, all or none: `posted[k]` steps of `refs[k]` (the rest
 * released), or a void when `posted[k]` is 0. One journal entry each, in order.
 * @throws WattError TRANSFER_NOT_PENDING (also for a transfer named twice), INVALID_AMOUNT,
 *   INVALID_TIME; nothing changes then.
 */
export function resolvePendings(ledger: Ledger, refs: readonly number[], posted: readonly number[], fn: string): void {
  const s = ledgerState(ledger);
  const sc = ledgerScratch(ledger);
  const n = refs.length;
  if (n === 0) return;
  const time = readTime(s, fn);
  const multi = n > 1;
  sc.reset(multi);
  s.nextEpoch();
  for (let k = 0; k < n; k++) {
    const amount = posted[k] as number;
    admitResolve(s, sc, fn, refs[k] as number, amount, amount === 0, multi);
  }
  applyLegs(s, sc, time, 0);
}

/** Whether transfer `t` is a pending transfer not yet posted or voided. */
export function isPending(ledger: Ledger, t: number): boolean {
  const s = ledgerState(ledger);
  return t >= 0 && t < s.transferCount && s.transferState[t] === TransferState.PENDING;
}

function checkLeg(s: LedgerState, fn: string, id: string, from: number, to: number, amount: number): void {
  if (id === '') fail(ErrorCode.INVALID_ID, fn, 'transfer id must be a non-empty string; got ""');
  if (!(from >= 0 && from < s.accountCount)) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `from account #${from} is not open`);
  if (!(to >= 0 && to < s.accountCount)) fail(ErrorCode.UNKNOWN_ACCOUNT, fn, `to account #${to} is not open`);
  if (from === to) fail(ErrorCode.SAME_ACCOUNT, fn, `transfer '${id}' moves from account '${s.accountIds[from] as string}' to itself`);
  if (s.accountAsset[from] !== s.accountAsset[to]) fail(ErrorCode.ASSET_MISMATCH, fn, `transfer '${id}' is between accounts of different assets`);
  if (!(amount > 0 && amount <= MAX_STEPS && Number.isInteger(amount))) {
    fail(ErrorCode.INVALID_AMOUNT, fn, `transfer '${id}': amount ${String(amount)} is not a positive whole number of steps below 2^53`, 'NOT_POSITIVE');
  }
}

/** Runs `f`; a WattError it throws is re-worded as `fn`'s. For callers that wrap these paths. */
export function asCallOf<T>(fn: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WattError) throw new WattError(e.code, `${fn}: ${e.message.replace(/^[\w.]+: /, '')}`, e.reason);
    throw e;
  }
}
