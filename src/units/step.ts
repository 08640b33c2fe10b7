import { fail } from '../errors/watt-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { DecimalInput } from './decimal-input.js';
import { exactDecimalText, parseExactDecimal } from './exact-decimal.js';
import { POW10 } from './powers-of-ten.js';
import { describeValue } from '../errors/describe-value.js';

/**
 * The grid a kind of value lives on (a price tick, a quantity step, an asset's step): every
 * value is an integer count of steps. The step itself is `multiple * 10^-decimals`, so `'0.0001'`
 * is `{ decimals: 4, multiple: 1 }` and `'0.005'` is `{ decimals: 3, multiple: 5 }`.
 */
export interface Step {
  /** The step as plain decimal text, e.g. `'0.0001'`. */
  readonly text: string;
  /** Decimal places of the step. */
  readonly decimals: number;
  /** The step in units of 10^-decimals: a positive safe integer. */
  readonly multiple: number;
  /** 10^decimals, exact. */
  readonly scale: number;
}

/** The most decimal places a step may have: 10^15 keeps every fast-path product exact. */
export const MAX_STEP_DECIMALS = 15;

/**
 * Reads a step option (`priceTick`, `quantityStep`, an asset's step).
 * @throws WattError INVALID_STEP when it is not a positive finite decimal with at most
 *   {@link MAX_STEP_DECIMALS} decimal places.
 */
export function createStep(input: DecimalInput, fn: string, name: string): Step {
  const d = parseExactDecimal(input);
  if (typeof d === 'string') {
    return fail(ErrorCode.INVALID_STEP, fn, `${name} ${describeValue(input)} is not a finite decimal`, d);
  }
  if (d.negative || d.digits === '0') {
    return fail(ErrorCode.INVALID_STEP, fn, `${name} ${exactDecimalText(d)} must be positive`, 'NOT_POSITIVE');
  }
  const decimals = Math.max(0, -d.exponent);
  if (decimals > MAX_STEP_DECIMALS) {
    return fail(ErrorCode.INVALID_STEP, fn, `${name} ${exactDecimalText(d)} has more than ${MAX_STEP_DECIMALS} decimal places`, 'TOO_LARGE');
  }
  const multiple = Number(d.digits) * (POW10[Math.max(0, d.exponent)] ?? Infinity);
  if (!Number.isSafeInteger(multiple)) {
    return fail(ErrorCode.INVALID_STEP, fn, `${name} ${exactDecimalText(d)} is too large`, 'TOO_LARGE');
  }
  return Object.freeze({ text: exactDecimalText(d), decimals, multiple, scale: POW10[decimals] as number });
}
