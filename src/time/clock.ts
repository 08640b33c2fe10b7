import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';

/**
 * A source of the current time in milliseconds since the Unix epoch, as a safe integer.
 * wattmarket never reads the system clock: markets and simulations take a `Clock`, so a run is
 * reproducible. An application that wants wall time passes `{ now: () => Date.now() }`.
 */
export interface Clock {
  /** The current time, in whole milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * A clock that moves only when told to, and never backwards. Use it in tests and simulations.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(Date.UTC(2024, 3, 1));
 * clock.advance(15 * 60_000); // fifteen minutes later
 * ```
 */
export class ManualClock implements Clock {
  private time: number;

  /**
   * @param start - the initial time in ms since the epoch (default 0).
   * @throws WattError INVALID_TIME when it is not a safe integer.
   */
  constructor(start = 0) {
    checkTime('ManualClock', start);
    this.time = start;
  }

  /** The current time. */
  now(): number {
    return this.time;
  }

  /**
   * Moves the clock to `time`.
   * @throws WattError INVALID_TIME when `time` is not a safe integer or is earlier than now.
   */
  set(time: number): void {
    checkTime('ManualClock.set', time);
    if (time < this.time) fail(ErrorCode.INVALID_TIME, 'ManualClock.set', `time ${time} is before the current time ${this.time}`);
    this.time = time;
  }

  /**
   * Moves the clock forward by `ms` milliseconds.
   * @throws WattError INVALID_TIME when `ms` is negative, not a safe integer, or the sum is not one.
   */
  advance(ms: number): void {
    checkTime('ManualClock.advance', ms);
    if (ms < 0) fail(ErrorCode.INVALID_TIME, 'ManualClock.advance', `cannot go back ${-ms} ms`);
    const time = this.time + ms;
    checkTime('ManualClock.advance', time);
    this.time = time;
  }
}

function checkTime(fn: string, time: unknown): asserts time is number {
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) {
    fail(ErrorCode.INVALID_TIME, fn, `time must be a safe integer of milliseconds, got ${String(time)}`);
  }
}
