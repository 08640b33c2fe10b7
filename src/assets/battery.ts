import type { DecimalInput } from '../units/decimal-input.js';
import { divideSafe } from '../units/rounding.js';
import { checkObject } from '../validation/checks.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { energyLimitWh, fractionToPpm, isqrtFloor, kWhToWh, kWToW } from './energy.js';

/** A stationary battery as a scenario describes it, in kWh, kW and fractions. */
export interface BatteryOptions {
  /** Usable nameplate capacity in kWh (positive). */
  capacityKWh: DecimalInput;
  /** Largest charging power at the grid connection, kW. */
  maxChargeKW: DecimalInput;
  /** Largest discharging power at the grid connection, kW. */
  maxDischargeKW: DecimalInput;
  /** Round-trip efficiency in (0, 1], split evenly between charging and discharging (default 0.9). */
  roundTripEfficiency?: DecimalInput;
  /** Lowest state of charge as a fraction of capacity (default 0.1). */
  minSoc?: DecimalInput;
  /** Highest state of charge as a fraction of capacity (default 0.95). */
  maxSoc?: DecimalInput;
  /** State of charge at the start, a fraction within [minSoc, maxSoc] (default 0.5). */
  initialSoc?: DecimalInput;
}

/** A validated battery in integers: Wh, W and parts per million. */
export interface BatterySpec {
  /** Always 'battery'. */
  readonly kind: 'battery';
  /** Capacity, Wh. */
  readonly capacityWh: number;
  /** Charging power limit at the grid side, W. */
  readonly maxChargeW: number;
  /** Discharging power limit at the grid side, W. */
  readonly maxDischargeW: number;
  /** Share of grid-side charging energy that is stored, ppm. */
  readonly chargeEfficiencyPpm: number;
  /** Share of stored energy drawn that reaches the grid side, ppm. */
  readonly dischargeEfficiencyPpm: number;
  /** Lowest stored energy, Wh. */
  readonly minWh: number;
  /** Highest stored energy, Wh. */
  readonly maxWh: number;
  /** Stored energy at the start, Wh. */
  readonly initialWh: number;
}

/** The outcome of one interval of a storage asset (battery, EV, swap station). */
export interface StorageStep {
  /** Stored energy after the interval, Wh. */
  readonly storedWh: number;
  /** Energy at the grid side: positive when charging (import), negative when discharging. */
  readonly gridWh: number;
  /** Conversion losses, Wh (never negative). gridWh = (storedWh - before) + lossesWh. */
  readonly lossesWh: number;
  /** True when the request was cut by a power, energy or state-of-charge limit. */
  readonly limited: boolean;
}

/**
 * Validates a battery description and converts it to integers.
 * @throws WattError INVALID_SCENARIO naming the field that is wrong.
 * @example
 * ```ts
 * const spec = defineBattery({ capacityKWh: 200, maxChargeKW: 100, maxDischargeKW: 100 });
 * ```
 */
export function defineBattery(options: BatteryOptions): BatterySpec {
  const fn = 'defineBattery';
  checkObject(options, fn, 'options');
  const capacityWh = kWhToWh(options.capacityKWh, fn, 'capacityKWh', true);
  const maxChargeW = kWToW(options.maxChargeKW, fn, 'maxChargeKW');
  const maxDischargeW = kWToW(options.maxDischargeKW, fn, 'maxDischargeKW');
  const rtePpm = fractionToPpm(options.roundTripEfficiency ?? '0.9', fn, 'roundTripEfficiency', 1);
  const minSocPpm = fractionToPpm(options.minSoc ?? '0.1', fn, 'minSoc');
  const maxSocPpm = fractionToPpm(options.maxSoc ?? '0.95', fn, 'maxSoc');
  const initialSocPpm = fractionToPpm(options.initialSoc ?? '0.5', fn, 'initialSoc');
  if (minSocPpm > maxSocPpm) fail(ErrorCode.INVALID_SCENARIO, fn, 'minSoc must not exceed maxSoc');
  if (initialSocPpm < minSocPpm || initialSocPpm > maxSocPpm) {
    fail(ErrorCode.INVALID_SCENARIO, fn, 'initialSoc must lie within [minSoc, maxSoc]');
  }
  // Each direction gets the square root of the round trip, rounded down: the modelled round trip
  // is never better than the one given.
  const oneWayPpm = isqrtFloor(rtePpm * 1_000_000);
  const wh = (ppm: number): number => divideSafe(capacityWh * ppm, 1_000_000, 'floor');
  // The window is rounded inwards (min up, max down) so it never exceeds the fractions given.
  const minWh = divideSafe(capacityWh * minSocPpm, 1_000_000, 'ceil');
  const maxWh = wh(maxSocPpm);
  if (minWh > maxWh) fail(ErrorCode.INVALID_SCENARIO, fn, 'the state-of-charge window holds less than 1 Wh');
  return Object.freeze({
    kind: 'battery' as const,
    capacityWh,
    maxChargeW,
    maxDischargeW,
    chargeEfficiencyPpm: oneWayPpm,
    dischargeEfficiencyPpm: oneWayPpm,
    minWh,
    maxWh,
    initialWh: Math.max(minWh, wh(initialSocPpm)),
  });
}

