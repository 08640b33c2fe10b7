import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { formatSteps } from '../units/from-steps.js';
import { inertInput } from '../units/inert-input.js';
import { toSteps, valueSpec, type ValueSpec } from '../units/to-steps.js';
import { checkBoolean, checkId, checkObject, checkOneOf } from '../validation/checks.js';
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
// order (checkHead: id, participant, interval, venue, side) but not their allowed keys: each takes
// fields the other refuses (decimal price and quantity, order type, time in force and post-only
// against price ticks and quantity steps), so a mixed-up field is named as unknown.
const ORDER_KEYS = ['id', 'participant', 'deliveryStart', 'side', 'quantity', 'price', 'type', 'timeInForce', 'postOnly'] as const;
const STEPS_ORDER_KEYS = ['id', 'participant', 'deliveryStart', 'side', 'quantitySteps', 'priceTicks'] as const;

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
  /** The market's effective time (the command's, pinned: reading it runs no user code). */
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
 * An order's fields as {@link readOrder} read them (the order itself is passed on beside it), each exactly once, before any check; then
 * the head as {@link checkHead} found it valid. The market keeps one per depth of nested submits
 * (a getter may submit to the same market while its order is read), never one per module.
 */
export interface RawOrder {
  /** The first own field that the form does not take, if any. */
  unknownKey: string | undefined;
  id: unknown;
  participant: unknown;
  deliveryStart: unknown;
  side: unknown;
  /** `quantity`, or `quantitySteps` of an order in integers. */
  quantity: unknown;
  /** `price`, or `priceTicks` of an order in integers. */
  price: unknown;
  type: unknown;
  timeInForce: unknown;
  postOnly: unknown;
  // The head, valid after checkHead (written only there).
  headId: string;
  headParticipant: ParticipantRecord;
  headStart: number;
  headVenue: OrderVenue;
  headSide: 'buy' | 'sell';
}

/** A blank {@link RawOrder} (one object shape for all). */
export function rawOrder(): RawOrder {
  return {
    unknownKey: undefined,
    id: undefined,
    participant: undefined,
    deliveryStart: undefined,
    side: undefined,
    quantity: undefined,
    price: undefined,
    type: undefined,
    timeInForce: undefined,
    postOnly: undefined,
    headId: '',
    headParticipant: undefined as unknown as ParticipantRecord,
    headStart: 0,
    headVenue: 'book',
    headSide: 'buy',
  };
}

/**
 * Reads an order into `raw`, checking nothing: its keys (for the unknown-field check), then each
 * field exactly once, in a fixed order (id, participant, deliveryStart, side, the quantity, then
 * for the decimal form type, postOnly, timeInForce, and the price). An order's getters and a
 * Proxy's traps are user code, which may call back into the market: they all run here, before
 * the command reads its clocks and checks anything (docs/market.md, "User code inside a
 * command"), so what the checks find still holds when the order is placed. A field's value that
 * is an object (a Decimal, maybe wrapped in a Proxy, or a Decimal-like object) is read here too,
 * into an inert snapshot (see {@link inertInput}): the checks then run no user code and give the
 * error they would have given for the value as read. An input that is not an object is left for
 * the check to refuse; nothing is read of it. Of an order in integers, the
 * decimal form's other fields (type, postOnly, timeInForce) are neither read nor written.
 */
