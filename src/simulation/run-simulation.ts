import type { BiddingStrategy, AgentOrder } from '../agents/bidding-strategy.js';
import { stepClouds, type CloudState } from '../assets/cloud-model.js';
import { clearSkyIrradiance, solarElevation } from '../assets/solar-geometry.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { Market } from '../market/market.js';
import type { MechanismName } from '../market/market-types.js';
import { stepsInput, TradeRecord } from '../market/market-trade.js';
import { createRandom } from '../random/random.js';
import { MoneyScale } from '../settlement/money-scale.js';
import { calendarDate, MS_PER_DAY } from '../time/calendar.js';
import { ManualClock } from '../time/clock.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { createStep } from '../units/step.js';
import { checkInteger } from '../validation/checks.js';
import { EnergyTotals, UtilityPricing } from './run-accounting.js';
import { Prosumer, type Delivery, type PhysicalInputs } from './prosumer.js';
import { resolveScenario, type ResolvedScenario } from './resolve-scenario.js';
import type { Scenario } from './scenario-types.js';
import { buildResult, type RunRecord } from './simulation-report-data.js';
import type { SimulationResult } from './simulation-result.js';
import { scenarioByName } from './scenarios/built-in-scenarios.js';

/** Options of {@link runSimulation}. */
export interface SimulationOptions {
  /** A built-in scenario's name (`'campus'`) or a scenario of your own. */
  scenario: string | Scenario;
  /** Days to simulate, from the scenario's start date (1 to 3,660). */
  days: number;
  /** The seed: the same seed gives the same results, events and numbers. */
  seed: number | string;
  /** The auction mechanism (default `'uniform'`). */
  mechanism?: MechanismName;
  /** k of the uniform and discriminatory mechanisms (default 0.5). */
  k?: DecimalInput;
  /** Strategies of your own by name, usable as a participant's `agent`. */
  strategies?: Readonly<Record<string, BiddingStrategy>>;
  /** Called after every simulated interval with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
}

const FN = 'runSimulation';
const SUBMIT_LEAD_MS = 6 * 60_000; // agents bid one minute before the 5-minute gate closure
const GATE_MINUTES = 5;

/**
 * Runs a scenario: for each 15-minute interval the agents see their forecasts (solar from a
 * forecast cloud index, demand from its shape) and submit sealed orders to a {@link Market}; the
 * auction clears at gate closure; the assets then deliver (storage follows what was traded,
 * absorbing its own participant's deviations; meters see the actual weather and demand); and the
 * interval settles against the meter readings. Alongside, the same physical days run under a
 * utility-only baseline (no local trading: batteries self-consume, EVs and swap stations charge at
 * once), so every participant's cost can be compared. Deterministic from the seed.
 *
 * A fresh market and ledger serve each simulated day (balances are read at the day's end), so a
 * run of any length holds one day of market history in memory.
 *
 * @returns totals, per-participant and per-type results, and time series; see {@link SimulationResult}.
 * @throws WattError UNKNOWN_SCENARIO, INVALID_SCENARIO, UNKNOWN_AGENT, INVALID_RANGE (days),
 *   INVALID_SEED, and the market's option codes (an unknown mechanism, a bad k).
 * @example
 * ```ts
 * const result = runSimulation({ scenario: 'campus', days: 7, seed: 1 });
 * console.log(result.totals.p2pTradedKWh, result.totals.communitySaving);
 * ```
 */
export function runSimulation(options: SimulationOptions): SimulationResult {
  const days = checkInteger(options.days, 0, 1, 3660, FN, 'days');
  const scenario = typeof options.scenario === 'string' ? scenarioByName(options.scenario, FN) : options.scenario;
  const resolved = resolveScenario(scenario, options.strategies ?? {});
  const rng = createRandom(options.seed);
  const mechanism = options.mechanism ?? 'uniform';
  // Validates the market options (mechanism, k, tariff) before any work.
  makeMarket(resolved, mechanism, options.k, new ManualClock(resolved.startMs - MS_PER_DAY));
  return new Run(resolved, days, rng, mechanism, options).execute();
}

/** Zone-priced mechanisms can trade across zones with their fees; the truthful ones cannot. */
const ZONAL_MECHANISMS: readonly MechanismName[] = ['uniform', 'discriminatory'];

/**
 * Whether the run clears its zones jointly with fees between them. The truthful mechanisms (McAfee,
 * trade reduction, Huang) have no form with fees that differ by zone pair: with them each zone
 * clears its own auction and the local fee is charged at settlement.
 */
export function couplesZones(s: ResolvedScenario, mechanism: MechanismName): boolean {
  if (s.crossZoneFeeTicks === undefined || s.zones.length < 2) return false;
  return ZONAL_MECHANISMS.includes(mechanism) || s.crossZoneFeeTicks === s.localFeeTicks;
}

function makeMarket(s: ResolvedScenario, mechanism: MechanismName, k: DecimalInput | undefined, clock: ManualClock): Market {
  const tick = s.priceTick;
  const fee = (ticks: number): number | string => stepsInput(ticks, tick);
  let zoneFees: Record<string, Record<string, number | string>> | undefined;
  if (couplesZones(s, mechanism)) {
    const cross = s.crossZoneFeeTicks ?? s.localFeeTicks;
    zoneFees = Object.fromEntries(s.zones.map((a) => [a, Object.fromEntries(s.zones.map((b) => [b, fee(a === b ? s.localFeeTicks : cross)]))]));
  }
  return new Market({
    clock,
    zones: s.zones,
    tariff: {
      retailPrice: fee(s.retailTicks),
      feedInPrice: fee(s.feedInTicks),
      ...(zoneFees === undefined && s.localFeeTicks > 0 ? { gridFee: { kind: 'per-kwh' as const, price: fee(s.localFeeTicks) } } : {}),
      ...(zoneFees === undefined ? {} : { zoneFees }),
    },
    priceTick: tick.text,
    currency: { code: s.currency.code, step: s.currency.step.text },
    mechanism,
    ...(k === undefined ? {} : { k }),
    gateClosureMinutes: GATE_MINUTES,
    collateral: false,
    participantCredit: true,
    journal: false,
  });
}

/** One run's state. */
class Run {
  private readonly prosumers: Prosumer[];
  private readonly perDay: number;
  private readonly total: number;
  private readonly weatherRng;
  private clouds: CloudState | undefined = undefined;
  private readonly record: RunRecord;
  private readonly pricing: UtilityPricing;
  /** Volume-weighted clearing price of each recent interval, ticks, for the agents' forecasts. */
  private readonly recentPrices: number[] = [];
  private readonly priceBySlot = new Map<number, number>();

