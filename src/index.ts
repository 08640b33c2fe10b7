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