export function readOrder(input: unknown, steps: boolean, raw: RawOrder): void {
  raw.unknownKey = undefined;
  // A getter that throws leaves the fields after it unread: the refusal's event names the id and
  // participant read so far, never those of an earlier order read into the same raw order.
  raw.id = raw.participant = undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    raw.id = raw.participant = raw.deliveryStart = raw.side = raw.quantity = raw.price = undefined;
    raw.type = raw.timeInForce = raw.postOnly = undefined;
    return;
  }
  const o = input as Record<string, unknown>;
  if (steps) {
    // The hot path (a simulation's agents): the key check inline, as it always was.
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
      // An inherited key is no field of the order: the first own one not allowed is named.
      raw.unknownKey = firstUnknown(o, STEPS_ORDER_KEYS);
      break;
    }
    raw.id = inert(o['id']);
    raw.participant = inert(o['participant']);
    raw.deliveryStart = inert(o['deliveryStart']);
    raw.side = inert(o['side']);
    raw.quantity = inert(o['quantitySteps']);
    raw.price = inert(o['priceTicks']);
    return;
  }
  for (const key in o) {
    if (isOrderKey(key)) continue;
    raw.unknownKey = firstUnknown(o, ORDER_KEYS);
    break;
  }
  raw.id = inert(o['id']);
  raw.participant = inert(o['participant']);
  raw.deliveryStart = inert(o['deliveryStart']);
  raw.side = inert(o['side']);
  raw.quantity = inert(o['quantity']);
  raw.type = inert(o['type']);
  raw.postOnly = inert(o['postOnly']);
  raw.timeInForce = inert(o['timeInForce']);
  raw.price = inert(o['price']);
}

/**
 * A field's value, made inert when it is an object (see {@link inertInput}); a primitive (every
 * field of an ordinary order) as it is, at the cost of a type test.
 */
export function inert(value: unknown): unknown {
  return typeof value === 'object' || typeof value === 'function' ? inertInput(value) : value;
}

function isOrderKey(key: string): boolean {
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
      return true;
  }
  return false;
}

function firstUnknown(o: Record<string, unknown>, known: readonly string[]): string | undefined {
  for (const key of Object.keys(o)) if (!known.includes(key)) return key;
  return undefined;
}

/** Throws for an input that is not an object or has a field its form does not take (the checks every order starts with). */
function checkShape(input: unknown, raw: RawOrder, known: readonly string[], fn: string): void {
  checkObject(input, fn, 'order');
  const key = raw.unknownKey;
  if (key !== undefined) fail(ErrorCode.INVALID_ARGUMENT, fn, `unknown order field '${key}' (known: ${known.join(', ')})`);
}

/**
 * Validates an order read by {@link readOrder} completely, changing nothing and running no user
 * code: fields and types, the participant, the product (an interval start, open now), the
 * quantity and price on their grids, the price within the utility band, and the combinations of
 * type, time in force and post-only that its venue allows (a sealed auction takes plain limit
 * orders only).
 */
export function parseMarketOrder(input: unknown, raw: RawOrder, view: IntakeView, specs: IntakeSpecs): ParsedOrder {
  const { fn } = specs;
  const { config } = view;
  checkShape(input, raw, ORDER_KEYS, fn);
  checkHead(raw, view, fn);
  const venue = raw.headVenue;
  const lots = toSteps(raw.quantity, config.quantityStep, specs.quantity);
  const rawType = raw.type;
  const type = rawType === undefined ? 'limit' : checkOneOf(rawType, ['limit', 'market'] as const, 'limit', fn, 'type', ErrorCode.INVALID_ORDER_TYPE);
  const rawPostOnly = raw.postOnly;
  const postOnly = rawPostOnly === undefined ? false : checkBoolean(rawPostOnly, false, fn, 'postOnly');
  const tifRaw = raw.timeInForce;
  const timeInForce = tifRaw === undefined ? undefined : checkOneOf(tifRaw, ['GTC', 'IOC', 'FOK'] as const, 'GTC', fn, 'timeInForce', ErrorCode.INVALID_TIME_IN_FORCE);
  const price = raw.price;
  let priceTicks = NaN;
  if (type === 'market') {
    if (venue === 'sealed') fail(ErrorCode.INVALID_ORDER_TYPE, fn, 'an auction takes limit orders only');
    if (price !== undefined) fail(ErrorCode.INVALID_PRICE, fn, 'a market order takes no price', 'OUT_OF_RANGE');
    if (timeInForce === 'GTC') fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, 'a market order cannot rest (GTC)');
    if (postOnly) fail(ErrorCode.INVALID_ORDER_TYPE, fn, 'a market order cannot be post-only');
  } else {
    if (price === undefined) fail(ErrorCode.INVALID_PRICE, fn, 'a limit order needs a price', 'NOT_A_NUMBER');
    priceTicks = toSteps(price, config.priceTick, specs.price);
    checkBand(priceTicks, config, fn);
    if (venue === 'sealed' && (timeInForce !== undefined || postOnly)) {
      fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, 'a sealed auction order takes no time in force and cannot be post-only');
    }
    if (postOnly && timeInForce !== undefined && timeInForce !== 'GTC') {
      fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, 'only a GTC limit order can be post-only');
    }
  }
  return { id: raw.headId, participant: raw.headParticipant, start: raw.headStart, side: raw.headSide, lots, priceTicks, type, timeInForce, postOnly, venue };
}

