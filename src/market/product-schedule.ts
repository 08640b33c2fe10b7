import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { MS_PER_DAY } from '../time/calendar.js';

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

  /** Whether `start` is the start of an interval. */
  isStart(start: number): boolean {
    return Number.isSafeInteger(start) && start % this.intervalMs === 0;
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

  /**
   * The starts of the intervals whose gate closes in `(from, to]`, in time order. Gate closures
   * are spaced by the interval, so this is one arithmetic progression.
   */
  gatesClosingIn(from: number, to: number): number[] {
    return this.startsOfEventsIn(from, to, -this.gateMs);
  }

  /** The starts of the intervals whose call phase begins in `(from, to]`. */
  callsStartingIn(from: number, to: number): number[] {
    if (this.callMs === 0) return [];
    return this.startsOfEventsIn(from, to, -this.gateMs - this.callMs).filter((s) => this.callStart(s) > this.opensAt(s));
  }

  /** The starts of the intervals whose delivery ends in `(from, to]`. */
  deliveriesEndingIn(from: number, to: number): number[] {
    return this.startsOfEventsIn(from, to, this.intervalMs);
  }

  /** Starts s with s + offset in (from, to]. */
  private startsOfEventsIn(from: number, to: number, offset: number): number[] {
    const out: number[] = [];
    const first = Math.floor((from - offset) / this.intervalMs) * this.intervalMs + this.intervalMs;
    for (let s = first; s + offset <= to; s += this.intervalMs) out.push(s);
    return out;
  }

  /** The product id of a zone and an interval: `<zone>@<ISO start>`. */
  productId(zone: string, start: number): string {
    return `${zone}@${isoTime(start)}`;
  }
}

/** An instant as ISO 8601 UTC text with milliseconds, computed without the host's time zone. */
export function isoTime(ms: number): string {
  if (!Number.isSafeInteger(ms)) fail(ErrorCode.INVALID_TIME, 'isoTime', `time must be a safe integer; got ${String(ms)}`);
  // Date with an explicit instant is pure arithmetic on that instant.
  return new Date(ms).toISOString();
}
