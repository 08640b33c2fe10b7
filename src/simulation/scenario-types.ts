import type { BatteryOptions } from '../assets/battery.js';
import type { CloudClimate } from '../assets/cloud-model.js';
import type { GridConnectionOptions } from '../assets/grid-connection.js';
import type { HeatStoreOptions } from '../assets/heat-store.js';
import type { LoadOptions } from '../assets/load-profile.js';
import type { SolarPvOptions } from '../assets/solar-pv.js';
import type { SwapStationOptions } from '../assets/swap-station.js';
import type { DecimalInput } from '../units/decimal-input.js';
import type { EvFleetOptions } from '../assets/ev-fleet.js';
import type { SwapRiderOptions } from '../assets/swap-riders.js';
import type { MeasuredSeries } from '../assets/measured-series.js';
import type { PriceSeries } from './tariff-series.js';

/**
 * One prosumer of a scenario: its assets, its connection and the agent that trades for it. Each
 * asset type reads its own field (`pv`, `load`, `battery`, `ev`, `swapStation`, `heatStore`, and
 * the `field` of any type passed in `runSimulation({ assets })`).
 */
export interface ScenarioParticipant {
  /** Unique id, e.g. 'lecture-b1'. */
  id: string;
  /** A group for reporting, e.g. 'lecture', 'dormitory', 'ev-charger'. */
  type: string;
  /** The zone (feeder) it is connected to (default: the scenario's first zone). */
  zone?: string;
  /** Rooftop or canopy solar: the model, or measured generation (`{ series }`, kW per interval). */
  pv?: SolarPvOptions | MeasuredSeries;
  /** Its consumption: a built-in shape, or measured demand (`{ series }`, kW per interval). */
  load?: LoadOptions | MeasuredSeries;
  /** A stationary battery. */
  battery?: BatteryOptions;
  /** An EV charger and the fleet that uses it. */
  ev?: EvFleetOptions;
  /** A motorbike battery swap station and its riders. */
  swapStation?: SwapStationOptions & {
    /** When riders come and how empty their packs are (default: see {@link SwapRiderOptions}). */
    riders?: SwapRiderOptions;
  };
  /** A water heater or heat pump with a thermal store: demand an agent can shift. */
  heatStore?: HeatStoreOptions;
  /** Its grid connection limits (default: unlimited). */
  connection?: GridConnectionOptions;
  /** The bidding agent's kind (default: chosen by the assets; see the simulation guide). */
  agent?: string;
  /** Money deposited in its market account at the start (default: enough for a year at retail). */
  initialFunds?: DecimalInput;
}

/** The utility's prices: the band within which local trading is worth doing. */
export interface ScenarioTariff {
  /** What the utility charges per kWh: flat, or per interval (`{ series }`, e.g. a time-of-use tariff). */
  retailPrice: DecimalInput | PriceSeries;
  /** What the utility pays per kWh fed in: flat, or per interval (`{ series }`). */
  feedInPrice: DecimalInput | PriceSeries;
  /** Network fee per kWh traded locally inside a zone (default 0). */
  localFeePerKWh?: DecimalInput;
  /** Network fee per kWh traded between zones (default: localFeePerKWh). */
  crossZoneFeePerKWh?: DecimalInput;
}

/** A complete, reproducible simulation setting. */
export interface Scenario {
  /** Short name, e.g. 'campus'. */
  name: string;
  /**
   * One paragraph on what it models and where its figures come from. A scenario file may leave it
   * out (read as `''`); when given it must be a string.
   */
  description: string;
  /** Where it is. */
  location: {
    /** Degrees north (negative: south). */
    latitude: number;
    /** Degrees east (negative: west). */
    longitude: number;
    /** The local time's offset from UTC, minutes (420 for Vietnam). */
    utcOffsetMinutes: number;
  };
  /** The first day, 'YYYY-MM-DD' (local). */
  startDate: string;
  /** Delivery interval length in minutes (default 15). */
  intervalMinutes?: number;
  /** The currency. */
  currency: {
    /** Its code, e.g. 'VND'. */
    code: string;
    /** Its smallest amount, e.g. '1'. */
    step: DecimalInput;
  };
  /** The price tick (default '1' for VND). */
  priceTick?: DecimalInput;
  /** The utility tariff. */
  tariff: ScenarioTariff;
  /** Cloud climate (default southern Vietnam). */
  climate?: CloudClimate;
  /** Zones (feeders); default ['campus']. */
  zones?: readonly string[];
  /** The prosumers. */
  participants: readonly ScenarioParticipant[];
  /**
   * Network limits: feeder-to-feeder link capacities and each feeder's transformer limits
   * (default: none, every flow unlimited). See docs/network.md.
   */
  network?: ScenarioNetwork;
  /**
   * Community imbalance netting at settlement (default `'off'`): participants' deviations from
   * their trades are netted inside the whole community (`'community'`) or inside each feeder
   * (`'zone'`) before the remainder goes to the utility; netted energy is priced at the mid of
   * retail and feed-in (the rule of `netImbalances`). See docs/network.md.
   */
  imbalanceNetting?: ImbalanceNettingMode;
}

/** How a simulation nets imbalances: not at all, in the whole community, or per feeder. */
export type ImbalanceNettingMode = 'off' | 'community' | 'zone';

/**
 * A feeder-to-feeder link: the most power that sellers in `from` may sell to buyers in `to`.
 * Clearing keeps each interval's flow within `capacityKW` x the interval length.
 */
export interface ScenarioLink {
  /** The sellers' feeder. */
  from: string;
  /** The buyers' feeder. */
  to: string;
  /**
   * kW, non-negative; 0 closes the link. Whole W whose energy over one interval is whole Wh
   * (with 15-minute intervals: a multiple of 4 W).
   */
  capacityKW: DecimalInput;
}

/**
 * A feeder's transformer to the utility: the most power it may import from the utility and
 * export to it (each omitted: unlimited). Same units and exactness rule as {@link ScenarioLink}.
 */
export interface ScenarioTransformer {
  /** The feeder. */
  zone: string;
  /** The most power drawn from the utility, kW. */
  importKW?: DecimalInput;
  /** The most power fed into the utility, kW. */
  exportKW?: DecimalInput;
}

/** A scenario's network limits; every list optional. */
export interface ScenarioNetwork {
  /** Feeder-to-feeder link capacities (each ordered pair at most once); a missing link is unlimited. */
  links?: readonly ScenarioLink[];
  /** Transformer limits per feeder (each feeder at most once). */
  transformers?: readonly ScenarioTransformer[];
}
