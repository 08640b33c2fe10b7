import type { AuctionMechanism } from '../auction/mechanism.js';
import type { AssetContext } from '../assets/asset.js';
import { stepClouds, type CloudState } from '../assets/cloud-model.js';
import { clearSkyIrradiance, solarElevation } from '../assets/solar-geometry.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { Ledger } from '../ledger/ledger.js';
import type { Market } from '../market/market.js';
import type { MarketStepsMeterReading, MechanismName } from '../market/market-types.js';
import { TradeRecord } from '../market/market-trade.js';
import type { Random } from '../random/random.js';
import { createRandom } from '../random/random.js';
import { AgentBids } from './agent-bids.js';
import { ZonePrices } from './zone-prices.js';
import { MoneyScale } from '../settlement/money-scale.js';
import { calendarDate, MS_PER_DAY } from '../time/calendar.js';
import { ManualClock } from '../time/clock.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { formatSteps } from '../units/from-steps.js';
import { divideSafe } from '../units/rounding.js';
import { addSteps, UtilityPricing } from './run-accounting.js';
import { newRecord, type EnergyTotals, type RecordedMetric, type RunRecord } from './run-record.js';
import { Prosumer, type Delivery } from './prosumer.js';
import { WelfareTally } from './welfare-tally.js';
import { couplesZones, GATE_MINUTES, makeMarket, nextLedgerCapacity, QUANTITY_STEP_WH, zoneCapacity } from './day-market.js';
import type { ResolvedScenario } from './resolve-scenario.js';
import { NetworkRun } from './network-run.js';
import { priceAt } from './tariff-series.js';

const FN = 'runSimulation';
const SUBMIT_LEAD_MS = 6 * 60_000; // agents bid one minute before the 5-minute gate closure
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What a run needs besides the scenario. */
export interface RunSettings {
  readonly days: number;
  readonly seed: number | string;
  readonly mechanism: MechanismName | AuctionMechanism;
  readonly k: DecimalInput | undefined;
  /** Called after every interval with the intervals done in this run. */
  readonly onProgress?: ((done: number) => void) | undefined;
}

/**
 * Records a run of the participants in `zones` (all of them, or one independent group): the
 * loop over days and intervals that {@link runSimulation} describes. Every random stream is
 * forked from the seed by name (the weather's, and each participant's by its id), so a group run
 * alone draws exactly what it draws in the whole run.
 */
export function recordRun(s: ResolvedScenario, settings: RunSettings, zones: readonly string[]): RunRecord {
  return new Run(s, settings, zones).execute();
}

class Run {
  private readonly prosumers: Prosumer[];
  private readonly perDay: number;
  private readonly total: number;
  private readonly weatherRng: Random;
  private clouds: CloudState | undefined = undefined;
  private readonly record: RunRecord;
  private readonly pricing: UtilityPricing;
  private readonly prices = new Map<string, ZonePrices>();
  private readonly zoneOf = new Map<string, string>();
  private readonly batteries: number[];
  /** By prosumer index, the record's state-of-charge series of its charted asset, if it has one. */
  private readonly socOf: (Float64Array | undefined)[];
  /** Room to make in the next day's ledger, from the days so far (none before the first). */
  private ledgerCapacity: number | undefined = undefined;
  /** The last market's ledger, whose rows the next market's takes over (read only until its market is done). */
  private readonly days: { ledger: Ledger | undefined } = { ledger: undefined };
  /** Each participant's index among the prosumers, by id. */
  private readonly indexOf = new Map<string, number>();
  /** Each participant's zone price history, by index. */
  private readonly historyOf: ZonePrices[];
  /** The interval as the assets see it (one object, overwritten each interval). */
  private readonly ctx: { -readonly [K in keyof AssetContext]: AssetContext[K] };
  /** Wh bought and sold in the interval, by index (zero between intervals). */
  private readonly bought: number[];
  private readonly sold: number[];
  /** Link flows, transformer limits and netting; undefined when the scenario has none of them. */
  private readonly network: NetworkRun | undefined;
  /** Market efficiency's numerator and denominator. */
  private readonly welfare: WelfareTally;
  /** The agents' bidding. */
  private readonly bids: AgentBids;
  /** The interval's tariff, set once per interval. */
  private retailTicks = 0;
  private feedInTicks = 0;
  /**
   * Sets of meter readings (one object per participant) free for an interval: an interval takes
   * one, and gives it back once settled (settlement reads the readings and keeps none of them),
   * so a run makes as many sets as intervals wait for settlement at once (two), not a thousand
   * objects an interval.
   */
  private readonly freeReadings: Writable<MarketStepsMeterReading>[][] = [];
  /** Each participant's zone by its index in `zones`, and the interval's trade value and volume per zone. */
  private readonly zoneIndexOf: number[];
  private readonly zoneValue: number[];
  private readonly zoneVolume: number[];
  /**
   * The interval's series sums over the participants so far (Wh), written to the record's series
   * once the interval is delivered: a field each rather than six array elements updated per
   * participant.
   */
  private importWh = 0;
  private exportWh = 0;
  private generationWh = 0;
  private consumptionWh = 0;
  private storageWh = 0;
  private lossesWh = 0;

