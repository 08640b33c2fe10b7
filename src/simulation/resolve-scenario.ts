import type { AssetType } from '../assets/asset.js';
import { BUILT_IN_ASSETS } from '../assets/asset-registry.js';
import type { CloudClimate } from '../assets/cloud-model.js';
import { defineGridConnection, type GridConnectionSpec } from '../assets/grid-connection.js';
import type { BiddingStrategy } from '../agents/bidding-strategy.js';
import { resolveStrategy } from '../agents/strategy-registry.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { MS_PER_DAY, utcMidnight } from '../time/calendar.js';
import { createStep, type Step } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkArray, checkId, checkNoHoles, checkObject } from '../validation/checks.js';
import type { ImbalanceNettingMode, Scenario, ScenarioParticipant } from './scenario-types.js';
import { resolveClimate } from './resolve-climate.js';
import { resolveNetting, resolveNetwork, type ResolvedNetwork } from './resolve-network.js';
import { checkBand, resolvePrice, type ResolvedPrice } from './tariff-series.js';

/** One asset of a participant after validation: its type (the plug-in) and the spec it defined. */
export interface ResolvedAsset {
  readonly type: AssetType;
  readonly spec: unknown;
}

/** A participant after validation: asset specs in integers and its strategy. */
export interface ResolvedParticipant {
  readonly id: string;
  readonly type: string;
  readonly zone: string;
  /** Its assets, in the order of the registry (built-ins first). */
  readonly assets: readonly ResolvedAsset[];
  /** The one controllable asset (storage, flexible demand), if any. */
  readonly controllable: ResolvedAsset | undefined;
  readonly connection: GridConnectionSpec | undefined;
  readonly strategy: BiddingStrategy;
}

/** A scenario after validation, with every default filled in. */
export interface ResolvedScenario {
  readonly scenario: Scenario;
  readonly startMs: number;
  readonly intervalMs: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly utcOffsetMinutes: number;
  readonly climate: CloudClimate;
  readonly currency: { readonly code: string; readonly step: Step };
  readonly priceTick: Step;
  /** The flat retail price in ticks; with a price series, its highest price. */
  readonly retailTicks: number;
  /** The flat feed-in price in ticks; with a price series, its lowest price. */
  readonly feedInTicks: number;
  /** The retail price, flat or per interval. */
  readonly retail: ResolvedPrice;
  /** The feed-in price, flat or per interval. */
  readonly feedIn: ResolvedPrice;
  readonly localFeeTicks: number;
  /** Undefined when zones do not trade with each other (each zone is its own market). */
  readonly crossZoneFeeTicks: number | undefined;
  readonly zones: readonly string[];
  readonly participants: readonly ResolvedParticipant[];
  /** Link capacities and transformer limits, undefined when the scenario has none. */
  readonly network?: ResolvedNetwork | undefined;
  /** Imbalance netting at settlement ('off' by default). */
  readonly netting?: ImbalanceNettingMode | undefined;
}

const FN = 'runSimulation';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Validates a scenario completely before a simulation starts: location, dates, tariff, every
 * participant's assets (through the asset models' own checks) and agent, the climate, and that
 * every list (participants, zones) has no holes. `startDate` is read as written for every year
 * 0 to 9999; a missing `description` is read as `''`.
 * @throws WattError INVALID_SCENARIO (with the participant and field named), UNKNOWN_AGENT, and
 *   the value codes of the figures.
 */
