import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { BookUnits, OrderCancelReason, OrderType, Side, TimeInForce } from './order-types.js';
import type { Trade } from './trade.js';

/** An order passed validation and is about to be matched (emitted for every valid submit). */
export interface OrderAcceptedEvent {
  /** The order's id. */
  readonly orderId: string;
  /** The order's owner. */
  readonly owner: string;
  /** The order's side. */
  readonly side: Side;
  /** `'limit'` or `'market'`. */
  readonly type: OrderType;
  /** The time in force, after defaults. */
  readonly timeInForce: TimeInForce;
  /** Whether the order is post-only. */
  readonly postOnly: boolean;
  /** The limit price; undefined for a market order. */
  readonly price: Decimal | undefined;
  /** The quantity submitted, in kWh. */
  readonly quantity: Decimal;
}

/** An order filled completely (a resting maker, or the incoming order itself). */
export interface OrderFilledEvent {
  /** The order's id. */
  readonly orderId: string;
  /** The order's owner. */
  readonly owner: string;
  /** The order's side. */
  readonly side: Side;
  /** Everything the order filled over its life, in kWh. */
  readonly filled: Decimal;
}

/** An order's open quantity was cancelled: it left the book, or its rest never joined it. */
export interface OrderCancelledEvent {
  /** The order's id. */
  readonly orderId: string;
  /** The order's owner. */
  readonly owner: string;
  /** The order's side. */
  readonly side: Side;
  /** Why. */
  readonly reason: OrderCancelReason;
  /** The open quantity cancelled, in kWh. */
  readonly quantity: Decimal;
  /** Everything the order filled over its life before the cancel, in kWh. */
  readonly filled: Decimal;
}

/** A resting order was changed by {@link OrderBook.amend} (before any matching it causes). */
export interface OrderAmendedEvent {
  /** The order's id. */
  readonly orderId: string;
  /** The order's owner. */
  readonly owner: string;
  /** The order's side. */
  readonly side: Side;
  /** The new limit price. */
  readonly price: Decimal;
  /** The new open quantity, in kWh. */
  readonly quantity: Decimal;
  /** The limit price before. */
  readonly previousPrice: Decimal;
  /** The open quantity before, in kWh. */
  readonly previousQuantity: Decimal;
  /** True when the order kept its place in the queue (same price, quantity not raised). */
  readonly keptPriority: boolean;
}

/**
 * The events of an {@link OrderBook} and their listeners' signatures (an eventemitter3 event
 * map). Events are emitted after the call's whole state change, in the order the changes
 * happened; see {@link OrderBook.on}.
 */
export interface OrderBookEvents {
  /** An order passed validation; emitted first for every valid {@link OrderBook.submit}. */
  accepted: (event: OrderAcceptedEvent) => void;
  /** A trade; the same object as in the call's {@link SubmitResult}. */
  trade: (trade: Trade) => void;
  /** An order filled completely. */
  filled: (event: OrderFilledEvent) => void;
  /** An order's open quantity was cancelled, with the reason. */
  cancelled: (event: OrderCancelledEvent) => void;
  /** A resting order was amended; emitted first for every valid {@link OrderBook.amend}. */
  amended: (event: OrderAmendedEvent) => void;
}

/** The names of the {@link OrderBookEvents}. */
export type OrderBookEventName = keyof OrderBookEvents;

/** Every event name, in the order of their mask bits. */
export const EVENT_NAMES: readonly OrderBookEventName[] = Object.freeze(['accepted', 'trade', 'filled', 'cancelled', 'amended']);

/** Mask bits: a bit is set while the event has a listener, so the hot path builds only what is heard. */
export const EV_ACCEPTED = 1;
/** See {@link EV_ACCEPTED}. */
export const EV_TRADE = 2;
/** See {@link EV_ACCEPTED}. */
export const EV_FILLED = 4;
/** See {@link EV_ACCEPTED}. */
export const EV_CANCELLED = 8;
/** See {@link EV_ACCEPTED}. */
export const EV_AMENDED = 16;

/** Builds an {@link OrderAcceptedEvent}; only called while someone listens. */
export function acceptedEvent(
  units: BookUnits,
  orderId: string,
  owner: string,
  sell: boolean,
  market: boolean,
  timeInForce: TimeInForce,
  postOnly: boolean,
  priceTicks: number,
  quantitySteps: number,
): OrderAcceptedEvent {
  return {
    orderId,
    owner,
    side: sell ? 'sell' : 'buy',
    type: market ? 'market' : 'limit',
    timeInForce,
    postOnly,
    price: market ? undefined : fromSteps(priceTicks, units.priceTick),
    quantity: fromSteps(quantitySteps, units.quantityStep),
  };
}

/** Builds an {@link OrderFilledEvent}. */
export function filledEvent(units: BookUnits, orderId: string, owner: string, sell: boolean, filledSteps: number): OrderFilledEvent {
  return { orderId, owner, side: sell ? 'sell' : 'buy', filled: fromSteps(filledSteps, units.quantityStep) };
}

/** Builds an {@link OrderCancelledEvent}. */
export function cancelledEvent(
  units: BookUnits,
  orderId: string,
  owner: string,
  sell: boolean,
  reason: OrderCancelReason,
  quantitySteps: number,
  filledSteps: number,
): OrderCancelledEvent {
  return {
    orderId,
    owner,
    side: sell ? 'sell' : 'buy',
    reason,
    quantity: fromSteps(quantitySteps, units.quantityStep),
    filled: fromSteps(filledSteps, units.quantityStep),
  };
}

/** Builds an {@link OrderAmendedEvent}. */
export function amendedEvent(
  units: BookUnits,
  orderId: string,
  owner: string,
  sell: boolean,
  priceTicks: number,
  quantitySteps: number,
  previousPriceTicks: number,
  previousQuantitySteps: number,
  keptPriority: boolean,
): OrderAmendedEvent {
  return {
    orderId,
    owner,
    side: sell ? 'sell' : 'buy',
    price: fromSteps(priceTicks, units.priceTick),
    quantity: fromSteps(quantitySteps, units.quantityStep),
    previousPrice: fromSteps(previousPriceTicks, units.priceTick),
    previousQuantity: fromSteps(previousQuantitySteps, units.quantityStep),
    keptPriority,
  };
}
