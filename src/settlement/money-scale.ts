import { divide, type RoundingMode } from '../units/rounding.js';
import type { Step } from '../units/step.js';
import { pow10Big } from '../units/powers-of-ten.js';

/**
 * Exact price x quantity arithmetic in integers: a price in ticks times an energy amount in steps
 * is `ticks * steps * num / den` money steps, with `num / den` = tick x energy step / money step
 * reduced to lowest terms. Products are bigint, so nothing can overflow; every division names
 * its rounding mode.
 */
export class MoneyScale {
  /** Numerator of tick x energy step / money step. */
  readonly num: bigint;
  /** Denominator of tick x energy step / money step. */
  readonly den: bigint;

  constructor(tick: Step, energy: Step, money: Step) {
    let num = BigInt(tick.multiple) * BigInt(energy.multiple) * pow10Big(money.decimals);
    let den = BigInt(money.multiple) * pow10Big(tick.decimals + energy.decimals);
    const g = gcd(num, den);
    num /= g;
    den /= g;
    this.num = num;
    this.den = den;
  }

  /** `ticks x steps` in money steps as an exact fraction: the numerator over {@link den}. */
  exact(ticks: number, steps: number | bigint): bigint {
    return BigInt(ticks) * BigInt(steps) * this.num;
  }

  /** `ticks x steps` in money steps, rounded by `mode`. */
  value(ticks: number, steps: number | bigint, mode: RoundingMode): bigint {
    return divide(this.exact(ticks, steps), this.den, mode);
  }

  /** A numerator over `den * extra` rounded by `mode` (for percentages and halves). */
  round(numerator: bigint, extra: bigint, mode: RoundingMode): bigint {
    return divide(numerator, this.den * extra, mode);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