export function resolveScenario(
  input: Scenario,
  strategies: Readonly<Record<string, BiddingStrategy>> = {},
  assetTypes: readonly AssetType[] = BUILT_IN_ASSETS,
): ResolvedScenario {
  const s = checkObject(input, FN, 'scenario') as unknown as Scenario;
  const name = checkId(s.name, FN, 'scenario.name', ErrorCode.INVALID_SCENARIO);
  // Optional (a scenario file may leave it out: read as ''), but text when given: the result and
  // its report carry it.
  const description: unknown = (s as { readonly description?: unknown }).description ?? '';
  if (typeof description !== 'string') fail(ErrorCode.INVALID_SCENARIO, FN, `description must be a string; got ${describeValue(description)}`);
  const loc = checkObject(s.location, FN, 'scenario.location') as unknown as Scenario['location'];
  const latitude = finite(loc.latitude, -90, 90, 'location.latitude');
  const longitude = finite(loc.longitude, -180, 180, 'location.longitude');
  const utcOffsetMinutes = finite(loc.utcOffsetMinutes, -720, 840, 'location.utcOffsetMinutes');
  if (!Number.isInteger(utcOffsetMinutes)) fail(ErrorCode.INVALID_SCENARIO, FN, 'location.utcOffsetMinutes must be whole minutes');
  const date = typeof s.startDate === 'string' ? ISO_DATE.exec(s.startDate) : null;
  if (date === null) fail(ErrorCode.INVALID_SCENARIO, FN, `startDate must be 'YYYY-MM-DD'; got ${describeValue(s.startDate)}`);
  const [, y, m, d] = date.map(Number) as [number, number, number, number];
  const startMs = utcMidnight(y, m - 1, d) - utcOffsetMinutes * 60_000;
  const local = new Date(startMs + utcOffsetMinutes * 60_000);
  if (!Number.isSafeInteger(startMs) || local.getUTCDate() !== d || local.getUTCMonth() !== m - 1) {
    fail(ErrorCode.INVALID_SCENARIO, FN, `startDate ${s.startDate} is not a calendar date`);
  }
  const intervalMinutes = s.intervalMinutes ?? 15;
  if (!Number.isInteger(intervalMinutes) || intervalMinutes <= 0 || MS_PER_DAY % (intervalMinutes * 60_000) !== 0) {
    fail(ErrorCode.INVALID_SCENARIO, FN, `intervalMinutes must divide a day; got ${describeValue(intervalMinutes)}`);
  }
  const cur = checkObject(s.currency, FN, 'scenario.currency') as unknown as Scenario['currency'];
  const currency = { code: checkId(cur.code, FN, 'currency.code', ErrorCode.INVALID_SCENARIO), step: createStep(cur.step, FN, 'currency.step') };
  const priceTick = createStep(s.priceTick ?? '1', FN, 'priceTick');
  const t = checkObject(s.tariff, FN, 'scenario.tariff') as unknown as Scenario['tariff'];
  const price = (value: unknown, field: string, sign: 'any' | 'non-negative'): number =>
    toSteps(value, priceTick, valueSpec(FN, `tariff.${field}`, ErrorCode.INVALID_SCENARIO, sign, 'price tick'));
  const retail = resolvePrice(t.retailPrice, priceTick, FN, 'tariff.retailPrice', 'max');
  const feedIn = resolvePrice(t.feedInPrice, priceTick, FN, 'tariff.feedInPrice', 'min');
  checkBand(retail, feedIn, FN);
  const retailTicks = retail.ticks;
  const feedInTicks = feedIn.ticks;
  const localFeeTicks = t.localFeePerKWh === undefined ? 0 : price(t.localFeePerKWh, 'localFeePerKWh', 'non-negative');
  const crossZoneFeeTicks = t.crossZoneFeePerKWh === undefined ? undefined : price(t.crossZoneFeePerKWh, 'crossZoneFeePerKWh', 'non-negative');
  const zones = s.zones === undefined ? ['main'] : denseList(s.zones, 'zones').map((z, i) => checkId(z, FN, `zones[${i}]`, ErrorCode.INVALID_SCENARIO));
  if (zones.length === 0 || new Set(zones).size !== zones.length) fail(ErrorCode.INVALID_SCENARIO, FN, 'zones must be a non-empty list of distinct names');
  const network = resolveNetwork(s, zones, intervalMinutes);
  const netting = resolveNetting(s.imbalanceNetting);
  const list = denseList(s.participants, 'participants');
  if (list.length === 0) fail(ErrorCode.INVALID_SCENARIO, FN, 'a scenario needs participants');
  const climate = resolveClimate(s.climate, FN);
  const seen = new Set<string>();
  const participants = list.map((item, i) => {
    const p = checkObject(item, FN, `participants[${i}]`) as unknown as ScenarioParticipant;
    const id = checkId(p.id, FN, `participants[${i}].id`, ErrorCode.INVALID_SCENARIO);
    if (seen.has(id)) fail(ErrorCode.INVALID_SCENARIO, FN, `participant '${id}' appears twice`);
    seen.add(id);
    return within(id, () => resolveParticipant(p, id, zones, strategies, assetTypes));
  });
  return Object.freeze({
    scenario: { ...s, name, description },
    startMs,
    intervalMs: intervalMinutes * 60_000,
    latitude,
    longitude,
    utcOffsetMinutes,
    climate,
    currency,
    priceTick,
    retailTicks,
    feedInTicks,
    retail,
    feedIn,
    localFeeTicks,
    crossZoneFeeTicks,
    zones,
    participants,
    ...(network === undefined ? {} : { network }),
    ...(netting === 'off' ? {} : { netting }),
  });
}

