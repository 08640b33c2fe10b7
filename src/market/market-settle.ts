import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { SettlementResult } from '../settlement/settlement-result.js';
import { settleMarketInterval } from './market-settlement.js';
import { isoTime } from './product-schedule.js';
import { giveReadings, readReadings, takeReadings } from './settle-readings.js';
import type { CommandContext } from './command-context.js';

/** What a settle needs of the market (its private parts, lent by {@link Market}). */
export interface SettleContext extends CommandContext {
  /**
   * Whether accepted commands are kept (a journal or a store): then the settle's entry carries
   * its readings. Asked at each call: a durable market's store is attached after recovery.
   */
  keepsCommands(): boolean;
}

/**
 * Market.settle and Market.settleSteps (`steps`), command frame and all but the final event
 * flush. Read step first: every reading's fields once (getters are user code), before the clocks
 * and any check; the checks, the journal and the settlement use only that copy. Then the ledger's
 * clock once, pinned for the settlement's entries (settlement posts to the ledger, and a clock
 * read between its checks and its postings would be user code there).
 */
export function settleCommand(ctx: SettleContext, deliveryStart: number, readings: unknown, fn: string, steps: boolean): SettlementResult {
  const { core } = ctx;
  const copy = takeReadings(core);
  try {
    readReadings(readings, steps, copy);
    const ledgerTime = core.ledgerTime(fn, true);
    const outer = core.begin(fn);
    const outerPin = core.pinLedger(ledgerTime);
    try {
      if (core.prunedSettled.has(deliveryStart)) fail(ErrorCode.ALREADY_SETTLED, fn, `the interval starting ${isoTime(deliveryStart)} was settled (and forgotten by prune)`);
      const settled = settleMarketInterval(core, deliveryStart, copy, fn, steps, ctx.keepsCommands());
      const result = settled.result;
      ctx.record({ kind: 'settle', deliveryStart, readings: settled.journal });
      core.emit('intervalSettled', { deliveryStart, result });
      return result;
    } finally {
      core.unpinLedger(outerPin);
      core.end(outer);
    }
  } finally {
    giveReadings(core, copy);
  }
}
