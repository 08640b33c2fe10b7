import type { AuctionResult } from '../auction/auction-result.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { SettlementResult } from '../settlement/settlement-result.js';
import type { MarketTrade, ProductMode } from './market-types.js';

/**
 * Why an order left the market without filling completely. `'capacity'`: in continuous trading,
 * what is left of its zone's link for the interval (`tariff.zoneCapacity`) could not carry it
 * (a FOK that could not fill completely, or the rest of an order that would have traded more).
 */
export type MarketCancelReason = 'user' | 'ioc' | 'self-trade' | 'fok' | 'post-only' | 'gate-closed' | 'unfilled' | 'capacity';

/** A participant joined. */
export interface ParticipantRegisteredEvent {
  /** Its id. */
  readonly participant: string;
  /** Its zone. */
  readonly zone: string;
}

/** An order was accepted. */
export interface OrderAcceptedEvent {
  /** The order id. */
  readonly orderId: string;
  /** Who placed it. */
  readonly participant: string;
  /** The product. */
  readonly product: string;
  /** Its side. */
  readonly side: 'buy' | 'sell';
  /** `'sealed'` for an auction, or the book's status after matching. */
  readonly status: 'sealed' | 'resting' | 'filled' | 'cancelled';
}

/**
 * An order was refused. The market's one exception to "a refused call emits nothing": audit logs
 * want refusals, so the refusal is announced, but nothing in the market changed and the call
 * throws the same error right after.
 */
export interface OrderRejectedEvent {
  /** The order id as given (it may be missing or malformed). */
  readonly orderId: unknown;
  /** The participant as given. */
  readonly participant: unknown;
  /** The error's code. */
  readonly code: ErrorCode;
  /** The error's message. */
  readonly message: string;
}

/** An order, or its rest, left the market. */
export interface OrderCancelledEvent {
  /** The order id. */
  readonly orderId: string;
  /** The product. */
  readonly product: string;
  /** Why. */
  readonly reason: MarketCancelReason;
}

/** A product's gate closed. */
export interface GateClosedEvent {
  /** The product. */
  readonly product: string;
  /** Its zone. */
  readonly zone: string;
  /** The interval's start, ms. */
  readonly deliveryStart: number;
  /** How it traded. */
  readonly mode: ProductMode;
}

/** A product entered its call phase (continuous trading followed by a closing auction). */
export interface CallPhaseStartedEvent {
  /** The product. */
  readonly product: string;
  /** The interval's start, ms. */
  readonly deliveryStart: number;
  /** Orders moved from the book into the auction. */
  readonly sealedOrders: number;
}

/** An auction cleared at gate closure. */
export interface AuctionClearedEvent {
  /** The products cleared together (one, or every auction zone of the interval with zone fees). */
  readonly products: readonly string[];
  /** The interval's start, ms. */
  readonly deliveryStart: number;
  /** The auction's full result (prices, trades, fills, curves, welfare). */
  readonly result: AuctionResult;
}

/** An interval was settled. */
export interface IntervalSettledEvent {
  /** The interval's start, ms. */
  readonly deliveryStart: number;
  /** What settlement posted. */
  readonly result: SettlementResult;
}

/** Money moved into or out of a participant's account from outside the market. */
export interface FundsMovedEvent {
  /** The transfer's id as given. */
  readonly id: string;
  /** The participant. */
  readonly participant: string;
  /** `'deposit'` or `'withdrawal'`. */
  readonly kind: 'deposit' | 'withdrawal';
  /** `'created'`, or `'exists'` for a retry. */
  readonly status: 'created' | 'exists';
}

/**
 * The events of a {@link Market} (an eventemitter3 event map). Each is emitted after the call's
 * whole state change; within one call in this order: acceptance, trades, cancellations; within
 * one `advanceTo`, instant by instant: gate closures (with auction results, trades and expiries),
 * call phases, then settlement events of later calls.
 */
export interface MarketEvents {
  /** See {@link ParticipantRegisteredEvent}. */
  participantRegistered: (event: ParticipantRegisteredEvent) => void;
  /** See {@link FundsMovedEvent}. */
  fundsMoved: (event: FundsMovedEvent) => void;
  /** See {@link OrderAcceptedEvent}. */
  orderAccepted: (event: OrderAcceptedEvent) => void;
  /** See {@link OrderRejectedEvent}. */
  orderRejected: (event: OrderRejectedEvent) => void;
  /** See {@link OrderCancelledEvent}. */
  orderCancelled: (event: OrderCancelledEvent) => void;
  /** A trade. */
  trade: (trade: MarketTrade) => void;
  /** See {@link GateClosedEvent}. */
  gateClosed: (event: GateClosedEvent) => void;
  /** See {@link CallPhaseStartedEvent}. */
  callPhaseStarted: (event: CallPhaseStartedEvent) => void;
  /** See {@link AuctionClearedEvent}. */
  auctionCleared: (event: AuctionClearedEvent) => void;
  /** See {@link IntervalSettledEvent}. */
  intervalSettled: (event: IntervalSettledEvent) => void;
}
