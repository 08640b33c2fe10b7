import type { Random } from '../random/random.js';
import type { CalendarDate } from '../time/calendar.js';

/**
 * The two runs a simulation keeps side by side over the same physical days: the market run (agents
 * trade locally) and the utility-only baseline. An asset keeps one state per run.
 */
export type AssetRun = 'market' | 'baseline';

/** What an asset is told when a simulation starts, to build its run-long instance. */
export interface AssetSetup {
  /** The participant's id. */
  readonly participantId: string;
  /** The first interval's start, UTC ms (a local midnight). */
  readonly startMs: number;
  /** Interval length, ms. */
  readonly intervalMs: number;
  /** Days the run lasts. */
  readonly days: number;
  /** The local offset from UTC, minutes. */
  readonly utcOffsetMinutes: number;
  /**
   * A random stream of the asset's own, forked from the run's seed by `label` and the participant's
   * id (`label/id`): adding an asset or a participant never changes anyone else's draws.
   */
  random(label: string): Random;
}

/** One interval as every asset sees it. The simulation reuses the object: read it, don't keep it. */
export interface AssetContext {
  /** Index of the interval since the start of the run (the clock of EV sessions). */
  readonly interval: number;
  /** Local calendar time of the interval's midpoint. */
  readonly local: CalendarDate;
  /** Interval length, ms. */
  readonly durationMs: number;
  /** Forecast global horizontal irradiance at the midpoint, W/m² (what agents plan with). */
  readonly irradianceForecastWm2: number;
  /** Actual global horizontal irradiance at the midpoint, W/m² (what meters see). */
  readonly irradianceActualWm2: number;
}

/**
 * What an asset did in one interval of one run at the participant's side of the meter, in whole
 * Wh. The flow must conserve energy: `netWh = consumptionWh - generationWh + storageDeltaWh +
 * lossesWh`, checked at the boundary for every step of every asset.
 */
export interface AssetFlow {
  /** Net energy the asset drew: positive drawn from the meter, negative fed into it. */
  netWh: number;
  /** Energy it produced for the community (solar, vehicle-to-grid discharge), >= 0. */
  generationWh: number;
  /** Energy that left the community through it (loads, EV charging, packs riders took), >= 0. */
  consumptionWh: number;
  /** Change of the energy it stores for the community (batteries, swap packs), either sign. */
  storageDeltaWh: number;
  /** Conversion losses, >= 0. */
  lossesWh: number;
}

/** What an agent sees of its participant's controllable asset at the start of an interval. */
export interface StorageView {
  /** Stored energy now, Wh. */
  readonly storedWh: number;
  /** The most grid-side energy it can take this interval, Wh. */
  readonly maxChargeWh: number;
  /** The most grid-side energy it can give this interval, Wh. */
  readonly maxDischargeWh: number;
  /** The least it must take this interval to meet a deadline or a demand, Wh. */
  readonly mustChargeWh: number;
  /** Round-trip efficiency, ppm (what comes back out per unit put in; 0 when nothing does). */
  readonly roundTripPpm: number;
}

/**
 * A service figure an asset type reports over a run (energy left short of a need, customers
 * turned away), summed over its participants into the result's totals under `name`.
 */
export interface AssetMetric {
  /** The name in the result's totals, e.g. `'heatShortfallKWh'`. */
  readonly name: string;
  /** `'Wh'`: counted in Wh and reported in kWh; `'count'`: reported as counted. */
  readonly unit: 'Wh' | 'count';
}

/**
 * One asset of one participant during a run, made by its {@link AssetType}. It holds the state of
 * both runs itself (per instance, never in module scope: a run may start runs). Each interval the
 * simulation calls `prepare` once, then `view` (controllable assets, market run), then `step` for
 * the market run and for the baseline.
 */
