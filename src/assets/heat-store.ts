import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { divideSafe } from '../units/rounding.js';
import { createStep } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkObject, checkOneOf } from '../validation/checks.js';
import { newAssetFlow, type Asset, type AssetRun, type AssetType } from './asset.js';
import { gridForRoom } from './battery.js';
import { energyLimitWh, fractionToPpm, kWhToWh, kWToW, MS_PER_HOUR } from './energy.js';

/** The daily shapes of heat demand. */
export const HEAT_DEMAND_PROFILES = ['hot-water', 'flat'] as const;
/** A daily shape of heat demand. */
export type HeatDemandProfile = (typeof HEAT_DEMAND_PROFILES)[number];

// Hourly weights of the day's heat demand, local time. Hot water: showers in the morning and the
// evening, kitchens at meals (a dormitory or a home).
const SHAPES: Record<HeatDemandProfile, readonly number[]> = {
  'hot-water': [10, 5, 5, 5, 10, 40, 90, 100, 70, 40, 30, 30, 35, 30, 25, 25, 35, 60, 90, 100, 80, 50, 30, 15],
  flat: new Array<number>(24).fill(1),
};

/**
 * A water heater or heat pump with a thermal store, as a scenario describes it (field
 * `heatStore`): a daily heat demand that must be met from the store, and a heater that can fill
 * the store whenever electricity is cheap, within its power limit and the store's band.
 */
export interface HeatStoreOptions {
  /** Heat the store holds between its lowest usable and its highest allowed temperature, kWh (positive). */
  storeKWh: DecimalInput;
  /** The heater's electric power limit, kW (positive). */
  heaterKW: DecimalInput;
  /** Heat delivered per unit of electricity: 1 for a resistive heater, about 3 for a heat pump (default 1, at most 10). */
  cop?: DecimalInput;
  /** Heat drawn from the store per day, kWh (at most 1,000,000). */
  dailyDemandKWh: DecimalInput;
  /** The shape of the demand over the day (default `'hot-water'`). */
  profile?: HeatDemandProfile;
  /** Heat in the store at the start, as a fraction of `storeKWh` (default 0.5). */
  initialSoc?: DecimalInput;
}

/** A validated heat store in integers (heat in Wh, electricity in W). */
export interface HeatStoreSpec {
  /** Always 'heat-store'. */
  readonly kind: 'heat-store';
  /** Store capacity, heat Wh. */
  readonly capacityWh: number;
  /** Heater limit, electric W. */
  readonly heaterW: number;
  /** Coefficient of performance, ppm (1,000,000 for a resistive heater). */
  readonly copPpm: number;
  /** Heat demand per day, Wh. */
  readonly dailyDemandWh: number;
  /** The shape of the demand. */
  readonly profile: HeatDemandProfile;
  /** Heat stored at the start, Wh. */
  readonly initialWh: number;
}

/** The outcome of one interval of a heat store, written into an object the caller keeps. */
export interface HeatStoreStep {
  /** Heat stored after the interval, Wh: before + heat - served, within [0, capacity]. */
  storedWh: number;
  /** Electricity the heater drew, Wh (0 to its limit). */
  gridWh: number;
  /** Heat the heater put in, floor(grid x COP), Wh. */
  heatWh: number;
  /** Heat demand of the interval, Wh. */
  demandWh: number;
  /** Demand served from the store, Wh. */
  servedWh: number;
  /** Demand the store could not serve, Wh (demand - served: reported, never hidden). */
  shortfallWh: number;
  /** The least electricity this interval that still lets the next day's demand be met, Wh. */
  mustChargeWh: number;
  /** The most electricity it could take this interval, Wh. */
  maxChargeWh: number;
}

const COP_STEP = createStep('0.000001', 'defineHeatStore', 'cop step');
const MAX_DAILY_WH = 1_000_000_000;

/**
 * Validates a heat store and converts it to integers.
 * @throws WattError INVALID_SCENARIO naming the field that is wrong.
 * @example
 * ```ts
 * const spec = defineHeatStore({ storeKWh: 300, heaterKW: 15, cop: '3.5', dailyDemandKWh: 150 });
 * ```
 */
export function defineHeatStore(options: HeatStoreOptions): HeatStoreSpec {
  const fn = 'defineHeatStore';
  checkObject(options, fn, 'options');
  const capacityWh = kWhToWh(options.storeKWh, fn, 'storeKWh', true);
  const heaterW = kWToW(options.heaterKW, fn, 'heaterKW', true);
  const copPpm = toSteps(options.cop ?? '1', COP_STEP, valueSpec(fn, 'cop', ErrorCode.INVALID_SCENARIO, 'positive', 'millionth'));
  if (copPpm > 10_000_000) fail(ErrorCode.INVALID_SCENARIO, fn, `cop must be at most 10; got ${String(options.cop)}`);
  const dailyDemandWh = kWhToWh(options.dailyDemandKWh, fn, 'dailyDemandKWh');
  if (dailyDemandWh > MAX_DAILY_WH) fail(ErrorCode.INVALID_SCENARIO, fn, 'dailyDemandKWh must be at most 1,000,000');
  const profile = checkOneOf(options.profile, HEAT_DEMAND_PROFILES, 'hot-water', fn, 'profile', ErrorCode.INVALID_SCENARIO);
  const initialPpm = fractionToPpm(options.initialSoc ?? '0.5', fn, 'initialSoc');
  return Object.freeze({ kind: 'heat-store' as const, capacityWh, heaterW, copPpm, dailyDemandWh, profile, initialWh: divideSafe(capacityWh * initialPpm, 1_000_000, 'floor') });
}

/**
 * The heat demand of each interval of a day (local time, from midnight), Wh: the day's demand
 * split by the profile's hourly weights, rounded so the intervals sum exactly to the day's.
 * @param intervalMs - the interval length; it must divide a day.
 */
