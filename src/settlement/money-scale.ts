import { divide, divideSafe, type RoundingMode } from '../units/rounding.js';
import type { Step } from '../units/step.js';
import { gcd } from '../units/gcd.js';
import { pow10Big } from '../units/powers-of-ten.js';

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);

/**
 * Exact price x quantity arithmetic in integers: a price in ticks times an energy amount in steps
 * is `ticks * steps * num / den` money steps, with `num / den` = tick x energy step / money step
 * reduced to lowest terms. Every division names its rounding mode.
 *
 * Two paths give the same exact results: numbers, when every product is a safe integer (a product
 * of safe integers that is itself safe is exact in a double), and bigint for the rest. Callers
 * check a bound once per trade and take the number path, which allocates nothing.
 */
export class MoneyScale {
  /** Numerator of tick x energy step / money step. */
  readonly num: bigint;
  /** Denominator of tick x energy step / money step. */
  readonly den: bigint;
  /** `num` as a number, when it and every divisor below are safe integers (else NaN). */
  readonly numN: number;
  /** `den`, `2 den`, `1,000,000 den` and `2,000,000 den` as numbers (divisors of fees and halves). */
  readonly denN: number;
  readonly den2N: number;
  readonly denPctN: number;
  readonly denPct2N: number;

  constructor(tick: Step, energy: Step, money: Step) {
    let num = BigInt(tick.multiple) * BigInt(energy.multiple) * pow10Big(money.decimals);
    let den = BigInt(money.multiple) * pow10Big(tick.decimals + energy.decimals);
    const g = gcd(num, den);
    num /= g;
    den /= g;
    this.num = num;
    this.den = den;
    const fits = num <= MAX_BIG && den * 2_000_000n <= MAX_BIG;
    this.numN = fits ? Number(num) : NaN;
    this.denN = fits ? Number(den) : NaN;
    this.den2N = fits ? Number(den * 2n) : NaN;
    this.denPctN = fits ? Number(den * 1_000_000n) : NaN;
    this.denPct2N = fits ? Number(den * 2_000_000n) : NaN;
  }

  /** `ticks x steps` in money steps as an exact fraction: the numerator over {@link den}. */
  exact(ticks: number, steps: number | bigint): bigint {
    return BigInt(ticks) * BigInt(steps) * this.num;
  }

  /** `ticks x steps` in money steps, rounded by `mode`. */
  value(ticks: number, steps: number | bigint, mode: RoundingMode): bigint {
    return divide(this.exact(ticks, steps), this.den, mode);
  }

  /**
   * `ticks x steps` in money steps rounded by `mode`, as a number; NaN when the result is beyond
   * the safe integers (the caller refuses it: it could not be held exactly).
   */
  valueN(ticks: number, steps: number, mode: RoundingMode): number {
    const p = ticks * steps * this.numN;
    if (p <= MAX && p >= -MAX) return divideSafe(p, this.denN, mode);
    return safeOrNaN(this.value(ticks, steps, mode));
  }

  /** A numerator over `den * extra` rounded by `mode` (for percentages and halves). */
  round(numerator: bigint, extra: bigint, mode: RoundingMode): bigint {
    return divide(numerator, this.den * extra, mode);
  }
}

/** A bigint as a number when it is a safe integer, else NaN. */
export function safeOrNaN(v: bigint): number {
  return v <= MAX_BIG && v >= -MAX_BIG ? Number(v) : NaN;
}
