import { divide, divideSafe, ROUNDING_MODES, type RoundingMode } from '../units/rounding.js';
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

  /**
   * {@link valueN} with the mode also given as its {@link roundingCode}: the same result, rounded
   * by {@link divideRounded} on the number path (for settlement's loop over every participant,
   * where the general division's checks and its mode, compared as a string, were a quarter of
   * the loop).
   */
  valueCoded(ticks: number, steps: number, mode: RoundingMode, code: number): number {
    const p = ticks * steps * this.numN;
    if (p <= MAX && p >= -MAX) return divideRounded(p, this.denN, code);
    return safeOrNaN(this.value(ticks, steps, mode));
  }

  /** A numerator over `den * extra` rounded by `mode` (for percentages and halves). */
  round(numerator: bigint, extra: bigint, mode: RoundingMode): bigint {
    return divide(numerator, this.den * extra, mode);
  }
}

/** A rounding mode as a small integer, for {@link divideRounded}: its position in ROUNDING_MODES. */
export function roundingCode(mode: RoundingMode): number {
  return ROUNDING_MODES.indexOf(mode);
}

const TRUNC_LIMIT = 2 ** 52;

/**
 * `a / b` rounded by the mode of `code` (see {@link roundingCode}): divideSafe's result for a
 * safe integer `a` and a positive safe integer `b`, the mode compared as a number.
 */
export function divideRounded(a: number, b: number, code: number): number {
  // The remainder as divideSafe takes it: exact on each path.
  const r = (a | 0) === a && (b | 0) === b ? (a | 0) % (b | 0) : a < TRUNC_LIMIT && a > -TRUNC_LIMIT ? a - Math.trunc(a / b) * b : a % b;
  const q = (a - r) / b;
  if (r === 0) return q === 0 ? 0 : q;
  // b > 0: the quotient is negative exactly when a is.
  const negative = a < 0;
  let away: boolean;
  if (code >= 4) {
    // half-even (4), half-up (5): away from zero past the half, and at the half up or to even.
    const twice = r < 0 ? -2 * r : 2 * r;
    away = twice > b || (twice === b && (code === 5 || ((q | 0) === q ? (q & 1) !== 0 : q % 2 !== 0)));
  } else {
    // floor (0), ceil (1), down (2), up (3).
    away = code === 3 || (code === 0 ? negative : code === 1 ? !negative : false);
  }
  if (!away) return q === 0 ? 0 : q;
  return negative ? q - 1 : q + 1;
}

/** A bigint as a number when it is a safe integer, else NaN. */
export function safeOrNaN(v: bigint): number {
  return v <= MAX_BIG && v >= -MAX_BIG ? Number(v) : NaN;
}