export function heatDemandWh(spec: HeatStoreSpec, intervalMs: number): number[] {
  const perDay = Math.round((24 * MS_PER_HOUR) / intervalMs);
  const shape = SHAPES[spec.profile];
  const weights = Array.from({ length: perDay }, (_, s) => shape[Math.floor((s * intervalMs) / MS_PER_HOUR) % 24] as number);
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const w of weights) {
    cumulative += w;
    // Cumulative rounding: every residue is carried, none is lost (the day sums to dailyDemandWh).
    const upTo = divideSafe(spec.dailyDemandWh * cumulative, total, 'floor');
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

/**
 * One interval of a heat store. The heater draws electricity toward `requestWh` (negative asks for
 * nothing: a heater cannot give back) but at least what the coming day's demand needs, given the
 * heater at full power in every later interval, and no more than its limit and the room the store
 * has after this interval's demand; then the interval's demand is served from the store, and what
 * it cannot serve is the shortfall. Heat is exact in Wh: stored after = before + floor(grid x COP)
 * - served. Writes into `out` and returns it.
 *
 * @param demandWh - the day's demand by interval ({@link heatDemandWh}); `slot` indexes it.
 */
export function stepHeatStore(spec: HeatStoreSpec, demandWh: readonly number[], slot: number, storedWh: number, requestWh: number, durationMs: number, out: HeatStoreStep): HeatStoreStep {
  const limitWh = energyLimitWh(spec.heaterW, durationMs);
  const heatPerInterval = divideSafe(limitWh * spec.copPpm, 1_000_000, 'floor');
  const n = demandWh.length;
  const demand = demandWh[slot % n] as number;
  // The heat needed now: for every horizon j, demand up to j minus what j later intervals at full
  // power can still add, less what is stored.
  let need = 0;
  let upTo = 0;
  for (let j = 0; j < n; j++) {
    upTo += demandWh[(slot + j) % n] as number;
    const short = upTo - j * heatPerInterval;
    if (short > need) need = short;
  }
  const needHeat = Math.max(0, need - storedWh);
  const maxChargeWh = Math.min(limitWh, gridForRoom(spec.capacityWh - storedWh + demand, spec.copPpm));
  const mustChargeWh = Math.min(maxChargeWh, divideSafe(needHeat * 1_000_000, spec.copPpm, 'ceil'));
  const gridWh = Math.min(maxChargeWh, Math.max(requestWh, mustChargeWh, 0));
  const heatWh = divideSafe(gridWh * spec.copPpm, 1_000_000, 'floor');
  const available = storedWh + heatWh;
  const servedWh = Math.min(demand, available);
  out.storedWh = available - servedWh;
  out.gridWh = gridWh;
  out.heatWh = heatWh;
  out.demandWh = demand;
  out.servedWh = servedWh;
  out.shortfallWh = demand - servedWh;
  out.mustChargeWh = mustChargeWh;
  out.maxChargeWh = maxChargeWh;
  return out;
}

/** A zeroed {@link HeatStoreStep} to pass to {@link stepHeatStore}. */
export function newHeatStoreStep(): HeatStoreStep {
  return { storedWh: 0, gridWh: 0, heatWh: 0, demandWh: 0, servedWh: 0, shortfallWh: 0, mustChargeWh: 0, maxChargeWh: 0 };
}

/**
 * The heat store as a plug-in (scenario field `heatStore`): controllable demand an agent can shift
 * into cheap or sunny intervals. The heat leaves the community (hot water), so its electricity is
 * consumption and the store is not community storage. In the baseline it keeps the store full, as
 * a thermostat does. Reports `heatShortfallKWh`; its agent is `ev-deadline` by default (buy what
 * must be heated at retail, more when the forecast is cheap).
 */
export const heatStoreAsset: AssetType<HeatStoreSpec> = Object.freeze<AssetType<HeatStoreSpec>>({
  kind: 'heat-store',
  field: 'heatStore',
  controllable: true,
  baseline: 'charge-now',
  defaultAgent: 'ev-deadline',
  metrics: [{ name: 'heatShortfallKWh', unit: 'Wh' }],
  define: (options) => defineHeatStore(options as HeatStoreOptions),
  create(spec, setup): Asset {
    const demand = heatDemandWh(spec, setup.intervalMs);
    const flow = newAssetFlow();
    const scratch = newHeatStoreStep(); // this instance's own: a run inside a callback has its own
    let marketWh = spec.initialWh;
    let baselineWh = spec.initialWh;
    let shortfallWh = 0;
    const slotOf = (msOfDay: number): number => Math.floor(msOfDay / setup.intervalMs);
    return {
      prepare() {},
      forecastWh: () => 0,
      ownWh: () => 0,
      view(ctx) {
        const dry = stepHeatStore(spec, demand, slotOf(ctx.local.msOfDay), marketWh, 0, ctx.durationMs, scratch);
        return { storedWh: marketWh, maxChargeWh: dry.maxChargeWh, maxDischargeWh: 0, mustChargeWh: dry.mustChargeWh, roundTripPpm: 0 };
      },
      step(run: AssetRun, ctx, requestWh) {
        const step = stepHeatStore(spec, demand, slotOf(ctx.local.msOfDay), run === 'market' ? marketWh : baselineWh, requestWh, ctx.durationMs, scratch);
        if (run === 'market') {
          marketWh = step.storedWh;
          shortfallWh += step.shortfallWh;
        } else baselineWh = step.storedWh;
        flow.netWh = step.gridWh;
        flow.consumptionWh = step.gridWh;
        return flow;
      },
      stateOfCharge: () => marketWh / spec.capacityWh,
      metric: () => shortfallWh,
    };
  },
});
