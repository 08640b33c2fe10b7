import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { formatSteps } from '../units/from-steps.js';
import { toSteps, valueSpec, type ValueSpec } from '../units/to-steps.js';
import { checkBoolean, checkFields, checkId, checkObject, checkOneOf } from '../validation/checks.js';
import type { MarketConfig } from './market-config.js';
import type { ParticipantRecord } from './participant-registry.js';

/** Where an accepted order goes. */
export type OrderVenue = 'book' | 'sealed';

/** An order after validation, in integers. */
export interface ParsedOrder {
  readonly id: string;
  readonly participant: ParticipantRecord;
  readonly start: number;
  readonly side: 'buy' | 'sell';
  /** Quantity, steps. */
  readonly lots: number;
  /** Limit price, ticks; NaN for a market order. */
  readonly priceTicks: number;
  readonly type: 'limit' | 'market';
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK' | undefined;
  readonly postOnly: boolean;
  readonly venue: OrderVenue;
}

/** A {@link ParsedOrder} that {@link parseStepsOrder} may fill in place (see Market's submit). */
export type ParsedOrderScratch = { -readonly [K in keyof ParsedOrder]: ParsedOrder[K] };

/** A blank {@link ParsedOrderScratch}, with the fields in the order parseStepsOrder's own result has them (one object shape). */
export function parsedOrderScratch(): ParsedOrderScratch {
  return { id: '', participant: undefined as unknown as ParticipantRecord, start: 0, side: 'buy', lots: 0, priceTicks: 0, type: 'limit', timeInForce: undefined, postOnly: false, venue: 'sealed' };
}

// The two ways in (decimals in `submit`, integers in `submitSteps`) share the head of every
// order (parseHead: id, participant, interval, venue, side) but not their allowed keys: each takes
// fields the other refuses (decimal price and quantity, order type, time in force and post-only
// against price ticks and quantity steps), so a mixed-up field is named as unknown.
const ORDER_KEYS = ['id', 'participant', 'deliveryStart', 'side', 'quantity', 'price', 'type', 'timeInForce', 'postOnly'] as const;

/** Per public function, the specs of the values it parses (module constants: nothing per call). */
export interface IntakeSpecs {
  readonly fn: string;
  readonly price: ValueSpec;
  readonly quantity: ValueSpec;
}

