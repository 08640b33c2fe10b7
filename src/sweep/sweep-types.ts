import type { AuctionMechanism } from '../auction/mechanism.js';
import type { MechanismName } from '../market/market-types.js';
import type { SimulationMetrics } from '../simulation/simulation-metrics.js';
import type { Scenario } from '../simulation/scenario-types.js';
import type { SimulationTotals } from '../simulation/simulation-result.js';
import type { DecimalInput } from '../units/decimal-input.js';
import type { ScenarioScale } from './derive-scenario.js';

/**
 * How zones (feeders) clear in a sweep's runs:
 * - `'as-able'` (the default, and what `simulate` does): each mechanism clears the zones jointly
 *   where it can (uniform and discriminatory, with cross-zone fees), and each zone apart where it
 *   cannot (the truthful mechanisms);
 * - `'per-feeder'`: every mechanism clears each zone apart (no trading across zones), so
 *   mechanisms are compared on the same footing.
 */
export type SweepClearing = 'as-able' | 'per-feeder';

/** How one run's zones actually cleared: one market, jointly, or each zone apart. */
export type ClearingMode = 'single-zone' | 'joint' | 'per-feeder';

/** A named parameter variant of the scenarios: e.g. `{ name: 'pv x2', scale: { pv: 2 } }`. */
export interface SweepVariant {
  /** Its name in the output (unique within a sweep). */
  readonly name: string;
  /** Asset multipliers (see {@link scaleScenario}); none: the scenario as it is. */
  readonly scale?: ScenarioScale;
}

/** Options of a sweep: every combination of the lists is one run. */
export interface SweepOptions {
  /** Built-in scenario names or scenarios of your own (plain data). */
  readonly scenarios: readonly (string | Scenario)[];
  /** Days each run simulates (1 to 3,660). */
  readonly days: number;
  /** Seeds: each combination runs once per seed; statistics are over seeds. */
  readonly seeds: readonly (number | string)[];
  /**
   * Mechanisms (default `['uniform']`): built-in names, or {@link AuctionMechanism}s of your own
   * (recorded by their `name`, which must differ from every other mechanism's in the sweep). A
   * function cannot cross to a worker thread or a queue, so `runSweep` runs the runs of a custom
   * mechanism on the calling thread, whatever the executor.
   */
  readonly mechanisms?: readonly (MechanismName | AuctionMechanism)[];
  /**
   * Strategies of the participants without storage or an EV, whose agent the scenario leaves to
   * the default (`'truthful'`): a built-in strategy name, or `'default'` for the scenario's own
   * agents (default `['default']`).
   */
  readonly strategies?: readonly string[];
  /** Values of k (default: the mechanism's default, 0.5). Mechanisms without a k ignore it. */
  readonly k?: readonly DecimalInput[];
  /** Parameter variants (default: the scenarios as they are, named `'base'`). */
  readonly variants?: readonly SweepVariant[];
  /** How zones clear (default `'as-able'`); see {@link SweepClearing}. */
  readonly clearing?: SweepClearing;
}

/**
 * One run of a sweep, as plain data (it crosses to worker threads and through a queue as JSON)
 * unless its mechanism is a custom {@link AuctionMechanism}, which runs on the calling thread.
 */
export interface SweepRunSpec {
  /** Its position in the sweep (runs are written in this order). */
  readonly index: number;
  /** The scenario: a built-in name or the scenario itself. */
  readonly scenario: string | Scenario;
  /** The variant's name. */
  readonly variant: string;
  /** The variant's multipliers. */
  readonly scale?: ScenarioScale;
  /** The mechanism: a built-in name or a custom mechanism. */
  readonly mechanism: MechanismName | AuctionMechanism;
  /** The strategy name, or 'default'. */
  readonly strategy: string;
  /** k as text, or null for the default. */
  readonly k: string | null;
  /** The seed. */
  readonly seed: number | string;
  /** Days simulated. */
  readonly days: number;
  /** How zones clear. */
  readonly clearing: SweepClearing;
}

/** The outcome of one run of a sweep. */
export interface SweepRun {
  /** Its position in the sweep. */
  readonly index: number;
  /** The scenario's name. */
  readonly scenario: string;
  /** The variant's name. */
  readonly variant: string;
  /** The mechanism's name (a custom mechanism's `name`). */
  readonly mechanism: string;
  /** The strategy ('default': the scenario's own agents). */
  readonly strategy: string;
  /** k as text, or null for the default. */
  readonly k: string | null;
  /** The seed. */
  readonly seed: number | string;
  /** Days simulated. */
  readonly days: number;
  /** How its zones cleared. */
  readonly clearing: ClearingMode;
  /** Exactly the totals `runSimulation` (and `wattmarket simulate --json`) gives for the same scenario, mechanism and seed. */
  readonly totals: SimulationTotals;
  /** The run's metrics (see docs/simulation.md). */
  readonly metrics: SimulationMetrics;
}

/** Statistics of one figure over a combination's seeds. */
export interface SweepStatistic {
  /** Runs with a value (null values, e.g. no price when nothing traded, are left out). */
  readonly n: number;
  /** The mean. */
  readonly mean: number;
  /** The sample standard deviation (n - 1); null for a single value. */
  readonly sd: number | null;
  /** The 95 % confidence interval of the mean, t-distribution: mean -/+ t(0.975, n - 1) sd / sqrt(n); null for a single value. */
  readonly ci95: readonly [number, number] | null;
}

/** One combination of a sweep (all its lists but the seeds), with statistics over its seeds. */
export interface SweepSummaryRow {
  /** The scenario's name. */
  readonly scenario: string;
  /** The variant's name. */
  readonly variant: string;
  /** The mechanism. */
  readonly mechanism: string;
  /** The strategy. */
  readonly strategy: string;
  /** k as text, or null. */
  readonly k: string | null;
  /** How its zones cleared. */
  readonly clearing: ClearingMode;
  /**
   * True when rows that differ only in mechanism cleared their zones differently (one jointly,
   * one per feeder): their difference mixes the mechanism with the market's extent.
   */
  readonly confounded: boolean;
  /** The seeds run. */
  readonly seeds: number;
  /** Per figure (each of `totals` and `metrics` that is a number): its statistics, or null when no run had a value. */
  readonly stats: Readonly<Record<string, SweepStatistic | null>>;
}

/** What a sweep writes: every run, then the summary. */
export interface SweepResult {
  /** Every run, in sweep order. */
  readonly runs: readonly SweepRun[];
  /** One row per combination, in sweep order. */
  readonly summary: readonly SweepSummaryRow[];
}