  constructor(
    private readonly s: ResolvedScenario,
    private readonly settings: RunSettings,
    private readonly zones: readonly string[],
  ) {
    const rng = createRandom(settings.seed);
    this.weatherRng = rng.fork('weather');
    this.prosumers = s.participants.filter((p) => zones.includes(p.zone)).map((p) => new Prosumer(p, s, settings.days, rng));
    this.perDay = MS_PER_DAY / s.intervalMs;
    this.total = settings.days * this.perDay;
    const scale = new MoneyScale(s.priceTick, QUANTITY_STEP_WH, s.currency.step);
    this.pricing = new UtilityPricing(scale.num, scale.den, s.retailTicks, s.feedInTicks);
    for (const z of zones) this.prices.set(z, new ZonePrices(this.perDay));
    for (const p of this.prosumers) this.zoneOf.set(p.def.id, p.def.zone);
    this.prosumers.forEach((p, i) => this.indexOf.set(p.def.id, i));
    this.historyOf = this.prosumers.map((p) => this.prices.get(p.def.zone) as ZonePrices);
    this.ctx = { interval: 0, local: calendarDate(s.startMs, s.utcOffsetMinutes), durationMs: s.intervalMs, irradianceForecastWm2: 0, irradianceActualWm2: 0 };
    this.bought = new Array<number>(this.prosumers.length).fill(0);
    this.sold = new Array<number>(this.prosumers.length).fill(0);
    this.batteries = this.prosumers.flatMap((p, i) => (p.chartsStateOfCharge ? [i] : []));
    this.record = newRecord(
      this.total,
      this.prosumers.map((p) => ({ id: p.def.id, type: p.def.type, zone: p.def.zone, agent: p.def.strategy.name })),
      this.batteries.map((i) => (this.prosumers[i] as Prosumer).def.id),
    );
    this.socOf = this.prosumers.map(() => undefined);
    this.batteries.forEach((i, j) => (this.socOf[i] = (this.record.batteries[j] as { soc: Float64Array }).soc));
    this.network = NetworkRun.needed(s) ? new NetworkRun(s, this.prosumers.map((p) => p.def), this.total, scale.num, scale.den) : undefined;
    if (this.network !== undefined) this.record.network = this.network.record;
    const coupled = couplesZones(s, settings.mechanism) && zones.length > 1;
    const cross = s.crossZoneFeeTicks ?? s.localFeeTicks;
    this.welfare = new WelfareTally({
      priceTick: s.priceTick,
      zones,
      coupledFeeTicks: coupled ? (a, b) => (a === b ? s.localFeeTicks : cross) : undefined,
      capacity: coupled ? zoneCapacity(s, zones) : undefined,
      mechanism: settings.mechanism,
    });
    for (const z of zones) {
      this.record.crossZoneInWh[z] = 0;
      this.record.crossZoneOutWh[z] = 0;
    }
    this.bids = new AgentBids(this.prosumers, this.historyOf, this.welfare, this.ctx.local, typeof settings.mechanism === 'string');
    this.zoneIndexOf = this.prosumers.map((p) => zones.indexOf(p.def.zone));
    this.zoneValue = zones.map(() => 0);
    this.zoneVolume = zones.map(() => 0);
  }

