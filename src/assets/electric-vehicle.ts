import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { divideSafe } from '../units/rounding.js';
import { checkArray, checkBoolean, checkObject } from '../validation/checks.js';
import { gridForRoom, newStorageStep, stepStoreInto, type StorageStep, type StorageStepScratch } from './battery.js';
import { energyLimitWh, fractionToPpm, kWhToWh, kWToW } from './energy.js';

/** One visit of an EV to its charger, in interval indices of the simulation. */
export interface EvSessionOptions {
  /** The first interval the EV is plugged in. */
  arrival: number;
  /** The interval at which it leaves (exclusive): it is plugged in during [arrival, departure). */
  departure: number;
  /** Energy in its battery on arrival, kWh. */
  arrivalKWh: DecimalInput;
  /** Energy it needs in its battery when it leaves, kWh (at most the battery's capacity). */
  departureKWh: DecimalInput;
}

/** An EV and its charger as a scenario describes them. */
export interface EvOptions {
  /** The EV battery's capacity, kWh. */
  batteryKWh: DecimalInput;
  /** The charger's power limit, kW. */
  chargerKW: DecimalInput;
  /** One-way charger efficiency in (0, 1] (default 0.92). */
  chargerEfficiency?: DecimalInput;
  /** Whether the EV may discharge to the grid while plugged in (default false). */
  vehicleToGrid?: boolean;
  /** The visits, in time order, not overlapping. */
  sessions: readonly EvSessionOptions[];
}

/** A validated EV session in integers. */
export interface EvSession {
  /** First plugged-in interval. */
  readonly arrival: number;
  /** Departure interval (exclusive). */
  readonly departure: number;
  /** Stored energy on arrival, Wh. */
  readonly arrivalWh: number;
  /** Stored energy needed at departure, Wh. */
  readonly departureWh: number;
}

/** A validated EV and charger in integers. */
export interface EvSpec {
  /** Always 'ev'. */
  readonly kind: 'ev';
  /** Battery capacity, Wh. */
  readonly capacityWh: number;
  /** Charger power limit, W (both directions). */
  readonly chargerW: number;
  /** One-way efficiency, ppm. */
  readonly efficiencyPpm: number;
  /** Whether discharging to the grid is allowed. */
  readonly vehicleToGrid: boolean;
  /** The sessions, in time order. */
  readonly sessions: readonly EvSession[];
}

/** The state of an EV charger between intervals. */
export interface EvState {
  /** Index into the spec's sessions of the current or next session. */
  readonly session: number;
  /** Stored energy of the EV that is plugged in (0 when none is). */
  readonly storedWh: number;
  /** Energy short of the need of every session that has ended so far, Wh. */
  readonly shortfallWh: number;
  /** Number of sessions that left short of their need. */
  readonly shortSessions: number;
}

/** The outcome of one interval of an EV charger. */
export interface EvStep extends StorageStep {
  /** The state after the interval. */
  readonly state: EvState;
  /** Whether an EV was plugged in during the interval. */
  readonly plugged: boolean;
  /** Energy the EV brought in on arrival this interval, Wh (it enters the stored energy). */
  readonly arrivedWh: number;
  /** Energy the EV took away on departure at the end of this interval, Wh. */
  readonly departedWh: number;
  /** The least grid-side charge this interval that still meets the departure need, Wh. */
  readonly mustChargeWh: number;
  /** The most grid-side energy it could take this interval, Wh. */
  readonly maxChargeWh: number;
  /** The most it could give to the grid this interval without missing its need, Wh. */
  readonly maxDischargeWh: number;
}

/**
 * Validates an EV, its charger and its sessions.
 * @throws WattError INVALID_SCENARIO naming the field (a departure before the arrival, sessions
 *   that overlap, a need beyond the capacity, ...).
 */