export interface Asset {
  /** Draws the interval's physical inputs (weather, noise, arrivals), shared by both runs. */
  prepare(ctx: AssetContext): void;
  /** After `prepare`: the forecast of the uncontrolled net energy it will draw, Wh (negative: feed). */
  forecastWh(): number;
  /** After `prepare`: the actual uncontrolled net energy it draws, Wh (what storage absorbs). */
  ownWh(): number;
  /**
   * What the market run's controllable part can do this interval; undefined when it can do
   * nothing (no EV plugged in) or the asset is not controllable.
   */
  view(ctx: AssetContext): StorageView | undefined;
  /**
   * Runs one interval in `run`: a controllable asset serves `requestWh` (grid side, positive to
   * charge, negative to discharge) as far as it can; others ignore it. Returns the flow, an
   * object the asset may reuse for its next call.
   */
  step(run: AssetRun, ctx: AssetContext, requestWh: number): AssetFlow;
  /** The market run's state of charge, 0 to 1 (read for types with `chartsStateOfCharge`). */
  stateOfCharge?(): number;
  /** The market run's total of one of its type's metrics so far (Wh or a count). */
  metric?(name: string): number;
}

/**
 * An asset type: a plug-in the simulation asks instead of knowing battery, EV or swap station by
 * name. A scenario participant gives its options under the field `field`; `define` checks them and
 * turns them into a spec (integers); `create` makes a run's instance. Register your own with
 * `runSimulation({ assets: [myType] })`.
 *
 * @example
 * ```ts
 * const heatLamp: AssetType<{ watts: number }> = {
 *   kind: 'heat-lamp', field: 'heatLamp', controllable: false, baseline: 'self-consume',
 *   define: (options) => ({ watts: (options as { watts: number }).watts }),
 *   create(spec) {
 *     const flow = { netWh: 0, generationWh: 0, consumptionWh: 0, storageDeltaWh: 0, lossesWh: 0 };
 *     let wh = 0;
 *     return {
 *       prepare(ctx) { wh = Math.floor((spec.watts * ctx.durationMs) / 3_600_000); },
 *       forecastWh: () => wh,
 *       ownWh: () => wh,
 *       view: () => undefined,
 *       step() { flow.netWh = wh; flow.consumptionWh = wh; return flow; },
 *     };
 *   },
 * };
 * ```
 */
export interface AssetType<Spec = unknown> {
  /** Its name in messages and reports, e.g. `'battery'` (letters, digits, '-', '_'). */
  readonly kind: string;
  /** The field of a scenario participant that holds its options, e.g. `'battery'`. */
  readonly field: string;
  /** Whether it takes requests (storage, flexible demand); a participant has at most one such asset. */
  readonly controllable: boolean;
  /**
   * What it does in the utility-only baseline: `'self-consume'` absorbs its participant's own
   * surplus and deficit (a battery), `'charge-now'` takes all it can at once (an EV, a thermostat).
   */
  readonly baseline: 'self-consume' | 'charge-now';
  /** The agent a participant with this (controllable) asset gets by default (default `'truthful'`). */
  readonly defaultAgent?: string;
  /** Whether the report charts its state of charge (the result's `series.batterySoc`). */
  readonly chartsStateOfCharge?: boolean;
  /** The service figures it reports (see {@link AssetMetric}). */
  readonly metrics?: readonly AssetMetric[];
  /**
   * Checks a participant's options and returns the spec.
   * @throws WattError INVALID_SCENARIO naming the field that is wrong.
   */
  define(options: unknown): Spec;
  /** Makes the run-long instance of one participant's asset. */
  create(spec: Spec, setup: AssetSetup): Asset;
  /**
   * Checks a spec against a run of `intervals` intervals before the run starts (a measured
   * series must cover it); optional.
   * @throws WattError INVALID_SCENARIO naming the field that falls short.
   */
  checkRun?(spec: Spec, intervals: number): void;
}

/** A zeroed {@link AssetFlow}, for an asset to keep and overwrite at every step. */
export function newAssetFlow(): AssetFlow {
  return { netWh: 0, generationWh: 0, consumptionWh: 0, storageDeltaWh: 0, lossesWh: 0 };
}
