import type { SimulationMetrics } from './simulation-metrics.js';
import type { NetworkResult } from './network-result.js';

/**
 * The results of a simulation run, as plain JSON-ready data: every energy in kWh and every amount
 * in the scenario's currency as numbers (converted once from exact integers at the end, so
 * `generationKWh + gridImportKWh = consumptionKWh + gridExportKWh + storageDeltaKWh + lossesKWh`
 * holds exactly in Wh).
 */
export interface SimulationResult {
  /** The scenario's name. */
  readonly scenario: string;
  /** The scenario's description (with the sources of its figures). */
  readonly description: string;
  /** The seed the run was made from. */
  readonly seed: number | string;
  /** Days simulated. */
  readonly days: number;
  /** The clearing mechanism. */
  readonly mechanism: string;
  /** The first interval's start, ISO 8601 UTC. */
  readonly start: string;
  /** Interval length, minutes. */
  readonly intervalMinutes: number;
  /** The local offset from UTC, minutes. */
  readonly utcOffsetMinutes: number;
  /** The currency code. */
  readonly currency: string;
  /** The utility's prices per kWh (with a measured price series: the band over the run). */
  readonly tariff: {
    /** What the utility charges per kWh (a series: its highest price in the run). */
    readonly retailPrice: number;
    /** What the utility pays per kWh (a series: its lowest price in the run). */
    readonly feedInPrice: number;
  };
  /** Totals over the run. */
  readonly totals: SimulationTotals;
  /** Per participant, in scenario order. */
  readonly participants: readonly ParticipantResult[];
  /** Per participant type (lecture, dormitory, ev-charger, ...), in order of first appearance. */
  readonly byType: readonly TypeResult[];
  /** Time series, one value per interval. */
  readonly series: SimulationSeries;
  /**
   * Figures researchers report (self-sufficiency, peaks, the distribution of savings, prices,
   * service levels); see docs/simulation.md. Every result a simulation returns has them; optional
   * only so that results written before they existed still read as results.
   */
  readonly metrics?: SimulationMetrics;
  /**
   * Link flows, congestion hours, transformer limits (curtailed PV, unserved load) and imbalance
   * netting: present only when the scenario has `network` limits or `imbalanceNetting`.
   */
  readonly network?: NetworkResult;
  /**
   * Per zone (feeder), in the scenario's zone order: its participants' flows and costs, and what
   * they traded with other zones. Every result a simulation returns has it; optional only so
   * that results written before it existed still read as results.
   */
  readonly zones?: readonly ZoneResult[];
}

/** The totals of one zone (feeder): sums over its participants, exact in Wh before conversion. */
export interface ZoneResult {
  /** The zone's name. */
  readonly zone: string;
  /** How many participants it has. */
  readonly participants: number;
  /** Its participants' generation, kWh. */
  readonly generationKWh: number;
  /** Its participants' consumption, kWh. */
  readonly consumptionKWh: number;
  /** Bought locally by its participants (from any zone), kWh. */
  readonly boughtKWh: number;
  /** Sold locally by its participants (to any zone), kWh. */
  readonly soldKWh: number;
  /** Of `boughtKWh`, bought from sellers in other zones, kWh (0 when zones clear apart). */
  readonly boughtFromOtherZonesKWh: number;
  /** Of `soldKWh`, sold to buyers in other zones, kWh. */
  readonly soldToOtherZonesKWh: number;
  /** Bought from the utility, kWh. */
  readonly gridImportKWh: number;
  /** Sold to the utility, kWh. */
  readonly gridExportKWh: number;
  /** Its participants' net cost with local trading. */
  readonly netCost: number;
  /** Their net cost with the utility alone. */
  readonly baselineNetCost: number;
}

