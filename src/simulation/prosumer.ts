import { stepBattery } from '../assets/battery.js';
import { initialEvState, stepEv, defineEv, type EvSpec, type EvState } from '../assets/electric-vehicle.js';
import { limitGridFlow } from '../assets/grid-connection.js';
import { loadEnergyWh } from '../assets/load-profile.js';
import { solarPvEnergyWh } from '../assets/solar-pv.js';
import { initialSwapStationState, stepSwapStation, type SwapStationState } from '../assets/swap-station.js';
import type { StorageView } from '../agents/bidding-strategy.js';
import { divideSafe } from '../units/rounding.js';
import type { Random } from '../random/random.js';
import type { CalendarDate } from '../time/calendar.js';
import { drawEvSessions } from './ev-fleet.js';
import type { ResolvedParticipant, ResolvedScenario } from './resolve-scenario.js';
import { drawSwapRiders } from './swap-riders.js';

/** What happens physically in one interval, the same for the market run and the baseline. */
export interface PhysicalInputs {
  pvForecastWh: number;
  pvActualWh: number;
  loadForecastWh: number;
  loadActualWh: number;
  /** Energy left in each pack riders bring this interval (swap stations only). */
  riders: readonly number[];
}

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

const NO_RIDERS: readonly number[] = Object.freeze([]);

function newDelivery(): Delivery {
  return { netWh: 0, generationWh: 0, consumptionWh: 0, storageDeltaWh: 0, lossesWh: 0, curtailedWh: 0, unservedWh: 0 };
}

/** The storage state of one run (the market run and the baseline each keep their own). */
class StorageState {
  batteryWh: number;
  ev: EvState = initialEvState();
  swap: SwapStationState | undefined;

  constructor(p: ResolvedParticipant) {
    this.batteryWh = p.battery?.initialWh ?? 0;
    this.swap = p.swap === undefined ? undefined : initialSwapStationState(p.swap);
  }

  /** Stored energy that counts as community storage (battery and swap packs), Wh. */
  stored(): number {
    let wh = this.batteryWh;
    if (this.swap !== undefined) for (const pack of this.swap.packsWh) wh += pack;
    return wh;
  }
}

/**
 * A participant during a run: its specs, its random streams (forked from the run's seed by its
 * id, so adding a participant does not change the others' draws) and the storage state of the
 * market run and of the baseline.
 */
export class Prosumer {
  readonly ev: EvSpec | undefined;
  readonly market: StorageState;
  readonly baseline: StorageState;
  private readonly loadRng: Random;
  private readonly riderRng: Random;
  readonly agentRng: Random;
  /** Energy EVs left short of their need, Wh, in the market run. */
  evShortfallWh = 0;
  /** What the storage must charge this interval whatever was traded (set by storageView), Wh. */
  private mustChargeWh = 0;
  /** What {@link inputs} returns, and {@link deliver} per run: overwritten by the next call. */
  private readonly physical: PhysicalInputs = { pvForecastWh: 0, pvActualWh: 0, loadForecastWh: 0, loadActualWh: 0, riders: NO_RIDERS };
  private readonly marketDelivery = newDelivery();
  private readonly baselineDelivery = newDelivery();

  constructor(
    readonly def: ResolvedParticipant,
    scenario: ResolvedScenario,
    days: number,
    rng: Random,
  ) {
    this.loadRng = rng.fork(`load/${def.id}`);
    this.riderRng = rng.fork(`riders/${def.id}`);
    this.agentRng = rng.fork(`agent/${def.id}`);
    this.ev = def.ev === undefined ? undefined : defineEv(drawEvSessions(def.ev, scenario.startMs, days, scenario.intervalMs, scenario.utcOffsetMinutes, rng.fork(`ev/${def.id}`)));
    this.market = new StorageState(def);
    this.baseline = new StorageState(def);
  }

  /**
   * Draws this interval's physical inputs (load noise, riders) from the participant's streams.
   * The object returned is the participant's own, overwritten by the next call: a run holds one
   * interval's inputs at a time, and a thousand participants' fresh objects every interval were
   * a good part of the run's garbage.
   */
  inputs(local: CalendarDate, ghiForecast: number, ghiActual: number, durationMs: number): PhysicalInputs {
    const { pv, load, swap } = this.def;
    const noise = load === undefined ? 0 : this.loadRng.nextGaussian();
    const out = this.physical;
    out.pvForecastWh = pv === undefined ? 0 : solarPvEnergyWh(pv, ghiForecast, durationMs);
    out.pvActualWh = pv === undefined ? 0 : solarPvEnergyWh(pv, ghiActual, durationMs);
    out.loadForecastWh = load === undefined ? 0 : loadEnergyWh(load, local, durationMs, 0);
    out.loadActualWh = load === undefined ? 0 : loadEnergyWh(load, local, durationMs, noise);
    out.riders = swap === undefined ? NO_RIDERS : drawSwapRiders(this.def.riders, local, durationMs, swap.packWh, this.riderRng);
    return out;
  }

  /** What the market run's storage can do this interval, for the agent; undefined without storage. */
  storageView(interval: number, inputs: PhysicalInputs, durationMs: number): StorageView | undefined {
    const view = this.computeView(interval, inputs, durationMs);
    this.mustChargeWh = view?.mustChargeWh ?? 0;
    return view;
  }

