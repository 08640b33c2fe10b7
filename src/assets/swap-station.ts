import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { divideSafe } from '../units/rounding.js';
import { checkBoolean, checkInteger, checkObject } from '../validation/checks.js';
import { gridForRoom, type StorageStep } from './battery.js';
import { energyLimitWh, fractionToPpm, kWhToWh, kWToW } from './energy.js';

/** A battery swap station for electric motorbikes, as a scenario describes it. */
export interface SwapStationOptions {
  /** Packs the station holds (each in a charging slot). */
  packs: number;
  /** Capacity of one pack, kWh. */
  packKWh: DecimalInput;
  /** Charging (and discharging) power of one slot, kW. */
  slotKW: DecimalInput;
  /** The station's connection limit, kW, both directions. */
  stationKW: DecimalInput;
  /** State of charge from which a pack may be handed to a rider (default 0.9). */
  readySoc?: DecimalInput;
  /** Lowest state of charge a pack is discharged to (default 0.2). */
  minSoc?: DecimalInput;
  /** One-way conversion efficiency (default 0.93). */
  efficiency?: DecimalInput;
  /** Whether the station may discharge packs to the grid (default true: the pilot's station is two-way). */
  vehicleToGrid?: boolean;
  /** Ready packs kept out of discharging, for the next riders (default 2). */
  readyReserve?: number;
  /** State of charge of every pack at the start (default 0.9). */
  initialSoc?: DecimalInput;
}

/** A validated swap station in integers. */
export interface SwapStationSpec {
  /** Always 'swap-station'. */
  readonly kind: 'swap-station';
  /** Number of packs. */
  readonly packs: number;
  /** Capacity of a pack, Wh. */
  readonly packWh: number;
  /** Slot power, W. */
  readonly slotW: number;
  /** Station power limit, W. */
  readonly stationW: number;
  /** Stored energy from which a pack is ready, Wh. */
  readonly readyWh: number;
  /** Lowest stored energy for discharging, Wh. */
  readonly minWh: number;
  /** One-way efficiency, ppm. */
  readonly efficiencyPpm: number;
  /** Whether discharging to the grid is allowed. */
  readonly vehicleToGrid: boolean;
  /** Ready packs never discharged. */
  readonly readyReserve: number;
  /** Stored energy of each pack at the start, Wh. */
  readonly initialWh: number;
}

/** The state of a swap station between intervals. */
export interface SwapStationState {
  /** Stored energy of each pack, Wh. */
  readonly packsWh: readonly number[];
  /** Swaps served so far. */
  readonly swaps: number;
  /** Riders turned away so far because no pack was ready. */
  readonly missedSwaps: number;
}

/** The outcome of one interval of a swap station. */
export interface SwapStationStep extends StorageStep {
  /** The state after the interval. */
  readonly state: SwapStationState;
  /** Swaps served this interval. */
  readonly swaps: number;
  /** Riders turned away this interval. */
  readonly missedSwaps: number;
  /** Energy riders took away in full packs minus what they brought back in empty ones, Wh. */
  readonly swappedOutWh: number;
  /** The most grid-side energy the station could take this interval, Wh. */
  readonly maxChargeWh: number;
  /** The most grid-side energy it could give this interval, Wh. */
  readonly maxDischargeWh: number;
}

/**
 * Validates a swap station.
 * @throws WattError INVALID_SCENARIO naming the field.
 */
export function defineSwapStation(options: SwapStationOptions): SwapStationSpec {
  const fn = 'defineSwapStation';
  checkObject(options, fn, 'options');
  const packs = checkInteger(options.packs, 0, 1, 10_000, fn, 'packs', ErrorCode.INVALID_SCENARIO);
  const packWh = kWhToWh(options.packKWh, fn, 'packKWh', true);
  const slotW = kWToW(options.slotKW, fn, 'slotKW', true);
  const stationW = kWToW(options.stationKW, fn, 'stationKW', true);
  const readyPpm = fractionToPpm(options.readySoc ?? '0.9', fn, 'readySoc');
  const minPpm = fractionToPpm(options.minSoc ?? '0.2', fn, 'minSoc');
  const initialPpm = fractionToPpm(options.initialSoc ?? '0.9', fn, 'initialSoc');
  if (minPpm > readyPpm) fail(ErrorCode.INVALID_SCENARIO, fn, 'minSoc must not exceed readySoc');
  const efficiencyPpm = fractionToPpm(options.efficiency ?? '0.93', fn, 'efficiency', 1);
  const vehicleToGrid = checkBoolean(options.vehicleToGrid, true, fn, 'vehicleToGrid');
  const readyReserve = checkInteger(options.readyReserve, 2, 0, packs, fn, 'readyReserve', ErrorCode.INVALID_SCENARIO);
  const of = (ppm: number, mode: 'floor' | 'ceil'): number => divideSafe(packWh * ppm, 1_000_000, mode);
  return Object.freeze({
    kind: 'swap-station' as const,
    packs,
    packWh,
    slotW,
    stationW,
    readyWh: of(readyPpm, 'ceil'),
    minWh: of(minPpm, 'ceil'),
    efficiencyPpm,
    vehicleToGrid,
    readyReserve,
    initialWh: of(initialPpm, 'floor'),
  });
}

