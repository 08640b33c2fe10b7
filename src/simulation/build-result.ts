import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { fromSteps } from '../units/from-steps.js';
import { divide, divideSafe } from '../units/rounding.js';
import type { Step } from '../units/step.js';
import { isoText } from '../time/calendar.js';
import { Decimal } from 'decimal.js';
import { addSteps, checkEnergyTotals, sumSteps } from './run-accounting.js';
import { energyTotals, type EnergyTotals, type RecordedMetric, type RunRecord } from './run-record.js';
import type { Scenario } from './scenario-types.js';
import { simulationMetrics } from './metrics.js';
import type { SimulationMetrics } from './simulation-metrics.js';
import { buildNetworkResult } from './network-result.js';
import type { ResolvedNetwork } from './resolve-network.js';
import type { ImbalanceNettingMode } from './scenario-types.js';
import type { ParticipantResult, SimulationResult, TypeResult, ZoneResult } from './simulation-result.js';

const Exact = Decimal.clone({ precision: 60 });

/** What the result needs to know of the run besides its record. */
export interface RunFacts {
  readonly scenario: Scenario;
  readonly seed: number | string;
  readonly days: number;
  readonly mechanism: string;
  readonly startMs: number;
  readonly intervalMs: number;
  readonly utcOffsetMinutes: number;
  readonly currency: { readonly code: string; readonly step: Step };
  readonly priceTick: Step;
  readonly retailTicks: number;
  readonly feedInTicks: number;
  /** A note appended to the scenario's description (e.g. how zones cleared). */
  readonly note: string;
  /** The scenario's network limits, when it has them. */
  readonly network?: ResolvedNetwork | undefined;
  /** The scenario's imbalance netting (default 'off'). */
  readonly netting?: ImbalanceNettingMode | undefined;
  /** The scenario's zones (feeders), in order. */
  readonly zones: readonly string[];
}

/** Wh to kWh as a number (exact to the Wh: a multiple of 0.001 prints exactly). */
const kWh = (wh: number): number => wh / 1000;
/** Rounds a display ratio to six decimals. */
const ratio = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * `values.map(ratio)` as a loop into an array made at its full length: map() took about three
 * times as long on a year of 100 batteries (3.5 million values).
 */
function ratios(values: ArrayLike<number>): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = ratio(values[i] as number);
  return out;
}

/** The result's own metrics; the others go to `totals.service`. */
const FIXED_METRICS: readonly string[] = ['evShortfallKWh', 'missedSwaps', 'swapsServed'];

/** A metric summed over the participants, in kWh (Wh metrics) or as counted; 0 when no asset reports it. */
function metric(r: RunRecord, name: string): number {
  if (!Object.hasOwn(r.metrics, name)) return 0;
  const m = r.metrics[name] as RecordedMetric;
  const sum = m.values.reduce((a, b) => a + b, 0);
  return m.unit === 'Wh' ? kWh(sum) : sum;
}

/** `{ service }` with the metrics of asset types beyond the result's own, by name; `{}` when none. */
function service(r: RunRecord): { service?: Record<string, number> } {
  const names = Object.keys(r.metrics).filter((n) => !FIXED_METRICS.includes(n)).sort();
  if (names.length === 0) return {};
  return { service: Object.fromEntries(names.map((n) => [n, metric(r, n)])) };
}

/**
 * reached / efficient rounded half-even to six decimals in integers; null when nothing could be
 * gained (the maximum is 0, so every mechanism reached it: there is no ratio to report).
 */
export function efficiency(reached: bigint, efficient: bigint): number | null {
  if (efficient === 0n) return null;
  return Number(divide(reached * 1_000_000n, efficient, 'half-even')) / 1e6;
}

