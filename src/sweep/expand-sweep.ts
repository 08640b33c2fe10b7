import { Decimal } from 'decimal.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { AuctionMechanism } from '../auction/mechanism.js';
import { mechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import type { MechanismName } from '../market/market-types.js';
import { createRandom } from '../random/random.js';
import { prepareRun } from '../simulation/run-simulation.js';
import { checkInteger, checkKnownKeys, checkObject } from '../validation/checks.js';
import { parseScale } from './derive-scenario.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from '../simulation/scenario-types.js';
import type { SweepClearing, SweepOptions, SweepRunSpec, SweepVariant } from './sweep-types.js';

const FN = 'expandSweep';
/** The most runs one sweep may hold: a bound on what a list can make a caller allocate. */
export const MAX_SWEEP_RUNS = 1_000_000;
const CLEARINGS: readonly SweepClearing[] = ['as-able', 'per-feeder'];
/** The options a sweep has (see {@link SweepOptions}): any other is a misspelling, refused. */
export const SWEEP_OPTION_KEYS: readonly (keyof SweepOptions)[] = ['scenarios', 'days', 'seeds', 'mechanisms', 'strategies', 'k', 'variants', 'clearing'];
const VARIANT_KEYS: readonly (keyof SweepVariant)[] = ['name', 'scale'];

/**
 * Validates a sweep completely and lists its runs: every combination of scenarios, variants,
 * strategies, mechanisms, k and seeds, in that nesting order (seeds innermost), each with its
 * index. Every distinct setting is checked once through the simulation's own validation (the
 * scenario, the strategy, the mechanism and k through a trial market) before anything runs, so
 * a bad entry fails the sweep at once instead of after hours.
 *
 * Nothing it is given is changed or frozen (variants are derived, see `deriveScenario`).
 *
 * @throws WattError INVALID_ARGUMENT for options that are not an object, an empty or duplicated
 *   list, a list with a hole, a scenario that is neither a name nor an object, a strategy that is
 *   not a non-empty string, or a bad variant or multiplier; INVALID_OPTION for an unknown option,
 *   variant field or multiplier (a misspelling is refused, not ignored) and an unknown clearing; INVALID_RANGE for a sweep of more than
 *   {@link MAX_SWEEP_RUNS} runs, and the codes of runSimulation for a bad scenario, seed,
 *   mechanism, k or strategy.
 * @example
 * ```ts
 * const runs = expandSweep({ scenarios: ['campus'], days: 1, seeds: [1, 2], mechanisms: ['uniform', 'huang'] });
 * runs.length; // 4
 * ```
 */
export function expandSweep(options: SweepOptions): SweepRunSpec[] {
  checkKnownKeys(checkObject(options, FN, 'options'), SWEEP_OPTION_KEYS, FN, 'option');
  const days = checkInteger(options.days, 0, 1, 3660, FN, 'days');
  const scenarios = list(options.scenarios, undefined, 'scenarios');
  scenarios.forEach((entry, i) => {
    const s: unknown = entry;
    if (typeof s !== 'string' && (typeof s !== 'object' || s === null || Array.isArray(s))) {
      fail(ErrorCode.INVALID_ARGUMENT, FN, `scenarios[${i}] must be a built-in scenario name or a Scenario; got ${describeValue(s)}`);
    }
  });
  const seeds = list(options.seeds, undefined, 'seeds');
  const mechanisms = list<MechanismName | AuctionMechanism>(options.mechanisms, ['uniform'], 'mechanisms');
  for (const m of mechanisms as readonly unknown[]) {
    if (typeof m !== 'string' && (typeof m !== 'object' || m === null || typeof (m as { name?: unknown }).name !== 'string')) {
      fail(ErrorCode.INVALID_ARGUMENT, FN, `a mechanism must be a built-in name or an AuctionMechanism with a name; got ${describeValue(m)}`);
    }
  }
  // Runs and summary rows name their mechanism: two mechanisms of one name would merge in the summary.
  unique(mechanisms.map(mechanismName), 'mechanisms (by name)');
  const strategies = list(options.strategies, ['default'], 'strategies');
  strategies.forEach((s, i) => {
    if (typeof s !== 'string' || s === '') fail(ErrorCode.INVALID_ARGUMENT, FN, `strategies[${i}] must be a strategy name or 'default'; got ${describeValue(s)}`);
  });
  const ks = list(options.k, [null], 'k').map((k) => (k === null ? null : kText(k)));
  const variants = list<SweepVariant>(options.variants, [{ name: 'base' }], 'variants');
  const clearing = options.clearing ?? 'as-able';
  if (!CLEARINGS.includes(clearing)) fail(ErrorCode.INVALID_OPTION, FN, `clearing must be one of ${CLEARINGS.join(', ')}; got ${describeValue(clearing)}`);
  variants.forEach((v, i) => {
    checkKnownKeys(checkObject(v, FN, `variants[${i}]`), VARIANT_KEYS, FN, `variants[${i}] field`);
    if (typeof v.name !== 'string' || v.name === '') fail(ErrorCode.INVALID_ARGUMENT, FN, `variants[${i}] needs a non-empty name; got ${describeValue(v.name)}`);
    if (v.scale !== undefined) parseScale(v.scale, FN, `variants[${i}].scale`);
  });
  unique(variants.map((v) => v.name), 'variants');
  // Runs and summary rows name their scenario: two scenarios of one name would merge in the summary.
  unique(
    scenarios.map((s) => (typeof s === 'string' ? s : (s as { name?: unknown }).name)),
    'scenarios (by name)',
  );
  unique(ks, 'k');
  for (const seed of seeds) createRandom(seed); // validates it (INVALID_SEED)
  // A scenario of the wrong shape is refused by the simulation's own validation before any
  // variant, strategy or clearing is derived from it (which would stumble on it).
  scenarios.forEach((s, i) => {
    if (typeof s === 'string' || derivable(s)) return;
    prepareRun({ scenario: s, days, seed: seeds[0] as number | string, mechanism: 'uniform' });
    fail(ErrorCode.INVALID_ARGUMENT, FN, `scenarios[${i}] needs participants (objects) and a tariff object`); // should the simulation ever accept it
  });
  const total = scenarios.length * variants.length * strategies.length * mechanisms.length * ks.length * seeds.length;
  if (total > MAX_SWEEP_RUNS) fail(ErrorCode.INVALID_RANGE, FN, `the sweep has ${total} runs; at most ${MAX_SWEEP_RUNS}`);
  const specs: SweepRunSpec[] = [];
  for (const scenario of scenarios) {
    for (const variant of variants) {
      for (const strategy of strategies) {
        for (const mechanism of mechanisms) {
          for (const k of ks) {
            const base = { scenario, variant: variant.name, ...(variant.scale === undefined ? {} : { scale: variant.scale }), mechanism, strategy, k, days, clearing };
            // Validates the setting once, with the first seed; each seed is checked below.
            prepareRun({ scenario: runScenario(base), days, seed: seeds[0] as number | string, mechanism, ...(k === null ? {} : { k }) });
            for (const seed of seeds) specs.push({ index: specs.length, ...base, seed });
          }
        }
      }
    }
  }
  return specs;
}

/** True when `s` has the shape the derivations of runScenario read: participants (objects) and a tariff. */
function derivable(s: Scenario): boolean {
  const participants: unknown = s.participants;
  const tariff: unknown = s.tariff;
  return Array.isArray(participants) && participants.every((p) => typeof p === 'object' && p !== null) && typeof tariff === 'object' && tariff !== null;
}

function list<T>(values: readonly T[] | undefined, fallback: readonly T[] | undefined, field: string): readonly T[] {
  if (values === undefined && fallback !== undefined) return fallback;
  const items: unknown = values;
  if (!Array.isArray(items) || items.length === 0) fail(ErrorCode.INVALID_ARGUMENT, FN, `${field} must be a non-empty array; got ${describeValue(values)}`);
  const checked = items as readonly T[];
  if (checked.length > MAX_SWEEP_RUNS) fail(ErrorCode.INVALID_RANGE, FN, `${field} has ${checked.length} entries; at most ${MAX_SWEEP_RUNS}`);
  // A hole (a sparse array) would become a run with no value for the field: map and forEach skip it.
  for (let i = 0; i < checked.length; i++) if (!(i in checked)) fail(ErrorCode.INVALID_ARGUMENT, FN, `${field}[${i}] is missing (a hole in the array)`);
  unique(
    checked.map((v) => (typeof v === 'object' && v !== null ? v : String(v))),
    field,
  );
  return checked;
}

function unique(values: readonly unknown[], field: string): void {
  const seen = new Set<unknown>();
  for (const v of values) {
    if (seen.has(v)) fail(ErrorCode.INVALID_ARGUMENT, FN, `${field} lists ${describeValue(v)} twice`);
    seen.add(v);
  }
}

function kText(k: unknown): string {
  try {
    return new Decimal(k as Decimal.Value).toString();
  } catch {
    return fail(ErrorCode.INVALID_ARGUMENT, FN, `k must be a decimal number; got ${describeValue(k)}`);
  }
}