  private computeView(interval: number, inputs: PhysicalInputs, durationMs: number): StorageView | undefined {
    const { battery, swap } = this.def;
    const s = this.market;
    if (battery !== undefined) {
      const up = stepBattery(battery, s.batteryWh, Number.MAX_SAFE_INTEGER, durationMs);
      const down = stepBattery(battery, s.batteryWh, -Number.MAX_SAFE_INTEGER, durationMs);
      const rt = divideSafe(battery.chargeEfficiencyPpm * battery.dischargeEfficiencyPpm, 1_000_000, 'floor');
      return { storedWh: s.batteryWh, maxChargeWh: up.gridWh, maxDischargeWh: -down.gridWh, mustChargeWh: 0, roundTripPpm: rt };
    }
    if (this.ev !== undefined) {
      const dry = stepEv(this.ev, s.ev, interval, 0, durationMs);
      if (!dry.plugged) return undefined;
      const rt = divideSafe(this.ev.efficiencyPpm * this.ev.efficiencyPpm, 1_000_000, 'floor');
      return { storedWh: dry.storedWh, maxChargeWh: dry.maxChargeWh, maxDischargeWh: dry.maxDischargeWh, mustChargeWh: dry.mustChargeWh, roundTripPpm: rt };
    }
    if (swap !== undefined && s.swap !== undefined) {
      const dry = stepSwapStation(swap, s.swap, inputs.riders, 0, durationMs);
      const rt = divideSafe(swap.efficiencyPpm * swap.efficiencyPpm, 1_000_000, 'floor');
      // Packs below ready must be charged back up: the station plans to restore every pack within
      // an hour (four intervals of the grid-side energy it lacks), up to what it can take now.
      let lacking = 0;
      for (const wh of dry.state.packsWh) if (wh < swap.readyWh) lacking += swap.readyWh - wh;
      const must = Math.min(dry.maxChargeWh, divideSafe(lacking * 1_000_000, swap.efficiencyPpm * 4, 'ceil'));
      return { storedWh: dry.storedWh, maxChargeWh: dry.maxChargeWh, maxDischargeWh: dry.maxDischargeWh, mustChargeWh: must, roundTripPpm: rt };
    }
    return undefined;
  }

  /**
   * Delivers one interval in one run: the storage does `requestWh` (positive charge; in the market
   * run at least what it must charge), then the meter sees load - solar + storage, within the
   * connection's limits. The Delivery returned is the run's own, overwritten by its next call.
   */
  deliver(run: 'market' | 'baseline', interval: number, inputs: PhysicalInputs, requestWh: number, durationMs: number): Delivery {
    const s = run === 'market' ? this.market : this.baseline;
    // What must be charged is charged, traded or not: the utility supplies what the market did not.
    const must = run === 'market' ? this.mustChargeWh : 0;
    const storageRequestWh = must > 0 ? Math.max(requestWh, must) : requestWh;
    const storedBefore = s.stored();
    let storageGrid = 0;
    let lossesWh = 0;
    let evChargeWh = 0;
    let evDischargeWh = 0;
    let riderTakeWh = 0;
    const { battery, swap } = this.def;
    if (battery !== undefined) {
      const step = stepBattery(battery, s.batteryWh, storageRequestWh, durationMs);
      s.batteryWh = step.storedWh;
      storageGrid = step.gridWh;
      lossesWh = step.lossesWh;
    } else if (this.ev !== undefined) {
      const step = stepEv(this.ev, s.ev, interval, storageRequestWh, durationMs);
      if (run === 'market') this.evShortfallWh += step.state.shortfallWh - s.ev.shortfallWh;
      s.ev = step.state;
      storageGrid = step.gridWh;
      // The EV's battery is the vehicle's, outside the community: its charging is consumption,
      // its discharging to the grid generation.
      if (step.gridWh > 0) evChargeWh = step.gridWh;
      else evDischargeWh = -step.gridWh;
    } else if (swap !== undefined && s.swap !== undefined) {
      const step = stepSwapStation(swap, s.swap, inputs.riders, storageRequestWh, durationMs);
      s.swap = step.state;
      storageGrid = step.gridWh;
      lossesWh = step.lossesWh;
      riderTakeWh = step.swappedOutWh;
    }
    const wanted = inputs.loadActualWh - inputs.pvActualWh + storageGrid;
    let netWh = wanted;
    let curtailedWh = 0;
    let unservedWh = 0;
    if (this.def.connection !== undefined) {
      const flow = limitGridFlow(this.def.connection, wanted, durationMs);
      netWh = flow.netWh;
      curtailedWh = flow.curtailedWh;
      unservedWh = flow.unservedWh;
    }
    const d = run === 'market' ? this.marketDelivery : this.baselineDelivery;
    d.netWh = netWh;
    d.generationWh = inputs.pvActualWh - curtailedWh + evDischargeWh;
    d.consumptionWh = inputs.loadActualWh - unservedWh + evChargeWh + riderTakeWh;
    d.storageDeltaWh = s.stored() - storedBefore;
    d.lossesWh = lossesWh;
    d.curtailedWh = curtailedWh;
    d.unservedWh = unservedWh;
    return d;
  }
}
