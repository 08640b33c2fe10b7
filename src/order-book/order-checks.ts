import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail } from '../errors/watt-error.js';
import { EVENT_NAMES } from './book-events.js';
import { TIF_FOK, TIF_GTC, TIF_IOC } from './engine-codes.js';

// Checks of the book's inputs that are not one-liners, kept out of the class so that it reads
// as the API. Each throws the documented WattError.

/** An order as JavaScript may pass it: every field unchecked. */
export interface LooseOrder {
  readonly id?: unknown;
  readonly owner?: unknown;
  readonly side?: unknown;
  readonly quantity?: unknown;
  readonly price?: unknown;
  readonly type?: unknown;
  readonly timeInForce?: unknown;
  readonly postOnly?: unknown;
}

/** The time in force as a TIF_* code, after the defaults (GTC for limit, IOC for market). */
export function timeInForce(value: unknown, market: boolean, fn: string): number {
  if (value === undefined) return market ? TIF_IOC : TIF_GTC;
  if (value === 'IOC') return TIF_IOC;
  if (value === 'FOK') return TIF_FOK;
  if (value === 'GTC') {
    if (market) fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, 'a market order cannot be GTC');
    return TIF_GTC;
  }
  return fail(ErrorCode.INVALID_TIME_IN_FORCE, fn, `timeInForce must be 'GTC', 'IOC' or 'FOK'; got ${describeValue(value)}`);
}

/** Throws INVALID_ARGUMENT for a field the call does not know. */
export function unknownField(fn: string, what: string, key: string): never {
  return fail(ErrorCode.INVALID_ARGUMENT, fn, `unknown ${what} field '${key}'`);
}

/** Throws INVALID_ARGUMENT for an unknown event name or a listener that is not a function. */
export function checkListener(fn: string, event: unknown, listener: unknown): void {
  if (typeof event !== 'string' || !(EVENT_NAMES as readonly string[]).includes(event)) {
    fail(ErrorCode.INVALID_ARGUMENT, fn, `unknown event ${describeValue(event)} (known: ${EVENT_NAMES.join(', ')})`);
  }
  if (typeof listener !== 'function') fail(ErrorCode.INVALID_ARGUMENT, fn, `listener must be a function; got ${describeValue(listener)}`);
}

/** A stand-in listener, for validating `off(event)` without one. */
export function noop(): void {
  // a stand-in listener for validating off(event) without one
}
