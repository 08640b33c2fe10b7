import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { isoText, MS_PER_DAY } from '../time/calendar.js';
import { describeValue } from '../errors/describe-value.js';

/**
 * The fixed rhythm of a market's products: delivery intervals of `intervalMs` aligned to the Unix
 * epoch (so 15-minute intervals start at :00, :15, :30 and :45 UTC), each opening `horizonMs`
 * before its start, closing `gateMs` before it, and, with a call phase, turning sealed `callMs`
 * before gate closure. Pure arithmetic: no state, no clock.
 */
export class ProductSchedule {
  /**
   * @param intervalMs - the length of a delivery interval; divides a day.
   * @param horizonMs - how long before its start an interval opens (>= gateMs).
   * @param gateMs - how long before its start the gate closes (>= 0).
   * @param callMs - how long before gate closure the call phase begins (0 for none).
   */
  constructor(
    readonly intervalMs: number,
    readonly horizonMs: number,
    readonly gateMs: number,
    readonly callMs: number,
  ) {
    if (MS_PER_DAY % intervalMs !== 0) throw new RangeError('interval must divide a day');
  }

  /** Whether `start` is the start of an interval (within {@link TIME_LIMIT}). */
  isStart(start: number): boolean {
    return isMarketTime(start) && start % this.intervalMs === 0;
  }

  /** When the interval starting at `start` opens for orders. */
  opensAt(start: number): number {
    return start - this.horizonMs;
  }

  /** When its gate closes. */
  gateClosure(start: number): number {
    return start - this.gateMs;
  }

  /** When its call phase begins (equal to the opening when the phase spans the whole horizon). */
  callStart(start: number): number {
    return Math.max(this.opensAt(start), this.gateClosure(start) - this.callMs);
  }

  /** When its delivery ends. */
  deliveryEnd(start: number): number {
    return start + this.intervalMs;
  }

  /** The start {@link startIso} is the ISO text of (a memo of a pure function, not state). */
  private isoStart = NaN;
  private startIso = '';

  /** The product id of a zone and an interval: `<zone>@<ISO start>`. */
  productId(zone: string, start: number): string {
    // An interval's products are made one after the other: its start is written once, not per zone.
    if (start !== this.isoStart) {
      this.startIso = isoTime(start);
      this.isoStart = start;
    }
    return `${zone}@${this.startIso}`;
  }
}

/**
 * The latest (and, negated, the earliest) instant a market takes, ms since the epoch: the
 * calendar's limit (ECMAScript dates end at 8.64e15 ms, in the year 275760) less 400 days, so that
 * every instant derived from a valid time (an opening a horizon before, a delivery end after) is
 * a date too. A time beyond it is refused with INVALID_TIME.
 */
export const TIME_LIMIT = 8_640_000_000_000_000 - 400 * MS_PER_DAY;

/** Whether `t` is a time a market takes: a whole number of ms within ±{@link TIME_LIMIT}. */
export function isMarketTime(t: unknown): t is number {
  return typeof t === 'number' && Number.isSafeInteger(t) && t <= TIME_LIMIT && t >= -TIME_LIMIT;
}

/** Returns `t` when it is a market time, else throws INVALID_TIME naming `fn` and `what`. */
export function checkMarketTime(t: unknown, fn: string, what: string): number {
  if (!isMarketTime(t)) {
    const text = typeof t === 'number' ? String(t) : describeValue(t);
    fail(ErrorCode.INVALID_TIME, fn, `${what} must be a whole number of ms since the epoch within ±${TIME_LIMIT}; got ${text}`);
  }
  return t;
}

/** An instant as ISO 8601 UTC text with milliseconds, computed without the host's time zone. */
export function isoTime(ms: number): string {
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > 8_640_000_000_000_000) fail(ErrorCode.INVALID_TIME, 'isoTime', `time must be a whole number of ms within the calendar; got ${String(ms)}`);
  return isoText(ms);
}
