import { ErrorCode } from '../errors/error-codes.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { checkObject, checkOneOf } from '../validation/checks.js';
import type { CalendarDate } from '../time/calendar.js';
import { fractionToPpm, kWToW, MS_PER_HOUR } from './energy.js';

/** The kinds of consumer with a built-in daily and weekly shape. */
export const LOAD_KINDS = ['lecture', 'lab', 'dormitory', 'office', 'canteen', 'home'] as const;
/** A kind of consumer. */
export type LoadKind = (typeof LOAD_KINDS)[number];

// Hourly demand as per-mille of peak, local time, for weekdays and weekends. Shapes follow the
// usual campus pattern in a hot climate: air conditioning drives the afternoon peak, dormitories
// peak in the evening and keep cooling at night, labs run equipment around the clock.
type Day = readonly number[];
const SHAPES: Record<LoadKind, { weekday: Day; weekend: Day }> = {
  lecture: {
    weekday: [150, 150, 150, 150, 150, 160, 250, 600, 900, 950, 1000, 1000, 800, 950, 1000, 1000, 950, 700, 450, 450, 400, 250, 150, 150],
    weekend: [150, 150, 150, 150, 150, 150, 160, 200, 280, 300, 300, 300, 280, 300, 300, 280, 250, 200, 180, 170, 160, 150, 150, 150],
  },
  lab: {
    weekday: [380, 370, 360, 360, 360, 370, 420, 600, 850, 950, 1000, 1000, 900, 950, 1000, 1000, 950, 800, 600, 500, 450, 420, 400, 390],
    weekend: [380, 370, 360, 360, 360, 360, 380, 420, 500, 550, 550, 550, 520, 550, 550, 520, 480, 450, 420, 400, 400, 390, 380, 380],
  },
  dormitory: {
    weekday: [550, 500, 480, 460, 460, 550, 700, 650, 400, 330, 320, 330, 420, 380, 340, 350, 420, 650, 850, 950, 1000, 1000, 900, 700],
    weekend: [650, 600, 550, 500, 480, 480, 520, 600, 650, 650, 650, 700, 750, 700, 650, 620, 650, 750, 900, 980, 1000, 1000, 920, 750],
  },
  office: {
    weekday: [120, 120, 120, 120, 120, 130, 200, 550, 900, 1000, 1000, 1000, 750, 950, 1000, 1000, 900, 600, 250, 180, 150, 130, 120, 120],
    weekend: [120, 120, 120, 120, 120, 120, 120, 130, 150, 160, 160, 160, 150, 150, 150, 150, 140, 130, 120, 120, 120, 120, 120, 120],
  },
  canteen: {
    weekday: [80, 80, 80, 80, 100, 300, 650, 700, 450, 500, 850, 1000, 1000, 700, 400, 400, 650, 800, 750, 500, 250, 120, 90, 80],
    weekend: [80, 80, 80, 80, 90, 200, 400, 450, 350, 350, 550, 650, 650, 450, 300, 300, 400, 500, 450, 300, 180, 100, 90, 80],
  },
  home: {
    weekday: [350, 320, 300, 300, 320, 450, 650, 600, 400, 350, 350, 380, 420, 400, 380, 400, 500, 700, 900, 1000, 1000, 900, 650, 450],
    weekend: [380, 350, 320, 310, 320, 380, 500, 650, 700, 650, 600, 620, 650, 600, 550, 550, 600, 750, 900, 1000, 1000, 900, 650, 450],
  },
};

/** A consumer as a scenario describes it. */
export interface LoadOptions {
  /** The shape of its demand. */
  kind: LoadKind;
  /** Its peak demand, kW (positive). */
  peakKW: DecimalInput;
  /** Standard deviation of the actual demand around the shape, as a fraction (default 0.08). */
  noise?: DecimalInput;
}

/** A validated consumer in integers. */
export interface LoadSpec {
  /** Always 'load'. */
  readonly kind: 'load';
  /** The shape. */
  readonly loadKind: LoadKind;
  /** Peak demand, W. */
  readonly peakW: number;
  /** Noise standard deviation, ppm of the shaped demand. */
  readonly noisePpm: number;
}

/**
 * Validates a consumer.
 * @throws WattError INVALID_SCENARIO naming the field.
 */
export function defineLoad(options: LoadOptions): LoadSpec {
  const fn = 'defineLoad';
  checkObject(options, fn, 'options');
  return Object.freeze({
    kind: 'load' as const,
    loadKind: checkOneOf(options.kind, LOAD_KINDS, 'lecture', fn, 'kind', ErrorCode.INVALID_SCENARIO),
    peakW: kWToW(options.peakKW, fn, 'peakKW', true),
    noisePpm: fractionToPpm(options.noise ?? '0.08', fn, 'noise'),
  });
}

/**
 * The shape's demand, per-mille of peak, at `date` (local time), interpolated linearly between
 * the hourly values.
 */
export function loadShape(kind: LoadKind, date: CalendarDate): number {
  return shapeAt(SHAPES[kind], date);
}

/** A kind's weekday and weekend hourly values (see {@link loadShapeOf}). */
export interface LoadShapeDays {
  readonly weekday: readonly number[];
  readonly weekend: readonly number[];
}

/**
 * The hourly values of a kind, for {@link shapeAt}: a load asset finds them once instead of
 * looking its kind up by name every interval (internal).
 */
export function loadShapeOf(kind: LoadKind): LoadShapeDays {
  return SHAPES[kind];
}

/** {@link loadShape} of a kind's values found by {@link loadShapeOf} (internal). */
export function shapeAt(shape: LoadShapeDays, date: CalendarDate): number {
  const day = date.weekday === 0 || date.weekday === 6 ? shape.weekend : shape.weekday;
  const hours = date.msOfDay / MS_PER_HOUR;
  const h = Math.floor(hours) % 24;
  const f = hours - Math.floor(hours);
  const a = day[h] as number;
  const b = day[(h + 1) % 24] as number;
  return a + (b - a) * f;
}

/**
 * Energy consumed in an interval, whole Wh rounded down. `date` is the local time of the
 * interval's midpoint; `noise` a standard normal draw (0 gives the forecast, the expected demand).
 */
export function loadEnergyWh(spec: LoadSpec, date: CalendarDate, durationMs: number, noise: number): number {
  return shapedLoadEnergyWh(spec, loadShape(spec.loadKind, date), durationMs, noise);
}

/**
 * {@link loadEnergyWh} with the shape's value at the date already read ({@link loadShape}): the
 * load asset reads it once for the forecast and the actual demand of an interval.
 */
export function shapedLoadEnergyWh(spec: LoadSpec, shape: number, durationMs: number, noise: number): number {
  const factor = Math.max(0, 1 + (spec.noisePpm / 1e6) * noise);
  const watts = (spec.peakW * shape * factor) / 1000;
  return Math.max(0, Math.floor((watts * durationMs) / MS_PER_HOUR));
}
