import { Decimal } from 'decimal.js';
import { nettedLots } from '../settlement/imbalance-netting.js';
import { divide } from '../units/rounding.js';
import type { Delivery } from './prosumer.js';
import type { ResolvedScenario } from './resolve-scenario.js';

/**
 * What the network part of a run accumulates, in exact integers and plain arrays (it crosses
 * worker threads and merges like the rest of the record). Zones are the scenario's, in its order,
 * whatever group of them a run covers, so the records of disjoint groups add up.
 */
export interface NetworkRecord {
  /** The scenario's zones. */
  zones: string[];
  /**
   * Energy traded from sellers in zone a to buyers in zone b per interval, Wh, at index
   * `a * zones.length + b` (the diagonal stays empty: trades inside a zone move over no link).
   */
  linkFlowSeries: number[][];
  /** Each zone's transformer flow per interval in the market run, Wh: positive import, negative export. */
  transformerSeries: number[][];
  /** PV curtailed because a transformer's export limit bound, per interval, market run, Wh. */
  curtailedSeries: number[];
  /** Load not served because a transformer's import limit bound, per interval, market run, Wh. */
  unservedSeries: number[];
  /** The same two in the baseline (no local trading), totals, Wh. */
  baselineCurtailedWh: number;
  baselineUnservedWh: number;
  /** Congestion rent: what the markets settled to their congestion accounts, summed exactly (the currency, decimal text). */
  congestionRent: string;
  /** Energy netted between participants' imbalances, Wh (each netted kWh counted once). */
  nettedWh: number;
  /** What netting saved the participants, money steps (already taken off their net costs). */
  nettingSavingSteps: number;
}

/** An empty network record for `intervals` intervals. */
export function newNetworkRecord(zones: readonly string[], intervals: number): NetworkRecord {
  const zeros = (): number[] => new Array<number>(intervals).fill(0);
  const z = zones.length;
  return {
    zones: zones.slice(),
    linkFlowSeries: Array.from({ length: z * z }, (_, i) => (Math.floor(i / z) === i % z ? [] : zeros())),
    transformerSeries: zones.map(zeros),
    curtailedSeries: zeros(),
    unservedSeries: zeros(),
    baselineCurtailedWh: 0,
    baselineUnservedWh: 0,
    congestionRent: '0',
    nettedWh: 0,
    nettingSavingSteps: 0,
  };
}

const Exact = Decimal.clone({ precision: 60 });

/** Merges the network records of disjoint groups of zones (same intervals); undefined when none has one. */
export function mergeNetworkRecords(records: readonly (NetworkRecord | undefined)[]): NetworkRecord | undefined {
  const list = records.filter((r): r is NetworkRecord => r !== undefined);
  const first = list[0];
  if (first === undefined) return undefined;
  const sum = (f: (r: NetworkRecord) => number[]): number[] => f(first).map((_, k) => list.reduce((a, r) => a + (f(r)[k] as number), 0));
  return {
    zones: first.zones.slice(),
    linkFlowSeries: first.linkFlowSeries.map((_, i) => sum((r) => r.linkFlowSeries[i] as number[])),
    transformerSeries: first.transformerSeries.map((_, i) => sum((r) => r.transformerSeries[i] as number[])),
    curtailedSeries: sum((r) => r.curtailedSeries),
    unservedSeries: sum((r) => r.unservedSeries),
    baselineCurtailedWh: list.reduce((a, r) => a + r.baselineCurtailedWh, 0),
    baselineUnservedWh: list.reduce((a, r) => a + r.baselineUnservedWh, 0),
    congestionRent: list.reduce((a, r) => a.plus(new Exact(r.congestionRent)), new Exact(0)).toFixed(),
    nettedWh: list.reduce((a, r) => a + r.nettedWh, 0),
    nettingSavingSteps: list.reduce((a, r) => a + r.nettingSavingSteps, 0),
  };
}

/**
 * Shares `excess` Wh out over the participants `members` in proportion to `weights` (positive Wh):
 * floors first, then one Wh each to the largest remainders, ties to the earlier participant.
 * The shares add up to `excess` exactly; `excess` is at most the weights' sum.
 */
