import { utcMidnight } from '../time/calendar.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Where the intervals of a series lie in time: interval `i` starts at `startMs + i * intervalMs`
 * (UTC), and local time is UTC plus `offsetMs`. Local dates are read with the UTC getters of
 * the shifted time, so the output never depends on the time zone of the machine rendering it.
 */
export interface IntervalTimeline {
  /** The first interval's start, ms since the epoch (UTC). */
  readonly startMs: number;
  /** Interval length, ms. */
  readonly intervalMs: number;
  /** Local offset from UTC, ms. */
  readonly offsetMs: number;
  /** Number of intervals. */
  readonly count: number;
}

/** A tick on a time axis: its position in interval units (interval `i` spans `[i, i + 1]`). */
export interface TimeTick {
  /** Position on the axis, in intervals from the first interval's start. */
  readonly position: number;
  /** Its label, in local time. */
  readonly label: string;
}

/** `'7 Apr'` for a local time in ms (already shifted by the offset). */
export function formatDayMonth(localMs: number): string {
  const d = new Date(localMs);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
}

/** `'7 Apr 2025, 06:30'` for a local time in ms. */
export function formatDateTime(localMs: number): string {
  const d = new Date(localMs);
  return `${formatDayMonth(localMs)} ${d.getUTCFullYear()}, ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** `'UTC+07:00'` for an offset in minutes. */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The local day (days since the epoch, local calendar) that interval `i` starts in. */
export function localDay(timeline: IntervalTimeline, i: number): number {
  return Math.floor((timeline.startMs + i * timeline.intervalMs + timeline.offsetMs) / DAY);
}

/** Local midnight of a local day, as local ms. */
export function dayStartMs(day: number): number {
  return day * DAY;
}

/**
 * Ticks for a time axis over the whole timeline, spaced to the span so labels never crowd a
 * chart about 900 units wide: every 3 or 6 hours for a day or two, every day up to about two
 * weeks, every week up to about three months, and every month beyond.
 */
export function timeTicks(timeline: IntervalTimeline): TimeTick[] {
  const { startMs, intervalMs, offsetMs, count } = timeline;
  if (count === 0 || intervalMs <= 0) return [];
  const localStart = startMs + offsetMs;
  const localEnd = localStart + count * intervalMs;
  const spanDays = (localEnd - localStart) / DAY;
  const position = (local: number): number => (local - localStart) / intervalMs;
  const ticks: TimeTick[] = [];
  if (spanDays > 93) {
    const first = new Date(localStart);
    let year = first.getUTCFullYear();
    let month = first.getUTCMonth();
    if (utcMidnight(year, month, 1) < localStart) month++;
    // Label every month while there are at most 13, then every other, so labels never crowd.
    const every = spanDays > 400 ? 2 : 1;
    for (let k = 0; ; k++) {
      const t = utcMidnight(year, month, 1);
      // NaN (a date beyond what Date can hold) ends the loop as surely as the end of the run.
      if (!(t <= localEnd)) break;
      if (k % every === 0) {
        const d = new Date(t);
        const m = d.getUTCMonth();
        ticks.push({ position: position(t), label: m === 0 || ticks.length === 0 ? `${MONTHS[m] ?? ''} ${d.getUTCFullYear()}` : (MONTHS[m] ?? '') });
      }
      month++;
      if (month === 12) {
        month = 0;
        year++;
      }
    }
    return ticks;
  }
  const stepMs = spanDays > 16 ? 7 * DAY : spanDays > 3 ? DAY : spanDays > 1.5 ? 6 * HOUR : 3 * HOUR;
  // Weekly ticks start at the first midnight, so they fall on the run's own days of the week.
  const anchor = stepMs > DAY ? Math.ceil(localStart / DAY) * DAY : 0;
  let t = anchor + Math.ceil((localStart - anchor) / stepMs) * stepMs;
  for (; t <= localEnd; t += stepMs) {
    const onMidnight = t % DAY === 0;
    const d = new Date(t);
    ticks.push({ position: position(t), label: onMidnight ? formatDayMonth(t) : `${pad2(d.getUTCHours())}:00` });
  }
  return ticks;
}
