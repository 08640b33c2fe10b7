import { Decimal } from 'decimal.js';
import { mergeNetworkRecords, type NetworkRecord } from './network-run.js';
import { sumSteps } from './run-accounting.js';

/** Energy flows of one run in whole Wh (exact), for the community or one participant. */
export interface EnergyTotals {
  generationWh: number;
  consumptionWh: number;
  gridImportWh: number;
  gridExportWh: number;
  storageDeltaWh: number;
  lossesWh: number;
  curtailedWh: number;
  unservedWh: number;
  boughtWh: number;
  soldWh: number;
}

/** One service metric of a run: its unit and its value for each participant (0 where it has none). */
export interface RecordedMetric {
  unit: 'Wh' | 'count';
  values: number[];
}

/** A participant as the record knows it. */
export interface RecordedParticipant {
  readonly id: string;
  readonly type: string;
  readonly zone: string;
  readonly agent: string;
}

/**
 * What a run accumulates, in exact integers (Wh, money steps, ticks x Wh) and plain arrays, so a
 * worker thread can send it back (structured clone) and records of disjoint groups of zones merge
 * exactly into the record of the whole run.
 */
export interface RunRecord {
  participants: RecordedParticipant[];
  market: EnergyTotals;
  baseline: EnergyTotals;
  perParticipant: EnergyTotals[];
  netCostSteps: number[];
  baselineCostSteps: number[];
  /** The asset types' service metrics by name (see AssetMetric): the unit and a value per participant. */
  metrics: Record<string, RecordedMetric>;
  gridFeeSteps: number;
  /** Welfare summed exactly, as decimal text. */
  welfare: string;
  generationSeries: number[];
  consumptionSeries: number[];
  storageSeries: number[];
  lossesSeries: number[];
  importSeries: number[];
  exportSeries: number[];
  p2pSeries: number[];
  /** Per interval, the sum of buyer price (ticks) x quantity (Wh) of its trades. */
  valueSeries: number[];
  demandSeries: number[];
  supplySeries: number[];
  /**
   * Stationary batteries: participant ids and state of charge per interval, each in a
   * Float64Array of its own (exact for any double): a worker sends its buffer as it is, and
   * buildResult reads it once into the result's rounded array.
   */
  batteries: { id: string; soc: Float64Array }[];
  /** Link flows, transformer limits and imbalance netting; only when the scenario has them. */
  network?: NetworkRecord;
  /**
   * Gains from trade the clearings reached, in price ticks x Wh (the auctions' welfare in whole
   * units), as integer text: exact beyond 2^53.
   */
  reachedWelfareUnits: string;
  /** The most gains from trade the same orders allowed (see welfare-tally.ts), likewise. */
  efficientWelfareUnits: string;
  /** Per zone: Wh its participants bought from sellers in other zones. */
  crossZoneInWh: Record<string, number>;
  /** Per zone: Wh its participants sold to buyers in other zones. */
  crossZoneOutWh: Record<string, number>;
}

/** Zeroed energy totals. */
export function energyTotals(): EnergyTotals {
  return { generationWh: 0, consumptionWh: 0, gridImportWh: 0, gridExportWh: 0, storageDeltaWh: 0, lossesWh: 0, curtailedWh: 0, unservedWh: 0, boughtWh: 0, soldWh: 0 };
}

/**
 * One participant's zeroed totals, the fields of {@link energyTotals} in the same order. A class
 * of its own (a hidden class of its own in the engine): the community's totals pass 2^30 Wh and
 * then hold their fields as boxed doubles, which would otherwise be the layout of every
 * participant's totals too, a box per field to reach for each of a thousand participants each
 * interval; a participant's own totals stay small integers in the object.
 */
class ParticipantTotals implements EnergyTotals {
  generationWh = 0;
  consumptionWh = 0;
  gridImportWh = 0;
  gridExportWh = 0;
  storageDeltaWh = 0;
  lossesWh = 0;
  curtailedWh = 0;
  unservedWh = 0;
  boughtWh = 0;
  soldWh = 0;
}

/** An empty record for `intervals` intervals and these participants. */
export function newRecord(intervals: number, participants: readonly RecordedParticipant[], batteries: readonly string[]): RunRecord {
  const zeros = (): number[] => new Array<number>(intervals).fill(0);
  return {
    participants: participants.slice(),
    market: energyTotals(),
    baseline: energyTotals(),
    perParticipant: participants.map(() => new ParticipantTotals()),
    netCostSteps: participants.map(() => 0),
    baselineCostSteps: participants.map(() => 0),
    metrics: {},
    gridFeeSteps: 0,
    welfare: '0',
    generationSeries: zeros(),
    consumptionSeries: zeros(),
    storageSeries: zeros(),
    lossesSeries: zeros(),
    importSeries: zeros(),
    exportSeries: zeros(),
    p2pSeries: zeros(),
    valueSeries: zeros(),
    demandSeries: zeros(),
    supplySeries: zeros(),
    batteries: batteries.map((id) => ({ id, soc: new Float64Array(intervals) })),
    reachedWelfareUnits: '0',
    efficientWelfareUnits: '0',
    crossZoneInWh: {},
    crossZoneOutWh: {},
  };
}