/** Builds the specs of one public function. */
export function intakeSpecs(fn: string): IntakeSpecs {
  return Object.freeze({
    fn,
    price: valueSpec(fn, 'price', ErrorCode.INVALID_PRICE, 'any', 'tick'),
    quantity: valueSpec(fn, 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step'),
  });
}

/** What intake needs to know of the market's state, read-only. */
export interface IntakeView {
  readonly config: MarketConfig;
  /** The market's effective time. */
  readonly now: number;
  participant(id: string): ParticipantRecord | undefined;
  isLive(orderId: string): boolean;
  /**
   * The last delivery start that passed the schedule's `isStart` (NaN at first): a memo of a
   * pure check of the market's fixed schedule, not state. Orders arrive in runs for one
   * interval, and `isStart` of a time (a heap number) divides it in floating point (fmod).
   */
  validStart: number;
}

/**
 * Validates an order completely, changing nothing: fields and types, the participant, the
 * product (an interval start, open now), the quantity and price on their grids, the price within
 * the utility band, and the combinations of type, time in force and post-only that its venue
 * allows (a sealed auction takes plain limit orders only).
 */
export function parseMarketOrder(input: unknown, view: IntakeView, specs: IntakeSpecs): ParsedOrder {
  const { fn } = specs;
  const { config } = view;
  const o = checkObject(input, fn, 'order');
  for (const key in o) {
    switch (key) {
      case 'id':
      case 'participant':
      case 'deliveryStart':
      case 'side':
      case 'quantity':
      case 'price':
      case 'type':
      case 'timeInForce':
      case 'postOnly':
        continue;
    }
    checkFields(o, ORDER_KEYS, fn, 'order field');
  }
  const { id, participant, start, venue, side } = parseHead(o, view, fn);
  const lots = toSteps(o['quantity'], config.quantityStep, specs.quantity);
  const rawType = o['type'];
  const type = rawType === undefined ? 'limit' : checkOneOf(rawType, ['limit', 'market'] as const, 'limit', fn, 'type', ErrorCode.INVALID_ORDER_TYPE);
  const rawPostOnly = o['postOnly'];
  const postOnly = rawPostOnly === undefined ? false : checkBoolean(rawPostOnly, false, fn, 'postOnly');
  const tifRaw = o['timeInForce'];
  const timeInForce = tifRaw === undefined ? undefined : checkOneOf(tifRaw, ['GTC', 'IOC', 'FOK'] as const, 'GTC', fn, 'timeInForce', ErrorCode.INVALID_TIME_IN_FORCE);
  let priceTicks = NaN;
  if (type === 'market') {
    if (venue === 'sealed') fail(ErrorCode.INVALID_ORDER_TYPE, fn, 'an auction takes limit orders only');
    if (o['price'] !== undefined) fail(ErrorCode.INVALID_PRICE, fn, 'a market order takes no price', 'OUT_OF_RANGE');
    if (timeInForce === 'GTC') fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, 'a market order cannot rest (GTC)');
    if (postOnly) fail(ErrorCode.INVALID_ORDER_TYPE, fn, 'a market order cannot be post-only');
  } else {
    if (o['price'] === undefined) fail(ErrorCode.INVALID_PRICE, fn, 'a limit order needs a price', 'NOT_A_NUMBER');
    priceTicks = toSteps(o['price'], config.priceTick, specs.price);
    checkBand(priceTicks, config, fn);
    if (venue === 'sealed' && (timeInForce !== undefined || postOnly)) {
      fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, 'a sealed auction order takes no time in force and cannot be post-only');
    }
    if (postOnly && timeInForce !== undefined && timeInForce !== 'GTC') {
      fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, 'only a GTC limit order can be post-only');
    }
  }
  return { id, participant, start, side, lots, priceTicks, type, timeInForce, postOnly, venue };
}

const STEPS_ORDER_KEYS = ['id', 'participant', 'deliveryStart', 'side', 'quantitySteps', 'priceTicks'] as const;

/**
 * Validates a limit order given in the market's integers ({@link MarketStepsOrderInput}) as
 * completely as {@link parseMarketOrder} validates one in decimals, changing nothing; the result
 * is the order parseMarketOrder gives for the same order in decimals.
 */
export function parseStepsOrder(input: unknown, view: IntakeView, fn: string, into?: ParsedOrderScratch): ParsedOrder {
  const { config } = view;
  const o = checkObject(input, fn, 'order');
  for (const key in o) {
    switch (key) {
      case 'id':
      case 'participant':
      case 'deliveryStart':
      case 'side':
      case 'quantitySteps':
      case 'priceTicks':
        continue;
    }
    checkFields(o, STEPS_ORDER_KEYS, fn, 'order field');
  }
  const { id, participant, start, venue, side } = parseHead(o, view, fn);
  const lots = o['quantitySteps'];
  if (typeof lots !== 'number' || !Number.isSafeInteger(lots) || lots <= 0) {
    fail(ErrorCode.INVALID_QUANTITY, fn, `quantitySteps must be a whole positive number of quantity steps; got ${describeValue(lots)}`);
  }
  const priceTicks = o['priceTicks'];
  if (typeof priceTicks !== 'number' || !Number.isSafeInteger(priceTicks)) {
    fail(ErrorCode.INVALID_PRICE, fn, `priceTicks must be a whole number of price ticks; got ${describeValue(priceTicks)}`);
  }
  checkBand(priceTicks, config, fn);
  if (into === undefined) return { id, participant, start, side, lots, priceTicks, type: 'limit', timeInForce: undefined, postOnly: false, venue };
  // Written only here, after every check and all user code of the input (its getters, the
  // clock): a failed parse leaves the scratch as it was.
  into.id = id;
  into.participant = participant;
  into.start = start;
  into.side = side;
  into.lots = lots;
  into.priceTicks = priceTicks;
  into.type = 'limit';
  into.timeInForce = undefined;
  into.postOnly = false;
  into.venue = venue;
  return into;
}

