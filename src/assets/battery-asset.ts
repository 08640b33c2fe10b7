import { divideSafe } from '../units/rounding.js';
import { newAssetFlow, type Asset, type AssetRun, type AssetType } from './asset.js';
import { defineBattery, stepBattery, type BatterySpec } from './battery.js';

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
    return {
      prepare() {},
      forecastWh: () => 0,
      ownWh: () => 0,
      view(ctx) {
        const up = stepBattery(spec, marketWh, Number.MAX_SAFE_INTEGER, ctx.durationMs);
        const down = stepBattery(spec, marketWh, -Number.MAX_SAFE_INTEGER, ctx.durationMs);
        return { storedWh: marketWh, maxChargeWh: up.gridWh, maxDischargeWh: -down.gridWh, mustChargeWh: 0, roundTripPpm };
      },
      step(run: AssetRun, ctx, requestWh) {
        const before = run === 'market' ? marketWh : baselineWh;
        const step = stepBattery(spec, before, requestWh, ctx.durationMs);
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