/** Per zone in `zones` order: its participants' totals (summed in Wh and money steps) and its cross-zone trades. */
function zoneResults(r: RunRecord, zones: readonly string[], money: (steps: number) => number): ZoneResult[] {
  return zones.map((zone) => {
    const t = energyTotals();
    let n = 0;
    let cost = 0;
    let base = 0;
    r.participants.forEach((p, i) => {
      if (p.zone !== zone) return;
      n++;
      const e = r.perParticipant[i] as EnergyTotals;
      for (const key of Object.keys(t) as (keyof EnergyTotals)[]) t[key] += e[key];
      cost += r.netCostSteps[i] as number;
      base += r.baselineCostSteps[i] as number;
    });
    return {
      zone,
      participants: n,
      generationKWh: kWh(t.generationWh),
      consumptionKWh: kWh(t.consumptionWh),
      boughtKWh: kWh(t.boughtWh),
      soldKWh: kWh(t.soldWh),
      boughtFromOtherZonesKWh: kWh(r.crossZoneInWh[zone] ?? 0),
      soldToOtherZonesKWh: kWh(r.crossZoneOutWh[zone] ?? 0),
      gridImportKWh: kWh(t.gridImportWh),
      gridExportKWh: kWh(t.gridExportWh),
      netCost: money(cost),
      baselineNetCost: money(base),
    };
  });
}