  constructor(
    private readonly s: ResolvedScenario,
    private readonly days: number,
    rng: ReturnType<typeof createRandom>,
    private readonly mechanism: MechanismName,
    private readonly options: SimulationOptions,
  ) {
    this.weatherRng = rng.fork('weather');
    this.prosumers = s.participants.map((p) => new Prosumer(p, s, days, rng));
    this.perDay = MS_PER_DAY / s.intervalMs;
    this.total = days * this.perDay;
    const scale = new MoneyScale(s.priceTick, createStep('0.001', FN, 'Wh'), s.currency.step);
    this.pricing = new UtilityPricing(scale.num, scale.den, s.retailTicks, s.feedInTicks);
    this.record = newRecord(this.total, this.prosumers);
  }

  execute(): SimulationResult {
    for (let day = 0; day < this.days; day++) this.runDay(day);
    const s = this.s;
    return buildResult(this.record, {
      scenario: s.scenario,
      seed: this.options.seed,
      days: this.days,
      mechanism: this.mechanism,
      startMs: s.startMs,
      intervalMs: s.intervalMs,
      utcOffsetMinutes: s.utcOffsetMinutes,
      currency: s.currency,
      priceTick: s.priceTick,
      retailTicks: s.retailTicks,
      feedInTicks: s.feedInTicks,
      prosumers: this.prosumers,
    });
  }

  private runDay(day: number): void {
    const s = this.s;
    const dayStart = s.startMs + day * MS_PER_DAY;
    const clock = new ManualClock(dayStart - SUBMIT_LEAD_MS);
    const market = makeMarket(s, this.mechanism, this.options.k, clock);
    for (const p of this.prosumers) market.registerParticipant({ id: p.def.id, zone: p.def.zone });
    market.on('auctionCleared', (e) => {
      this.record.welfare += Number(e.result.welfare);
    });
    const pending: { k: number; start: number; readings: { participant: string; net: number | string }[] }[] = [];
    const settleDue = (now: number): void => {
      while (pending.length > 0 && (pending[0] as { start: number }).start + s.intervalMs <= now) {
        const next = pending.shift() as (typeof pending)[number];
        market.settle(next.start, next.readings);
      }
    };
    for (let slot = 0; slot < this.perDay; slot++) {
      const k = day * this.perDay + slot;
      const start = dayStart + slot * s.intervalMs;
      clock.set(start - SUBMIT_LEAD_MS);
      settleDue(clock.now());
      const readings = this.runInterval(market, k, start);
      pending.push({ k, start, readings });
      this.options.onProgress?.(k + 1, this.total);
    }
    clock.set(dayStart + MS_PER_DAY);
    market.advanceTo(clock.now());
    settleDue(clock.now());
    for (const [i, p] of this.prosumers.entries()) {
      this.record.netCostSteps[i] = (this.record.netCostSteps[i] as number) - market.ledger.balanceSteps(`${p.def.id}:${s.currency.code}`);
    }
    this.record.gridFeeSteps += market.ledger.balanceSteps(`network:${s.currency.code}`);
  }

