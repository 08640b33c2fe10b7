import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { MarketCore } from './market-core.js';
import type { MarketCommand } from './market-journal.js';
import type { Market } from './market.js';

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