/** The state before the first interval: every pack at the initial state of charge. */
export function initialSwapStationState(spec: SwapStationSpec): SwapStationState {
  return { packsWh: Array.from({ length: spec.packs }, () => spec.initialWh), swaps: 0, missedSwaps: 0 };
}

/**
 * One interval of a swap station. First the riders of this interval swap, in order: each takes
 * the fullest pack if it is ready and leaves its own (`returnedWh`) in the slot; a rider finding
 * no ready pack is turned away and counted. Then the station charges (requestWh > 0) its fullest
 * packs that are not full first, so packs become ready soonest, or discharges (requestWh < 0, with
 * vehicle-to-grid) its fullest packs first, keeping `readyReserve` ready packs at ready or above.
 * Pure: returns the new state.
 *
 * @param returnedWh - for each rider arriving this interval, the energy left in the pack they bring.
 * @throws WattError INVALID_ARGUMENT when a returned pack holds more than a pack's capacity.
 */
export function stepSwapStation(
  spec: SwapStationSpec,
  state: SwapStationState,
  returnedWh: readonly number[],
  requestWh: number,
  durationMs: number,
): SwapStationStep {
  for (const wh of returnedWh) {
    if (!Number.isSafeInteger(wh) || wh < 0 || wh > spec.packWh) {
      fail(ErrorCode.INVALID_ARGUMENT, 'stepSwapStation', `a returned pack must hold 0 to ${spec.packWh} Wh; got ${String(wh)}`);
    }
  }
  const packs = state.packsWh.slice();
  let swaps = 0;
  let missed = 0;
  let swappedOutWh = 0;
  for (const wh of returnedWh) {
    const i = fullest(packs);
    const best = packs[i] as number;
    if (best >= spec.readyWh) {
      swappedOutWh += best - wh;
      packs[i] = wh;
      swaps++;
    } else {
      missed++;
    }
  }
  const slotWh = energyLimitWh(spec.slotW, durationMs);
  const stationWh = energyLimitWh(spec.stationW, durationMs);
  const afterSwaps = packs.slice();
  const maxChargeWh = charge(spec, afterSwaps.slice(), Number.MAX_SAFE_INTEGER, slotWh, stationWh).grid;
  const maxDischargeWh = spec.vehicleToGrid ? discharge(spec, afterSwaps.slice(), Number.MAX_SAFE_INTEGER, slotWh, stationWh).grid : 0;
  let gridWh = 0;
  let lossesWh = 0;
  if (requestWh > 0) {
    const r = charge(spec, packs, requestWh, slotWh, stationWh);
    gridWh = r.grid;
    lossesWh = r.losses;
  } else if (requestWh < 0 && spec.vehicleToGrid) {
    const r = discharge(spec, packs, -requestWh, slotWh, stationWh);
    gridWh = r.grid === 0 ? 0 : -r.grid;
    lossesWh = r.losses;
  }
  let storedWh = 0;
  for (const wh of packs) storedWh += wh;
  return {
    storedWh,
    gridWh,
    lossesWh,
    limited: gridWh !== requestWh,
    state: { packsWh: packs, swaps: state.swaps + swaps, missedSwaps: state.missedSwaps + missed },
    swaps,
    missedSwaps: missed,
    swappedOutWh,
    maxChargeWh,
    maxDischargeWh,
  };
}

/** Index of the fullest pack; the lowest index on ties, so the choice is deterministic. */
function fullest(packs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < packs.length; i++) if ((packs[i] as number) > (packs[best] as number)) best = i;
  return best;
}

/** Pack indices by stored energy, fullest first, ties by index. */
function byFullness(packs: readonly number[]): number[] {
  return packs.map((_, i) => i).sort((a, b) => (packs[b] as number) - (packs[a] as number) || a - b);
}

function charge(spec: SwapStationSpec, packs: number[], requestWh: number, slotWh: number, stationWh: number): { grid: number; losses: number } {
  let left = Math.min(requestWh, stationWh);
  let grid = 0;
  let losses = 0;
  for (const i of byFullness(packs)) {
    if (left === 0) break;
    const wh = packs[i] as number;
    const byRoom = gridForRoom(spec.packWh - wh, spec.efficiencyPpm);
    const g = Math.min(left, slotWh, byRoom);
    const stored = divideSafe(g * spec.efficiencyPpm, 1_000_000, 'floor');
    packs[i] = wh + stored;
    grid += g;
    losses += g - stored;
    left -= g;
  }
  return { grid, losses };
}

function discharge(spec: SwapStationSpec, packs: number[], requestWh: number, slotWh: number, stationWh: number): { grid: number; losses: number } {
  let left = Math.min(requestWh, stationWh);
  let grid = 0;
  let losses = 0;
  let reserved = 0;
  for (const i of byFullness(packs)) {
    if (left === 0) break;
    const wh = packs[i] as number;
    let floorWh = spec.minWh;
    if (wh >= spec.readyWh && reserved < spec.readyReserve) {
      reserved++;
      floorWh = spec.readyWh;
    }
    const available = Math.max(0, wh - floorWh);
    const out = Math.min(left, slotWh, divideSafe(available * spec.efficiencyPpm, 1_000_000, 'floor'));
    if (out === 0) continue;
    const drawn = divideSafe(out * 1_000_000, spec.efficiencyPpm, 'ceil');
    packs[i] = wh - drawn;
    grid += out;
    losses += drawn - out;
    left -= out;
  }
  return { grid, losses };
}
