import { divideSafe } from '../units/rounding.js';
import { newAssetFlow, type Asset, type AssetRun, type AssetType } from './asset.js';
import { checkSwapRiders, drawSwapRiders, type SwapRiderOptions } from './swap-riders.js';
import { defineSwapStation, initialSwapStationState, stepSwapStation, type SwapStationOptions, type SwapStationSpec, type SwapStationState } from './swap-station.js';

/** A swap station's spec and its riders, as the plug-in keeps them. */
export interface SwapStationPlan {
  /** The station. */
  readonly spec: SwapStationSpec;
  /** When its riders come. */
  readonly riders: SwapRiderOptions;
}

const NO_RIDERS: readonly number[] = Object.freeze([]);

/**
 * A motorbike battery swap station and its riders as a plug-in (scenario field `swapStation`).
 * Riders are drawn each interval from the participant's `riders/<id>` stream (both runs meet the
 * same riders). The packs are community storage; the energy riders take away is consumption. It
 * charges back packs below ready within about an hour whatever was traded; in the baseline it
 * charges at once. Reports `missedSwaps` and `swapsServed` (riders who got a ready pack); its agent is `battery-arbitrage` by default.
 */
export const swapStationAsset: AssetType<SwapStationPlan> = Object.freeze<AssetType<SwapStationPlan>>({
  kind: 'swap-station',
  field: 'swapStation',
  controllable: true,
  baseline: 'charge-now',
  defaultAgent: 'battery-arbitrage',
  metrics: [
    { name: 'missedSwaps', unit: 'count' },
    { name: 'swapsServed', unit: 'count' },
  ],
  define(options) {
    const o = options as SwapStationOptions & { riders?: SwapRiderOptions };
    const spec = defineSwapStation(o);
    const riders = o.riders ?? {};
    checkSwapRiders(riders, 'defineSwapStation');
    return { spec, riders };
  },
  create({ spec, riders: riderOptions }, setup): Asset {
    const rng = setup.random('riders');
    const roundTripPpm = divideSafe(spec.efficiencyPpm * spec.efficiencyPpm, 1_000_000, 'floor');
    const flow = newAssetFlow();
    let market: SwapStationState = initialSwapStationState(spec);
    let baseline: SwapStationState = initialSwapStationState(spec);
    let riders = NO_RIDERS;
    const stored = (s: SwapStationState): number => {
      let wh = 0;
      for (const pack of s.packsWh) wh += pack;
      return wh;
    };
    return {
      prepare(ctx) {
        riders = drawSwapRiders(riderOptions, ctx.local, ctx.durationMs, spec.packWh, rng);
      },
      forecastWh: () => 0,
      ownWh: () => 0,
      view(ctx) {
        const dry = stepSwapStation(spec, market, riders, 0, ctx.durationMs);
        // Packs below ready must be charged back up: the station plans to restore every pack within
        // an hour (four intervals of the grid-side energy it lacks), up to what it can take now.
        let lacking = 0;
        for (const wh of dry.state.packsWh) if (wh < spec.readyWh) lacking += spec.readyWh - wh;
        const must = Math.min(dry.maxChargeWh, divideSafe(lacking * 1_000_000, spec.efficiencyPpm * 4, 'ceil'));
        return { storedWh: dry.storedWh, maxChargeWh: dry.maxChargeWh, maxDischargeWh: dry.maxDischargeWh, mustChargeWh: must, roundTripPpm };
      },
      step(run: AssetRun, ctx, requestWh) {
        const before = run === 'market' ? market : baseline;
        const step = stepSwapStation(spec, before, riders, requestWh, ctx.durationMs);
        if (run === 'market') market = step.state;
        else baseline = step.state;
        flow.netWh = step.gridWh;
        // Riders take energy away; one bringing back a pack fuller than the one they take adds it.
        flow.consumptionWh = step.swappedOutWh > 0 ? step.swappedOutWh : 0;
        flow.generationWh = step.swappedOutWh < 0 ? -step.swappedOutWh : 0;
        flow.storageDeltaWh = stored(step.state) - stored(before);
        flow.lossesWh = step.lossesWh;
        return flow;
      },
      metric: (name) => (name === 'swapsServed' ? market.swaps : market.missedSwaps),
    };
  },
});
