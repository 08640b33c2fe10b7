import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Random } from '../random/random.js';
import type { CalendarDate } from '../time/calendar.js';
import { checkObject } from '../validation/checks.js';

/** When riders come to swap packs, as a scenario describes it. */
export interface SwapRiderOptions {
  /** Riders per day on weekdays (default 120) and weekends (default 60). */
  perDay?: readonly [weekday: number, weekend: number];
  /** Share of a pack left when a rider swaps it, uniform between these (default [0.1, 0.35]). */
  returnedSoc?: readonly [number, number];
}

// The hourly shape of swap demand: morning and evening commutes around campus.
const HOURLY = [2, 1, 1, 1, 2, 4, 8, 12, 9, 5, 4, 5, 6, 5, 4, 5, 7, 11, 10, 6, 4, 3, 3, 2];
const HOURLY_TOTAL = HOURLY.reduce((a, b) => a + b, 0);

/** Validates rider options. @throws WattError INVALID_SCENARIO. */
export function checkSwapRiders(options: SwapRiderOptions, fn: string): void {
  checkObject(options, fn, 'riders');
  const [weekday, weekend] = options.perDay ?? [120, 60];
  const [lo, hi] = options.returnedSoc ?? [0.1, 0.35];
  if (!(weekday >= 0 && weekend >= 0 && Number.isFinite(weekday) && Number.isFinite(weekend))) {
    fail(ErrorCode.INVALID_SCENARIO, fn, 'riders.perDay must be non-negative numbers');
  }
  if (!(lo >= 0 && lo <= hi && hi <= 1)) fail(ErrorCode.INVALID_SCENARIO, fn, 'riders.returnedSoc must be fractions, low first');
}

/**
 * The riders arriving in one interval: for each, the energy left in the pack they bring (Wh).
 * The count is Poisson-distributed around the day's rate shaped by the hour.
 */
export function drawSwapRiders(options: SwapRiderOptions, local: CalendarDate, intervalMs: number, packWh: number, rng: Random): number[] {
  const [weekday, weekend] = options.perDay ?? [120, 60];
  const [lo, hi] = options.returnedSoc ?? [0.1, 0.35];
  const perDay = local.weekday === 0 || local.weekday === 6 ? weekend : weekday;
  const hour = Math.floor(local.msOfDay / 3_600_000);
  const mean = (perDay * (HOURLY[hour] as number)) / HOURLY_TOTAL / (3_600_000 / intervalMs);
  const count = poisson(mean, rng);
  const riders: number[] = [];
  for (let i = 0; i < count; i++) riders.push(Math.floor(packWh * (lo + (hi - lo) * rng.nextFloat())));
  return riders;
}

/** Knuth's method: fine for the small means of one interval. */
function poisson(mean: number, rng: Random): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.nextFloat();
  while (p > limit) {
    k++;
    p *= rng.nextFloat();
  }
  return k;
}
