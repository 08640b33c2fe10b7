import { Decimal } from 'decimal.js';
import type { Step } from './step.js';

/**
 * The exact decimal text of `steps * step`, e.g. `formatSteps(1234, tick 0.0001)` is `'0.1234'`.
 * `steps` is a safe integer or a bigint (for products such as price times quantity).
 */
export function formatSteps(steps: number | bigint, step: Step): string {
  return formatUnits(BigInt(steps) * BigInt(step.multiple), step.decimals);
}

/** The exact decimal text of `units * 10^-decimals`, without trailing zeros. */
export function formatUnits(units: number | bigint, decimals: number): string {
  const big = BigInt(units);
  const negative = big < 0n;
  let digits = (negative ? -big : big).toString();
  if (decimals === 0) return negative ? `-${digits}` : digits;
  if (digits.length <= decimals) digits = '0'.repeat(decimals - digits.length + 1) + digits;
  const point = digits.length - decimals;
  let text = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/\.?0+$/, '');
  if (text === '') text = '0';
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * `steps * step` as a decimal.js `Decimal`, exactly (a Decimal is not rounded on construction).
 */
export function fromSteps(steps: number | bigint, step: Step): Decimal {
  return new Decimal(formatSteps(steps, step));
}

/** `units * 10^-decimals` as a `Decimal`, exactly. */
export function fromUnits(units: number | bigint, decimals: number): Decimal {
  return new Decimal(formatUnits(units, decimals));
}
