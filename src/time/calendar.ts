/** Milliseconds in a day. */
export const MS_PER_DAY = 86_400_000;

/** A UTC instant broken into calendar fields, computed with integers only. */
export interface CalendarDate {
  /** Full year, e.g. 2024. */
  readonly year: number;
  /** Month, 1 to 12. */
  readonly month: number;
  /** Day of the month, 1 to 31. */
  readonly day: number;
  /** Day of the year, 1 to 366. */
  readonly dayOfYear: number;
  /** Day of the week, 0 (Sunday) to 6 (Saturday). */
  readonly weekday: number;
  /** Milliseconds since midnight. */
  readonly msOfDay: number;
}

/**
 * The calendar date of `timeMs` (ms since the Unix epoch) shifted by `offsetMinutes` (a time
 * zone's offset from UTC, e.g. 420 for Vietnam, UTC+7). Integer arithmetic only (the civil-from-days
 * algorithm of H. Hinnant), so it depends on no host time zone and no Date object.
 */
export function calendarDate(timeMs: number, offsetMinutes = 0): CalendarDate {
  const t = timeMs + offsetMinutes * 60_000;
  const days = Math.floor(t / MS_PER_DAY);
  const msOfDay = t - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1] as number;
  const dayOfYear = cumulative + day + (leap && month > 2 ? 1 : 0);
  const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return { year, month, day, dayOfYear, weekday, msOfDay };
}

/** The first instant of the year 10000 (ms since the epoch), where ISO text needs six year digits. */
const YEAR_10000 = 253_402_300_800_000;
/** The first instant of the year 0 (1 BC). */
const YEAR_0 = -62_167_219_200_000;

/**
 * `new Date(timeMs).toISOString()`, the same text, by integer arithmetic (calendarDate's) for the
 * years 0 to 9999: about half the time of the Date, which took some 0.6 % of a district run (an
 * interval's products and its settlement are named by their start, and a result's times are a
 * year of them). Outside those years (six-digit, signed) it asks the Date. `timeMs` must be a
 * whole number of ms within the ECMAScript calendar (±8.64e15), as for a Date.
 */
export function isoText(timeMs: number): string {
  if (timeMs < YEAR_0 || timeMs >= YEAR_10000) return new Date(timeMs).toISOString();
  const { year, month, day, msOfDay } = calendarDate(timeMs);
  const hours = Math.floor(msOfDay / 3_600_000);
  const minutes = Math.floor(msOfDay / 60_000) % 60;
  const seconds = Math.floor(msOfDay / 1000) % 60;
  const ms = msOfDay % 1000;
  const y = year < 1000 ? (year < 100 ? (year < 10 ? '000' : '00') : '0') : '';
  const m = ms < 100 ? (ms < 10 ? '00' : '0') : '';
  return `${y}${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${m}${ms}Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Midnight UTC of a calendar date (`month` 0 to 11, as Date's), in ms, for every year as written:
 * `Date.UTC` reads the years 0 to 99 as 1900 to 1999, `setUTCFullYear` does not. A month or day
 * out of range rolls over as in `Date.UTC`; NaN beyond what a Date holds.
 */
export function utcMidnight(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month, day);
}