  execute(): RunRecord {
    for (let day = 0; day < this.settings.days; day++) this.runDay(day);
    this.record.welfare = this.welfare.reachedDecimal();
    this.record.reachedWelfareUnits = this.welfare.reached.toString();
    this.record.efficientWelfareUnits = this.welfare.efficient.toString();
    const metrics = this.record.metrics;
    const n = this.prosumers.length;
    this.prosumers.forEach((p, i) => {
      p.addMetrics((name, unit, value) => {
        const m = Object.hasOwn(metrics, name) ? (metrics[name] as RecordedMetric) : (metrics[name] = { unit, values: new Array<number>(n).fill(0) });
        m.values[i] = (m.values[i] as number) + value;
      });
    });
    return this.record;
  }

  private runDay(day: number): void {
    const s = this.s;
    if (s.retail.series === undefined && s.feedIn.series === undefined) {
      this.runSlots(day, 0, this.perDay, undefined);
      return;
    }
    // A market's tariff is fixed: a measured tariff runs one market per stretch of the day's
    // intervals that share their prices (a time-of-use tariff: a few a day).
    const first = day * this.perDay;
    let from = 0;
    for (let slot = 1; slot <= this.perDay; slot++) {
      const k = first + slot;
      if (slot === this.perDay || priceAt(s.retail, k) !== priceAt(s.retail, k - 1) || priceAt(s.feedIn, k) !== priceAt(s.feedIn, k - 1)) {
        this.runSlots(day, from, slot, { retailTicks: priceAt(s.retail, first + from), feedInTicks: priceAt(s.feedIn, first + from) });
        from = slot;
      }
    }
  }

  /** Slots `from` to `to` (exclusive) of `day` on one market, with the flat tariff or `band`. */
  private runSlots(day: number, from: number, to: number, band: { retailTicks: number; feedInTicks: number } | undefined): void {
    const s = this.s;
    const dayStart = s.startMs + day * MS_PER_DAY;
    const clock = new ManualClock(dayStart + from * s.intervalMs - SUBMIT_LEAD_MS);
    const market = makeMarket(s, this.zones, this.settings.mechanism, this.settings.k, clock, this.ledgerCapacity, band, this.days);
    for (const p of this.prosumers) market.registerParticipant({ id: p.def.id, zone: p.def.zone });
    // The record's welfare (the sum of these decimals) is the tally's whole units times its unit,
    // made once at the end instead of a decimal sum per auction.
    market.on('auctionCleared', (e) => this.welfare.cleared(e.result));
    const pending: { start: number; readings: Writable<MarketStepsMeterReading>[] }[] = [];
    const settleDue = (now: number): void => {
      for (let next = pending[0]; next !== undefined && next.start + s.intervalMs <= now; next = pending[0]) {
        pending.shift();
        market.settleSteps(next.start, next.readings);
        this.freeReadings.push(next.readings);
        // The run reads nothing of a settled interval again: forgetting it at once lets its
        // orders, trades and settlement result die young instead of piling up until the day ends.
        market.prune(next.start + s.intervalMs);
      }
    };
    for (let slot = from; slot < to; slot++) {
      const k = day * this.perDay + slot;
      const start = dayStart + slot * s.intervalMs;
      clock.set(start - SUBMIT_LEAD_MS);
      settleDue(clock.now());
      pending.push({ start, readings: this.runInterval(market, k, start) });
      this.settings.onProgress?.(k + 1);
    }
    clock.set(dayStart + to * s.intervalMs);
    market.advanceTo(clock.now());
    settleDue(clock.now());
    this.prosumers.forEach((p, i) => {
      this.record.netCostSteps[i] = addSteps(this.record.netCostSteps[i] as number, -market.ledger.balanceSteps(`${p.def.id}:${s.currency.code}`), "a participant's net cost");
    });
    this.record.gridFeeSteps = addSteps(this.record.gridFeeSteps, market.ledger.balanceSteps(`network:${s.currency.code}`), 'the grid fees');
    // Congestion rent: what the market settled to the network's congestion account (opened by a
    // market with link capacities only).
    const congestion = `congestion:${s.currency.code}`;
    if (this.network !== undefined && market.ledger.hasAccount(congestion)) this.network.addRent(formatSteps(market.ledger.balanceSteps(congestion), s.currency.step));
    // Days are alike in size: the next day's ledger starts with room for this one's rows.
    this.ledgerCapacity = nextLedgerCapacity(this.days, this.ledgerCapacity);
  }

