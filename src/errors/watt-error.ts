import type { ErrorCode } from './error-codes.js';

/**
 * Which of the ways a value can be wrong, for the value codes (`INVALID_PRICE`, ...).
 * - `NOT_A_NUMBER`: not a number, a decimal string or a Decimal (a boolean, `'abc'`, `''`, null...).
 * - `NOT_FINITE`: NaN or an infinity.
 * - `NOT_POSITIVE`: zero or negative where the value must be positive.
 * - `NEGATIVE`: negative where the value must be zero or more.
 * - `OFF_STEP`: not a whole multiple of its step (tick, quantity step, asset step).
 * - `TOO_LARGE`: too large (or too precise) to be held exactly.
 * - `OUT_OF_RANGE`: outside the range allowed by the caller's options (a price band, k outside [0, 1]).
 */
export type ValueErrorReason =
  | 'NOT_A_NUMBER'
  | 'NOT_FINITE'
  | 'NOT_POSITIVE'
  | 'NEGATIVE'
  | 'OFF_STEP'
  | 'TOO_LARGE'
  | 'OUT_OF_RANGE';

/**
 * The one error type wattmarket throws for bad input and misuse. The object that threw is left
 * exactly as it was before the call.
 *
 * @example
 * ```ts
 * try {
 *   book.submit({ id: 'a', owner: 'x', side: 'buy', price: '0.12345', quantity: 1 });
 * } catch (e) {
 *   if (e instanceof WattError) console.log(e.code, e.message);
 *   // INVALID_PRICE OrderBook.submit: price 0.12345 is not a multiple of the tick 0.0001
 * }
 * ```
 */
export class WattError extends Error {
  /** A stable UPPER_SNAKE_CASE code from {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** For value errors, which way the value was wrong; otherwise undefined. */
  readonly reason: ValueErrorReason | undefined;

  /**
   * @param code - the stable code.
   * @param message - the full message; it begins with the name of the function that threw.
   * @param reason - for value errors, which way the value was wrong.
   */
  constructor(code: ErrorCode, message: string, reason?: ValueErrorReason) {
    super(message);
    this.name = 'WattError';
    this.code = code;
    this.reason = reason;
  }
}

/**
 * Throws a {@link WattError} whose message begins with `fn`. A function rather than `throw new`
 * at each site keeps the message format in one place.
 * @internal
 */
export function fail(code: ErrorCode, fn: string, text: string, reason?: ValueErrorReason): never {
  throw new WattError(code, `${fn}: ${text}`, reason);
}
