import { expect } from 'vitest';
import { WattError } from '../../src/index.js';
import type { ErrorCode, ValueErrorReason } from '../../src/index.js';

/**
 * Runs `fn`, expects it to throw a WattError with `code` (and `reason`, when given) whose message
 * begins with `fnName` when given. Returns the error for further checks.
 */
export function expectWattError(
  fn: () => unknown,
  code: ErrorCode,
  options: { reason?: ValueErrorReason; fnName?: string } = {},
): WattError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'expected a WattError to be thrown').toBeInstanceOf(WattError);
  const error = thrown as WattError;
  expect(error.code).toBe(code);
  if (options.reason !== undefined) expect(error.reason).toBe(options.reason);
  if (options.fnName !== undefined) expect(error.message.startsWith(`${options.fnName}: `)).toBe(true);
  return error;
}

/** Runs `fn` and returns the WattError it threw, or undefined when it did not throw. */
export function catchWattError(fn: () => unknown): WattError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof WattError) return e;
    throw e;
  }
}

/** Runs `fn` and returns the code of the WattError it threw, or undefined when it did not throw. */
export function codeOf(fn: () => unknown): string | undefined {
  return catchWattError(fn)?.code;
}

/** fast-check runs per property: moderate by default, many more under `npm run test:long`. */
export const LONG = process.env['WATTMARKET_LONG'] === '1';
export function runs(normal: number, long = normal * 20): number {
  return LONG ? long : normal;
}
