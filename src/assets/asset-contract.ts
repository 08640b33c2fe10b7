import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Asset, AssetFlow, AssetType, StorageView } from './asset.js';

const FN = 'runSimulation';
const NAME = /^[A-Za-z][\w-]{0,63}$/;

/**
 * Checks an asset type before a run uses it: names, flags and functions.
 * @throws WattError INVALID_ARGUMENT naming the plug-in and what is wrong.
 */
export function checkAssetType(type: unknown, fn: string): AssetType {
  const t = type as Partial<AssetType> | null;
  if (typeof t !== 'object' || t === null) return fail(ErrorCode.INVALID_ARGUMENT, fn, `an asset type must be an object; got ${describeValue(type)}`);
  const kind = typeof t.kind === 'string' && NAME.test(t.kind) ? t.kind : fail(ErrorCode.INVALID_ARGUMENT, fn, `an asset type's kind must be a name; got ${describeValue(t.kind)}`);
  const bad = (what: string): never => fail(ErrorCode.INVALID_ARGUMENT, fn, `asset type '${kind}': ${what}`);
  if (typeof t.field !== 'string' || !NAME.test(t.field)) bad(`field must be a name; got ${describeValue(t.field)}`);
  if (typeof t.controllable !== 'boolean') bad('controllable must be a boolean');
  if (t.baseline !== 'self-consume' && t.baseline !== 'charge-now') bad("baseline must be 'self-consume' or 'charge-now'");
  if (typeof t.define !== 'function' || typeof t.create !== 'function') bad('define and create must be functions');
  if (t.defaultAgent !== undefined && typeof t.defaultAgent !== 'string') bad('defaultAgent must be a string');
  for (const m of (t.metrics ?? []) as readonly { name: unknown; unit: unknown }[]) {
    if (typeof m.name !== 'string' || !NAME.test(m.name) || (m.unit !== 'Wh' && m.unit !== 'count')) bad("metrics must have a name and a unit 'Wh' or 'count'");
  }
  return t as AssetType;
}

/** Throws the plug-in's contract error: the run stops rather than record impossible energy. */
function broke(kind: string, participant: string, what: string, value: unknown): never {
  return fail(ErrorCode.ASSET_FAILED, FN, `asset '${kind}' of '${participant}' broke its contract: ${what} ${describeValue(value)}`);
}

/**
 * Checks one step's flow: whole Wh (safe integers, so NaN and fractions fail), generation,
 * consumption and losses not negative, and energy conserved.
 * @throws WattError ASSET_FAILED naming the asset type and the participant.
 */
export function checkAssetFlow(f: AssetFlow, kind: string, participant: string): void {
  const { netWh, generationWh, consumptionWh, storageDeltaWh, lossesWh } = f;
  if (!Number.isSafeInteger(netWh)) broke(kind, participant, 'netWh is not whole Wh:', netWh);
  if (!Number.isSafeInteger(generationWh) || generationWh < 0) broke(kind, participant, 'generationWh is not whole non-negative Wh:', generationWh);
  if (!Number.isSafeInteger(consumptionWh) || consumptionWh < 0) broke(kind, participant, 'consumptionWh is not whole non-negative Wh:', consumptionWh);
  if (!Number.isSafeInteger(storageDeltaWh)) broke(kind, participant, 'storageDeltaWh is not whole Wh:', storageDeltaWh);
  if (!Number.isSafeInteger(lossesWh) || lossesWh < 0) broke(kind, participant, 'lossesWh is not whole non-negative Wh:', lossesWh);
  if (netWh !== consumptionWh - generationWh + storageDeltaWh + lossesWh) {
    broke(kind, participant, 'energy is not conserved (netWh must equal consumption - generation + storage delta + losses); netWh', netWh);
  }
}

/**
 * Checks a view an agent will read: whole non-negative Wh and a round trip within [0, 1].
 * @throws WattError ASSET_FAILED naming the asset type and the participant.
 */
export function checkAssetView(v: StorageView, kind: string, participant: string): void {
  if (!wh(v.storedWh)) broke(kind, participant, 'view.storedWh is not whole non-negative Wh:', v.storedWh);
  if (!wh(v.maxChargeWh)) broke(kind, participant, 'view.maxChargeWh is not whole non-negative Wh:', v.maxChargeWh);
  if (!wh(v.maxDischargeWh)) broke(kind, participant, 'view.maxDischargeWh is not whole non-negative Wh:', v.maxDischargeWh);
  if (!wh(v.mustChargeWh)) broke(kind, participant, 'view.mustChargeWh is not whole non-negative Wh:', v.mustChargeWh);
  if (!Number.isSafeInteger(v.roundTripPpm) || v.roundTripPpm < 0 || v.roundTripPpm > 1_000_000) broke(kind, participant, 'view.roundTripPpm is not a whole ppm in [0, 1e6]:', v.roundTripPpm);
}

/** Whether `x` is whole non-negative Wh (a function of the module, not a closure made per view checked). */
function wh(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/**
 * Checks a forecast or own energy: whole Wh.
 * @throws WattError ASSET_FAILED naming the asset type and the participant.
 */
export function checkAssetWh(value: number, kind: string, participant: string, what: string): void {
  if (!Number.isSafeInteger(value)) broke(kind, participant, `${what} is not whole Wh:`, value);
}

/**
 * Checks a state of charge: a number in [0, 1].
 * @throws WattError ASSET_FAILED naming the asset type and the participant.
 */
export function checkStateOfCharge(value: number, kind: string, participant: string): void {
  // typeof first: a comparison would convert null, a boolean, text or an object (user code) to a number.
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) broke(kind, participant, 'stateOfCharge is not within [0, 1]:', value);
}

/**
 * Checks what an asset type's `create` returned: an object with the Asset's functions.
 * @throws WattError ASSET_FAILED naming the asset type and the participant.
 */
export function checkAssetInstance(asset: unknown, type: AssetType, participant: string): Asset {
  const kind = type.kind;
  const a = asset as Partial<Record<keyof Asset, unknown>> | null;
  if (typeof a !== 'object' || a === null) return broke(kind, participant, 'create() must return an Asset; got', asset);
  const needed: (keyof Asset)[] = ['prepare', 'forecastWh', 'ownWh', 'view', 'step'];
  // What the type declares it reports, its instances must be able to answer.
  if (type.chartsStateOfCharge === true) needed.push('stateOfCharge');
  if ((type.metrics ?? []).length > 0) needed.push('metric');
  for (const name of needed) {
    if (typeof a[name] !== 'function') broke(kind, participant, `create() returned an Asset without ${name}();`, a[name]);
  }
  return asset as Asset;
}