/** Totals over the whole run. */
export interface SimulationTotals {
  /** Solar delivered (after curtailment) and vehicle-to-grid discharge, kWh. */
  readonly generationKWh: number;
  /** Loads served, EV charging and energy riders took away from swap stations, kWh. */
  readonly consumptionKWh: number;
  /** Energy the utility supplied (participants' shortfalls), kWh. */
  readonly gridImportKWh: number;
  /** Energy the utility absorbed (participants' surpluses), kWh. */
  readonly gridExportKWh: number;
  /** Energy traded locally between participants, kWh. */
  readonly p2pTradedKWh: number;
  /** Change of the energy stored in batteries and swap-station packs, kWh. */
  readonly storageDeltaKWh: number;
  /** Conversion losses of storage, kWh. */
  readonly lossesKWh: number;
  /** Solar the grid connections could not take, kWh (not in generation). */
  readonly curtailedKWh: number;
  /** Demand the grid connections could not serve, kWh (not in consumption). */
  readonly unservedKWh: number;
  /** Share of consumption not bought from the utility: 1 - gridImport / consumption. */
  readonly selfSufficiency: number;
  /** Share of generation not sold to the utility: 1 - gridExport / generation. */
  readonly selfConsumption: number;
  /** The highest community import from the utility in one interval, as average kW. */
  readonly peakGridImportKW: number;
  /** Volume-weighted average local trade price per kWh (buyers' prices); null when nothing traded. */
  readonly averageLocalPrice: number | null;
  /** Gains from trade at the orders' own limit prices, summed over the auctions. */
  readonly welfare: number;
  /** What all participants paid in all (negative when they earned more than they paid). */
  readonly communityNetCost: number;
  /** The same under the utility-only baseline. */
  readonly baselineCommunityNetCost: number;
  /** baselineCommunityNetCost - communityNetCost: what local trading saved the community. */
  readonly communitySaving: number;
  /** Grid fees paid to the network operator. */
  readonly gridFees: number;
  /** Energy EVs left short of their need, kWh (reported, never hidden). */
  readonly evShortfallKWh: number;
  /** Riders turned away by swap stations with no ready pack. */
  readonly missedSwaps: number;
  /**
   * Riders who got a ready pack at once (swaps served); optional only so that results written
   * before it existed still read as results.
   */
  readonly swapsServed?: number;
  /**
   * The most gains from trade the same orders allowed (the welfare of the efficient allocation,
   * see docs/simulation.md), summed over the auctions. Optional only for older results.
   */
  readonly efficientWelfare?: number;
  /**
   * welfare / efficientWelfare, from the exact sums (1 for an efficient mechanism); null when no
   * gains from trade were possible. Optional only for older results.
   */
  readonly marketEfficiency?: number | null;
  /**
   * The service figures of other asset types, by the name their plug-in gives (e.g.
   * `heatShortfallKWh`: heat demand a heat store could not serve, kWh); absent when the scenario
   * has no such asset.
   */
  readonly service?: Readonly<Record<string, number>>;
}

/** One participant's outcome. */
export interface ParticipantResult {
  /** Its id. */
  readonly id: string;
  /** Its reporting group. */
  readonly type: string;
  /** Its zone. */
  readonly zone: string;
  /** The agent that traded for it. */
  readonly agent: string;
  /** What it paid in all with local trading (negative when it earned more than it paid). */
  readonly netCost: number;
  /** What it paid in all trading with the utility alone. */
  readonly baselineNetCost: number;
  /** Its generation, kWh. */
  readonly generationKWh: number;
  /** Its consumption, kWh. */
  readonly consumptionKWh: number;
  /** Bought locally, kWh. */
  readonly boughtKWh: number;
  /** Sold locally, kWh. */
  readonly soldKWh: number;
  /** Bought from the utility, kWh. */
  readonly gridImportKWh: number;
  /** Sold to the utility, kWh. */
  readonly gridExportKWh: number;
}

/** The outcome of one participant type. */
export interface TypeResult {
  /** The type. */
  readonly type: string;
  /** How many participants have it. */
  readonly participants: number;
  /** Their net cost with local trading. */
  readonly netCost: number;
  /** Their net cost with the utility alone. */
  readonly baselineNetCost: number;
  /** baselineNetCost - netCost. */
  readonly saving: number;
}

/** Per-interval time series (arrays of equal length, one entry per interval). */
export interface SimulationSeries {
  /** Interval starts, ISO 8601 UTC. */
  readonly time: readonly string[];
  /** Community generation, kWh. */
  readonly generationKWh: readonly number[];
  /** Community consumption, kWh. */
  readonly consumptionKWh: readonly number[];
  /** Bought from the utility, kWh. */
  readonly gridImportKWh: readonly number[];
  /** Sold to the utility, kWh. */
  readonly gridExportKWh: readonly number[];
  /** Traded locally, kWh. */
  readonly p2pTradedKWh: readonly number[];
  /** Change of stored energy (batteries, swap packs), kWh. */
  readonly storageDeltaKWh: readonly number[];
  /** Conversion losses, kWh. */
  readonly lossesKWh: readonly number[];
  /** Demand offered (sum of bid quantities), kWh. */
  readonly demandKWh: readonly number[];
  /** Supply offered (sum of ask quantities), kWh. */
  readonly supplyKWh: readonly number[];
  /** The clearing price per kWh (volume-weighted over zones), null when nothing traded. */
  readonly price: readonly (number | null)[];
  /** State of charge (0 to 1) of each stationary battery, by participant id. */
  readonly batterySoc: Readonly<Record<string, readonly number[]>>;
}
