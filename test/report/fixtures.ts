import { createRandom } from '../../src/index.js';
import type { ParticipantResult, SimulationResult, TypeResult } from '../../src/index.js';

/** What a synthetic result looks like; every field has a default. */
export interface FixtureOptions {
  /** Days simulated (default 2). */
  days?: number;
  /** Interval length in minutes (default 15). */
  intervalMinutes?: number;
  /** Participants (default 12). */
  participants?: number;
  /** Stationary batteries (default 2). */
  batteries?: number;
  /** Nothing traded locally: trades 0, every price null (default false). */
  emptyTrades?: boolean;
  /** Share of traded intervals whose price is null anyway (default 0). */
  nullPriceShare?: number;
  /** Seed of the synthetic data (default 1). */
  seed?: number;
  /** Scenario name (default 'campus'). */
  scenario?: string;
  /** Description (default a plain sentence). */
  description?: string;
  /** Participant ids in turn (default 'p-1', 'p-2', ...). */
  ids?: readonly string[];
  /** Battery ids (default 'battery-1', ...). */
  batteryIds?: readonly string[];
  /** Participant types in turn. */
  types?: readonly string[];
  /** First interval's start (default 2025-04-06T17:00:00.000Z, local midnight at UTC+7). */
  start?: string;
  /** Local offset, minutes (default 420). */
  utcOffsetMinutes?: number;
  /** Currency (default 'VND'). */
  currency?: string;
  /** Tariff (default retail 2204, feed-in 671). */
  tariff?: { retailPrice: number; feedInPrice: number };
  /** Every series value this constant instead (prices too, when not null). */
  constant?: number;
}

const wh = (kWh: number): number => Math.round(kWh * 1000) / 1000;
const DEFAULT_TYPES = ['lecture', 'dormitory', 'lab', 'ev-charger', 'battery', 'home'];

/**
 * A synthetic SimulationResult with plausible daily shapes (solar by day, load peaks, trades
 * when both sides offer), built deterministically from a seed. Energies are on whole Wh.
 */
