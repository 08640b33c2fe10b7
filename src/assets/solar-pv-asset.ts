import { newAssetFlow, type Asset, type AssetType } from './asset.js';
import { checkSeriesCovers, defineMeasuredSeries, isMeasuredSeries, seriesEnergyWh, type MeasuredSeriesSpec } from './measured-series.js';
import { defineSolarPv, solarPvEnergyWh, type SolarPvSpec } from './solar-pv.js';

/**
 * Solar PV as a plug-in (scenario field `pv`): generation from the interval's irradiance, the
 * forecast from the forecast irradiance. Or, given `{ series }` (a {@link MeasuredSeries}), the
 * measured generation of each interval, which is then also its forecast. Not controllable: the
 * grid connection curtails it.
 */
export const solarPvAsset: AssetType<SolarPvSpec | MeasuredSeriesSpec> = Object.freeze<AssetType<SolarPvSpec | MeasuredSeriesSpec>>({
  kind: 'solar-pv',
  field: 'pv',
  controllable: false,
  baseline: 'self-consume',
  define: (options) => (isMeasuredSeries(options) ? defineMeasuredSeries(options, 'defineSolarPv', 'pv') : defineSolarPv(options as never)),
  checkRun(spec, intervals) {
    if (spec.kind === 'measured') checkSeriesCovers(spec.values.length, intervals, 'defineSolarPv', 'pv', spec.source);
  },
  create(spec, setup): Asset {
    const flow = newAssetFlow();
    let forecast = 0;
    let actual = 0;
    const measured = spec.kind === 'measured' ? seriesEnergyWh(spec, setup.intervalMs) : undefined;
    return {
      prepare(ctx) {
        if (measured !== undefined) {
          actual = measured[ctx.interval] as number;
          forecast = actual;
        } else {
          const model = spec as SolarPvSpec;
          forecast = solarPvEnergyWh(model, ctx.irradianceForecastWm2, ctx.durationMs);
          actual = solarPvEnergyWh(model, ctx.irradianceActualWm2, ctx.durationMs);
        }
      },
      // 0 - x rather than -x: the same number but +0, not -0, at night (-0 is a heap number made
      // per call: some 70 million a district year).
      forecastWh: () => 0 - forecast,
      ownWh: () => 0 - actual,
      view: () => undefined,
      step() {
        flow.netWh = 0 - actual;
        flow.generationWh = actual;
        return flow;
      },
    };
  },
});
