// Market.cancel's command, out of market.ts so that the class stays the market's public surface
// (as market-amend.ts and market-submit.ts do for theirs): one command, one file.

import { checkId } from '../validation/checks.js';
import type { CommandContext } from './command-context.js';

/**
 * Market.cancel, command frame and all but the event flush (Market.cancel flushes either way): checks the id, reads the clocks
 * (user code: see MarketSubmission), then looks the order up and checks its gate, then takes it
 * out of its book or the sealed orders, releases its collateral and journals it.
 * @returns true when an order was cancelled; false, with
 *   nothing changed and nothing queued, when there is no such open order or its gate has passed.
 */
export function cancelOrder(ctx: CommandContext, orderId: string): boolean {
  const fn = 'Market.cancel';
  const { core, config } = ctx;
  const id = checkId(orderId, fn, 'order id');
  // The clocks first (user code: see MarketSubmission), then the check, then the change.
  const ledgerTime = core.ledgerTime(fn, false);
  const outer = core.begin(fn);
  const outerPin = core.pinLedger(ledgerTime);
  try {
    const order = core.live.get(id);
    if (order === undefined || core.now() >= config.schedule.gateClosure(order.product.start)) return false;
    ctx.record({ kind: 'cancel', orderId: order.id });
    if (order.venue === 'book') order.product.book?.cancel(order.id);
    else order.product.sealed.remove(order.slot);
    order.lots = 0;
    core.retire(order, fn);
    core.emit('orderCancelled', { orderId: order.id, product: order.product.id, reason: 'user' });
  } finally {
    core.unpinLedger(outerPin);
    core.end(outer);
  }
  return true;
}