/**
 * Validates a limit order given in the market's integers ({@link MarketStepsOrderInput}), read
 * by {@link readOrder}, as completely as {@link parseMarketOrder} validates one in decimals,
 * changing nothing and running no user code; the result is the order parseMarketOrder gives for
 * the same order in decimals. With `into`, the result is written there (after every check: a
 * failed parse leaves it as it was).
 */
export function parseStepsOrder(input: unknown, raw: RawOrder, view: IntakeView, fn: string, into?: ParsedOrderScratch): ParsedOrder {
  const { config } = view;
  checkShape(input, raw, STEPS_ORDER_KEYS, fn);
  checkHead(raw, view, fn);
  const lots = raw.quantity;
  if (typeof lots !== 'number' || !Number.isSafeInteger(lots) || lots <= 0) {
    fail(ErrorCode.INVALID_QUANTITY, fn, `quantitySteps must be a whole positive number of quantity steps; got ${describeValue(lots)}`);
  }
  const priceTicks = raw.price;
  if (typeof priceTicks !== 'number' || !Number.isSafeInteger(priceTicks)) {
    fail(ErrorCode.INVALID_PRICE, fn, `priceTicks must be a whole number of price ticks; got ${describeValue(priceTicks)}`);
  }
  checkBand(priceTicks, config, fn);
  if (into === undefined) return { id: raw.headId, participant: raw.headParticipant, start: raw.headStart, side: raw.headSide, lots, priceTicks, type: 'limit', timeInForce: undefined, postOnly: false, venue: raw.headVenue };
  into.id = raw.headId;
  into.participant = raw.headParticipant;
  into.start = raw.headStart;
  into.side = raw.headSide;
  into.lots = lots;
  into.priceTicks = priceTicks;
  into.type = 'limit';
  into.timeInForce = undefined;
  into.postOnly = false;
  into.venue = raw.headVenue;
  return into;
}

/**
 * Checks the id, participant, product and side of a new order, in this order (both forms report
 * the same first error for the same fault), and writes them to the raw order's head fields.
 */
function checkHead(raw: RawOrder, view: IntakeView, fn: string): void {
  const { config } = view;
  const id = checkId(raw.id, fn, 'order id');
  if (view.isLive(id)) fail(ErrorCode.DUPLICATE_ORDER_ID, fn, `order '${id}' is already open`);
  const participantId = checkId(raw.participant, fn, 'participant', ErrorCode.INVALID_OWNER);
  const participant = view.participant(participantId);
  if (participant === undefined) fail(ErrorCode.UNKNOWN_PARTICIPANT, fn, `participant '${participantId}' is not registered`);
  const start = raw.deliveryStart;
  if (start !== view.validStart) {
    if (typeof start !== 'number' || !config.schedule.isStart(start)) {
      fail(ErrorCode.UNKNOWN_PRODUCT, fn, `deliveryStart ${describeValue(start)} is not the start of a ${config.schedule.intervalMs / 60_000}-minute interval`);
    }
    view.validStart = start;
  }
  const venue = venueAt(config, participant.zoneIndex, start, view.now, fn);
  const rawSide = raw.side;
  const side = rawSide === 'buy' || rawSide === 'sell' ? rawSide : sideOf(rawSide, fn);
  raw.headId = id;
  raw.headParticipant = participant;
  raw.headStart = start;
  raw.headVenue = venue;
  raw.headSide = side;
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