  /** One interval: forecasts, orders, clearing, delivery of both runs; returns the market run's readings. */
  private runInterval(market: Market, k: number, start: number): { participant: string; net: number | string }[] {
    const s = this.s;
    const dur = s.intervalMs;
    const mid = start + dur / 2;
    const local = calendarDate(mid, s.utcOffsetMinutes);
    const localDay = Math.floor((mid + s.utcOffsetMinutes * 60_000) / MS_PER_DAY);
    const clouds = stepClouds(s.climate, this.clouds, localDay, local.month, this.weatherRng);
    this.clouds = clouds.state;
    const clearSky = clearSkyIrradiance(solarElevation(s.latitude, s.longitude, mid));
    const inputs: PhysicalInputs[] = this.prosumers.map((p) => p.inputs(local, clearSky * clouds.forecast, clearSky * clouds.actual, dur));

    // Market run: the agents bid on their forecasts.
    const slot = k % this.perDay;
    const ctxBase = {
      interval: k,
      local,
      durationMs: dur,
      retailTicks: s.retailTicks,
      feedInTicks: s.feedInTicks,
      priceForecastTicks: this.priceBySlot.get(slot),
      recentPricesTicks: this.recentPrices,
    };
    let demandWh = 0;
    let supplyWh = 0;
    for (const [i, p] of this.prosumers.entries()) {
      const input = inputs[i] as PhysicalInputs;
      const storage = p.storageView(k, input, dur);
      const orders = p.def.strategy.orders({ ...ctxBase, rng: p.agentRng }, { netForecastWh: input.loadForecastWh - input.pvForecastWh, ...(storage === undefined ? {} : { storage }) });
      let n = 0;
      for (const o of orders) {
        checkOrder(o, s, p.def.id, p.def.strategy.name);
        market.submit({
          id: `${p.def.id}/${k}/${n++}`,
          participant: p.def.id,
          deliveryStart: start,
          side: o.side,
          price: stepsInput(o.priceTicks, s.priceTick),
          quantity: o.quantityWh / 1000,
        });
        if (o.side === 'buy') demandWh += o.quantityWh;
        else supplyWh += o.quantityWh;
      }
    }
    market.advanceTo(start - GATE_MINUTES * 60_000);
    const boughtBy = new Map<string, number>();
    const soldBy = new Map<string, number>();
    let tradedWh = 0;
    let valueTicksWh = 0;
    for (const t of market.trades(start)) {
      if (!(t instanceof TradeRecord)) continue; // the market's own trades always are
      boughtBy.set(t.buyer, (boughtBy.get(t.buyer) ?? 0) + t.lots);
      soldBy.set(t.seller, (soldBy.get(t.seller) ?? 0) + t.lots);
      tradedWh += t.lots;
      valueTicksWh += t.buyerTicks * t.lots;
    }
    const price = tradedWh > 0 ? Math.round(valueTicksWh / tradedWh) : undefined;
    if (price !== undefined) {
      this.priceBySlot.set(slot, price);
      this.recentPrices.push(price);
      if (this.recentPrices.length > this.perDay) this.recentPrices.shift();
    }

    // Delivery in both runs, and the market run's meter readings.
    const r = this.record;
    const readings: { participant: string; net: number | string }[] = [];
    for (const [i, p] of this.prosumers.entries()) {
      const input = inputs[i] as PhysicalInputs;
      const bought = boughtBy.get(p.def.id) ?? 0;
      const sold = soldBy.get(p.def.id) ?? 0;
      const own = input.loadActualWh - input.pvActualWh;
      // Storage follows the contract and absorbs its participant's own deviations.
      const d = p.deliver('market', k, input, bought - sold - own, dur);
      readings.push({ participant: p.def.id, net: -d.netWh / 1000 });
      // Actual minus contracted: (exported - imported) - (sold - bought).
      const imbalance = -d.netWh - (sold - bought);
      add(r.market, d, imbalance, bought, sold);
      add(r.perParticipant[i] as EnergyTotals, d, imbalance, bought, sold);
      r.importSeries[k] = (r.importSeries[k] as number) + Math.max(0, -imbalance);
      r.exportSeries[k] = (r.exportSeries[k] as number) + Math.max(0, imbalance);
      r.generationSeries[k] = (r.generationSeries[k] as number) + d.generationWh;
      r.consumptionSeries[k] = (r.consumptionSeries[k] as number) + d.consumptionWh;
      r.storageSeries[k] = (r.storageSeries[k] as number) + d.storageDeltaWh;
      r.lossesSeries[k] = (r.lossesSeries[k] as number) + d.lossesWh;
      // Baseline: the utility only. Batteries self-consume, EVs and swap stations charge at once.
      const hasFlexibleDemand = p.ev !== undefined || p.def.swap !== undefined;
      const b = p.deliver('baseline', k, input, hasFlexibleDemand ? Number.MAX_SAFE_INTEGER : -own, dur);
      add(r.baseline, b, -b.netWh, 0, 0);
      add(r.baselinePerParticipant[i] as EnergyTotals, b, -b.netWh, 0, 0);
      r.baselineCostSteps[i] = (r.baselineCostSteps[i] as number) + this.pricing.cost(-b.netWh);
    }
    r.p2pSeries[k] = tradedWh;
    r.demandSeries[k] = demandWh;
    r.supplySeries[k] = supplyWh;
    r.priceSeries[k] = price === undefined ? null : price;
    for (const [j, i] of r.batteryIndex.entries()) {
      const p = this.prosumers[i] as Prosumer;
      (r.socSeries[j] as number[])[k] = p.def.battery === undefined ? 0 : p.market.batteryWh / p.def.battery.capacityWh;
    }
    return readings;
  }
}

function add(t: EnergyTotals, d: Delivery, imbalanceWh: number, boughtWh: number, soldWh: number): void {
  t.generationWh += d.generationWh;
  t.consumptionWh += d.consumptionWh;
  t.storageDeltaWh += d.storageDeltaWh;
  t.lossesWh += d.lossesWh;
  t.curtailedWh += d.curtailedWh;
  t.unservedWh += d.unservedWh;
  if (imbalanceWh < 0) t.gridImportWh -= imbalanceWh;
  else t.gridExportWh += imbalanceWh;
  t.boughtWh += boughtWh;
  t.soldWh += soldWh;
}

/** A strategy of the user's must keep to the band and to whole positive Wh. */
function checkOrder(o: AgentOrder, s: ResolvedScenario, id: string, strategy: string): void {
  const side: unknown = o.side; // a user's strategy may return anything
  if (
    (side !== 'buy' && side !== 'sell') ||
    !Number.isSafeInteger(o.quantityWh) ||
    o.quantityWh <= 0 ||
    !Number.isSafeInteger(o.priceTicks) ||
    o.priceTicks < s.feedInTicks ||
    o.priceTicks > s.retailTicks
  ) {
    fail(ErrorCode.INVALID_ARGUMENT, FN, `strategy '${strategy}' of '${id}' returned an invalid order (sides 'buy'/'sell', whole positive Wh, prices within the band)`);
  }
}

function newRecord(intervals: number, prosumers: readonly Prosumer[]): RunRecord {
  const zeros = (): number[] => new Array<number>(intervals).fill(0);
  const batteryIndex = prosumers.flatMap((p, i) => (p.def.battery === undefined ? [] : [i]));
  return {
    market: new EnergyTotals(),
    baseline: new EnergyTotals(),
    perParticipant: prosumers.map(() => new EnergyTotals()),
    baselinePerParticipant: prosumers.map(() => new EnergyTotals()),
    netCostSteps: prosumers.map(() => 0),
    baselineCostSteps: prosumers.map(() => 0),
    gridFeeSteps: 0,
    welfare: 0,
    generationSeries: zeros(),
    consumptionSeries: zeros(),
    storageSeries: zeros(),
    lossesSeries: zeros(),
    importSeries: zeros(),
    exportSeries: zeros(),
    p2pSeries: zeros(),
    demandSeries: zeros(),
    supplySeries: zeros(),
    priceSeries: new Array<number | null>(intervals).fill(null),
    batteryIndex,
    socSeries: batteryIndex.map(() => zeros()),
  };
}

