import { newAssetFlow, type Asset, type AssetType } from './asset.js';
import { defineLoad, loadEnergyWh, type LoadSpec } from './load-profile.js';

/**
 * A consumer as a plug-in (scenario field `load`): its shaped demand, with one normal draw of
 * noise per interval from its own stream (`load/<id>`) for the actual demand; the forecast is
 * the expected demand. Not controllable: the grid connection leaves it unserved beyond its limit.
 */
export const loadAsset: AssetType<LoadSpec> = Object.freeze<AssetType<LoadSpec>>({
  kind: 'load',
  field: 'load',
  controllable: false,
  baseline: 'self-consume',
  define: (options) => defineLoad(options as never),
  create(spec, setup): Asset {
    const rng = setup.random('load');
    const flow = newAssetFlow();
    let forecast = 0;
    let actual = 0;
    return {
      prepare(ctx) {
        const noise = rng.nextGaussian();
        forecast = loadEnergyWh(spec, ctx.local, ctx.durationMs, 0);
        actual = loadEnergyWh(spec, ctx.local, ctx.durationMs, noise);
      },
      forecastWh: () => forecast,
      ownWh: () => actual,
      view: () => undefined,
      step() {
        flow.netWh = actual;
        flow.consumptionWh = actual;
        return flow;
      },
    };
  },
});