export function defineEv(options: EvOptions): EvSpec {
  const fn = 'defineEv';
  checkObject(options, fn, 'options');
  const capacityWh = kWhToWh(options.batteryKWh, fn, 'batteryKWh', true);
  const chargerW = kWToW(options.chargerKW, fn, 'chargerKW', true);
  const efficiencyPpm = fractionToPpm(options.chargerEfficiency ?? '0.92', fn, 'chargerEfficiency', 1);
  const vehicleToGrid = checkBoolean(options.vehicleToGrid, false, fn, 'vehicleToGrid');
  const raw = checkArray(options.sessions, fn, 'sessions');
  let previousDeparture = -Infinity;
  const sessions = raw.map((item, i): EvSession => {
    const s = checkObject(item, fn, `sessions[${i}]`) as unknown as EvSessionOptions;
    if (!Number.isSafeInteger(s.arrival) || !Number.isSafeInteger(s.departure) || s.arrival < 0) {
      fail(ErrorCode.INVALID_SCENARIO, fn, `sessions[${i}] arrival and departure must be interval indices`);
    }
    if (s.departure <= s.arrival) {
      fail(ErrorCode.INVALID_SCENARIO, fn, `sessions[${i}] departs (${s.departure}) before it arrives (${s.arrival})`);
    }
    if (s.arrival < previousDeparture) fail(ErrorCode.INVALID_SCENARIO, fn, `sessions[${i}] overlaps the session before it`);
    previousDeparture = s.departure;
    const arrivalWh = kWhToWh(s.arrivalKWh, fn, `sessions[${i}].arrivalKWh`);
    const departureWh = kWhToWh(s.departureKWh, fn, `sessions[${i}].departureKWh`);
    if (arrivalWh > capacityWh || departureWh > capacityWh) {
      fail(ErrorCode.INVALID_SCENARIO, fn, `sessions[${i}] holds more energy than the battery's capacity`);
    }
    return Object.freeze({ arrival: s.arrival, departure: s.departure, arrivalWh, departureWh });
  });
  return Object.freeze({ kind: 'ev' as const, capacityWh, chargerW, efficiencyPpm, vehicleToGrid, sessions: Object.freeze(sessions) });
}

/** The state before the first interval. */
export function initialEvState(): EvState {
  return { session: 0, storedWh: 0, shortfallWh: 0, shortSessions: 0 };
}

/**
 * One interval of an EV charger. The charger serves the request (positive: charge, negative:
 * discharge, only with vehicle-to-grid) within its power limit, but never lets the EV fall behind
 * what it needs at departure: it charges at least `mustChargeWh` (the energy that later intervals
 * at full power could no longer deliver) and discharges only what later intervals can make up.
 * When the EV leaves short of its need anyway (its need was out of reach), the shortfall is
 * reported in the state, never hidden.
 *
 * @param interval - the index of this interval (the same clock as the sessions').
 */
export function stepEv(spec: EvSpec, state: EvState, interval: number, requestWh: number, durationMs: number): EvStep {
  const o = stepEvInto(newEvStep(), spec, state, interval, requestWh, durationMs);
  return {
    storedWh: o.storedWh,
    gridWh: o.gridWh,
    lossesWh: o.lossesWh,
    limited: o.limited,
    state: { session: o.state.session, storedWh: o.state.storedWh, shortfallWh: o.state.shortfallWh, shortSessions: o.state.shortSessions },
    plugged: o.plugged,
    arrivedWh: o.arrivedWh,
    departedWh: o.departedWh,
    mustChargeWh: o.mustChargeWh,
    maxChargeWh: o.maxChargeWh,
    maxDischargeWh: o.maxDischargeWh,
  };
}

/** An {@link EvState} its owner overwrites (internal: the simulation's EV charger). */
export type EvStateScratch = { -readonly [K in keyof EvState]: EvState[K] };

/** An {@link EvStep} its owner overwrites, with its own state and storage step (internal). */
export type EvStepScratch = { -readonly [K in Exclude<keyof EvStep, 'state'>]: EvStep[K] } & { state: EvStateScratch; store: StorageStepScratch };

