import type { Asset, AssetContext, AssetType } from './asset.js';
import { FixedFlowAsset } from './fixed-flow.js';
import type { Random } from '../random/random.js';
import { defineLoad, loadShapeOf, shapeAt, shapedLoadEnergyWh, type LoadShapeDays, type LoadSpec } from './load-profile.js';
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
    if (spec.kind === 'measured') return new MeasuredLoad(seriesEnergyWh(spec, setup.intervalMs)).asset(loadAsset);
    return new ModelledLoad(spec, setup.random('load')).asset(loadAsset);
  },
});

/** A load's model: its shaped demand, with one normal draw of noise an interval for the actual demand. */
class ModelledLoad extends FixedFlowAsset {
  /** Its daily shape, found once rather than by its kind every interval. */
  private readonly days: LoadShapeDays;

  constructor(
    private readonly spec: LoadSpec,
    private readonly rng: Random,
  ) {
    super(false);
    this.days = loadShapeOf(spec.loadKind);
  }

  prepare(ctx: AssetContext): void {
    const noise = this.rng.nextGaussian();
    const shape = shapeAt(this.days, ctx.local);
    const actual = shapedLoadEnergyWh(this.spec, shape, ctx.durationMs, noise);
    this.forecastWh = shapedLoadEnergyWh(this.spec, shape, ctx.durationMs, 0);
    this.ownWh = actual;
    this.consumptionWh = actual;
  }
}

/** A measured load: each interval's measured demand, which is also its forecast (no noise is drawn). */
class MeasuredLoad extends FixedFlowAsset {
  constructor(private readonly measured: readonly number[]) {
    super(false);
  }

  prepare(ctx: AssetContext): void {
    const actual = this.measured[ctx.interval] as number;
    this.forecastWh = actual;
    this.ownWh = actual;
    this.consumptionWh = actual;
  }
}
