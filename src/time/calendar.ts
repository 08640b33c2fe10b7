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
