/**
 * Figures researchers report for a run, computed from its result (see docs/simulation.md,
 * "Metrics", for each formula). Ratios are in [0, 1] (or null where undefined: nothing to divide
 * by); powers are average kW over one interval; money is in the scenario's currency.
 * These are statistics for reports, computed in floating point from the exact totals: nothing in
 * matching, clearing or settlement reads them.
 */
export interface SimulationMetrics {
  /** 1 - gridImport / consumption. */
  readonly selfSufficiency: number;
  /** 1 - gridExport / generation. */
  readonly selfConsumption: number;
  /** The highest community import in one interval, average kW. */
  readonly peakGridImportKW: number;
  /** The highest community export in one interval, average kW. */
  readonly peakGridExportKW: number;
  /** baselineCommunityNetCost - communityNetCost. */
  readonly communitySaving: number;
  /** communitySaving / |baselineCommunityNetCost|; null when the baseline is 0. */
  readonly communitySavingShare: number | null;
  /** Share of participants whose saving is positive. */
  readonly shareGaining: number;
  /** Gini coefficient of the participants' savings (absolute form, see the guide); null when every saving is 0. */
  readonly savingGini: number | null;
  /** Volume-weighted mean local price per kWh; null when nothing traded. */
  readonly localPriceMean: number | null;
  /** Volume-weighted standard deviation of the interval prices per kWh; null when nothing traded. */
  readonly localPriceSpread: number | null;
  /** Energy traded locally, kWh. */
  readonly tradedKWh: number;
  /** Share of the community's consumption traded locally; null when nothing was consumed. */
  readonly tradedShare: number | null;
  /** Delivered EV charging over the EVs' need (charged + shortfall); null without EVs. */
  readonly evServiceLevel: number | null;
  /** Riders turned away by swap stations per simulated day. */
  readonly missedSwapsPerDay: number;
  /** Riders served at once over riders arriving at swap stations; null without riders. */
  readonly swapServiceLevel: number | null;
  /**
   * Welfare reached over the welfare of the efficient allocation of the same orders, summed over
   * the auctions (see `totals.marketEfficiency`); null when no gains from trade were possible.
   */
  readonly marketEfficiency: number | null;
}
