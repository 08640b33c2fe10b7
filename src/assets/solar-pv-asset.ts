import { newAssetFlow, type Asset, type AssetType } from './asset.js';
import { defineSolarPv, solarPvEnergyWh, type SolarPvSpec } from './solar-pv.js';

/**
 * Solar PV as a plug-in (scenario field `pv`): generation from the interval's irradiance, the
 * forecast from the forecast irradiance. Not controllable: the grid connection curtails it.
 */
export const solarPvAsset: AssetType<SolarPvSpec> = Object.freeze<AssetType<SolarPvSpec>>({
  kind: 'solar-pv',
  field: 'pv',
  controllable: false,
  baseline: 'self-consume',
  define: (options) => defineSolarPv(options as never),
  create(spec): Asset {
    const flow = newAssetFlow();
    let forecast = 0;
    let actual = 0;
    return {
      prepare(ctx) {
        forecast = solarPvEnergyWh(spec, ctx.irradianceForecastWm2, ctx.durationMs);
        actual = solarPvEnergyWh(spec, ctx.irradianceActualWm2, ctx.durationMs);
      },
      forecastWh: () => -forecast,
      ownWh: () => -actual,
      view: () => undefined,
      step() {
        flow.netWh = -actual;
        flow.generationWh = actual;
        return flow;
      },
    };
  },
});
