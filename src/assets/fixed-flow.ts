import { newAssetFlow, type Asset, type AssetContext, type AssetType } from './asset.js';

/**
 * A built-in asset without state (a load, solar PV) as the simulation's participants use it
 * (internal): `prepare` writes the interval's forecast, own energy and flow into fields, and the
 * flow is the same in both runs whatever is requested (no storage, no losses). A participant calls
 * this object's `prepare` and reads its fields instead of calling the public {@link Asset} made by
 * {@link FixedFlowAsset.asset}, which does the same through closures: its four calls an asset and
 * interval reach a different closure at every call site (so none is inlined) through three or four
 * objects, and its flow would be checked again at both runs' steps.
 */
export abstract class FixedFlowAsset {
  /** After {@link prepare}: what `forecastWh()` returns, Wh. */
  forecastWh = 0;
  /** After {@link prepare}: what `ownWh()` returns, Wh (and the flow's net energy). */
  ownWh = 0;
  /** After {@link prepare}: the flow's generation and consumption, Wh. */
  generationWh = 0;
  consumptionWh = 0;

  /**
   * @param generates - whether the asset generates (solar PV) or consumes (a load): its public
   *   `step` writes only that side of the flow, as the built-in's closure always did, so a field
   *   a caller wrote on the other side stays as the caller left it.
   */
  constructor(private readonly generates: boolean) {}

  /** Draws the interval's inputs and writes the fields above. */
  abstract prepare(ctx: AssetContext): void;

  /**
   * The public Asset of this instance, made by `type`'s `create` (see {@link fixedFlowOf}). Its
   * `step` writes a flow object of its own, which callers may keep and change, never these fields.
   */
  asset(type: AssetType): Asset {
    const flow = newAssetFlow();
    const asset: Asset = {
      prepare: (ctx) => this.prepare(ctx),
      forecastWh: () => this.forecastWh,
      ownWh: () => this.ownWh,
      view: () => undefined,
      step: () => {
        flow.netWh = this.ownWh;
        if (this.generates) flow.generationWh = this.generationWh;
        else flow.consumptionWh = this.consumptionWh;
        return flow;
      },
    };
    FIXED.set(asset, { fixed: this, type });
    return asset;
  }
}

// Only FixedFlowAsset.asset adds to it, for the object it has just made; a copy made with a
// spread, or any other object, is not in it. Entries never change once added.
const FIXED = new WeakMap<Asset, { readonly fixed: FixedFlowAsset; readonly type: AssetType }>();

/**
 * The {@link FixedFlowAsset} behind `asset` when `type` (a built-in type: frozen, so its `create`
 * is the built-in's) just made it with {@link FixedFlowAsset.asset}; undefined otherwise. A user's
 * type that hands out a built-in's instance may have changed it, so its instances are called as
 * any plug-in's are; nobody but the caller holds an instance the built-in type has just made.
 */
export function fixedFlowOf(asset: Asset, type: AssetType): FixedFlowAsset | undefined {
  const entry = FIXED.get(asset);
  return entry !== undefined && entry.type === type ? entry.fixed : undefined;
}