/** Turns a run's integer record into the JSON-ready {@link SimulationResult}. */
export function buildResult(r: RunRecord, f: RunFacts): SimulationResult & { readonly metrics: SimulationMetrics; readonly zones: readonly ZoneResult[] } {
  const money = (steps: number): number => fromSteps(steps, f.currency.step).toNumber();
  const price = (ticks: number): number => fromSteps(ticks, f.priceTick).toNumber();
  const m = r.market;
  checkEnergyTotals(m, "the community's");
  checkEnergyTotals(r.baseline, "the utility-only run's");
  r.perParticipant.forEach((t, i) => checkEnergyTotals(t, `participant ${(r.participants[i] as { id: string }).id}'s`));
  const participants: ParticipantResult[] = r.participants.map((p, i) => {
    const t = r.perParticipant[i] as EnergyTotals;
    return {
      id: p.id,
      type: p.type,
      zone: p.zone,
      agent: p.agent,
      netCost: money(r.netCostSteps[i] as number),
      baselineNetCost: money(r.baselineCostSteps[i] as number),
      generationKWh: kWh(t.generationWh),
      consumptionKWh: kWh(t.consumptionWh),
      boughtKWh: kWh(t.boughtWh),
      soldKWh: kWh(t.soldWh),
      gridImportKWh: kWh(t.gridImportWh),
      gridExportKWh: kWh(t.gridExportWh),
    };
  });
  const byType = new Map<string, { n: number; cost: number; base: number }>();
  r.participants.forEach((p, i) => {
    const e = byType.get(p.type) ?? { n: 0, cost: 0, base: 0 };
    e.n++;
    e.cost = addSteps(e.cost, r.netCostSteps[i] as number, `the net cost of type ${p.type}`);
    e.base = addSteps(e.base, r.baselineCostSteps[i] as number, `the cost with the utility alone of type ${p.type}`);
    byType.set(p.type, e);
  });
  const types: TypeResult[] = [...byType].map(([type, e]) => ({
    type,
    participants: e.n,
    netCost: money(e.cost),
    baselineNetCost: money(e.base),
    saving: money(addSteps(e.base, -e.cost, `the saving of type ${type}`)),
  }));
  const cost = sumSteps(r.netCostSteps, "the community's net cost");
  const base = sumSteps(r.baselineCostSteps, "the community's cost with the utility alone");
  const saving = addSteps(base, -cost, "the community's saving");
  const tradedWh = r.p2pSeries.reduce((a, b) => a + b, 0);
  // Each interval's value is checked where it is made; merged across workers it is checked here.
  if (!r.valueSeries.every((v) => Number.isSafeInteger(v))) {
    fail(ErrorCode.BALANCE_OVERFLOW, 'runSimulation', "an interval's traded value (price ticks x Wh) passes 2^53: use a coarser price tick");
  }
  // price ticks x Wh over a long run can pass 2^53 (a fine tick, a year): summed exactly.
  const valueTicksWh = r.valueSeries.reduce((a, b) => a + BigInt(b), 0n);
  const peakWh = r.importSeries.reduce((a, b) => Math.max(a, b), 0);
  const hours = f.intervalMs / 3_600_000;
  // fromEntries defines the keys: a battery named '__proto__' stays a key (an assignment set the prototype).
  const batterySoc: Record<string, number[]> = Object.fromEntries(r.batteries.map((b) => [b.id, ratios(b.soc)]));
  const result: Omit<SimulationResult, 'metrics'> = {
    scenario: f.scenario.name,
    // A scenario without a description ('') gets the note alone, not one after a space.
    description: f.note === '' || f.scenario.description === '' ? f.scenario.description + f.note : `${f.scenario.description} ${f.note}`,
    seed: f.seed,
    days: f.days,
    mechanism: f.mechanism,
    start: isoText(f.startMs),
    intervalMinutes: f.intervalMs / 60_000,
    utcOffsetMinutes: f.utcOffsetMinutes,
    currency: f.currency.code,
    tariff: { retailPrice: price(f.retailTicks), feedInPrice: price(f.feedInTicks) },
    totals: {
      generationKWh: kWh(m.generationWh),
      consumptionKWh: kWh(m.consumptionWh),
      gridImportKWh: kWh(m.gridImportWh),
      gridExportKWh: kWh(m.gridExportWh),
      p2pTradedKWh: kWh(tradedWh),
      storageDeltaKWh: kWh(m.storageDeltaWh),
      lossesKWh: kWh(m.lossesWh),
      curtailedKWh: kWh(m.curtailedWh),
      unservedKWh: kWh(m.unservedWh),
      selfSufficiency: m.consumptionWh === 0 ? 0 : ratio(1 - m.gridImportWh / m.consumptionWh),
      selfConsumption: m.generationWh === 0 ? 0 : ratio(1 - m.gridExportWh / m.generationWh),
      peakGridImportKW: kWh(peakWh) / hours,
      averageLocalPrice: tradedWh === 0 ? null : price(Number(divide(valueTicksWh, BigInt(tradedWh), 'half-even'))),
      welfare: Number(r.welfare),
      communityNetCost: money(cost),
      baselineCommunityNetCost: money(base),
      communitySaving: money(saving),
      gridFees: money(r.gridFeeSteps),
      evShortfallKWh: metric(r, 'evShortfallKWh'),
      missedSwaps: metric(r, 'missedSwaps'),
      ...service(r),
      swapsServed: metric(r, 'swapsServed'),
      efficientWelfare: new Exact(r.efficientWelfareUnits).times(f.priceTick.text).times('0.001').toNumber(),
      marketEfficiency: efficiency(BigInt(r.reachedWelfareUnits), BigInt(r.efficientWelfareUnits)),
    },
    participants,
    byType: types,
    series: {
      time: r.generationSeries.map((_, k) => isoText(f.startMs + k * f.intervalMs)),
      generationKWh: r.generationSeries.map(kWh),
      consumptionKWh: r.consumptionSeries.map(kWh),
      gridImportKWh: r.importSeries.map(kWh),
      gridExportKWh: r.exportSeries.map(kWh),
      p2pTradedKWh: r.p2pSeries.map(kWh),
      storageDeltaKWh: r.storageSeries.map(kWh),
      lossesKWh: r.lossesSeries.map(kWh),
      demandKWh: r.demandSeries.map(kWh),
      supplyKWh: r.supplySeries.map(kWh),
      price: r.p2pSeries.map((q, k) => (q === 0 ? null : price(divideSafe(r.valueSeries[k] as number, q, 'half-even')))),
      batterySoc,
    },
    ...(r.network === undefined ? {} : { network: buildNetworkResult(r.network, f.network, f.netting ?? 'off', f.intervalMs, f.currency.step) }),
  };
  return { ...result, metrics: simulationMetrics(result, f.scenario), zones: zoneResults(r, f.zones, money) };
}
