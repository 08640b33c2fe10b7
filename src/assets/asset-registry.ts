import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { AssetType } from './asset.js';
import { checkAssetType } from './asset-contract.js';
import { batteryAsset } from './battery-asset.js';
import { evChargerAsset } from './ev-charger-asset.js';
import { heatStoreAsset } from './heat-store.js';
import { loadAsset } from './load-asset.js';
import { solarPvAsset } from './solar-pv-asset.js';
import { swapStationAsset } from './swap-station-asset.js';

/**
 * The built-in asset types, in the order a participant's assets are defined and stepped. Adding
 * a built-in type is its file plus one line here.
 */
export const BUILT_IN_ASSETS: readonly AssetType[] = Object.freeze([solarPvAsset, loadAsset, batteryAsset, swapStationAsset, evChargerAsset, heatStoreAsset] as AssetType[]);

/**
 * The asset types of a run: the built-ins and then `extra` (a user's own), each checked, with
 * kinds and scenario fields distinct.
 * @throws WattError INVALID_ARGUMENT for a type that is not one, or a kind or field used twice.
 */
export function assetRegistry(extra: readonly AssetType[] | undefined, fn: string): readonly AssetType[] {
  if (extra === undefined || extra.length === 0) return BUILT_IN_ASSETS;
  if (!Array.isArray(extra)) fail(ErrorCode.INVALID_ARGUMENT, fn, 'assets must be an array of asset types');
  const all = BUILT_IN_ASSETS.concat(extra.map((t) => checkAssetType(t, fn)));
  const kinds = new Set<string>();
  const fields = new Set<string>();
  for (const t of all) {
    if (kinds.has(t.kind)) fail(ErrorCode.INVALID_ARGUMENT, fn, `asset type '${t.kind}' is registered twice`);
    if (fields.has(t.field)) fail(ErrorCode.INVALID_ARGUMENT, fn, `asset type '${t.kind}': scenario field '${t.field}' is taken by another type`);
    kinds.add(t.kind);
    fields.add(t.field);
  }
  return Object.freeze(all);
}
