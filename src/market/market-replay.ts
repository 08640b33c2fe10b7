// A market's replay (Market.replay, and a durable market's recovery through applyJournalEntry),
// out of market.ts so that the class stays the market's public surface: a journal is checked and
// carried out again here, each entry through the same public call as the live command.

import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { ManualClock } from '../time/clock.js';
import { checkArray } from '../validation/checks.js';
import type { MarketCore } from './market-core.js';
import type { MarketCommand } from './market-journal.js';
import { checkSnapshotHead } from './market-snapshot.js';
import type { MarketSnapshot } from './market-snapshot-types.js';
import type { Market } from './market.js';
import { isMarketTime } from './product-schedule.js';

/** What a replay needs of Market (its constructor and private parts, lent by Market.replay). */
export interface ReplayHooks {
  /** A new market with the replay's options on `clock`. */
  create(clock: ManualClock): Market;
  /** Market.restore of `snapshot` with the replay's options on `clock`. */
  restore(snapshot: MarketSnapshot, clock: ManualClock): Market;
  /** The hash of the options the market was made with (see optionsHash). */
  optionsHash(market: Market): string;
  /** Carries out one journalled command again (Market's private apply: {@link applyJournalEntry}). */
  apply(market: Market, command: MarketCommand): void;
}

/**
 * Market.replay: a new market (or one restored from `from`) on a manual clock that follows the
 * journal's times carries out every entry again, each checked to be the command after the last.
 */
export function replayJournal(journal: readonly MarketCommand[], from: MarketSnapshot | undefined, hooks: ReplayHooks): Market {
  const fn = 'Market.replay';
  const list = checkArray(journal, fn, 'journal') as readonly MarketCommand[];
  let clock: ManualClock;
  let market: Market;
  let first = 0;
  if (from === undefined) {
    const init = list[0];
    if (init === undefined || init.kind !== 'init' || init.seq !== 0 || !isMarketTime(init.time)) fail(ErrorCode.INVALID_JOURNAL, fn, 'a journal begins with its init entry (seq 0)');
    clock = new ManualClock(init.time);
    market = hooks.create(clock);
    if (hooks.optionsHash(market) !== init.optionsHash) fail(ErrorCode.OPTIONS_MISMATCH, fn, 'the options differ from those the journal was made with');
    first = 1;
  } else {
    const snap = checkSnapshotHead(from, fn);
    // The snapshot's market stood at the time of its last command (or later, by its clock).
    const at = Math.max(snap.time, snap.lastCommandTime ?? snap.time);
    clock = new ManualClock(isMarketTime(at) ? at : 0);
    market = hooks.restore(snap, clock);
  }
  for (let i = first; i < list.length; i++) {
    const c = list[i] as MarketCommand;
    if (typeof (c as unknown) !== 'object' || (c as unknown) === null || c.seq !== market.sequence + 1 || !isMarketTime(c.time) || c.time < market.now) {
      fail(ErrorCode.INVALID_JOURNAL, fn, `entry ${i} is not the command after sequence ${market.sequence} at or after the market's time`);
    }
    clock.set(c.time);
    hooks.apply(market, c);
    if (market.sequence !== c.seq) fail(ErrorCode.INVALID_JOURNAL, fn, `entry ${i} (${c.kind}) did not take effect`);
  }
  return market;
}

/** The public commands of a market that a journal entry is carried out again through. */
export type JournalTarget = Pick<Market, 'registerParticipant' | 'deposit' | 'withdraw' | 'submit' | 'cancel' | 'amend' | 'settle' | 'prune'>;

/**
 * Carries out one journalled command again (Market.replay, and a durable market's recovery),
 * through the same public call that made it, so a replay takes exactly the live path; the clock
 * already reads the command's time. The entry's `ledgerTime` replaces the ledger clock's reading
 * for the command's ledger entries. `advance` is advanceTo with the journalled `stoppedBefore`
 * (an advance whose gate closure failed at that instant).
 * @throws WattError INVALID_JOURNAL for an entry no command makes (an init after the first, an
 *   unknown kind, a `ledgerTime` that is no safe integer, or on a command that reads no ledger
 *   time), before anything changes; the command's own refusals.
 */
export function applyJournalEntry(core: MarketCore, target: JournalTarget, advance: (to: number, stoppedBefore: number | undefined) => void, c: MarketCommand): void {
  const ledgerTime = (c as { ledgerTime?: unknown }).ledgerTime;
  if (ledgerTime !== undefined && (typeof ledgerTime !== 'number' || !Number.isSafeInteger(ledgerTime))) {
    fail(ErrorCode.INVALID_JOURNAL, 'Market.replay', `the ledgerTime of entry ${describeValue(c.seq)} must be a safe integer of milliseconds; got ${describeValue(ledgerTime)}`);
  }
  // A time no live command of this kind would have journalled (it makes no ledger entries): not
  // ignored, as a replay would then reach a state the journal does not describe.
  if (ledgerTime !== undefined && !readsLedgerTime(core, c.kind)) {
    fail(ErrorCode.INVALID_JOURNAL, 'Market.replay', `entry ${describeValue(c.seq)} (${describeValue(c.kind)}) has a ledgerTime, but that command makes no ledger entries${core.collateral === undefined ? ' without collateral' : ''}`);
  }
  core.replayLedgerTime = ledgerTime;
  try {
    applyCommand(target, advance, c);
  } finally {
    core.replayLedgerTime = undefined;
  }
}

/**
 * Whether a command of `kind` reads the ledger's time (MarketCore.ledgerTime), so that its entry
 * may carry one: money movements and settlement always post; orders and advances only reserve,
 * release and post collateral.
 */
function readsLedgerTime(core: MarketCore, kind: unknown): boolean {
  switch (kind) {
    case 'deposit':
    case 'withdraw':
    case 'settle':
      return true;
    case 'submit':
    case 'amend':
    case 'cancel':
    case 'advance':
      return core.collateral !== undefined;
    default:
      return false;
  }
}

/** {@link applyJournalEntry} of one checked entry. */
function applyCommand(target: JournalTarget, advance: (to: number, stoppedBefore: number | undefined) => void, c: MarketCommand): void {
  switch (c.kind) {
    case 'init':
      return fail(ErrorCode.INVALID_JOURNAL, 'Market.replay', 'an init entry can only come first');
    case 'register':
      target.registerParticipant(c.participant);
      return;
    case 'deposit':
      target.deposit({ id: c.id, participant: c.participant, amount: c.amount });
      return;
    case 'withdraw':
      target.withdraw({ id: c.id, participant: c.participant, amount: c.amount });
      return;
    case 'submit':
      target.submit(c.order);
      return;
    case 'cancel':
      target.cancel(c.orderId);
      return;
    case 'amend':
      target.amend(c.orderId, c.change);
      return;
    case 'advance':
      advance(c.to, c.stoppedBefore);
      return;
    case 'settle':
      target.settle(c.deliveryStart, c.readings);
      return;
    case 'prune':
      target.prune(c.until);
      return;
    default:
      return fail(ErrorCode.INVALID_JOURNAL, 'Market.replay', `unknown command kind ${describeValue((c as { kind: unknown }).kind)}`);
  }
}