  /** One interval: forecasts, orders, clearing, delivery of both runs; returns the market run's readings. */
  private runInterval(market: Market, k: number, start: number): Writable<MarketStepsMeterReading>[] {
    const s = this.s;
    const dur = s.intervalMs;
    const mid = start + dur / 2;
    const local = calendarDate(mid, s.utcOffsetMinutes);
    const localDay = Math.floor((mid + s.utcOffsetMinutes * 60_000) / MS_PER_DAY);
    const clouds = stepClouds(s.climate, this.clouds, localDay, local.month, this.weatherRng);
    this.clouds = clouds.state;
    const clearSky = clearSkyIrradiance(solarElevation(s.latitude, s.longitude, mid));
    const prosumers = this.prosumers;
    const n = prosumers.length;
    const ctx = this.ctx;
    ctx.interval = k;
    ctx.local = local;
    ctx.durationMs = dur;
    ctx.irradianceForecastWm2 = clearSky * clouds.forecast;
    ctx.irradianceActualWm2 = clearSky * clouds.actual;
    for (let i = 0; i < n; i++) (prosumers[i] as Prosumer).prepare(ctx);
    const r = this.record;
    this.retailTicks = priceAt(s.retail, k);
    this.feedInTicks = priceAt(s.feedIn, k);
    this.pricing.setPrices(this.retailTicks, this.feedInTicks);

    // Market run: the agents bid on their forecasts and their zone's price history.
    const slot = k % this.perDay;
    this.bids.bidAll(market, ctx, k, slot, start, this.retailTicks, this.feedInTicks);
    const demandWh = this.bids.demandWh;
    const supplyWh = this.bids.supplyWh;
    market.advanceTo(start - GATE_MINUTES * 60_000);
    this.bids.gateProcessed(market);
    this.welfare.endInterval();
    // Per participant index: filled by the trades, read and cleared by the delivery loop below.
    const bought = this.bought;
    const sold = this.sold;
    const zoneIndexOf = this.zoneIndexOf;
    const zoneValue = this.zoneValue;
    const zoneVolume = this.zoneVolume;
    let tradedWh = 0;
    let valueTicksWh = 0;
    for (const t of market.trades(start)) {
      if (!(t instanceof TradeRecord)) continue; // the market's own trades always are
      const buyer = this.indexOf.get(t.buyer);
      const seller = this.indexOf.get(t.seller);
      if (buyer !== undefined) bought[buyer] = (bought[buyer] as number) + t.lots;
      if (seller !== undefined) sold[seller] = (sold[seller] as number) + t.lots;
      if (buyer !== undefined && seller !== undefined) this.crossZone(buyer, seller, t.lots);
      tradedWh += t.lots;
      valueTicksWh += t.buyerTicks * t.lots;
      // Buyers are the run's participants (the market has no utility orders).
      const z = zoneIndexOf[buyer as number] as number;
      zoneValue[z] = (zoneValue[z] as number) + t.buyerTicks * t.lots;
      zoneVolume[z] = (zoneVolume[z] as number) + t.lots;
      if (this.network !== undefined && seller !== undefined) this.network.trade(this.zoneOf.get(t.seller) as string, this.zones[z] as string, t.lots, k);
    }
    // Non-negative terms: a sum past 2^53 ends past it, so one check catches any inexact step.
    if (!Number.isSafeInteger(valueTicksWh)) {
      fail(ErrorCode.BALANCE_OVERFLOW, FN, 'the value of one interval\'s trades (price ticks x Wh) passes 2^53: use a coarser price tick');
    }
    for (let z = 0; z < zoneVolume.length; z++) {
      const volume = zoneVolume[z] as number;
      if (volume === 0) continue;
      (this.prices.get(this.zones[z] as string) as ZonePrices).add(slot, divideSafe(zoneValue[z] as number, volume, 'half-even'), this.perDay);
      zoneValue[z] = 0;
      zoneVolume[z] = 0;
    }

    // Delivery in both runs, and the market run's meter readings.
    const readings = this.freeReadings.pop() ?? prosumers.map((p) => ({ participant: p.def.id, netSteps: 0 }));
    if (this.network === undefined) for (let i = 0; i < n; i++) this.deliverOne(i, readings[i] as Writable<MarketStepsMeterReading>);
    else this.deliverWithNetwork(this.network, k, readings);
    this.writeSeries(k);
    r.p2pSeries[k] = tradedWh;
    r.valueSeries[k] = valueTicksWh;
    r.demandSeries[k] = demandWh;
    r.supplySeries[k] = supplyWh;
    // Without a network each prosumer's state of charge was recorded as it was delivered.
    if (this.network !== undefined) {
      const batteries = this.batteries;
      for (let j = 0; j < batteries.length; j++) (r.batteries[j] as { soc: Float64Array }).soc[k] = (prosumers[batteries[j] as number] as Prosumer).stateOfCharge();
    }
    return readings;
  }

