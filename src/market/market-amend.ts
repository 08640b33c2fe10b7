import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { inertInput } from '../units/inert-input.js';
import { toSteps } from '../units/to-steps.js';
import { checkId, checkObject } from '../validation/checks.js';
import { bookLinkLeft, cappedBookCall, type BookCall } from './capped-book-call.js';
import { afterBookCall, bookOf } from './continuous-trading.js';
import { startProductCall } from './gate-processing.js';
import type { LiveOrder } from './market-core.js';
import type { MarketFunds } from './market-funds.js';
import type { CommandBody } from './market-journal.js';
import { stepsInput } from './market-trade.js';
import type { MarketOrderChange, MarketSubmitResult } from './market-types.js';
import { intakeSpecs, venueAt, type ParsedOrder } from './order-intake.js';
import { NO_TRADES, SubmitView } from './submit-view.js';
import { underName } from './under-name.js';
import type { CommandContext } from './command-context.js';

const AMEND = intakeSpecs('Market.amend');

/** What an amendment needs of the market (its private parts, lent by {@link Market}). */
export interface AmendContext extends CommandContext {
  readonly funds: MarketFunds;
}

/**
 * Market.amend, command frame and all but the event flush: reads the change (its fields, each
 * once) and the clocks, then validates the change and checks the funds it needs, then changes
 * the order in its book (which may trade) or among the sealed orders, re-reserves its collateral
 * and journals it. No user code runs after the first check (docs/market.md, "User code inside a
 * command"), and nothing changes before every check has passed.
 */
export function amendOrder(ctx: AmendContext, orderId: string, change: MarketOrderChange): MarketSubmitResult {
  const fn = AMEND.fn;
  const { core } = ctx;
  // Read: the change's keys and fields (getters, a Proxy's traps: user code), then the clocks.
  const input: unknown = change;
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  const c = input as Record<string, unknown>;
  const unknownKey = isObject ? firstUnknownKey(c) : undefined;
  // A value that is an object (a Decimal, maybe in a Proxy) is read now, into an inert snapshot:
  // the checks below run no user code (see inertInput).
  const price = isObject ? inertInput(c['price']) : undefined;
  const quantity = isObject ? inertInput(c['quantity']) : undefined;
  const id = inertInput(orderId) as string;
  const ledgerTime = core.ledgerTime(fn, false);
  const outer = core.begin(fn);
  const outerPin = core.pinLedger(ledgerTime);
  try {
    return amendChecked(ctx, id, change, unknownKey, price, quantity);
  } finally {
    core.unpinLedger(outerPin);
    core.end(outer);
  }
}

function firstUnknownKey(c: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(c)) if (key !== 'price' && key !== 'quantity') return key;
  return undefined;
}

