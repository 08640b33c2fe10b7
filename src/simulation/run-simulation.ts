import type { BiddingStrategy } from '../agents/bidding-strategy.js';
import type { AuctionMechanism } from '../auction/mechanism.js';
import { mechanismName } from '../auction/mechanisms/built-in-mechanisms.js';
import type { AssetType } from '../assets/asset.js';
import { assetRegistry } from '../assets/asset-registry.js';
import type { MechanismName } from '../market/market-types.js';
import { MS_PER_DAY } from '../time/calendar.js';
import { ManualClock } from '../time/clock.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { checkInteger, checkKnownKeys, checkObject } from '../validation/checks.js';
import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { createRandom } from '../random/random.js';
import { buildResult, type RunFacts } from './build-result.js';
import { couplesZones, honoursLinks, makeMarket } from './day-market.js';
import { recordRun, type RunSettings } from './run-loop.js';
import { resolveScenario, type ResolvedScenario } from './resolve-scenario.js';
import type { Scenario } from './scenario-types.js';
import type { SimulationResult } from './simulation-result.js';
import { scenarioByName } from './scenarios/built-in-scenarios.js';
import { bandOver, checkPriceCovers } from './tariff-series.js';
import { fail, WattError } from '../errors/watt-error.js';

/** Options of {@link runSimulation}. */
export interface SimulationOptions {
  /** A built-in scenario's name (`'campus'`, `'district'`, `'campus-heat'`, `'campus-grid'`) or a scenario of your own. */
  scenario: string | Scenario;
  /** Days to simulate, from the scenario's start date (1 to 3,660). */
  days: number;
  /** The seed: the same seed gives the same results. */
  seed: number | string;
  /**
   * The auction mechanism (default `'uniform'`): a built-in one by name, or an
   * {@link AuctionMechanism} of your own (then the result's `mechanism` is its `name`, and
   * `runSimulationParallel` runs it on the calling thread: a function cannot cross to a worker).
   */
  mechanism?: MechanismName | AuctionMechanism;
  /** k of the uniform and discriminatory mechanisms (default 0.5). */
  k?: DecimalInput;
  /** Strategies of your own by name, usable as a participant's `agent`. */
  strategies?: Readonly<Record<string, BiddingStrategy>>;
  /**
   * Asset types of your own (plug-ins, see {@link AssetType}), beside the built-ins: a participant
   * gives a type's options under the type's `field`.
   */
  assets?: readonly AssetType[];
  /** Called after every simulated interval with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
}

const FN = 'runSimulation';
const OPTION_KEYS: readonly (keyof SimulationOptions)[] = ['scenario', 'days', 'seed', 'mechanism', 'k', 'strategies', 'assets', 'onProgress'];

/** A run's inputs after validation: what {@link recordRun} and {@link buildResult} need. */
export interface PreparedRun {
  readonly resolved: ResolvedScenario;
  readonly settings: RunSettings;
  readonly facts: RunFacts;
}

/**
 * Validates the options completely (no unknown option, scenario, days, seed, mechanism and k
 * through a trial market, onProgress) before any work.
 */
export function prepareRun(options: SimulationOptions): PreparedRun {
  // A misspelt option ('mechansim') would otherwise run the default and be reported as the study.
  checkKnownKeys(checkObject(options, FN, 'options'), OPTION_KEYS, FN, 'option');
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    fail(ErrorCode.INVALID_OPTION, FN, `onProgress must be a function; got ${describeValue(options.onProgress)}`);
  }
  const days = checkInteger(options.days, 0, 1, 3660, FN, 'days');
  const scenario = typeof options.scenario === 'string' ? scenarioByName(options.scenario, FN) : options.scenario;
  const resolved = resolveScenario(scenario, options.strategies ?? {}, assetRegistry(options.assets, FN));
  createRandom(options.seed); // validates the seed
  const intervals = days * (MS_PER_DAY / resolved.intervalMs);
  checkSeriesCover(resolved, intervals);
  const band = bandOver(resolved.retail, resolved.feedIn, intervals);
  const mechanism = options.mechanism ?? 'uniform';
  makeMarket(resolved, resolved.zones, mechanism, options.k, new ManualClock(resolved.startMs - MS_PER_DAY));
  const apart = resolved.crossZoneFeeTicks !== undefined && resolved.zones.length > 1 && !couplesZones(resolved, mechanism);
  const zoneNote = !apart
    ? ''
    : honoursLinks(resolved, mechanism)
      ? `With '${mechanismName(mechanism)}', which has no form with fees that differ between zones, each zone cleared its own auction (no trading across zones).`
      : `With '${mechanismName(mechanism)}', which cannot honour link capacities, each zone cleared its own auction (no trading across zones).`;
  const measured = resolved.retail.series !== undefined || resolved.feedIn.series !== undefined;
  const tariffNote = measured ? 'The tariff is a measured price series: the retail and feed-in prices given are its highest and lowest in the run.' : '';
  const note = [zoneNote, tariffNote].filter((n) => n !== '').join(' ');
  return {
    resolved,
    settings: { days, seed: options.seed, mechanism, k: options.k },
    facts: {
      scenario: resolved.scenario,
      seed: options.seed,
      days,
      mechanism: mechanismName(mechanism),
      startMs: resolved.startMs,
      intervalMs: resolved.intervalMs,
      utcOffsetMinutes: resolved.utcOffsetMinutes,
      currency: resolved.currency,
      priceTick: resolved.priceTick,
      retailTicks: band.retailTicks,
      feedInTicks: band.feedInTicks,
      note,
      network: resolved.network,
      netting: resolved.netting,
      zones: resolved.zones,
    },
  };
}

