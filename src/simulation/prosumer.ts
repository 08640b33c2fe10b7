import type { Asset, AssetContext, AssetRun, AssetSetup, AssetType, StorageView } from '../assets/asset.js';
import { checkAssetFlow, checkAssetInstance, checkAssetView, checkAssetWh, checkStateOfCharge } from '../assets/asset-contract.js';
import { fixedFlowOf, type FixedFlowAsset } from '../assets/fixed-flow.js';
import { limitGridFlow } from '../assets/grid-connection.js';
import type { Random } from '../random/random.js';
import type { ResolvedParticipant, ResolvedScenario } from './resolve-scenario.js';

/** One interval's metered outcome of one participant in one run, integers in Wh. */
export interface Delivery {
  /** Net energy at the meter: positive imported, negative exported. */
  netWh: number;
  generationWh: number;
  consumptionWh: number;
  storageDeltaWh: number;
  lossesWh: number;
  curtailedWh: number;
  unservedWh: number;
}

function newDelivery(): Delivery {
  return { netWh: 0, generationWh: 0, consumptionWh: 0, storageDeltaWh: 0, lossesWh: 0, curtailedWh: 0, unservedWh: 0 };
}

/**
 * A participant during a run: its assets (plug-in instances, each holding the state of the market
 * run and of the baseline), its random streams (forked from the run's seed by its id, so adding a
 * participant does not change the others' draws) and the interval's sums over its assets. It
 * knows no asset by name: it asks each one.
 */
export class Prosumer {
  private readonly assets: readonly Asset[];
  private readonly kinds: readonly string[];
  /**
   * The leading assets that are built-ins without state (a load, solar PV; the registry puts
   * them first), as the participant uses them: it calls their own `prepare` and reads their
   * interval from their fields instead of calling the public Asset's closures, whose `step` would
   * return the same flow in both runs (see FixedFlowAsset). Every later asset is called as before,
   * in the same order.
   */
  private readonly lead: readonly FixedFlowAsset[];
  /**
   * After {@link prepare}: the sums of the leading assets' flows (Wh; they store and lose
   * nothing), which both runs' deliveries start from: the order the flows were always summed in.
   */
  private leadNetWh = 0;
  private leadGenerationWh = 0;
  private leadConsumptionWh = 0;
  /** The controllable asset, which takes the storage request, or undefined. */
  private readonly controllable: Asset | undefined;
  private readonly controllableType: AssetType | undefined;
  /** The state-of-charge asset the report charts, if any, and its kind. */
  private readonly charted: Asset | undefined;
  private readonly chartedKind: string;
  readonly agentRng: Random;
  /** After {@link prepare}: the assets' forecast and actual uncontrolled net energy, Wh. */
  forecastWh = 0;
  ownWh = 0;
  /** What the storage must charge this interval whatever was traded (set by storageView), Wh. */
  private mustChargeWh = 0;
  private readonly marketDelivery = newDelivery();
  private readonly baselineDelivery = newDelivery();

  constructor(
    readonly def: ResolvedParticipant,
    scenario: ResolvedScenario,
    days: number,
    rng: Random,
  ) {
    this.agentRng = rng.fork(`agent/${def.id}`);
    const setup: AssetSetup = {
      participantId: def.id,
      startMs: scenario.startMs,
      intervalMs: scenario.intervalMs,
      days,
      utcOffsetMinutes: scenario.utcOffsetMinutes,
      random: (label) => rng.fork(`${label}/${def.id}`),
    };
    this.assets = def.assets.map((a) => checkAssetInstance(a.type.create(a.spec, setup), a.type, def.id));
    this.kinds = def.assets.map((a) => a.type.kind);
    const lead: FixedFlowAsset[] = [];
    for (let i = 0; i < this.assets.length; i++) {
      const x = fixedFlowOf(this.assets[i] as Asset, (def.assets[i] as ResolvedParticipant['assets'][number]).type);
      if (x === undefined) break;
      lead.push(x);
    }
    this.lead = lead;
    const c = def.assets.findIndex((a) => a.type.controllable);
    this.controllable = c < 0 ? undefined : this.assets[c];
    this.controllableType = c < 0 ? undefined : def.assets[c]?.type;
    const s = def.assets.findIndex((a) => a.type.chartsStateOfCharge === true);
    this.charted = s < 0 ? undefined : this.assets[s];
    this.chartedKind = s < 0 ? '' : (this.kinds[s] as string);
  }

  /** Whether the report charts this participant's state of charge. */
  get chartsStateOfCharge(): boolean {
    return this.charted !== undefined;
  }

  /** Whether the baseline charges its controllable asset at once (else it self-consumes). */
  get chargesNowInBaseline(): boolean {
    return this.controllableType?.baseline === 'charge-now';
  }

