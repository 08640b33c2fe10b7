import type { Random } from '../random/random.js';

/**
 * Cloud cover as a clear-sky index (the share of clear-sky irradiance that reaches the ground,
 * 0.05 to 1) that evolves from interval to interval: each day draws a weather type from its
 * month's climate, and within the day the index follows a mean-reverting random walk around that
 * type's mean. The forecast is the actual index plus an error that is independent of it, so
 * forecast error is real but unbiased.
 */
export interface CloudClimate {
  /** For each month (index 0 = January), the probability of a clear, a mixed and an overcast day. */
  readonly monthly: readonly (readonly [clear: number, mixed: number, overcast: number])[];
  /** Standard deviation of the forecast's error in clear-sky index (e.g. 0.12). */
  readonly forecastError: number;
}

/**
 * Southern Vietnam (Binh Duong, about 11 degrees north): a dry season from December to April with
 * mostly clear days and a rainy season from May to November with cloudy, stormy afternoons. The
 * mix is chosen so the annual mean clear-sky index is about 0.68, giving the 4.5 to 5 kWh/m²/day
 * of global horizontal irradiance reported for the region.
 */
export const SOUTHERN_VIETNAM_CLIMATE: CloudClimate = Object.freeze({
  monthly: Object.freeze([
    [0.7, 0.25, 0.05], [0.75, 0.2, 0.05], [0.7, 0.25, 0.05], [0.55, 0.35, 0.1],
    [0.35, 0.45, 0.2], [0.25, 0.5, 0.25], [0.25, 0.5, 0.25], [0.25, 0.45, 0.3],
    [0.2, 0.5, 0.3], [0.25, 0.5, 0.25], [0.4, 0.45, 0.15], [0.6, 0.3, 0.1],
  ] as const),
  forecastError: 0.12,
});

const TYPE_MEAN = [0.9, 0.65, 0.3] as const;
const TYPE_SPREAD = [0.05, 0.15, 0.12] as const;
const REVERSION = 0.3;

/** The cloud state between intervals. */
export interface CloudState {
  /** The weather type of the current day: 0 clear, 1 mixed, 2 overcast. */
  readonly dayType: 0 | 1 | 2;
  /** The day (days since the epoch, local) the type was drawn for. */
  readonly day: number;
  /** The current clear-sky index. */
  readonly index: number;
}

/** One interval's clouds: the actual and the forecast clear-sky index. */
export interface CloudStep {
  /** The state after the interval. */
  readonly state: CloudState;
  /** The clear-sky index that happens. */
  readonly actual: number;
  /** The clear-sky index that was forecast before gate closure. */
  readonly forecast: number;
}

/**
 * Advances the clouds by one interval of `day` (local days since the epoch), drawing from `rng`.
 * Deterministic for a given generator state.
 */
export function stepClouds(climate: CloudClimate, state: CloudState | undefined, day: number, month: number, rng: Random): CloudStep {
  let dayType = state?.dayType ?? 0;
  let index = state?.index ?? TYPE_MEAN[0];
  if (state?.day !== day) {
    const [clear, mixed] = climate.monthly[month - 1] ?? [1, 0, 0];
    const u = rng.nextFloat();
    dayType = u < clear ? 0 : u < clear + mixed ? 1 : 2;
  }
  const mean = TYPE_MEAN[dayType];
  index = index + REVERSION * (mean - index) + TYPE_SPREAD[dayType] * rng.nextGaussian();
  index = Math.min(1, Math.max(0.05, index));
  const forecast = Math.min(1, Math.max(0.05, index + climate.forecastError * rng.nextGaussian()));
  return { state: { dayType, day, index }, actual: index, forecast };
}