/**
 * Checks that every measured series (the assets' and the tariff's) covers the run, before it starts.
 * @throws WattError INVALID_SCENARIO naming the participant, the field and the series' source.
 */
function checkSeriesCover(resolved: ResolvedScenario, intervals: number): void {
  checkPriceCovers(resolved.retail, intervals, FN);
  checkPriceCovers(resolved.feedIn, intervals, FN);
  for (const p of resolved.participants) {
    for (const a of p.assets) {
      try {
        a.type.checkRun?.(a.spec, intervals);
      } catch (e) {
        if (e instanceof WattError) throw new WattError(e.code, `${FN}: participant '${p.id}': ${e.message.replace(/^[\w.]+: /, '')}`, e.reason);
        throw e;
      }
    }
  }
}

/**
 * Runs a scenario: for each 15-minute interval the agents see their forecasts (solar from a
 * forecast cloud index, demand from its shape) and their zone's recent prices, and submit sealed
 * orders to a {@link Market}; the auction clears at gate closure; the assets then deliver (storage
 * follows what was traded and absorbs its own participant's deviations; EVs and swap stations
 * charge what they must, traded or not; meters see the actual weather and demand); and the
 * interval settles against the meter readings. Alongside, the same physical days run under a
 * utility-only baseline (no local trading: batteries self-consume, EVs and swap stations charge at
 * once), so every participant's cost can be compared. Deterministic from the seed.
 *
 * A fresh market and ledger serve each simulated day (balances are read at the day's end), so a
 * run of any length holds one day of market history in memory. For runs split over worker
 * threads see `runSimulationParallel` (from `wattmarket/node`).
 *
 * @returns totals, per-participant and per-type results, and time series; see {@link SimulationResult}.
 * @throws WattError UNKNOWN_SCENARIO, INVALID_SCENARIO, UNKNOWN_AGENT, INVALID_RANGE (days),
 *   INVALID_SEED, INVALID_ARGUMENT (an asset type that is not one), ASSET_FAILED (an asset
 *   plug-in that broke its contract during the run), INVALID_OPTION (an unknown option, an
 *   onProgress that is not a function), INVALID_ARGUMENT (options that are not an object), and the
 *   market's option codes (an unknown mechanism, a bad k).
 * @example
 * ```ts
 * const result = runSimulation({ scenario: 'campus', days: 7, seed: 1 });
 * console.log(result.totals.p2pTradedKWh, result.totals.communitySaving);
 * ```
 */
export function runSimulation(options: SimulationOptions): SimulationResult {
  const run = prepareRun(options);
  const total = run.settings.days * (MS_PER_DAY / run.resolved.intervalMs);
  const progress = options.onProgress;
  const record = recordRun(run.resolved, { ...run.settings, ...(progress === undefined ? {} : { onProgress: (done) => progress(done, total) }) }, run.resolved.zones);
  return buildResult(record, run.facts);
}
