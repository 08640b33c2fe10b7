import { divideSafe } from '../units/rounding.js';
import { newAssetFlow, type Asset, type AssetRun, type AssetType } from './asset.js';
import { defineBattery, newStorageStep, stepStoreInto, type BatterySpec } from './battery.js';
import { energyLimitWh } from './energy.js';

/**
 * A stationary battery as a plug-in (scenario field `battery`): community storage that follows
 * its participant's trades and absorbs its deviations; in the baseline it self-consumes. Its
 * agent is `battery-arbitrage` by default and the report charts its state of charge.
 */
export const batteryAsset: AssetType<BatterySpec> = Object.freeze<AssetType<BatterySpec>>({
  kind: 'battery',
  field: 'battery',
  controllable: true,
  baseline: 'self-consume',
  defaultAgent: 'battery-arbitrage',
  chartsStateOfCharge: true,
  define: (options) => defineBattery(options as never),
  create(spec): Asset {
    const flow = newAssetFlow();
    let marketWh = spec.initialWh;
    let baselineWh = spec.initialWh;
    const roundTripPpm = divideSafe(spec.chargeEfficiencyPpm * spec.dischargeEfficiencyPpm, 1_000_000, 'floor');
    // One step this instance overwrites (its view and both runs read it at once and keep none of
    // it), and its power limits for the last interval length: what stepBattery computes, without
    // the objects and divisions per call.
    const out = newStorageStep();
    let limitsMs = -1;
    let chargeLimitWh = 0;
    let dischargeLimitWh = 0;
    const stepInto = (storedWh: number, requestWh: number, durationMs: number): typeof out => {
      if (durationMs !== limitsMs) {
        chargeLimitWh = energyLimitWh(spec.maxChargeW, durationMs);
        dischargeLimitWh = energyLimitWh(spec.maxDischargeW, durationMs);
        limitsMs = durationMs;
      }
      return stepStoreInto(out, storedWh, requestWh, chargeLimitWh, dischargeLimitWh, spec.minWh, spec.maxWh, spec.chargeEfficiencyPpm, spec.dischargeEfficiencyPpm);
    };
    return {
      prepare() {},
      forecastWh: () => 0,
      ownWh: () => 0,
      view(ctx) {
        const maxChargeWh = stepInto(marketWh, Number.MAX_SAFE_INTEGER, ctx.durationMs).gridWh;
        const maxDischargeWh = -stepInto(marketWh, -Number.MAX_SAFE_INTEGER, ctx.durationMs).gridWh;
        return { storedWh: marketWh, maxChargeWh, maxDischargeWh, mustChargeWh: 0, roundTripPpm };
      },
      step(run: AssetRun, ctx, requestWh) {
        const before = run === 'market' ? marketWh : baselineWh;
        const step = stepInto(before, requestWh, ctx.durationMs);
        if (run === 'market') marketWh = step.storedWh;
        else baselineWh = step.storedWh;
        flow.netWh = step.gridWh;
        flow.storageDeltaWh = step.storedWh - before;
        flow.lossesWh = step.lossesWh;
        return flow;
      },
      stateOfCharge: () => marketWh / spec.capacityWh,
    };
  },
});
