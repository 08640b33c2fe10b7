import { calendarDate, MS_PER_DAY } from '../time/calendar.js';

const RAD = Math.PI / 180;

/**
 * The sun's elevation above the horizon in degrees at `timeMs` (ms since the Unix epoch, UTC) seen
 * from `latitude`/`longitude` in degrees (north and east positive). Cooper's declination and the
 * usual equation-of-time fit: within about a degree, plenty for energy simulation.
 *
 * Floating point is fine here: it models physics, and every energy figure it feeds is rounded to
 * whole Wh with a named mode before it reaches a market.
 */
export function solarElevation(latitude: number, longitude: number, timeMs: number): number {
  const { dayOfYear, msOfDay } = calendarDate(timeMs);
  const declination = 23.45 * Math.sin(RAD * (360 / 365) * (284 + dayOfYear));
  const b = RAD * (360 / 365) * (dayOfYear - 81);
  const equationOfTimeMin = 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
  const solarHours = (msOfDay / MS_PER_DAY) * 24 + longitude / 15 + equationOfTimeMin / 60;
  const hourAngle = 15 * (solarHours - 12);
  const sinElevation =
    Math.sin(RAD * latitude) * Math.sin(RAD * declination) +
    Math.cos(RAD * latitude) * Math.cos(RAD * declination) * Math.cos(RAD * hourAngle);
  return Math.asin(Math.max(-1, Math.min(1, sinElevation))) / RAD;
}

/**
 * Global horizontal irradiance under a clear sky, W/m², from the sun's elevation in degrees
 * (Haurwitz's model: 1098 cos(z) exp(-0.057 / cos(z)), z the zenith angle); 0 at night.
 */
export function clearSkyIrradiance(elevationDeg: number): number {
  if (elevationDeg <= 0) return 0;
  const cosZenith = Math.sin(RAD * elevationDeg);
  return 1098 * cosZenith * Math.exp(-0.057 / cosZenith);
}
