import type { DecimalInput } from '../units/decimal-input.js';
import { checkObject } from '../validation/checks.js';
import { energyLimitWh, kWToW } from './energy.js';

/** A participant's connection to the grid as a scenario describes it. */
export interface GridConnectionOptions {
  /** The most power it may draw, kW. */
  importKW: DecimalInput;
  /** The most power it may feed in, kW. */
  exportKW: DecimalInput;
}

/** A validated grid connection in integers. */
export interface GridConnectionSpec {
  /** Always 'grid-connection'. */
  readonly kind: 'grid-connection';
  /** Import limit, W. */
  readonly importW: number;
  /** Export limit, W. */
  readonly exportW: number;
}

/** The net flow of one interval after the connection's limits. */
export interface GridFlow {
  /** Net energy at the meter: positive imported, negative exported, Wh. */
  readonly netWh: number;
  /** Export that the limit refused (generation curtailed), Wh. */
  readonly curtailedWh: number;
  /** Import that the limit refused (demand not served), Wh. */
  readonly unservedWh: number;
}

/**
 * Validates a grid connection.
 * @throws WattError INVALID_SCENARIO naming the field.
 */
export function defineGridConnection(options: GridConnectionOptions): GridConnectionSpec {
  const fn = 'defineGridConnection';
  checkObject(options, fn, 'options');
  return Object.freeze({
    kind: 'grid-connection' as const,
    importW: kWToW(options.importKW, fn, 'importKW'),
    exportW: kWToW(options.exportKW, fn, 'exportKW'),
  });
}

/**
 * Applies the connection's limits to a wanted net flow (positive import, negative export): export
 * beyond the limit is curtailed, import beyond it is not served. Both are reported, never hidden.
 */
export function limitGridFlow(spec: GridConnectionSpec, wantedNetWh: number, durationMs: number): GridFlow {
  const importLimit = energyLimitWh(spec.importW, durationMs);
  const exportLimit = energyLimitWh(spec.exportW, durationMs);
  if (wantedNetWh > importLimit) return { netWh: importLimit, curtailedWh: 0, unservedWh: wantedNetWh - importLimit };
  if (-wantedNetWh > exportLimit) return { netWh: -exportLimit, curtailedWh: -wantedNetWh - exportLimit, unservedWh: 0 };
  return { netWh: wantedNetWh, curtailedWh: 0, unservedWh: 0 };
}