/**
 * One interval of a battery: charges (requestWh > 0) or discharges (requestWh < 0) as much of
 * the request as the power limits and the state-of-charge window allow. Pure: it returns the new
 * stored energy and changes nothing. Energy is exact in Wh: what goes in at the grid side is
 * stored or lost, and what comes out was stored.
 *
 * @param storedWh - the stored energy at the start of the interval (within the spec's window).
 * @param requestWh - wanted grid-side energy: positive to charge, negative to discharge.
 * @param durationMs - the interval's length.
 */
export function stepBattery(spec: BatterySpec, storedWh: number, requestWh: number, durationMs: number): StorageStep {
  return stepStore(
    storedWh,
    requestWh,
    energyLimitWh(spec.maxChargeW, durationMs),
    energyLimitWh(spec.maxDischargeW, durationMs),
    spec.minWh,
    spec.maxWh,
    spec.chargeEfficiencyPpm,
    spec.dischargeEfficiencyPpm,
  );
}

/**
 * The storage arithmetic shared by batteries, EVs and swap-station packs. Charging stores
 * floor(grid * etaC); discharging draws ceil(grid / etaD) from the store; both are limited so the
 * store stays within [minWh, maxWh].
 */
export function stepStore(
  storedWh: number,
  requestWh: number,
  chargeLimitWh: number,
  dischargeLimitWh: number,
  minWh: number,
  maxWh: number,
  chargeEfficiencyPpm: number,
  dischargeEfficiencyPpm: number,
): StorageStep {
  return stepStoreInto(newStorageStep(), storedWh, requestWh, chargeLimitWh, dischargeLimitWh, minWh, maxWh, chargeEfficiencyPpm, dischargeEfficiencyPpm);
}

/** A {@link StorageStep} that its owner overwrites each interval (internal: the simulation's assets). */
export interface StorageStepScratch {
  storedWh: number;
  gridWh: number;
  lossesWh: number;
  limited: boolean;
}

/** A zero {@link StorageStepScratch}. */
export function newStorageStep(): StorageStepScratch {
  return { storedWh: 0, gridWh: 0, lossesWh: 0, limited: false };
}

/**
 * {@link stepStore} written into `out` (which it returns) instead of a new object: an asset
 * instance keeps one and steps into it, so a run makes no object per storage step (several per
 * battery and interval). Each caller owns its `out`: no scratch is shared between assets.
 */
export function stepStoreInto(
  out: StorageStepScratch,
  storedWh: number,
  requestWh: number,
  chargeLimitWh: number,
  dischargeLimitWh: number,
  minWh: number,
  maxWh: number,
  chargeEfficiencyPpm: number,
  dischargeEfficiencyPpm: number,
): StorageStepScratch {
  if (requestWh > 0) {
    const byRoom = gridForRoom(Math.max(0, maxWh - storedWh), chargeEfficiencyPpm);
    const grid = Math.min(requestWh, chargeLimitWh, byRoom);
    const stored = divideSafe(grid * chargeEfficiencyPpm, 1_000_000, 'floor');
    out.storedWh = storedWh + stored;
    out.gridWh = grid;
    out.lossesWh = grid - stored;
    out.limited = grid < requestWh;
    return out;
  }
  if (requestWh < 0) {
    const available = Math.max(0, storedWh - minWh);
    const byCharge = divideSafe(available * dischargeEfficiencyPpm, 1_000_000, 'floor');
    const o = Math.min(-requestWh, dischargeLimitWh, byCharge);
    const drawn = o === 0 ? 0 : divideSafe(o * 1_000_000, dischargeEfficiencyPpm, 'ceil');
    out.storedWh = storedWh - drawn;
    out.gridWh = o === 0 ? 0 : -o;
    out.lossesWh = drawn - o;
    out.limited = o < -requestWh;
    return out;
  }
  out.storedWh = storedWh;
  out.gridWh = 0;
  out.lossesWh = 0;
  out.limited = false;
  return out;
}

/**
 * The most grid-side energy whose stored part, floor(grid * eta), fits in `roomWh`: the largest g
 * with floor(g * eta / 1e6) <= room, which is floor(((room + 1) * 1e6 - 1) / eta).
 */
export function gridForRoom(roomWh: number, efficiencyPpm: number): number {
  return divideSafe((roomWh + 1) * 1_000_000 - 1, efficiencyPpm, 'floor');
}