export function shareProRata(excess: number, members: readonly number[], weights: readonly number[]): number[] {
  let total = 0n;
  for (const m of members) total += BigInt(weights[m] as number);
  const shares = new Array<number>(members.length).fill(0);
  if (excess === 0 || total === 0n) return shares;
  const e = BigInt(excess);
  const rest: bigint[] = [];
  let given = 0;
  members.forEach((m, j) => {
    const w = BigInt(weights[m] as number) * e;
    shares[j] = Number(w / total);
    rest.push(w % total);
    given += shares[j];
  });
  const order = members.map((_, j) => j).sort((a, b) => (rest[a] === rest[b] ? a - b : (rest[a] as bigint) > (rest[b] as bigint) ? -1 : 1));
  // The floors lose less than one Wh each: fewer Wh are left than members.
  for (let j = 0; given < excess; j++, given++) shares[order[j] as number] = (shares[order[j] as number] as number) + 1;
  return shares;
}

/**
 * The network during a run: feeder link flows from the trades, each feeder's transformer limits
 * applied to what the meters deliver, and community imbalance netting at settlement.
 *
 * Physics, per interval and feeder: trades between feeders move over the links as contracted
 * (clearing kept them within the links' capacities), so the feeder's transformer carries the sum
 * of its participants' imbalances (delivered minus contracted): positive an export, negative an
 * import. When that passes the export limit, the excess is curtailed at the meters of the
 * participants that export beyond their contracts, in proportion to that excess export (whole
 * Wh, largest remainders, ties to the earlier participant); when it passes the import limit, the
 * excess load of the participants that import beyond their contracts is not served, shared the
 * same way. Storage has already followed its contract: it is not re-dispatched. The baseline
 * (no trading) meets the same limits with every participant's whole net flow as its imbalance.
 */
export class NetworkRun {
  readonly record: NetworkRecord;
  private readonly z: number;
  private readonly zoneIndex = new Map<string, number>();
  /** Each participant's zone index. */
  private readonly zoneOf: readonly number[];
  /** The participants of each zone, by index. */
  private readonly members: readonly number[][];
  private readonly nettingZones: readonly (string | undefined)[] | undefined;
  private readonly names: readonly string[];

  constructor(
    private readonly s: ResolvedScenario,
    participants: readonly { readonly id: string; readonly zone: string }[],
    intervals: number,
    private readonly num: bigint,
    private readonly den: bigint,
  ) {
    this.record = newNetworkRecord(s.zones, intervals);
    this.z = s.zones.length;
    s.zones.forEach((zone, i) => this.zoneIndex.set(zone, i));
    this.zoneOf = participants.map((p) => this.zoneIndex.get(p.zone) as number);
    this.members = s.zones.map((_, zi) => this.zoneOf.flatMap((x, i) => (x === zi ? [i] : [])));
    this.names = participants.map((p) => p.id);
    const netting = s.netting ?? 'off';
    this.nettingZones = netting === 'off' ? undefined : participants.map((p) => (netting === 'zone' ? p.zone : undefined));
  }

  /** Whether the run needs the network's delivery path (limits or netting). */
  static needed(s: ResolvedScenario): boolean {
    return s.network !== undefined || (s.netting ?? 'off') !== 'off';
  }

  /** A trade of `lots` Wh from a seller in `sellerZone` to a buyer in `buyerZone`, in interval `k`. */
  trade(sellerZone: string, buyerZone: string, lots: number, k: number): void {
    if (sellerZone === buyerZone) return;
    const a = this.zoneIndex.get(sellerZone);
    const b = this.zoneIndex.get(buyerZone);
    if (a === undefined || b === undefined) return;
    const series = this.record.linkFlowSeries[a * this.z + b] as number[];
    series[k] = (series[k] as number) + lots;
  }

  /** Adds congestion rent (the currency, exact decimal text: a market's congestion account) to the record. */
  addRent(rent: string): void {
    if (rent === '0') return;
    this.record.congestionRent = new Exact(this.record.congestionRent).plus(new Exact(rent)).toFixed();
  }

