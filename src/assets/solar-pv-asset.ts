import type { Asset, AssetContext, AssetType } from './asset.js';
import { FixedFlowAsset } from './fixed-flow.js';
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
    if (spec.kind === 'measured') return new MeasuredSolarPv(seriesEnergyWh(spec, setup.intervalMs)).asset(solarPvAsset);
    return new ModelledSolarPv(spec).asset(solarPvAsset);
  },
});

// 0 - x rather than -x below: the same number but +0, not -0, at night (a -0 field is a heap
// number: some 70 million a district year).

/** An array's model: generation from the interval's irradiance, the forecast from the forecast irradiance. */
class ModelledSolarPv extends FixedFlowAsset {
  constructor(private readonly spec: SolarPvSpec) {
    super(true);
  }

  prepare(ctx: AssetContext): void {
    // The forecast's irradiance first, then the actual's: the order the context is read in stays the closure's.
    this.forecastWh = 0 - solarPvEnergyWh(this.spec, ctx.irradianceForecastWm2, ctx.durationMs);
    const actual = solarPvEnergyWh(this.spec, ctx.irradianceActualWm2, ctx.durationMs);
    this.ownWh = 0 - actual;
    this.generationWh = actual;
  }
}

/** A measured array: each interval's measured generation, which is also its forecast. */
class MeasuredSolarPv extends FixedFlowAsset {
  constructor(private readonly measured: readonly number[]) {
    super(true);
  }

  prepare(ctx: AssetContext): void {
    const actual = this.measured[ctx.interval] as number;
    this.forecastWh = 0 - actual;
    this.ownWh = 0 - actual;
    this.generationWh = actual;
  }
}
