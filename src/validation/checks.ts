import type { ErrorCode } from '../errors/error-codes.js';
import { ErrorCode as Codes } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { describeValue } from '../errors/describe-value.js';

/**
 * Returns `value` when it is one of `allowed`, `fallback` when it is undefined, and throws
 * INVALID_OPTION (or `code`) otherwise. For string-literal options such as `selfTrade`.
 */
export function checkOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  fn: string,
  name: string,
  code: ErrorCode = Codes.INVALID_OPTION,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(code, fn, `${name} must be ${allowed.map((a) => `'${a}'`).join(', ')}; got ${describeValue(value)}`);
}

/** Returns `value` when it is a non-empty string; throws `code` (INVALID_ID by default) otherwise. */
export function checkId(value: unknown, fn: string, name: string, code: ErrorCode = Codes.INVALID_ID): string {
  if (typeof value === 'string' && value !== '') return value;
  return fail(code, fn, `${name} must be a non-empty string; got ${describeValue(value)}`);
}

/** Returns `value` when it is a non-null, non-array object; throws INVALID_ARGUMENT otherwise. */
export function checkObject(value: unknown, fn: string, name: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return fail(Codes.INVALID_ARGUMENT, fn, `${name} must be an object; got ${describeValue(value)}`);
}

/** Returns `value` when it is an array; throws INVALID_ARGUMENT otherwise. */
export function checkArray(value: unknown, fn: string, name: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return fail(Codes.INVALID_ARGUMENT, fn, `${name} must be an array; got ${describeValue(value)}`);
}

/** Returns `value` when it is undefined or a boolean; throws INVALID_OPTION otherwise. */
export function checkBoolean(value: unknown, fallback: boolean, fn: string, name: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  return fail(Codes.INVALID_OPTION, fn, `${name} must be a boolean; got ${describeValue(value)}`);
}

/**
 * Returns `value` when it is a safe integer in `[min, max]`, `fallback` when undefined;
 * throws `code` (INVALID_RANGE by default) otherwise.
 */
export function checkInteger(
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  fn: string,
  name: string,
  code: ErrorCode = Codes.INVALID_RANGE,
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return value;
  return fail(code, fn, `${name} must be an integer from ${min} to ${max}; got ${describeValue(value)}`);
}

/**
 * Throws INVALID_OPTION when `options` has a key that is not in `known`: a misspelt option is a
 * bug in the caller, not something to ignore silently.
 */
export function checkKnownKeys(options: Record<string, unknown>, known: readonly string[], fn: string, what: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) fail(Codes.INVALID_OPTION, fn, `unknown ${what} '${key}' (known: ${known.join(', ')})`);
  }
}

/**
 * Throws INVALID_ARGUMENT when a data object (an order, a trade, a reading) has a field that is
 * not in `known`: a misspelt field is a bug in the caller. Options use {@link checkKnownKeys},
 * which throws INVALID_OPTION.
 */
export function checkFields(value: Record<string, unknown>, known: readonly string[], fn: string, what: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(Codes.INVALID_ARGUMENT, fn, `unknown ${what} '${key}' (known: ${known.join(', ')})`);
  }
}

/**
 * Throws `code` naming the first hole of `list` (an index it does not hold). `map` and `forEach`
 * skip holes, so a sparse list (a script that fills `list[i]` in a loop and misses one) would
 * otherwise pass its checks with an entry missing. Stops at the first hole, so it costs no more
 * than the entries the list really holds.
 */
export function checkNoHoles(list: readonly unknown[], fn: string, name: string, code: ErrorCode = Codes.INVALID_ARGUMENT): void {
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) fail(code, fn, `${name}[${i}] is missing (the list has a hole there)`);
  }
}
