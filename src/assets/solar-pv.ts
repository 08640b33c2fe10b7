import type { DecimalInput } from '../units/decimal-input.js';
import { checkObject } from '../validation/checks.js';
import { fractionToPpm, kWToW, MS_PER_HOUR } from './energy.js';

/** A solar PV array (rooftop or canopy) as a scenario describes it. */
export interface SolarPvOptions {
  /** Peak DC capacity, kWp (positive). */
  capacityKWp: DecimalInput;
  /** Share of the ideal output that reaches the meter (inverter, heat, soiling, wiring); default 0.8. */
  performanceRatio?: DecimalInput;
}

/** A validated PV array in integers. */
export interface SolarPvSpec {
  /** Always 'solar-pv'. */
  readonly kind: 'solar-pv';
  /** Peak capacity, W. */
  readonly capacityW: number;
  /** Performance ratio, ppm. */
  readonly performanceRatioPpm: number;
}

/**
 * Validates a PV array.
 * @throws WattError INVALID_SCENARIO naming the field.
 */
export function defineSolarPv(options: SolarPvOptions): SolarPvSpec {
  const fn = 'defineSolarPv';
  checkObject(options, fn, 'options');
  return Object.freeze({
    kind: 'solar-pv' as const,
    capacityW: kWToW(options.capacityKWp, fn, 'capacityKWp', true),
    performanceRatioPpm: fractionToPpm(options.performanceRatio ?? '0.8', fn, 'performanceRatio'),
  });
}

/**
 * Energy the array delivers in an interval, whole Wh rounded down, from the global horizontal
 * irradiance at the interval's midpoint (W/m²; 1000 is standard test conditions).
 */
export function solarPvEnergyWh(spec: SolarPvSpec, irradianceWm2: number, durationMs: number): number {
  const watts = (spec.capacityW * irradianceWm2 * spec.performanceRatioPpm) / 1e9;
  return Math.max(0, Math.floor((watts * durationMs) / MS_PER_HOUR));
}
