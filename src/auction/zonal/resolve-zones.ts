import { ErrorCode } from '../../errors/error-codes.js';
import { describeValue } from '../../errors/describe-value.js';
import { fail, WattError } from '../../errors/watt-error.js';
import type { Step } from '../../units/step.js';
import { toSteps, valueSpec } from '../../units/to-steps.js';
import { resolveCapacity } from './resolve-capacity.js';

/** The zones option after validation: sorted names and the fee matrix in ticks. */
export interface ResolvedZones {
  /** Zone names in code-unit order; a zone's index is its position here. */
  readonly names: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** `fees[askZone * names.length + bidZone]`, ticks per kWh. */
  readonly fees: Float64Array;
  /** The fee when every pair has the same one. */
  readonly constantFee: number | undefined;
  /** Index of the default zone, or -1. */
  readonly defaultZone: number;
  /**
   * `capacity[askZone * names.length + bidZone]` in lots, `Infinity` for an unlimited link;
   * undefined when no link has a capacity.
   */
  readonly capacity: Float64Array | undefined;
  /** The first link with a capacity (`'from.to'`), for messages; `''` without capacities. */
  readonly firstCapacityLink: string;
}

/** The most zones an auction may have: keeps every path sum of the zone graph a safe integer. */
export const MAX_ZONES = 256;
/** The largest fee in ticks (2^40): with prices of at most 2^50 ticks, path sums stay safe. */
export const MAX_FEE_TICKS = 2 ** 40;

const FEE = valueSpec('clearAuction', 'fee', ErrorCode.INVALID_FEE, 'non-negative', 'tick');

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates `options.zones`: fees on the price tick, capacities on the quantity step. */
export function resolveZones(value: unknown, tick: Step, step: Step, fn: string): ResolvedZones | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return fail(ErrorCode.INVALID_OPTION, fn, `zones must be an object; got ${describeValue(value)}`);
  for (const key of Object.keys(value)) {
    if (key !== 'fees' && key !== 'defaultZone' && key !== 'capacity') fail(ErrorCode.INVALID_OPTION, fn, `unknown zones option '${key}' (known: fees, defaultZone, capacity)`);
  }
  const fees = value['fees'];
  if (!isRecord(fees)) return fail(ErrorCode.INVALID_OPTION, fn, `zones.fees must be an object of objects; got ${describeValue(fees)}`);
  const names = Object.keys(fees).sort(byCodeUnits);
  if (names.length === 0) fail(ErrorCode.INVALID_OPTION, fn, 'zones.fees must name at least one zone');
  if (names.length > MAX_ZONES) fail(ErrorCode.CAPACITY_EXCEEDED, fn, `zones.fees names ${names.length} zones; at most ${MAX_ZONES} are supported`);
  if (names.includes('')) fail(ErrorCode.INVALID_OPTION, fn, 'zones.fees: a zone name must be a non-empty string');
  const index = new Map<string, number>();
  names.forEach((name, i) => index.set(name, i));
  const z = names.length;
  const matrix = new Float64Array(z * z);
  for (let from = 0; from < z; from++) {
    const fromName = names[from] as string;
    const row = fees[fromName];
    if (!isRecord(row)) fail(ErrorCode.INVALID_OPTION, fn, `zones.fees.${fromName} must be an object; got ${describeValue(row)}`);
    for (const key of Object.keys(row)) {
      if (!index.has(key)) fail(ErrorCode.UNKNOWN_ZONE, fn, `zones.fees.${fromName} names zone '${key}', which has no row in zones.fees`);
    }
    for (let to = 0; to < z; to++) {
      const toName = names[to] as string;
      const raw = row[toName];
      if (raw === undefined) fail(ErrorCode.INVALID_OPTION, fn, `zones.fees.${fromName} gives no fee to zone '${toName}' (the fee matrix must be complete)`);
      let ticks: number;
      try {
        ticks = toSteps(raw, tick, FEE);
      } catch (e) {
        throw e instanceof WattError ? new WattError(e.code, e.message.replace(`${fn}: `, `${fn}: zones.fees.${fromName}.${toName}: `), e.reason) : e;
      }
      if (ticks > MAX_FEE_TICKS) fail(ErrorCode.INVALID_FEE, fn, `zones.fees.${fromName}.${toName}: fee ${describeValue(raw)} is too large (at most 2^40 ticks)`, 'TOO_LARGE');
      matrix[from * z + to] = ticks;
    }
  }
  let constantFee: number | undefined = matrix[0];
  for (let i = 1; i < matrix.length; i++) if (matrix[i] !== constantFee) constantFee = undefined;
  const dz = value['defaultZone'];
  let defaultZone = -1;
  if (dz !== undefined) {
    if (typeof dz !== 'string') return fail(ErrorCode.INVALID_OPTION, fn, `zones.defaultZone must be a zone name; got ${describeValue(dz)}`);
    const i = index.get(dz);
    if (i === undefined) return fail(ErrorCode.UNKNOWN_ZONE, fn, `zones.defaultZone '${dz}' is not a zone of zones.fees`);
    defaultZone = i;
  }
  const capacity = resolveCapacity(value['capacity'], index, step, fn);
  return { names, index, fees: matrix, constantFee, defaultZone, capacity: capacity?.lots, firstCapacityLink: capacity?.firstLink ?? '' };
}