/** A zero {@link EvStepScratch}. */
export function newEvStep(): EvStepScratch {
  return {
    storedWh: 0,
    gridWh: 0,
    lossesWh: 0,
    limited: false,
    state: { session: 0, storedWh: 0, shortfallWh: 0, shortSessions: 0 },
    plugged: false,
    arrivedWh: 0,
    departedWh: 0,
    mustChargeWh: 0,
    maxChargeWh: 0,
    maxDischargeWh: 0,
    store: newStorageStep(),
  };
}

/**
 * {@link stepEv} written into `out` (which it returns; `out.state` is the state after the
 * interval) instead of new objects: the EV charger asset steps three times per interval, and
 * keeps one of these of its own. `state` is only read, and may be another scratch's state.
 */
export function stepEvInto(out: EvStepScratch, spec: EvSpec, state: EvState, interval: number, requestWh: number, durationMs: number): EvStepScratch {
  let { session: index, storedWh } = state;
  const shortfallWh = state.shortfallWh;
  const shortSessions = state.shortSessions;
  let arrivedWh = 0;
  let current = spec.sessions[index];
  while (current !== undefined && current.departure <= interval) current = spec.sessions[++index]; // sessions skipped entirely
  const next = out.state;
  if (current === undefined || current.arrival > interval) {
    next.session = index;
    next.storedWh = 0;
    next.shortfallWh = shortfallWh;
    next.shortSessions = shortSessions;
    out.storedWh = 0;
    out.gridWh = 0;
    out.lossesWh = 0;
    out.limited = false;
    out.plugged = false;
    out.arrivedWh = 0;
    out.departedWh = 0;
    out.mustChargeWh = 0;
    out.maxChargeWh = 0;
    out.maxDischargeWh = 0;
    return out;
  }
  if (current.arrival === interval) {
    storedWh = current.arrivalWh;
    arrivedWh = current.arrivalWh;
  }
  const limitWh = energyLimitWh(spec.chargerW, durationMs);
  const storedPerInterval = divideSafe(limitWh * spec.efficiencyPpm, 1_000_000, 'floor');
  const later = current.departure - interval - 1; // full intervals left after this one
  const needNow = Math.max(0, current.departureWh - storedWh - later * storedPerInterval);
  const mustChargeWh = Math.min(limitWh, divideSafe(needNow * 1_000_000, spec.efficiencyPpm, 'ceil'));
  // Stored energy this interval may give up while later intervals can still make up the need.
  const spare = spec.vehicleToGrid ? Math.max(0, storedWh + later * storedPerInterval - current.departureWh) : 0;
  const floorWh = Math.max(0, storedWh - Math.min(spare, storedWh));
  // Only a forced charge overrides the request; otherwise a discharge request stands.
  const request = mustChargeWh > 0 ? Math.max(requestWh, mustChargeWh) : requestWh;
  const step = stepStoreInto(out.store, storedWh, request, limitWh, limitWh, floorWh, spec.capacityWh, spec.efficiencyPpm, spec.efficiencyPpm);
  const maxDischargeWh = Math.min(limitWh, divideSafe((storedWh - floorWh) * spec.efficiencyPpm, 1_000_000, 'floor'));
  const maxChargeWh = Math.min(limitWh, gridForRoom(spec.capacityWh - storedWh, spec.efficiencyPpm));
  let departedWh = 0;
  if (current.departure === interval + 1) {
    departedWh = step.storedWh;
    const short = Math.max(0, current.departureWh - step.storedWh);
    next.session = index + 1;
    next.storedWh = 0;
    next.shortfallWh = shortfallWh + short;
    next.shortSessions = shortSessions + (short > 0 ? 1 : 0);
  } else {
    next.session = index;
    next.storedWh = step.storedWh;
    next.shortfallWh = shortfallWh;
    next.shortSessions = shortSessions;
  }
  out.storedWh = step.storedWh;
  out.gridWh = step.gridWh;
  out.lossesWh = step.lossesWh;
  out.limited = step.gridWh !== requestWh;
  out.plugged = true;
  out.arrivedWh = arrivedWh;
  out.departedWh = departedWh;
  out.mustChargeWh = mustChargeWh;
  out.maxChargeWh = maxChargeWh;
  out.maxDischargeWh = maxDischargeWh;
  return out;
}
