// Market.advanceTo's command (and its replay, stopped before a failed gate), out of market.ts so
// that the class stays the market's public surface (as market-amend.ts and market-cancel.ts do for
// theirs). It owns the one piece of state only an advance uses: whether one is in progress.

import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { processGates } from './gate-processing.js';
import { checkMarketTime, isoTime, isMarketTime } from './product-schedule.js';
import type { CommandContext } from './command-context.js';

/** Market.advanceTo: one per market, which owns whether an advance of it is carrying out its gates. */
export class MarketAdvance {
  /** Whether an advance of this market is carrying out its gates (see {@link advance}). */
  private advancing = false;

  constructor(private readonly ctx: CommandContext) {}

  /**
   * advanceTo, or (`stoppedBefore` given: the replay of an advance whose gate closure at that
   * instant failed) the same command carried out only up to just before that instant; command
   * frame, journal and event flush.
   */
  advance(time: number, stoppedBefore: number | undefined): void {
    const fn = 'Market.advanceTo';
    const { core } = this.ctx;
    checkMarketTime(time, fn, 'time');
    // A custom mechanism (the only user code that runs while gates are carried out) that advances
    // the market it clears for: the nested advance would be journalled before the outer one, a
    // later time first, which no replay can carry out. Refused before it reads or changes anything.
    if (this.advancing) fail(ErrorCode.MECHANISM_FAILED, fn, "a mechanism cannot advance the market whose gate it clears (this market's advanceTo is in progress)");
    // The ledger's clock once, before the checks: gate closures release and post collateral,
    // and a clock read between them (user code) could leave a gate part-done.
    const ledgerTime = core.ledgerTime(fn, false);
    const outer = core.begin(fn);
    const outerPin = core.pinLedger(ledgerTime);
    try {
      const now = core.now();
      if (time < now) fail(ErrorCode.INVALID_TIME, fn, `time ${isoTime(time)} is before the market's time ${isoTime(now)}`);
      if (stoppedBefore !== undefined && !(isMarketTime(stoppedBefore) && stoppedBefore > core.processed && stoppedBefore <= time)) {
        fail(ErrorCode.INVALID_JOURNAL, 'Market.replay', `an advance to ${isoTime(time)} cannot have stopped before ${describeValue(stoppedBefore)}`);
      }
      const from = core.processed;
      this.advancing = true;
      try {
        processGates(core, stoppedBefore === undefined ? time : stoppedBefore - 1);
      } catch (e) {
        // Transitions before the failing gate were carried out (its own mechanism ran before it
        // changed anything): the journal holds them, so that a replay reaches this very state.
        if (core.processed !== from) this.ctx.record({ kind: 'advance', to: time, stoppedBefore: core.processed + 1 });
        throw e;
      } finally {
        this.advancing = false;
      }
      this.ctx.record(stoppedBefore === undefined ? { kind: 'advance', to: time } : { kind: 'advance', to: time, stoppedBefore });
    } finally {
      core.unpinLedger(outerPin);
      core.end(outer);
    }
    core.flush();
  }
}
