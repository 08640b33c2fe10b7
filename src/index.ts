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

export { clearAuction } from './auction/clear-auction.js';
export type { AuctionOrder } from './auction/auction-order.js';
export type { AuctionOptions, AuctionZones } from './auction/auction-options.js';
export type { AuctionResult, AuctionTrade, AuctionFill, CurveStep, ClearingInterval, ZonePrice } from './auction/auction-result.js';
export type {
  AuctionMechanism,
  MechanismProperties,
  MechanismContext,
  MechanismAllocation,
  AllocationTrades,
  TickInterval,
  ZoneTickPrices,
  Rationing,
  ExactFraction,
} from './auction/mechanism.js';
export type { NormalisedOrders, NormalisedSide } from './auction/normalised-orders.js';
export { AllocationBuilder } from './auction/allocation-builder.js';
export { BUILT_IN_MECHANISMS, MECHANISM_PROPERTIES } from './auction/mechanisms/built-in-mechanisms.js';
export type { BuiltInMechanismName } from './auction/mechanisms/built-in-mechanisms.js';
