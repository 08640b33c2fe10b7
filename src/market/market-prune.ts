// Market.prune's command, out of market.ts so that the class stays the market's public surface
// (as market-amend.ts and market-cancel.ts do for theirs): what forgetting settled intervals
// touches in the market's state is read here in one place.

import { checkMarketTime } from './product-schedule.js';
import type { CommandContext } from './command-context.js';

/**
 * Market.prune, command frame and all: checks the time, journals the prune, then forgets every
 * settled interval whose delivery ended by `time` (its products, orders and trades), remembering
 * only that its start was settled. Queues no event.
 * @returns how many intervals were forgotten.
 */
export function pruneIntervals(ctx: CommandContext, time: number): number {
  const fn = 'Market.prune';
  const { core, config } = ctx;
  checkMarketTime(time, fn, 'time');
  const outer = core.begin(fn);
  let n = 0;
  try {
    // Journalled, so that a replay forgets the same intervals and reaches the same state hash.
    ctx.record({ kind: 'prune', until: time });
    for (const [start, interval] of core.intervals) {
      if (interval.settled && config.schedule.deliveryEnd(start) <= time) {
        core.forgetInterval(start);
        core.prunedSettled.add(start);
        for (const p of interval.products) if (p !== undefined) core.products[p.number] = undefined;
        n++;
      }
    }
    core.live.compact();
  } finally {
    core.end(outer);
  }
  return n;
}