export function buildResult(options: FixtureOptions = {}): SimulationResult {
  const days = options.days ?? 2;
  const intervalMinutes = options.intervalMinutes ?? 15;
  const nParticipants = options.participants ?? 12;
  const nBatteries = options.batteries ?? 2;
  const rng = createRandom(options.seed ?? 1);
  const start = options.start ?? '2025-04-06T17:00:00.000Z';
  const offset = options.utcOffsetMinutes ?? 420;
  const tariff = options.tariff ?? { retailPrice: 2204, feedInPrice: 671 };
  const n = Math.round((days * 1440) / intervalMinutes);
  const startMs = Date.parse(start);

  const time: string[] = [];
  const generation: number[] = [];
  const consumption: number[] = [];
  const gridImport: number[] = [];
  const gridExport: number[] = [];
  const traded: number[] = [];
  const demand: number[] = [];
  const supply: number[] = [];
  const price: (number | null)[] = [];
  const batteryIds = options.batteryIds ?? Array.from({ length: nBatteries }, (_, b) => `battery-${b + 1}`);
  const soc: Record<string, number[]> = {};
  for (const id of batteryIds) soc[id] = [];
  const perInterval = intervalMinutes / 60;
  for (let i = 0; i < n; i++) {
    const t = startMs + i * intervalMinutes * 60_000;
    time.push(new Date(t).toISOString());
    const hour = (((t + offset * 60_000) / 3_600_000) % 24 + 24) % 24;
    const sun = Math.max(0, Math.sin((Math.PI * (hour - 6)) / 12)) * (0.6 + 0.4 * rng.nextFloat());
    const load = 0.5 + 0.5 * Math.max(0, Math.sin((Math.PI * (hour - 7)) / 14)) + 0.1 * rng.nextFloat();
    const g = options.constant ?? wh(sun * 1500 * perInterval);
    const c = options.constant ?? wh(load * 1000 * perInterval);
    const d = options.constant ?? wh(c * (0.6 + 0.2 * rng.nextFloat()));
    const s = options.constant ?? wh(g * (0.7 + 0.2 * rng.nextFloat()));
    const tr = options.emptyTrades === true ? 0 : options.constant ?? wh(Math.min(d, s) * 0.9);
    generation.push(g);
    consumption.push(c);
    demand.push(d);
    supply.push(s);
    traded.push(tr);
    gridImport.push(options.constant ?? wh(Math.max(0, c - g)));
    gridExport.push(options.constant ?? wh(Math.max(0, g - c)));
    const priced = tr > 0 && rng.nextFloat() >= (options.nullPriceShare ?? 0);
    price.push(priced ? options.constant ?? Math.round(tariff.feedInPrice + (tariff.retailPrice - tariff.feedInPrice) * (0.3 + 0.4 * rng.nextFloat())) : null);
    batteryIds.forEach((id, b) => {
      const level = 0.5 + 0.4 * Math.sin((2 * Math.PI * (hour - 9 + b * 2)) / 24);
      soc[id]?.push(Math.min(1, Math.max(0, Math.round(level * 1000) / 1000)));
    });
  }
  const sum = (xs: readonly number[]): number => wh(xs.reduce((a, b) => a + b, 0));
  const types = options.types ?? DEFAULT_TYPES;
  const ids = options.ids ?? [];
  const participants: ParticipantResult[] = Array.from({ length: nParticipants }, (_, p) => {
    const baseline = Math.round((rng.nextFloat() - 0.3) * 2_000_000);
    const netCost = Math.round(baseline - rng.nextFloat() * 200_000);
    return {
      id: ids.length === 0 ? `p-${p + 1}` : p < ids.length ? (ids[p] ?? '') : `${ids[p % ids.length] ?? ''}-${p}`,
      type: types[p % types.length] ?? 'other',
      zone: p % 2 === 0 ? 'academic' : 'residential',
      agent: 'truthful',
      netCost,
      baselineNetCost: baseline,
      generationKWh: wh(rng.nextFloat() * 5000),
      consumptionKWh: wh(rng.nextFloat() * 5000),
      boughtKWh: wh(rng.nextFloat() * 500),
      soldKWh: wh(rng.nextFloat() * 500),
      gridImportKWh: wh(rng.nextFloat() * 2000),
      gridExportKWh: wh(rng.nextFloat() * 2000),
    };
  });
  const byType: TypeResult[] = [];
  for (const p of participants) {
    let t = byType.find((x) => x.type === p.type);
    if (t === undefined) {
      t = { type: p.type, participants: 0, netCost: 0, baselineNetCost: 0, saving: 0 };
      byType.push(t);
    }
    const m = t as { participants: number; netCost: number; baselineNetCost: number; saving: number };
    m.participants++;
    m.netCost += p.netCost;
    m.baselineNetCost += p.baselineNetCost;
    m.saving += p.baselineNetCost - p.netCost;
  }
  const netCost = participants.reduce((a, p) => a + p.netCost, 0);
  const baseline = participants.reduce((a, p) => a + p.baselineNetCost, 0);
  const gen = sum(generation);
  const con = sum(consumption);
  const imp = sum(gridImport);
  const exp = sum(gridExport);
  const tradedSum = sum(traded);
  const pricedVolume = traded.reduce((a, v, i) => a + (price[i] === null ? 0 : v), 0);
  const weighted = traded.reduce((a, v, i) => a + v * (price[i] ?? 0), 0);
  return {
    scenario: options.scenario ?? 'campus',
    description: options.description ?? 'A synthetic campus for the report tests: solar by day, loads with a daytime peak.',
    seed: options.seed ?? 1,
    days,
    mechanism: 'uniform',
    start,
    intervalMinutes,
    utcOffsetMinutes: offset,
    currency: options.currency ?? 'VND',
    tariff,
    totals: {
      generationKWh: gen,
      consumptionKWh: con,
      gridImportKWh: imp,
      gridExportKWh: exp,
      p2pTradedKWh: tradedSum,
      storageDeltaKWh: wh(gen + imp - con - exp),
      lossesKWh: 0,
      curtailedKWh: 12.5,
      unservedKWh: 0,
      selfSufficiency: con === 0 ? 0 : 1 - imp / con,
      selfConsumption: gen === 0 ? 0 : 1 - exp / gen,
      peakGridImportKW: Math.max(0, ...gridImport) / perInterval,
      averageLocalPrice: pricedVolume === 0 ? null : weighted / pricedVolume,
      welfare: Math.round(tradedSum * 400),
      communityNetCost: netCost,
      baselineCommunityNetCost: baseline,
      communitySaving: baseline - netCost,
      gridFees: Math.round(tradedSum * 50),
      evShortfallKWh: 3.25,
      missedSwaps: 2,
    },
    participants,
    byType,
    series: {
      time,
      generationKWh: generation,
      consumptionKWh: consumption,
      gridImportKWh: gridImport,
      gridExportKWh: gridExport,
      p2pTradedKWh: traded,
      storageDeltaKWh: time.map(() => 0),
      lossesKWh: time.map(() => 0),
      demandKWh: demand,
      supplyKWh: supply,
      price,
      batterySoc: soc,
    },
  };
}
