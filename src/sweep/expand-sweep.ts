import { Decimal } from 'decimal.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { AuctionMechanism } from '../auction/mechanism.js';
import { mechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import type { MechanismName } from '../market/market-types.js';
import { createRandom } from '../random/random.js';
import { prepareRun } from '../simulation/run-simulation.js';
import { checkInteger } from '../validation/checks.js';
import { runScenario } from './run-scenario.js';
import type { SweepClearing, SweepOptions, SweepRunSpec, SweepVariant } from './sweep-types.js';

const FN = 'expandSweep';
/** The most runs one sweep may hold: a bound on what a list can make a caller allocate. */
export const MAX_SWEEP_RUNS = 1_000_000;
const CLEARINGS: readonly SweepClearing[] = ['as-able', 'per-feeder'];

/**
 * Validates a sweep completely and lists its runs: every combination of scenarios, variants,
 * strategies, mechanisms, k and seeds, in that nesting order (seeds innermost), each with its
 * index. Every distinct setting is checked once through the simulation's own validation (the
 * scenario, the strategy, the mechanism and k through a trial market) before anything runs, so
 * a bad entry fails the sweep at once instead of after hours.
 *
 * @throws WattError INVALID_ARGUMENT for an empty or duplicated list or a bad variant,
 *   INVALID_OPTION for an unknown clearing, INVALID_RANGE for a sweep of more than
 *   {@link MAX_SWEEP_RUNS} runs, and the codes of runSimulation for a bad scenario, seed,
 *   mechanism, k or strategy.
 * @example
 * ```ts
 * const runs = expandSweep({ scenarios: ['campus'], days: 1, seeds: [1, 2], mechanisms: ['uniform', 'huang'] });
 * runs.length; // 4
 * ```
 */
export function expandSweep(options: SweepOptions): SweepRunSpec[] {
  const days = checkInteger(options.days, 0, 1, 3660, FN, 'days');
  const scenarios = list(options.scenarios, undefined, 'scenarios');
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
  const ks = list(options.k, [null], 'k').map((k) => (k === null ? null : kText(k)));
  const variants = list<SweepVariant>(options.variants, [{ name: 'base' }], 'variants');
  const clearing = options.clearing ?? 'as-able';
  if (!CLEARINGS.includes(clearing)) fail(ErrorCode.INVALID_OPTION, FN, `clearing must be one of ${CLEARINGS.join(', ')}; got ${describeValue(clearing)}`);
  for (const v of variants) {
    if (typeof v !== 'object' || typeof v.name !== 'string' || v.name === '') fail(ErrorCode.INVALID_ARGUMENT, FN, `a variant needs a non-empty name; got ${describeValue(v)}`);
  }
  unique(variants.map((v) => v.name), 'variants');
  // Runs and summary rows name their scenario: two scenarios of one name would merge in the summary.
  unique(
    scenarios.map((s) => (typeof s === 'string' ? s : (s as { name?: unknown }).name)),
    'scenarios (by name)',
  );
  unique(ks, 'k');
  for (const seed of seeds) createRandom(seed); // validates it (INVALID_SEED)
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

function list<T>(values: readonly T[] | undefined, fallback: readonly T[] | undefined, field: string): readonly T[] {
  if (values === undefined && fallback !== undefined) return fallback;
  const items: unknown = values;
  if (!Array.isArray(items) || items.length === 0) fail(ErrorCode.INVALID_ARGUMENT, FN, `${field} must be a non-empty array; got ${describeValue(values)}`);
  const checked = items as readonly T[];
  if (checked.length > MAX_SWEEP_RUNS) fail(ErrorCode.INVALID_RANGE, FN, `${field} has ${checked.length} entries; at most ${MAX_SWEEP_RUNS}`);
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