  /** Every asset draws the interval's physical inputs; sums their forecast and actual own energy. */
  prepare(ctx: AssetContext): void {
    const assets = this.assets;
    const lead = this.lead;
    let forecast = 0;
    let own = 0;
    let generation = 0;
    let consumption = 0;
    for (let i = 0; i < assets.length; i++) {
      let f: number;
      let o: number;
      if (i < lead.length) {
        const x = lead[i] as FixedFlowAsset;
        x.prepare(ctx);
        f = x.forecastWh;
        o = x.ownWh;
        generation += x.generationWh;
        consumption += x.consumptionWh;
      } else {
        const a = assets[i] as Asset;
        a.prepare(ctx);
        f = a.forecastWh();
        o = a.ownWh();
      }
      // The checks' arguments are read only when a value is wrong (they are cold memory).
      if (!Number.isSafeInteger(f)) checkAssetWh(f, this.kinds[i] as string, this.def.id, 'forecastWh');
      if (!Number.isSafeInteger(o)) checkAssetWh(o, this.kinds[i] as string, this.def.id, 'ownWh');
      forecast += f;
      own += o;
      if (i < lead.length) this.checkLeadFlow(i);
      if (i + 1 === lead.length) {
        this.leadNetWh = own;
        this.leadGenerationWh = generation;
        this.leadConsumptionWh = consumption;
      }
    }
    this.forecastWh = forecast;
    this.ownWh = own;
  }

  /**
   * Checks leading asset `i`'s flow (its net energy is its own energy, checked before): here once
   * rather than at both runs' steps, since it is the same flow in both.
   */
  private checkLeadFlow(i: number): void {
    const x = this.lead[i] as FixedFlowAsset;
    const g = x.generationWh;
    const c = x.consumptionWh;
    if (g >= 0 && c >= 0 && Number.isSafeInteger(g) && Number.isSafeInteger(c) && x.ownWh === c - g) return;
    checkAssetFlow({ netWh: x.ownWh, generationWh: g, consumptionWh: c, storageDeltaWh: 0, lossesWh: 0 }, this.kinds[i] as string, this.def.id);
  }

  /** What the market run's controllable asset can do this interval, for the agent; undefined without one. */
  storageView(ctx: AssetContext): StorageView | undefined {
    const view = this.controllable?.view(ctx);
    if (view !== undefined) checkAssetView(view, this.controllableType?.kind as string, this.def.id);
    this.mustChargeWh = view?.mustChargeWh ?? 0;
    return view;
  }

  /** The market run's state of charge of the charted asset (0 when there is none). */
  stateOfCharge(): number {
    const soc = this.charted?.stateOfCharge?.() ?? 0;
    checkStateOfCharge(soc, this.chartedKind, this.def.id);
    return soc;
  }

  /** The market run's totals of every metric its assets report, added into `into` by name. */
  addMetrics(into: (name: string, unit: 'Wh' | 'count', value: number) => void): void {
    this.def.assets.forEach((a, i) => {
      for (const m of a.type.metrics ?? []) {
        const value = (this.assets[i] as Asset).metric?.(m.name) ?? 0;
        if (!Number.isSafeInteger(value) || value < 0) checkAssetWh(Number.NaN, a.type.kind, this.def.id, `metric ${m.name}`);
        into(m.name, m.unit, value);
      }
    });
  }

  /**
   * Delivers one interval in one run: the controllable asset does `requestWh` (positive charge; in
   * the market run at least what it must charge), every asset steps, then the meter sees the sum
   * of their flows within the connection's limits. The Delivery returned is the run's own,
   * overwritten by its next call. A built-in asset without state is not called: its flow is what
   * the last {@link Prosumer.prepare} found (see `lead`), so both runs deliver after it.
   */
  deliver(run: AssetRun, ctx: AssetContext, requestWh: number): Delivery {
    // What must be charged is charged, traded or not: the utility supplies what the market did not.
    const must = run === 'market' ? this.mustChargeWh : 0;
    const storageRequestWh = must > 0 ? Math.max(requestWh, must) : requestWh;
    // The leading assets' flows, summed by prepare (see lead), then every other asset's step.
    let wanted = this.leadNetWh;
    let generationWh = this.leadGenerationWh;
    let consumptionWh = this.leadConsumptionWh;
    let storageDeltaWh = 0;
    let lossesWh = 0;
    const assets = this.assets;
    for (let i = this.lead.length; i < assets.length; i++) {
      const a = assets[i] as Asset;
      const f = a.step(run, ctx, a === this.controllable ? storageRequestWh : 0);
      checkAssetFlow(f, this.kinds[i] as string, this.def.id);
      wanted += f.netWh;
      generationWh += f.generationWh;
      consumptionWh += f.consumptionWh;
      storageDeltaWh += f.storageDeltaWh;
      lossesWh += f.lossesWh;
    }
    let netWh = wanted;
    let curtailedWh = 0;
    let unservedWh = 0;
    if (this.def.connection !== undefined) {
      const flow = limitGridFlow(this.def.connection, wanted, ctx.durationMs);
      netWh = flow.netWh;
      curtailedWh = flow.curtailedWh;
      unservedWh = flow.unservedWh;
    }
    const d = run === 'market' ? this.marketDelivery : this.baselineDelivery;
    d.netWh = netWh;
    d.generationWh = generationWh - curtailedWh;
    d.consumptionWh = consumptionWh - unservedWh;
    d.storageDeltaWh = storageDeltaWh;
    d.lossesWh = lossesWh;
    d.curtailedWh = curtailedWh;
    d.unservedWh = unservedWh;
    return d;
  }
}
