import { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import type { NetworkRecord } from './network-run.js';
import type { ResolvedNetwork } from './resolve-network.js';
import type { ImbalanceNettingMode } from './scenario-types.js';

/** One feeder-to-feeder link over a run. */
export interface LinkResult {
  /** The sellers' feeder. */
  readonly from: string;
  /** The buyers' feeder. */
  readonly to: string;
  /** Its capacity per interval, kWh; null when unlimited. */
  readonly capacityKWh: number | null;
  /** Energy traded over it in the run, kWh. */
  readonly flowKWh: number;
  /** The largest flow of one interval, kWh. */
  readonly peakFlowKWh: number;
  /** Intervals in which its flow reached a (positive) capacity: the link was full. */
  readonly congestedIntervals: number;
  /** The same in hours. */
  readonly congestionHours: number;
}

/** One feeder's transformer over a run (market run). */
export interface TransformerResult {
  /** The feeder. */
  readonly zone: string;
  /** Import limit per interval, kWh; null when unlimited. */
  readonly importLimitKWh: number | null;
  /** Export limit per interval, kWh; null when unlimited. */
  readonly exportLimitKWh: number | null;
  /** Energy drawn from the utility through it, kWh. */
  readonly importKWh: number;
  /** Energy fed to the utility through it, kWh. */
  readonly exportKWh: number;
  /** Hours in which its import reached a (positive) import limit. */
  readonly importLimitHours: number;
  /** Hours in which its export reached a (positive) export limit. */
  readonly exportLimitHours: number;
}

/**
 * The network part of a simulation result: present when the scenario has network limits or
 * imbalance netting (see docs/network.md).
 */
export interface NetworkResult {
  /** Every ordered pair of different feeders that has a capacity or carried energy, in zone order. */
  readonly links: readonly LinkResult[];
  /** Every feeder's transformer, in zone order. */
  readonly transformers: readonly TransformerResult[];
  /** PV curtailed because a transformer's export limit bound (market run), kWh; part of `totals.curtailedKWh`. */
  readonly curtailedPvKWh: number;
  /** Load not served because a transformer's import limit bound (market run), kWh; part of `totals.unservedKWh`. */
  readonly unservedLoadKWh: number;
  /** The same in the utility-only baseline, where feeders do not trade with each other. */
  readonly baselineCurtailedPvKWh: number;
  /** The same in the utility-only baseline. */
  readonly baselineUnservedLoadKWh: number;
  /** What buyers paid beyond sellers' receipts and fees on full links, settled to the network's congestion account (`congestion:<currency>`), in the currency. */
  readonly congestionRent: number;
  /** Imbalance netting: its mode, the energy netted and what it saved the participants (in their net costs). */
  readonly imbalanceNetting: {
    /** The scenario's `imbalanceNetting` ('off' when it nets nothing). */
    readonly mode: ImbalanceNettingMode;
    /** kWh of surplus netted against shortfall inside a community. */
    readonly nettedKWh: number;
    /** What netting saved the participants, in the currency (already in their net costs). */
    readonly saving: number;
  };
  /** Per interval. */
  readonly series: {
    /** PV curtailed by transformer limits, kWh. */
    readonly curtailedPvKWh: readonly number[];
    /** Load not served for transformer limits, kWh. */
    readonly unservedLoadKWh: readonly number[];
    /** Flow per link, kWh, keyed `'from->to'` (the links of `links`). */
    readonly linkFlowKWh: Readonly<Record<string, readonly number[]>>;
    /** Each feeder's transformer flow, kWh: positive import, negative export. */
    readonly transformerKWh: Readonly<Record<string, readonly number[]>>;
  };
}

const kWh = (wh: number): number => wh / 1000;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Builds the result's network part from the run's record. */
export function buildNetworkResult(r: NetworkRecord, network: ResolvedNetwork | undefined, netting: ImbalanceNettingMode, intervalMs: number, money: Step): NetworkResult {
  const hours = intervalMs / 3_600_000;
  const z = r.zones.length;
  const links: LinkResult[] = [];
  const linkFlowKWh: Record<string, readonly number[]> = {};
  for (let a = 0; a < z; a++) {
    for (let b = 0; b < z; b++) {
      if (a === b) continue;
      const series = r.linkFlowSeries[a * z + b] as number[];
      const cap = network?.links.find((l) => l.fromIndex === a && l.toIndex === b)?.capacityWh;
      const flow = sum(series);
      if (cap === undefined && flow === 0) continue;
      const congested = cap === undefined || cap === 0 ? 0 : series.filter((q) => q >= cap).length;
      const from = r.zones[a] as string;
      const to = r.zones[b] as string;
      links.push({
        from,
        to,
        capacityKWh: cap === undefined ? null : kWh(cap),
        flowKWh: kWh(flow),
        peakFlowKWh: kWh(series.reduce((m, q) => Math.max(m, q), 0)),
        congestedIntervals: congested,
        congestionHours: congested * hours,
      });
      linkFlowKWh[`${from}->${to}`] = series.map(kWh);
    }
  }
  const transformerKWh: Record<string, readonly number[]> = {};
  const transformers: TransformerResult[] = r.zones.map((zone, i) => {
    const series = r.transformerSeries[i] as number[];
    const imp = network?.importWh[i];
    const exp = network?.exportWh[i];
    transformerKWh[zone] = series.map(kWh);
    return {
      zone,
      importLimitKWh: imp === undefined ? null : kWh(imp),
      exportLimitKWh: exp === undefined ? null : kWh(exp),
      importKWh: kWh(sum(series.map((q) => Math.max(0, q)))),
      exportKWh: kWh(sum(series.map((q) => Math.max(0, -q)))),
      importLimitHours: imp === undefined || imp === 0 ? 0 : series.filter((q) => q >= imp).length * hours,
      exportLimitHours: exp === undefined || exp === 0 ? 0 : series.filter((q) => -q >= exp).length * hours,
    };
  });
  return {
    links,
    transformers,
    curtailedPvKWh: kWh(sum(r.curtailedSeries)),
    unservedLoadKWh: kWh(sum(r.unservedSeries)),
    baselineCurtailedPvKWh: kWh(r.baselineCurtailedWh),
    baselineUnservedLoadKWh: kWh(r.baselineUnservedWh),
    congestionRent: new Decimal(r.congestionRent).toNumber(),
    imbalanceNetting: { mode: netting, nettedKWh: kWh(r.nettedWh), saving: fromSteps(r.nettingSavingSteps, money).toNumber() },
    series: {
      curtailedPvKWh: r.curtailedSeries.map(kWh),
      unservedLoadKWh: r.unservedSeries.map(kWh),
      linkFlowKWh,
      transformerKWh,
    },
  };
}