/** The checks and the change of an amend whose inputs were read (in the order and with the codes amend always had). */
function amendChecked(ctx: AmendContext, orderId: string, change: unknown, unknownKey: string | undefined, price: unknown, quantity: unknown): MarketSubmitResult {
  const fn = AMEND.fn;
  const { core, config, funds } = ctx;
  const id = checkId(orderId, fn, 'order id');
  const order = core.live.get(id);
  if (order === undefined) fail(ErrorCode.UNKNOWN_ORDER, fn, `order '${id}' is not open`);
  const venue = venueAt(config, order.participant.zoneIndex, order.product.start, core.now(), fn);
  checkObject(change, fn, 'change');
  if (unknownKey !== undefined) fail(ErrorCode.INVALID_OPTION, fn, `unknown change field '${unknownKey}' (known: price, quantity)`);
  if (price === undefined && quantity === undefined) fail(ErrorCode.INVALID_ARGUMENT, fn, 'a change needs a price or a quantity');
  const lots = quantity === undefined ? order.lots : toSteps(quantity, config.quantityStep, AMEND.quantity);
  let priceTicks = order.priceTicks;
  if (price !== undefined) {
    if (Number.isNaN(order.priceTicks)) fail(ErrorCode.INVALID_PRICE, fn, 'a market order has no price to change');
    priceTicks = toSteps(price, config.priceTick, AMEND.price);
    if (priceTicks < config.feedInTicks || priceTicks > config.retailTicks) fail(ErrorCode.PRICE_OUT_OF_BAND, fn, 'the new price is outside the utility band');
  }
  const parsed: ParsedOrder = { id, participant: order.participant, start: order.product.start, side: order.side, lots, priceTicks, type: 'limit', timeInForce: undefined, postOnly: false, venue };
  const collateral = core.collateral;
  const held = order.reservation >= 0 && collateral !== undefined ? collateral.held(order.reservation) : 0;
  funds.check(parsed, held, fn);
  // The values checked, as exact text (as submit's journalOrder): the journal holds what is applied.
  const journal: CommandBody = {
    kind: 'amend',
    orderId: id,
    change: { ...(price === undefined ? {} : { price: stepsInput(priceTicks, config.priceTick) }), ...(quantity === undefined ? {} : { quantity: stepsInput(lots, config.quantityStep) }) },
  };
  // The phase the product is in now decides: a book order in a call phase is sealed first.
  if (venue === 'sealed' && order.venue === 'book') startProductCall(core, order.participant.zoneIndex, order.product.start);
  const toBack = priceTicks !== order.priceTicks || lots > order.lots;
  if (order.venue === 'book') {
    const book = bookOf(core, order.product);
    core.cancelledMakers.length = 0;
    // The book first: it refuses what only it can judge (its capacity) before changing
    // anything; past it nothing can fail (funds.check computed what reserve needs).
    let r: BookCall;
    // Only a new price can make a resting order trade; one larger than what is left of its
    // zone's link trades as a new GTC order capped to it (a new price sends it to the back anyway).
    // A post-only order never trades (the book cancels it if the new price crosses).
    const left = config.capacity === undefined || priceTicks === order.priceTicks || book.order(id)?.postOnly !== false ? Infinity : bookLinkLeft(core, order.product.zoneIndex, order.product.start);
    try {
      if (lots > left) {
        book.cancel(id);
        r = cappedBookCall(core, book, { id, owner: order.participant.id, side: order.side, lots, priceTicks, timeInForce: 'GTC' }, left);
      } else r = book.amend(id, {
        ...(price === undefined ? {} : { price: stepsInput(priceTicks, config.priceTick) }),
        quantity: stepsInput(lots, config.quantityStep),
      });
    } catch (e) {
      throw underName(fn, e);
    }
    reReserve(ctx, order, parsed, fn);
    ctx.record(journal);
    order.priceTicks = priceTicks;
    order.lots = lots;
    // Moved to the back of its queue, the order is a new arrival: if it is still resting when
    // the call phase starts, it is sealed after the book orders that now stand ahead of it (the
    // old entry of the product's book list goes stale: its arrival number no longer matches).
    if (toBack) {
      const seq = core.nextSeq();
      order.seq = seq;
      order.product.bookSlots.push(order.slot);
      order.product.bookSeqs.push(seq);
    }
    const outcome = afterBookCall(core, order.product, order, r);
    return new SubmitView(id, order.product.id, outcome.status, outcome.trades, outcome.filledLots, outcome.remainingLots, config.quantityStep);
  }
  reReserve(ctx, order, parsed, fn);
  ctx.record(journal);
  order.priceTicks = priceTicks;
  order.lots = lots;
  if (toBack) order.product.sealed.toBack(order.slot);
  return new SubmitView(id, order.product.id, 'sealed', NO_TRADES, 0, lots, config.quantityStep);
}

/** Replaces an order's collateral with the reservation of its amended form (checked already). */
function reReserve(ctx: AmendContext, order: LiveOrder, parsed: ParsedOrder, fn: string): void {
  const collateral = ctx.core.collateral;
  if (order.reservation >= 0 && collateral !== undefined) {
    collateral.release(order.reservation, fn);
    order.reservation = -1;
  }
  order.reservation = ctx.funds.reserve(parsed, fn);
}
