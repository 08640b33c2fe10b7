/**
 * wattmarket: the trading core for local peer-to-peer energy markets.
 *
 * Everything public is named here; anything not exported from this file is private.
 * @packageDocumentation
 */
export { Decimal } from 'decimal.js';

export { ErrorCode } from './errors/error-codes.js';
export { WattError } from './errors/watt-error.js';
export type { ValueErrorReason } from './errors/watt-error.js';

export type { DecimalInput } from './units/decimal-input.js';
export { DecimalGrid } from './units/decimal-grid.js';
export type { DecimalGridOptions } from './units/decimal-grid.js';
export { ROUNDING_MODES } from './units/rounding.js';
export type { RoundingMode } from './units/rounding.js';

export { createRandom, SeededRandom } from './random/random.js';
export type { Random } from './random/random.js';
export { ManualClock } from './time/clock.js';
export type { Clock } from './time/clock.js';

export { OrderBook } from './order-book/order-book.js';
export type { OrderBookOptions, PriceBand } from './order-book/order-book-options.js';
export type {
  OrderInput,
  OrderChange,
  Side,
  OrderType,
  TimeInForce,
  SelfTradeMode,
  SubmitCancelReason,
  OrderCancelReason,
} from './order-book/order-types.js';
export type {
  SubmitResult,
  SubmitResultBase,
  RestingSubmitResult,
  FilledSubmitResult,
  CancelledSubmitResult,
  SubmitStatus,
} from './order-book/submit-result.js';
export type { Trade } from './order-book/trade.js';
export type { RestingOrder } from './order-book/resting-order.js';
export type { BookDepth, DepthLevel } from './order-book/book-depth.js';
export type {
  OrderBookEvents,
  OrderBookEventName,
  OrderAcceptedEvent,
  OrderFilledEvent,
  OrderCancelledEvent,
  OrderAmendedEvent,
} from './order-book/book-events.js';
export type { OrderBookSnapshot, SnapshotOptions, SnapshotOrder } from './order-book/book-snapshot.js';