function resolveParticipant(
  p: ScenarioParticipant,
  id: string,
  zones: readonly string[],
  strategies: Readonly<Record<string, BiddingStrategy>>,
  assetTypes: readonly AssetType[],
): ResolvedParticipant {
  const zone: unknown = p.zone ?? zones[0];
  if (typeof zone !== 'string' || !zones.includes(zone)) fail(ErrorCode.INVALID_SCENARIO, FN, `zone ${describeValue(zone)} is not one of the scenario's zones`);
  const type = checkId(p.type, FN, 'type', ErrorCode.INVALID_SCENARIO);
  // Each registered type reads its own field: the scenario knows no asset by name.
  const fields = p as unknown as Readonly<Record<string, unknown>>;
  const assets: ResolvedAsset[] = [];
  for (const t of assetTypes) {
    const options = Object.hasOwn(fields, t.field) ? fields[t.field] : undefined;
    if (options !== undefined) assets.push(Object.freeze({ type: t, spec: define(t, options) }));
  }
  const controllables = assets.filter((a) => a.type.controllable);
  if (controllables.length > 1) {
    fail(ErrorCode.INVALID_SCENARIO, FN, `a participant has at most one controllable asset (storage or flexible demand); got ${controllables.map((a) => a.type.kind).join(', ')}`);
  }
  if (assets.length === 0) fail(ErrorCode.INVALID_SCENARIO, FN, 'a participant needs at least one asset');
  const connection = p.connection === undefined ? undefined : defineGridConnection(p.connection);
  const controllable = controllables[0];
  const kind = p.agent ?? controllable?.type.defaultAgent ?? 'truthful';
  // Only a name is looked up among `strategies`: anything else would be turned into a property
  // key first, and an array nested thousands deep overflows the stack doing so.
  const strategy = typeof kind === 'string' && Object.hasOwn(strategies, kind) ? (strategies[kind] as BiddingStrategy) : resolveStrategy(kind, FN);
  return Object.freeze({ id, type, zone, assets: Object.freeze(assets), controllable, connection, strategy });
}

/** A type's define; a plug-in's own error (not a WattError) becomes one naming the plug-in. */
function define(t: AssetType, options: unknown): unknown {
  try {
    return t.define(options);
  } catch (e) {
    if (e instanceof WattError) throw e;
    return fail(ErrorCode.INVALID_SCENARIO, FN, `asset '${t.kind}' (field '${t.field}') refused its options: ${e instanceof Error ? e.message : describeValue(e)}`);
  }
}

/** An array without holes (`map` skips them: a missing entry would pass unchecked). */
function denseList(value: unknown, field: string): readonly unknown[] {
  const list = checkArray(value, FN, `scenario.${field}`);
  checkNoHoles(list, FN, field, ErrorCode.INVALID_SCENARIO);
  return list;
}

function finite(value: unknown, min: number, max: number, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  return fail(ErrorCode.INVALID_SCENARIO, FN, `${field} must be a number from ${min} to ${max}; got ${describeValue(value)}`);
}

/** Runs `f`, naming the participant in the message of any WattError it throws. */
function within<T>(id: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WattError) throw new WattError(e.code, `${FN}: participant '${id}': ${e.message.replace(/^[\w.]+: /, '')}`, e.reason);
    throw e;
  }
}
