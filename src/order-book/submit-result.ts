import type { Decimal } from 'decimal.js';
import { formatSteps, fromSteps } from '../units/from-steps.js';
import type { BookUnits, SubmitCancelReason } from './order-types.js';
import type { Trade } from './trade.js';

/** The fields every {@link SubmitResult} has, whatever its status. */
export interface SubmitResultBase {
  /** The order's id. */
  readonly orderId: string;
  /** The trades this call made, in sequence order (empty when none). */
  readonly trades: readonly Trade[];
  /** The quantity this call filled, in kWh (the sum of `trades`). */
  readonly filled: Decimal;
  /** The order's open quantity resting in the book after the call, in kWh (zero unless `'resting'`). */
  readonly remaining: Decimal;
  /**
   * The quantity this call cancelled, in kWh: an unfilled rest that could not stay (IOC, FOK,
   * post-only, self-trade) and, for {@link OrderBook.amend}, a lowered open quantity.
   * For submit, `filled + remaining + cancelled` is the order's quantity.
   */
  readonly cancelled: Decimal;
}

/** Some or all of the order rests in the book; `filled` says how much traded on the way. */
export interface RestingSubmitResult extends SubmitResultBase {
  /** The discriminant. */
  readonly status: 'resting';
  /** Never set for a resting order. */
  readonly cancelReason: undefined;
}

/** The order filled completely; nothing rests. */
export interface FilledSubmitResult extends SubmitResultBase {
  /** The discriminant. */
  readonly status: 'filled';
  /** Never set for a filled order. */
  readonly cancelReason: undefined;
}

/** The order is not resting and did not fill completely: its unfilled rest was cancelled. */
export interface CancelledSubmitResult extends SubmitResultBase {
  /** The discriminant. */
  readonly status: 'cancelled';
  /** Why the rest was cancelled. */
  readonly cancelReason: SubmitCancelReason;
}

/**
 * What {@link OrderBook.submit} and {@link OrderBook.amend} return, discriminated by `status`:
 * `'resting'` (some or all of the order rests), `'filled'` (completely) or `'cancelled'` (not
 * resting and not completely filled, with a `cancelReason`).
 *
 * @example
 * ```ts
 * const r = book.submit({ id: 'b1', owner: 'bob', side: 'buy', price: '0.12', quantity: 3 });
 * if (r.status === 'cancelled') console.log('cancelled:', r.cancelReason);
 * else console.log(r.status, r.filled.toString(), r.remaining.toString());
 * ```
 */
export type SubmitResult = RestingSubmitResult | FilledSubmitResult | CancelledSubmitResult;

/** The status of a {@link SubmitResult}. */
export type SubmitStatus = SubmitResult['status'];

/** The result object: one allocation per call; its Decimals are built on first read. */
export class BookSubmitResult implements SubmitResultBase {
  // One slot for the three lazy Decimals (filled, remaining, cancelled): 96 bytes a result.
  private decimals: (Decimal | undefined)[] | undefined = undefined;

  constructor(
    readonly orderId: string,
    readonly status: SubmitStatus,
    readonly cancelReason: SubmitCancelReason | undefined,
    readonly trades: readonly Trade[],
    readonly filledSteps: number,
    readonly remainingSteps: number,
    readonly cancelledSteps: number,
    private readonly units: BookUnits,
  ) {}

  get filled(): Decimal {
    const d = (this.decimals ??= [undefined, undefined, undefined]);
    return (d[0] ??= fromSteps(this.filledSteps, this.units.quantityStep));
  }

  get remaining(): Decimal {
    const d = (this.decimals ??= [undefined, undefined, undefined]);
    return (d[1] ??= fromSteps(this.remainingSteps, this.units.quantityStep));
  }

  get cancelled(): Decimal {
    const d = (this.decimals ??= [undefined, undefined, undefined]);
    return (d[2] ??= fromSteps(this.cancelledSteps, this.units.quantityStep));
  }

  /** Plain data with the decimals as exact strings, for `JSON.stringify` and logs. */
  toJSON(): Record<string, unknown> {
    const q = this.units.quantityStep;
    return {
      orderId: this.orderId,
      status: this.status,
      ...(this.cancelReason === undefined ? {} : { cancelReason: this.cancelReason }),
      trades: this.trades,
      filled: formatSteps(this.filledSteps, q),
      remaining: formatSteps(this.remainingSteps, q),
      cancelled: formatSteps(this.cancelledSteps, q),
    };
  }

  /** `console.log` shows the result as its plain data. */
  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
    return this.toJSON();
  }
}