  /** Adds the interval's series sums (of {@link Run.recordOne}) to the record's series at `k`, and zeroes them. */
  private writeSeries(k: number): void {
    const r = this.record;
    r.importSeries[k] = (r.importSeries[k] as number) + this.importWh;
    r.exportSeries[k] = (r.exportSeries[k] as number) + this.exportWh;
    r.generationSeries[k] = (r.generationSeries[k] as number) + this.generationWh;
    r.consumptionSeries[k] = (r.consumptionSeries[k] as number) + this.consumptionWh;
    r.storageSeries[k] = (r.storageSeries[k] as number) + this.storageWh;
    r.lossesSeries[k] = (r.lossesSeries[k] as number) + this.lossesWh;
    this.importWh = 0;
    this.exportWh = 0;
    this.generationWh = 0;
    this.consumptionWh = 0;
    this.storageWh = 0;
    this.lossesWh = 0;
  }

  /** Adds a trade between participants of two different zones to the zones' cross-zone flows. */
  private crossZone(buyer: number, seller: number, wh: number): void {
    const to = (this.prosumers[buyer] as Prosumer).def.zone;
    const from = (this.prosumers[seller] as Prosumer).def.zone;
    if (to === from) return;
    const r = this.record;
    r.crossZoneInWh[to] = (r.crossZoneInWh[to] as number) + wh;
    r.crossZoneOutWh[from] = (r.crossZoneOutWh[from] as number) + wh;
  }

