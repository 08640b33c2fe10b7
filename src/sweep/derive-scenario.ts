import { Decimal } from 'decimal.js';
import { Immer, type Draft } from 'immer';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Scenario } from '../simulation/scenario-types.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { checkKnownKeys, checkObject } from '../validation/checks.js';

/**
 * immer without auto-freeze: auto-freeze deep-freezes the result, and with it every branch the
 * result shares with the base, which is the caller's own scenario (a script that swept its
 * scenario could no longer edit it). Configuration only, never changed: no shared mutable state.
 */
const immer = new Immer({ autoFreeze: false });

/**
 * decimal.js for the products of {@link scaleScenario}: precision enough for any product of two
 * decimals (its digits are at most the sum of theirs), so a product is exact and does not depend
 * on the precision or rounding a caller set on the global `Decimal`. The exponent limits keep
 * the default text (exponential notation below 1e-7 and from 1e21) whatever the caller set
 * (a clone copies the settings of the global `Decimal` it is not given).
 */
const Exact = Decimal.clone({ precision: 1e9, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -7, toExpPos: 21, minE: -9e15, maxE: 9e15, modulo: Decimal.ROUND_DOWN });

/**
 * A scenario derived from `base` by `recipe`, with immer's `produce`: the recipe edits a draft,
 * and the result shares every branch the recipe did not touch with `base` (no copy of a
 * 1,000-participant scenario to change one field). `base` is never changed, nor frozen: it stays
 * the caller's to edit. Nothing is frozen, so treat the result as read-only data: an edit of a
 * branch it shares would change `base` too; derive again instead.
 *
 * @param base - the scenario to start from (a built-in one, one read from a file, or another variant).
 * @param recipe - edits the draft in place (or returns a replacement).
 * @returns the derived scenario.
 * @throws WattError INVALID_ARGUMENT when `base` is not an object or `recipe` not a function.
 * @example
 * ```ts
 * const calm = deriveScenario(campusScenario(), (s) => { s.tariff.feedInPrice = 500; });
 * ```
 */
export function deriveScenario(base: Scenario, recipe: (draft: Draft<Scenario>) => void): Scenario {
  checkObject(base, 'deriveScenario', 'base');
  if (typeof recipe !== 'function') fail(ErrorCode.INVALID_ARGUMENT, 'deriveScenario', `recipe must be a function; got ${describeValue(recipe)}`);
  return immer.produce(base, recipe);
}

/** Multipliers of a {@link scaleScenario} variant. */
export interface ScenarioScale {
  /** Every participant's PV capacity (kWp), or measured PV series value by value, times this (positive; default 1). */
  readonly pv?: number | string;
  /** Every stationary battery's capacity and powers times this (0 removes the batteries; default 1). */
  readonly battery?: number | string;
}

/** The fields a {@link ScenarioScale} may have. */
const SCALE_KEYS: readonly (keyof ScenarioScale)[] = ['pv', 'battery'];

/**
 * A scenario with every PV array and stationary battery scaled: the parameter lists of a sweep
 * (PV x 0.5, 1, 2; battery x 0, 1, 2), derived with {@link deriveScenario} so participants
 * without the scaled asset stay shared with `base`. Products are exact (decimal.js with the
 * precision they need, whatever precision the global `Decimal` has); the asset models then
 * refuse a size their steps cannot hold, as for any scenario.
 *
 * @throws WattError INVALID_ARGUMENT when `base` is not an object with a `participants` array,
 *   `scale` is not an object, or a multiplier is not a finite number (PV: positive; battery:
 *   zero or positive); INVALID_OPTION for a field of `scale` other than `pv` and `battery`.
 */
export function scaleScenario(base: Scenario, scale: ScenarioScale): Scenario {
  const { pv, battery } = parseScale(scale, 'scaleScenario', 'scale');
  checkObject(base, 'scaleScenario', 'base');
  const participants: unknown = base.participants;
  if (!Array.isArray(participants)) fail(ErrorCode.INVALID_ARGUMENT, 'scaleScenario', `base.participants must be an array; got ${describeValue(participants)}`);
  if (pv.eq(1) && battery.eq(1)) return base;
  const times = (v: DecimalInput, m: Decimal): string => new Exact(v).times(m).toString();
  return deriveScenario(base, (s) => {
    for (const p of s.participants) {
      // Malformed entries are left as they are, for the simulation's validation to refuse.
      if (!isObject(p)) continue;
      if (p.pv !== undefined && isObject(p.pv) && !pv.eq(1)) {
        // A measured series scales value by value, as exactly as a capacity.
        if ('series' in p.pv) p.pv.series = scaleSeries(p.pv.series, pv, times);
        else p.pv.capacityKWp = scaleValue(p.pv.capacityKWp, pv, times);
      }
      if (p.battery !== undefined && isObject(p.battery) && !battery.eq(1)) {
        if (battery.isZero()) {
          delete p.battery;
        } else {
          p.battery.capacityKWh = scaleValue(p.battery.capacityKWh, battery, times);
          p.battery.maxChargeKW = scaleValue(p.battery.maxChargeKW, battery, times);
          p.battery.maxDischargeKW = scaleValue(p.battery.maxDischargeKW, battery, times);
        }
      }
    }
  });
}

/**
 * The multipliers of `scale` (each 1 when absent), checked: `scale` an object with no field but
 * `pv` and `battery`, each a finite decimal (PV positive, battery zero or positive). `fn` and
 * `path` name the caller and the field in the errors (e.g. `variants[2].scale`).
 */
export function parseScale(scale: unknown, fn: string, path: string): { pv: Decimal; battery: Decimal } {
  const o = checkObject(scale, fn, path);
  checkKnownKeys(o, SCALE_KEYS, fn, `${path} multiplier`);
  return { pv: multiplier(o['pv'], false, fn, `${path}.pv`), battery: multiplier(o['battery'], true, fn, `${path}.battery`) };
}

/** True for an object (not null): the typed scenario may still hold anything at run time. */
function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** A value times `m`; a value that is not a decimal is left for the simulation to refuse. */
function scaleValue<T>(v: T, m: Decimal, times: (v: DecimalInput, m: Decimal) => string): T | string {
  try {
    return times(v as DecimalInput, m);
  } catch {
    return v;
  }
}

/** A series times `m`, value by value (see {@link scaleValue}). */
function scaleSeries(series: readonly DecimalInput[], m: Decimal, times: (v: DecimalInput, m: Decimal) => string): DecimalInput[] {
  const list: unknown = series;
  if (!Array.isArray(list)) return series as DecimalInput[];
  return (list as readonly DecimalInput[]).map((v) => scaleValue(v, m, times));
}

function multiplier(v: unknown, zeroAllowed: boolean, fn: string, field: string): Decimal {
  if (v === undefined) return new Exact(1);
  let d: Decimal | undefined;
  try {
    d = typeof v === 'number' || typeof v === 'string' || Decimal.isDecimal(v) ? new Exact(v) : undefined;
  } catch {
    d = undefined;
  }
  if (d === undefined || !d.isFinite() || d.isNegative() || (!zeroAllowed && d.isZero())) {
    return fail(ErrorCode.INVALID_ARGUMENT, fn, `${field} must be a ${zeroAllowed ? 'non-negative' : 'positive'} finite number; got ${describeValue(v)}`);
  }
  return d;
}
