/**
 * The fields a scenario may have, object by object: what a scenario file is checked against, so
 * that a misspelt or unsupported field is refused instead of silently ignored. `true` marks a
 * leaf (its value is checked by the simulation's own validation); a nested shape is an object;
 * `seriesOr` is a field that may instead be a measured series (an object with `series`).
 */
export interface FieldShape {
  readonly [field: string]: true | FieldShape | { readonly each: FieldShape } | { readonly seriesOr: FieldShape | true };
}

/** A measured series' fields (`{ series }`: values inline or a CSV file's path). */
export const SERIES_FIELDS: FieldShape = { series: true, source: true };

const LOAD: FieldShape = { kind: true, peakKW: true, noise: true };
const PV: FieldShape = { capacityKWp: true, performanceRatio: true };
const BATTERY: FieldShape = { capacityKWh: true, maxChargeKW: true, maxDischargeKW: true, roundTripEfficiency: true, minSoc: true, maxSoc: true, initialSoc: true };
const EV: FieldShape = { batteryKWh: true, chargerKW: true, vehicleToGrid: true, arrivalHour: true, stayHours: true, arrivalSoc: true, departureSoc: true, visitProbability: true };
const RIDERS: FieldShape = { perDay: true, returnedSoc: true };
const SWAP: FieldShape = { packs: true, packKWh: true, slotKW: true, stationKW: true, readySoc: true, minSoc: true, efficiency: true, vehicleToGrid: true, readyReserve: true, initialSoc: true, riders: RIDERS };
const CONNECTION: FieldShape = { importKW: true, exportKW: true };

/** A participant's fields. */
export const PARTICIPANT_FIELDS: FieldShape = {
  id: true,
  type: true,
  zone: true,
  pv: { seriesOr: PV },
  load: { seriesOr: LOAD },
  battery: BATTERY,
  ev: EV,
  swapStation: SWAP,
  connection: CONNECTION,
  agent: true,
  initialFunds: true,
};

/** A scenario's fields (see `Scenario`). */
export const SCENARIO_FIELDS: FieldShape = {
  $schema: true,
  name: true,
  description: true,
  location: { latitude: true, longitude: true, utcOffsetMinutes: true },
  startDate: true,
  intervalMinutes: true,
  currency: { code: true, step: true },
  priceTick: true,
  tariff: { retailPrice: { seriesOr: true }, feedInPrice: { seriesOr: true }, localFeePerKWh: true, crossZoneFeePerKWh: true },
  climate: { monthly: true, forecastError: true },
  zones: true,
  participants: { each: PARTICIPANT_FIELDS },
  network: { links: { each: { from: true, to: true, capacityKW: true } }, transformers: { each: { zone: true, importKW: true, exportKW: true } } },
  imbalanceNetting: true,
};
