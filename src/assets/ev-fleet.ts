import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { EvOptions, EvSessionOptions } from './electric-vehicle.js';
import { kWhToWh, kWToW } from './energy.js';
import type { Random } from '../random/random.js';
import { calendarDate, MS_PER_DAY } from '../time/calendar.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { checkBoolean, checkObject } from '../validation/checks.js';

/** How the EVs at one charger come and go: a daily visit drawn from the seeded generator. */
export interface EvFleetOptions {
  /** Battery capacity of the EVs that use this charger, kWh. */
  batteryKWh: DecimalInput;
  /** The charger's power, kW. */
  chargerKW: DecimalInput;
  /** Whether the EVs may discharge to the grid while plugged in (default false). */
  vehicleToGrid?: boolean;
  /** Mean local arrival hour (default 8). */
  arrivalHour?: number;
  /** Mean stay in hours (default 8). */
  stayHours?: number;
  /** Share of the battery full on arrival, drawn uniformly between these (default [0.2, 0.5]). */
  arrivalSoc?: readonly [number, number];
  /** Share of the battery needed at departure (default 0.8). */
  departureSoc?: number;
  /** Probability that an EV visits on a weekday (default 0.9) and on a weekend day (default 0.3). */
  visitProbability?: readonly [weekday: number, weekend: number];
}

/**
 * Validates an EV fleet's figures (the EV and charger themselves are checked by defineEv).
 * @throws WattError INVALID_SCENARIO naming the figure.
 */
export function checkEvFleet(fleet: EvFleetOptions, fn: string): void {
  checkObject(fleet, fn, 'ev');
  const arrivalHour = fleet.arrivalHour ?? 8;
  const stayHours = fleet.stayHours ?? 8;
  const [socLow, socHigh] = fleet.arrivalSoc ?? [0.2, 0.5];
  const departureSoc = fleet.departureSoc ?? 0.8;
  const [pWeekday, pWeekend] = fleet.visitProbability ?? [0.9, 0.3];
  const numbers = [arrivalHour, stayHours, socLow, socHigh, departureSoc, pWeekday, pWeekend];
  if (numbers.some((x) => typeof x !== 'number' || !Number.isFinite(x))) fail(ErrorCode.INVALID_SCENARIO, fn, 'EV fleet figures must be finite numbers');
  if (arrivalHour < 0 || arrivalHour >= 24 || stayHours <= 0 || stayHours > 24) {
    fail(ErrorCode.INVALID_SCENARIO, fn, 'arrivalHour must lie in [0, 24) and stayHours in (0, 24]');
  }
  if (!(socLow >= 0 && socLow <= socHigh && socHigh <= 1 && departureSoc >= 0 && departureSoc <= 1)) {
    fail(ErrorCode.INVALID_SCENARIO, fn, 'states of charge must be fractions with arrivalSoc[0] <= arrivalSoc[1]');
  }
  if (!(pWeekday >= 0 && pWeekday <= 1 && pWeekend >= 0 && pWeekend <= 1)) fail(ErrorCode.INVALID_SCENARIO, fn, 'visit probabilities must lie in [0, 1]');
  checkBoolean(fleet.vehicleToGrid, false, fn, 'vehicleToGrid');
  kWhToWh(fleet.batteryKWh, fn, 'batteryKWh', true);
  kWToW(fleet.chargerKW, fn, 'chargerKW', true);
}

/**
 * Draws the visits of an EV fleet over `days` days starting at `startMs` (UTC ms, at a local
 * midnight), in interval indices. Arrival and stay are normally distributed around their means
 * (standard deviations of 1 and 1.5 hours); a visit may run past midnight, and a day's visit
 * starts no earlier than the previous one ended. The energy on arrival is uniform.
 * Deterministic for a given generator.
 */
export function drawEvSessions(
  fleet: EvFleetOptions,
  startMs: number,
  days: number,
  intervalMs: number,
  utcOffsetMinutes: number,
  rng: Random,
): EvOptions {
  const fn = 'drawEvSessions';
  checkEvFleet(fleet, fn);
  const arrivalHour = fleet.arrivalHour ?? 8;
  const stayHours = fleet.stayHours ?? 8;
  const [socLow, socHigh] = fleet.arrivalSoc ?? [0.2, 0.5];
  const departureSoc = fleet.departureSoc ?? 0.8;
  const [pWeekday, pWeekend] = fleet.visitProbability ?? [0.9, 0.3];
  const capacityWh = kWhToWh(fleet.batteryKWh, fn, 'batteryKWh', true);
  const perDay = Math.round(MS_PER_DAY / intervalMs);
  const intervalsPerHour = 3_600_000 / intervalMs;
  const sessions: EvSessionOptions[] = [];
  let lastDeparture = 0;
  for (let day = 0; day < days; day++) {
    const weekday = calendarDate(startMs + day * MS_PER_DAY, utcOffsetMinutes).weekday;
    const visitP = weekday === 0 || weekday === 6 ? pWeekend : pWeekday;
    // Draw every figure every day, visit or not, so one day's choice never shifts the next day's.
    const visits = rng.nextFloat() < visitP;
    const arrive = arrivalHour + rng.nextGaussian();
    const stay = stayHours + 1.5 * rng.nextGaussian();
    const soc = socLow + (socHigh - socLow) * rng.nextFloat();
    if (!visits) continue;
    const first = day * perDay;
    const arrival = Math.max(first, lastDeparture, first + Math.round(Math.min(22, Math.max(0, arrive)) * intervalsPerHour));
    // A visit may run past midnight (overnight charging); the next day's visit starts after it.
    const departure = arrival + Math.max(1, Math.round(Math.max(0.5, stay) * intervalsPerHour));
    // kWh on a 1 Wh grid: rounded down, so arrival energy never exceeds the capacity.
    const arrivalWh = Math.floor(capacityWh * soc);
    const departureWh = Math.floor(capacityWh * departureSoc);
    sessions.push({ arrival, departure, arrivalKWh: arrivalWh / 1000, departureKWh: Math.max(arrivalWh, departureWh) / 1000 });
    lastDeparture = departure;
  }
  return {
    batteryKWh: fleet.batteryKWh,
    chargerKW: fleet.chargerKW,
    vehicleToGrid: fleet.vehicleToGrid ?? false,
    sessions,
  };
}