/** The fields every new order has, in both forms. */
interface OrderHead {
  id: string;
  participant: ParticipantRecord;
  start: number;
  venue: 'book' | 'sealed';
  side: 'buy' | 'sell';
}

// One object reused for every order: intake allocates nothing of its own before the ParsedOrder.
const HEAD: OrderHead = { id: '', participant: undefined as unknown as ParticipantRecord, start: 0, venue: 'book', side: 'buy' };

/**
 * Checks the id, participant, product and side of a new order, in this order (both forms report
 * the same first error for the same fault). The result is valid until the next call.
 */
function parseHead(o: Readonly<Record<string, unknown>>, view: IntakeView, fn: string): Readonly<OrderHead> {
  const { config } = view;
  const id = checkId(o['id'], fn, 'order id');
  if (view.isLive(id)) fail(ErrorCode.DUPLICATE_ORDER_ID, fn, `order '${id}' is already open`);
  const participantId = checkId(o['participant'], fn, 'participant', ErrorCode.INVALID_OWNER);
  const participant = view.participant(participantId);
  if (participant === undefined) fail(ErrorCode.UNKNOWN_PARTICIPANT, fn, `participant '${participantId}' is not registered`);
  const start = o['deliveryStart'];
  if (start !== view.validStart) {
    if (typeof start !== 'number' || !config.schedule.isStart(start)) {
      fail(ErrorCode.UNKNOWN_PRODUCT, fn, `deliveryStart ${describeValue(start)} is not the start of a ${config.schedule.intervalMs / 60_000}-minute interval`);
    }
    view.validStart = start;
  }
  const venue = venueAt(config, participant.zoneIndex, start, view.now, fn);
  const rawSide = o['side'];
  const side = rawSide === 'buy' || rawSide === 'sell' ? rawSide : sideOf(rawSide, fn);
  // Re-entrancy: HEAD is written only below, after the last user code (the clock, the input's
  // getters), and the callers destructure it at once, so a nested intake cannot change it.
  HEAD.venue = venue;
  HEAD.side = side;
  HEAD.id = id;
  HEAD.participant = participant;
  HEAD.start = start;
  return HEAD;
}

/** Throws PRICE_OUT_OF_BAND when a price lies outside the utility band [feed-in, retail]. */
function checkBand(priceTicks: number, config: MarketConfig, fn: string): void {
  if (priceTicks < config.feedInTicks || priceTicks > config.retailTicks) {
    fail(
      ErrorCode.PRICE_OUT_OF_BAND,
      fn,
      `price ${formatSteps(priceTicks, config.priceTick)} is outside the utility band [${formatSteps(config.feedInTicks, config.priceTick)}, ${formatSteps(config.retailTicks, config.priceTick)}]`,
    );
  }
}

function sideOf(value: unknown, fn: string): 'buy' | 'sell' {
  if (value === undefined) fail(ErrorCode.INVALID_SIDE, fn, "side must be 'buy' or 'sell'; got undefined");
  return checkOneOf(value, ['buy', 'sell'] as const, 'buy', fn, 'side', ErrorCode.INVALID_SIDE);
}

/**
 * Where an order for the zone's product starting at `start` goes at time `now`, or throws
 * PRODUCT_CLOSED when the product is not open.
 */
export function venueAt(config: MarketConfig, zoneIndex: number, start: number, now: number, fn: string): OrderVenue {
  const s = config.schedule;
  if (now < s.opensAt(start)) fail(ErrorCode.PRODUCT_CLOSED, fn, `the interval starting ${new Date(start).toISOString()} opens at ${new Date(s.opensAt(start)).toISOString()}`);
  if (now >= s.gateClosure(start)) fail(ErrorCode.PRODUCT_CLOSED, fn, `the gate of the interval starting ${new Date(start).toISOString()} closed at ${new Date(s.gateClosure(start)).toISOString()}`);
  const mode = config.modes[zoneIndex];
  if (mode === 'auction') return 'sealed';
  if (mode === 'continuous') return 'book';
  return now >= s.callStart(start) ? 'sealed' : 'book';
}
