import { Decimal } from 'decimal.js';
import { produce, type Draft } from 'immer';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Scenario } from '../simulation/scenario-types.js';
import type { DecimalInput } from '../units/decimal-input.js';

/**
 * A scenario derived from `base` by `recipe`, with immer's `produce`: the recipe edits a draft,
 * and the result shares every branch the recipe did not touch with `base` (no copy of a
 * 1,000-participant scenario to change one field). `base` is never changed; the result is frozen
 * (immer's auto-freeze), so a later edit of it throws instead of changing a shared branch.
 *
 * @param base - the scenario to start from (a built-in one, one read from a file, or another variant).
 * @param recipe - edits the draft in place (or returns a replacement).
 * @returns the derived scenario.
 * @example
 * ```ts
 * const calm = deriveScenario(campusScenario(), (s) => { s.tariff.feedInPrice = 500; });
 * ```
 */
export function deriveScenario(base: Scenario, recipe: (draft: Draft<Scenario>) => void): Scenario {
  return produce(base, recipe);
}

/** Multipliers of a {@link scaleScenario} variant. */
export interface ScenarioScale {
  /** Every participant's PV capacity (kWp), or measured PV series value by value, times this (positive; default 1). */
  readonly pv?: number | string;
  /** Every stationary battery's capacity and powers times this (0 removes the batteries; default 1). */
  readonly battery?: number | string;
}

/**
 * A scenario with every PV array and stationary battery scaled: the parameter lists of a sweep
 * (PV x 0.5, 1, 2; battery x 0, 1, 2), derived with {@link deriveScenario} so participants
 * without the scaled asset stay shared with `base`. Products are exact (decimal.js); the asset
 * models then refuse a size their steps cannot hold, as for any scenario.
 *
 * @throws WattError INVALID_ARGUMENT for a multiplier that is not a finite number (PV: positive;
 *   battery: zero or positive).
 */
export function scaleScenario(base: Scenario, scale: ScenarioScale): Scenario {
  const pv = multiplier(scale.pv, false, 'pv');
  const battery = multiplier(scale.battery, true, 'battery');
  if (pv.eq(1) && battery.eq(1)) return base;
  const times = (v: string | number | Decimal, m: Decimal): string => new Decimal(v).times(m).toString();
  return deriveScenario(base, (s) => {
    for (const p of s.participants) {
      if (p.pv !== undefined && !pv.eq(1)) {
        // A measured series scales value by value, as exactly as a capacity.
        if ('series' in p.pv) p.pv.series = scaleSeries(p.pv.series, pv, times);
        else p.pv.capacityKWp = times(p.pv.capacityKWp, pv);
      }
      if (p.battery !== undefined && !battery.eq(1)) {
        if (battery.isZero()) {
          delete p.battery;
        } else {
          p.battery.capacityKWh = times(p.battery.capacityKWh, battery);
          p.battery.maxChargeKW = times(p.battery.maxChargeKW, battery);
          p.battery.maxDischargeKW = times(p.battery.maxDischargeKW, battery);
        }
      }
    }
  });
}

/** A series times `m`; a value that is not a decimal is left for the simulation to refuse. */
function scaleSeries(series: readonly DecimalInput[], m: Decimal, times: (v: DecimalInput, m: Decimal) => string): DecimalInput[] {
  const list: unknown = series;
  if (!Array.isArray(list)) return series as DecimalInput[];
  return (list as readonly DecimalInput[]).map((v) => {
    try {
      return times(v, m);
    } catch {
      return v;
    }
  });
}

function multiplier(v: number | string | undefined, zeroAllowed: boolean, field: string): Decimal {
  if (v === undefined) return new Decimal(1);
  let d: Decimal | undefined;
  try {
    d = new Decimal(v);
  } catch {
    d = undefined;
  }
  if (d === undefined || !d.isFinite() || d.isNegative() || (!zeroAllowed && d.isZero())) {
    fail(ErrorCode.INVALID_ARGUMENT, 'scaleScenario', `${field} must be a ${zeroAllowed ? 'non-negative' : 'positive'} finite number; got ${JSON.stringify(v)}`);
  }
  return d;
}