const Exact = Decimal.clone({ precision: 60 });

/**
 * Merges records of disjoint groups of participants (same intervals) into the record of the
 * whole run, with participants (and batteries) in the order of `order` (the scenario's ids).
 */
export function mergeRecords(records: readonly RunRecord[], order: readonly string[]): RunRecord {
  const first = records[0];
  if (first === undefined) throw new RangeError('mergeRecords: nothing to merge');
  const where = new Map<string, [RunRecord, number]>();
  for (const r of records) r.participants.forEach((p, i) => where.set(p.id, [r, i]));
  const pick = <T>(f: (r: RunRecord, i: number) => T): T[] =>
    order.map((id) => {
      const [r, i] = where.get(id) as [RunRecord, number];
      return f(r, i);
    });
  // Per interval 0 + each record's value in turn (a loop: map and reduce with closures took about
  // 0.1 s of a district year on the main thread).
  const sumSeries = (f: (r: RunRecord) => number[]): number[] => {
    const columns = records.map(f);
    const n = f(first).length;
    const out = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (const c of columns) sum += c[k] as number;
      out[k] = sum;
    }
    return out;
  };
  const sumTotals = (f: (r: RunRecord) => EnergyTotals): EnergyTotals => {
    const t = energyTotals();
    for (const r of records) for (const key of Object.keys(t) as (keyof EnergyTotals)[]) t[key] += f(r)[key];
    return t;
  };
  const batteryById = new Map(records.flatMap((r) => r.batteries.map((b) => [b.id, b] as const)));
  const network = mergeNetworkRecords(records.map((r) => r.network));
  return {
    participants: pick((r, i) => r.participants[i] as RecordedParticipant),
    market: sumTotals((r) => r.market),
    baseline: sumTotals((r) => r.baseline),
    perParticipant: pick((r, i) => r.perParticipant[i] as EnergyTotals),
    netCostSteps: pick((r, i) => r.netCostSteps[i] as number),
    baselineCostSteps: pick((r, i) => r.baselineCostSteps[i] as number),
    metrics: mergeMetrics(records, order, where),
    gridFeeSteps: sumSteps(records.map((r) => r.gridFeeSteps), 'the grid fees'),
    welfare: records.reduce((a, r) => a.plus(new Exact(r.welfare)), new Exact(0)).toFixed(),
    generationSeries: sumSeries((r) => r.generationSeries),
    consumptionSeries: sumSeries((r) => r.consumptionSeries),
    storageSeries: sumSeries((r) => r.storageSeries),
    lossesSeries: sumSeries((r) => r.lossesSeries),
    importSeries: sumSeries((r) => r.importSeries),
    exportSeries: sumSeries((r) => r.exportSeries),
    p2pSeries: sumSeries((r) => r.p2pSeries),
    valueSeries: sumSeries((r) => r.valueSeries),
    demandSeries: sumSeries((r) => r.demandSeries),
    supplySeries: sumSeries((r) => r.supplySeries),
    batteries: order.flatMap((id) => {
      const b = batteryById.get(id);
      return b === undefined ? [] : [b];
    }),
    ...(network === undefined ? {} : { network }),
    reachedWelfareUnits: records.reduce((a, r) => a + BigInt(r.reachedWelfareUnits), 0n).toString(),
    efficientWelfareUnits: records.reduce((a, r) => a + BigInt(r.efficientWelfareUnits), 0n).toString(),
    crossZoneInWh: sumByKey(records.map((r) => r.crossZoneInWh)),
    crossZoneOutWh: sumByKey(records.map((r) => r.crossZoneOutWh)),
  };
}

/** The values of every record added up by key (keys in order of first appearance). */
function sumByKey(records: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) for (const [key, v] of Object.entries(r)) out[key] = (Object.hasOwn(out, key) ? (out[key] as number) : 0) + v;
  return out;
}

function mergeMetrics(records: readonly RunRecord[], order: readonly string[], where: ReadonlyMap<string, [RunRecord, number]>): Record<string, RecordedMetric> {
  const out: Record<string, RecordedMetric> = {};
  for (const r of records) {
    for (const [name, m] of Object.entries(r.metrics)) {
      if (Object.hasOwn(out, name)) continue;
      out[name] = {
        unit: m.unit,
        values: order.map((id) => {
          const [rec, i] = where.get(id) as [RunRecord, number];
          return Object.hasOwn(rec.metrics, name) ? ((rec.metrics[name] as RecordedMetric).values[i] as number) : 0;
        }),
      };
    }
  }
  return out;
}
