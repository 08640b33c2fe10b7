import { Decimal } from 'decimal.js';
import type { ValueErrorReason } from '../errors/watt-error.js';

/**
 * A finite decimal held exactly: `(negative ? -1 : 1) * digits * 10^exponent`, where `digits` is
 * a string of decimal digits with no leading zeros (`'0'` for zero).
 */
export interface ExactDecimal {
  /** Whether it is below zero (never for zero). */
  readonly negative: boolean;
  /** Its decimal digits, without leading or trailing zeros (`'0'` for zero). */
  readonly digits: string;
  /** The power of ten the digits are multiplied by. */
  readonly exponent: number;
}

// Longer inputs are refused rather than parsed: no meaningful price, quantity or amount needs more.
const MAX_TEXT_LENGTH = 400;
// An exponent beyond this cannot give a value held exactly in a safe integer of any step; it is
// classified without building 10^exponent.
const MAX_ABS_EXPONENT = 100_000;
const DECIMAL_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses any `DecimalInput` exactly, by its decimal text (a number by the text it prints as).
 * Returns the reason when the value is not a finite decimal. This is the slow, general path;
 * `toSteps` tries cheaper ones first.
 */
export function parseExactDecimal(value: unknown): ExactDecimal | ValueErrorReason {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NOT_FINITE';
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) return 'NOT_FINITE';
    text = value.toString();
  } else {
    return 'NOT_A_NUMBER';
  }
  if (text.length > MAX_TEXT_LENGTH) return 'TOO_LARGE';
  const m = DECIMAL_SYNTAX.exec(text);
  if (m === null) {
    return /^[+-]?(Infinity|NaN)$/.test(text) ? 'NOT_FINITE' : 'NOT_A_NUMBER';
  }
  const intText = m[2] ?? '';
  const fracText = m[3] ?? '';
  if (intText.length + fracText.length === 0) return 'NOT_A_NUMBER';
  const expText = m[4];
  let exponent = 0;
  if (expText !== undefined) {
    exponent = Number(expText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_ABS_EXPONENT) {
      exponent = exponent > 0 ? MAX_ABS_EXPONENT + 1 : -(MAX_ABS_EXPONENT + 1);
    }
  }
  let digits = (intText + fracText).replace(/^0+/, '');
  exponent -= fracText.length;
  if (digits === '') return { negative: false, digits: '0', exponent: 0 };
  // Normalise trailing zeros into the exponent so equal values have equal forms.
  const stripped = digits.replace(/0+$/, '');
  exponent += digits.length - stripped.length;
  digits = stripped;
  return { negative: m[1] === '-', digits, exponent };
}

/** The exact decimal as plain text without an exponent, for messages and keys. */
export function exactDecimalText(d: ExactDecimal): string {
  const sign = d.negative ? '-' : '';
  if (d.exponent >= 0) return sign + d.digits + '0'.repeat(d.exponent);
  const point = d.digits.length + d.exponent;
  if (point > 0) return `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`;
  return `${sign}0.${'0'.repeat(-point)}${d.digits}`;
}