  /**
   * Applies the transformer limits to one interval's deliveries (changed in place) whose
   * imbalances are `imbalance` (changed in place too); records the transformer flows when
   * `k` is given (the market run), else adds the baseline's curtailment and unserved load.
   */
  limit(deliveries: readonly Delivery[], imbalance: number[], k: number | undefined): void {
    const net = this.s.network;
    const r = this.record;
    for (let zi = 0; zi < this.z; zi++) {
      const members = this.members[zi] as number[];
      if (members.length === 0) continue;
      let flow = 0; // export positive
      for (const i of members) flow += imbalance[i] as number;
      const exportLimit = net?.exportWh[zi];
      const importLimit = net?.importWh[zi];
      if (exportLimit !== undefined && flow > exportLimit) {
        const excess = flow - exportLimit;
        const over = members.filter((i) => (imbalance[i] as number) > 0);
        const shares = shareProRata(excess, over, imbalance);
        over.forEach((i, j) => {
          const c = shares[j] as number;
          const d = deliveries[i] as Delivery;
          d.netWh += c;
          d.generationWh -= c;
          d.curtailedWh += c;
          imbalance[i] = (imbalance[i] as number) - c;
        });
        flow = exportLimit;
        if (k === undefined) r.baselineCurtailedWh += excess;
        else r.curtailedSeries[k] = (r.curtailedSeries[k] as number) + excess;
      } else if (importLimit !== undefined && -flow > importLimit) {
        const excess = -flow - importLimit;
        const under = members.filter((i) => (imbalance[i] as number) < 0);
        const shares = shareProRata(
          excess,
          under,
          imbalance.map((v) => -v),
        );
        under.forEach((i, j) => {
          const u = shares[j] as number;
          const d = deliveries[i] as Delivery;
          d.netWh -= u;
          d.consumptionWh -= u;
          d.unservedWh += u;
          imbalance[i] = (imbalance[i] as number) + u;
        });
        flow = -importLimit;
        if (k === undefined) r.baselineUnservedWh += excess;
        else r.unservedSeries[k] = (r.unservedSeries[k] as number) + excess;
      }
      // 0 - flow, not -flow: +0 for no flow, as the sum of records in a parallel run gives (0 + -0).
      if (k !== undefined) (r.transformerSeries[zi] as number[])[k] = 0 - flow;
    }
  }

  /**
   * Nets the market run's imbalances (Wh) of one interval when the scenario asks for it; returns
   * each participant's saving in money steps (what its deviation costs at the utility's prices
   * minus what it costs with netting, both rounded half-even as settlement rounds), or undefined
   * without netting. The netted energy is priced at (retail + feed-in) / 2.
   */
  net(imbalance: readonly number[]): number[] | undefined {
    const zones = this.nettingZones;
    if (zones === undefined) return undefined;
    const d = imbalance.map((v) => BigInt(v));
    const netted = nettedLots(d, this.names, zones);
    const r = BigInt(this.s.retailTicks);
    const f = BigInt(this.s.feedInTicks);
    const savings = new Array<number>(d.length).fill(0);
    for (let i = 0; i < d.length; i++) {
      const k = netted[i] as bigint;
      if (k === 0n) continue;
      const v = d[i] as bigint;
      const abs = v < 0n ? -v : v;
      const kAbs = k < 0n ? -k : k;
      const unit = v < 0n ? r : f;
      // Half-ticks x Wh, then one half-even rounding each, as settlement rounds an imbalance.
      const withNetting = divide(((r + f) * kAbs + 2n * unit * (abs - kAbs)) * this.num, 2n * this.den, 'half-even');
      const without = divide(2n * unit * abs * this.num, 2n * this.den, 'half-even');
      // Costs: a shortfall pays (less with netting), a surplus is paid (more with netting).
      const saving = v < 0n ? without - withNetting : withNetting - without;
      savings[i] = Number(saving);
      this.record.nettingSavingSteps += Number(saving);
      if (k > 0n) this.record.nettedWh += Number(k);
    }
    return savings;
  }
}
