import { newAssetFlow, type Asset, type AssetContext } from './asset.js';

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

  /** Draws the interval's inputs and writes the fields above. */
  abstract prepare(ctx: AssetContext): void;

  /**
   * The public Asset of this instance: frozen, so nobody swaps its methods, and marked as this
   * one's (see {@link fixedFlowOf}). Its `step` writes a flow object of its own, which callers may
   * keep and change, never these fields.
   */
  asset(): Asset {
    const flow = newAssetFlow();
    const asset = Object.freeze<Asset>({
      prepare: (ctx) => this.prepare(ctx),
      forecastWh: () => this.forecastWh,
      ownWh: () => this.ownWh,
      view: () => undefined,
      step: () => {
        flow.netWh = this.ownWh;
        flow.generationWh = this.generationWh;
        flow.consumptionWh = this.consumptionWh;
        return flow;
      },
    });
    FIXED.set(asset, this);
    return asset;
  }
}

// Only FixedFlowAsset.asset adds to it, for the frozen object it has just made; a copy made with
// a spread, or any other object, is not in it and is called as any plug-in is. Entries never
// change once added.
const FIXED = new WeakMap<Asset, FixedFlowAsset>();

/** The {@link FixedFlowAsset} behind an asset made by {@link FixedFlowAsset.asset}, or undefined. */
export function fixedFlowOf(asset: Asset): FixedFlowAsset | undefined {
  return FIXED.get(asset);
}