  /**
   * Delivers prosumer `i`'s interval in both runs (the market run's contract is what it bought and
   * sold) and adds it to the record; writes its meter reading and (without a network) its state
   * of charge. (A method of its own for the same reason as {@link AgentBids.bid}.)
   */
  private deliverOne(i: number, reading: Writable<MarketStepsMeterReading>): void {
    const p = this.prosumers[i] as Prosumer;
    // Storage follows the contract and absorbs its participant's own deviations.
    const d = p.deliver('market', this.ctx, (this.bought[i] as number) - (this.sold[i] as number) - p.ownWh);
    this.recordOne(i, d, this.deliverBaseline(p), reading);
    const soc = this.socOf[i];
    if (soc !== undefined) soc[this.ctx.interval] = p.stateOfCharge();
  }

  /** Baseline: the utility only. Storage self-consumes, or charges at once (EVs, swap stations): as its asset type says. */
  private deliverBaseline(p: Prosumer): Delivery {
    return p.deliver('baseline', this.ctx, p.chargesNowInBaseline ? Number.MAX_SAFE_INTEGER : -p.ownWh);
  }

  /**
   * Every prosumer delivers (both runs), then the network's transformer limits cut what the
   * meters pass, the imbalances are netted when the scenario asks, and the interval is recorded.
   */
  private deliverWithNetwork(network: NetworkRun, k: number, readings: readonly Writable<MarketStepsMeterReading>[]): void {
    const n = this.prosumers.length;
    const market: Delivery[] = [];
    const baseline: Delivery[] = [];
    const marketImbalance: number[] = [];
    const baselineImbalance: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = this.prosumers[i] as Prosumer;
      const contractWh = (this.bought[i] as number) - (this.sold[i] as number);
      const d = p.deliver('market', this.ctx, contractWh - p.ownWh);
      const b = this.deliverBaseline(p);
      market.push(d);
      baseline.push(b);
      marketImbalance.push(-d.netWh + contractWh);
      baselineImbalance.push(-b.netWh);
    }
    network.limit(market, marketImbalance, k);
    network.limit(baseline, baselineImbalance, undefined);
    const savings = network.net(marketImbalance);
    for (let i = 0; i < n; i++) {
      this.recordOne(i, market[i] as Delivery, baseline[i] as Delivery, readings[i] as Writable<MarketStepsMeterReading>);
      if (savings !== undefined) this.record.netCostSteps[i] = addSteps(this.record.netCostSteps[i] as number, -(savings[i] as number), "a participant's net cost");
    }
  }

  /** Adds prosumer `i`'s deliveries in both runs to the record; writes its market meter reading into `reading`. */
  private recordOne(i: number, d: Delivery, b: Delivery, reading: Writable<MarketStepsMeterReading>): void {
    const r = this.record;
    const bought = this.bought;
    const sold = this.sold;
    const boughtWh = bought[i] as number;
    const soldWh = sold[i] as number;
    bought[i] = 0;
    sold[i] = 0;
    // 0 - x, not -x: +0 for a meter that saw nothing, not -0 (a double, which would make every
    // reading's netSteps a boxed field).
    reading.netSteps = 0 - d.netWh;
    // Actual minus contracted: (exported - imported) - (sold - bought).
    const imbalance = -d.netWh - (soldWh - boughtWh);
    add(r.market, d, imbalance, boughtWh, soldWh);
    add(r.perParticipant[i] as EnergyTotals, d, imbalance, boughtWh, soldWh);
    // Integers well below 2^53: summed in any order, the series are the same.
    if (imbalance < 0) this.importWh -= imbalance;
    else this.exportWh += imbalance;
    this.generationWh += d.generationWh;
    this.consumptionWh += d.consumptionWh;
    this.storageWh += d.storageDeltaWh;
    this.lossesWh += d.lossesWh;
    add(r.baseline, b, -b.netWh, 0, 0);
    r.baselineCostSteps[i] = addSteps(r.baselineCostSteps[i] as number, this.pricing.cost(-b.netWh), "a participant's cost with the utility alone");
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
