import { kWToW } from '../assets/energy.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { checkNoHoles } from '../validation/checks.js';
import type { ImbalanceNettingMode, Scenario, ScenarioLink, ScenarioTransformer } from './scenario-types.js';

const FN = 'runSimulation';

/** A feeder-to-feeder link after validation: zone indexes and its energy per interval. */
export interface ResolvedLink {
  readonly from: string;
  readonly to: string;
  /** Indexes into the scenario's zones. */
  readonly fromIndex: number;
  readonly toIndex: number;
  /** The most energy per interval, Wh (exact). */
  readonly capacityWh: number;
}

/** A scenario's network limits in integers: Wh per interval, by zone index. */
export interface ResolvedNetwork {
  /** The links with a capacity, in the scenario's order. */
  readonly links: readonly ResolvedLink[];
  /** Per zone (scenario order): the transformer's import limit, Wh per interval; undefined: unlimited. */
  readonly importWh: readonly (number | undefined)[];
  /** Per zone: the transformer's export limit, Wh per interval; undefined: unlimited. */
  readonly exportWh: readonly (number | undefined)[];
}

/** An object field of the network, or INVALID_SCENARIO naming it. */
function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(ErrorCode.INVALID_SCENARIO, FN, `${field} must be an object; got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}

/** A list field of the network (undefined: empty), or INVALID_SCENARIO naming it. */
function list(value: unknown, field: string): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(ErrorCode.INVALID_SCENARIO, FN, `${field} must be a list; got ${describeValue(value)}`);
  // forEach skips holes: a missing link would silently leave its pair of feeders unlimited.
  checkNoHoles(value, FN, field, ErrorCode.INVALID_SCENARIO);
  return value;
}

const NETTING_MODES: readonly ImbalanceNettingMode[] = ['off', 'community', 'zone'];

/**
 * Validates `scenario.network` against the zones: every capacity a non-negative kW figure on the
 * W step whose energy over one interval is whole Wh (nothing is rounded), every feeder named one
 * of the zones, each link and transformer given once. Undefined when the scenario has none.
 * @throws WattError INVALID_SCENARIO naming the field.
 */
export function resolveNetwork(s: Scenario, zones: readonly string[], intervalMinutes: number): ResolvedNetwork | undefined {
  if (s.network === undefined) return undefined;
  const net = object(s.network, 'network') as NonNullable<Scenario['network']>;
  const zoneIndex = (value: unknown, field: string): number => {
    const i = typeof value === 'string' ? zones.indexOf(value) : -1;
    if (i < 0) fail(ErrorCode.INVALID_SCENARIO, FN, `${field}: ${describeValue(value)} is not one of the scenario's zones (${zones.join(', ')})`);
    return i;
  };
  const energy = (value: unknown, field: string): number => {
    const w = kWToW(value as string, FN, field);
    // W x minutes / 60 is the Wh of one interval: it must be whole, never rounded.
    if (!Number.isSafeInteger(w * intervalMinutes) || (w * intervalMinutes) % 60 !== 0) {
      fail(ErrorCode.INVALID_SCENARIO, FN, `${field}: ${String(value)} kW over a ${intervalMinutes}-minute interval is not a whole number of Wh`);
    }
    return (w * intervalMinutes) / 60;
  };
  const links: ResolvedLink[] = [];
  const seen = new Set<string>();
  const linkList = list(net.links, 'network.links');
  linkList.forEach((item, i) => {
    const field = `network.links[${i}]`;
    const l = object(item, field) as unknown as ScenarioLink;
    const fromIndex = zoneIndex(l.from, `${field}.from`);
    const toIndex = zoneIndex(l.to, `${field}.to`);
    if (fromIndex === toIndex) fail(ErrorCode.INVALID_SCENARIO, FN, `${field}: a link joins two different feeders; got '${l.from}' twice`);
    const key = `${l.from}>${l.to}`;
    if (seen.has(key)) fail(ErrorCode.INVALID_SCENARIO, FN, `${field}: the link from '${l.from}' to '${l.to}' is given twice`);
    seen.add(key);
    links.push(Object.freeze({ from: l.from, to: l.to, fromIndex, toIndex, capacityWh: energy(l.capacityKW, `${field}.capacityKW`) }));
  });
  const importWh = new Array<number | undefined>(zones.length).fill(undefined);
  const exportWh = new Array<number | undefined>(zones.length).fill(undefined);
  const done = new Set<number>();
  const transformers = list(net.transformers, 'network.transformers');
  transformers.forEach((item, i) => {
    const field = `network.transformers[${i}]`;
    const t = object(item, field) as unknown as ScenarioTransformer;
    const z = zoneIndex(t.zone, `${field}.zone`);
    if (done.has(z)) fail(ErrorCode.INVALID_SCENARIO, FN, `${field}: the transformer of '${t.zone}' is given twice`);
    done.add(z);
    if (t.importKW !== undefined) importWh[z] = energy(t.importKW, `${field}.importKW`);
    if (t.exportKW !== undefined) exportWh[z] = energy(t.exportKW, `${field}.exportKW`);
  });
  return Object.freeze({ links: Object.freeze(links), importWh: Object.freeze(importWh), exportWh: Object.freeze(exportWh) });
}

/**
 * Validates `scenario.imbalanceNetting`.
 * @throws WattError INVALID_SCENARIO for anything but 'off', 'community' or 'zone'.
 */
export function resolveNetting(value: unknown): ImbalanceNettingMode {
  if (value === undefined) return 'off';
  if (!NETTING_MODES.includes(value as ImbalanceNettingMode)) {
    fail(ErrorCode.INVALID_SCENARIO, FN, `imbalanceNetting must be one of ${NETTING_MODES.map((m) => `'${m}'`).join(', ')}; got ${describeValue(value)}`);
  }
  return value as ImbalanceNettingMode;
}
