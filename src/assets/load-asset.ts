import { newAssetFlow, type Asset, type AssetType } from './asset.js';
import { defineLoad, loadShapeOf, shapeAt, shapedLoadEnergyWh, type LoadSpec } from './load-profile.js';
import { checkSeriesCovers, defineMeasuredSeries, isMeasuredSeries, seriesEnergyWh, type MeasuredSeriesSpec } from './measured-series.js';

/**
 * A consumer as a plug-in (scenario field `load`): its shaped demand, with one normal draw of
 * noise per interval from its own stream (`load/<id>`) for the actual demand; the forecast is
 * the expected demand. Or, given `{ series }` (a {@link MeasuredSeries}), the measured demand of
 * each interval, which is then also its forecast (and no noise is drawn). Not controllable: the
 * grid connection leaves it unserved beyond its limit.
 */
export const loadAsset: AssetType<LoadSpec | MeasuredSeriesSpec> = Object.freeze<AssetType<LoadSpec | MeasuredSeriesSpec>>({
  kind: 'load',
  field: 'load',
  controllable: false,
  baseline: 'self-consume',
  define: (options) => (isMeasuredSeries(options) ? defineMeasuredSeries(options, 'defineLoad', 'load') : defineLoad(options as never)),
  checkRun(spec, intervals) {
    if (spec.kind === 'measured') checkSeriesCovers(spec.values.length, intervals, 'defineLoad', 'load', spec.source);
  },
  create(spec, setup): Asset {
    const flow = newAssetFlow();
    let forecast = 0;
    let actual = 0;
    const measured = spec.kind === 'measured' ? seriesEnergyWh(spec, setup.intervalMs) : undefined;
    // A measured load draws no noise: its stream is made only for the model.
    const rng = measured === undefined ? setup.random('load') : undefined;
    const days = measured === undefined ? loadShapeOf((spec as LoadSpec).loadKind) : undefined;
    return {
      prepare(ctx) {
        if (measured !== undefined) {
          actual = measured[ctx.interval] as number;
          forecast = actual;
        } else {
          const model = spec as LoadSpec;
          const noise = (rng as NonNullable<typeof rng>).nextGaussian();
          const shape = shapeAt(days as NonNullable<typeof days>, ctx.local);
          forecast = shapedLoadEnergyWh(model, shape, ctx.durationMs, 0);
          actual = shapedLoadEnergyWh(model, shape, ctx.durationMs, noise);
        }
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
