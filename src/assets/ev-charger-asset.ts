import { divideSafe } from '../units/rounding.js';
import { checkObject } from '../validation/checks.js';
import { newAssetFlow, type Asset, type AssetRun, type AssetType } from './asset.js';
import { defineEv, initialEvState, newEvStep, stepEvInto, type EvStateScratch } from './electric-vehicle.js';
import { checkEvFleet, drawEvSessions, type EvFleetOptions } from './ev-fleet.js';

/**
 * An EV charger and the fleet that uses it as a plug-in (scenario field `ev`). The visits are
 * drawn when the run starts from the participant's `ev/<id>` stream. The EV's battery is the
 * vehicle's, outside the community: charging is consumption, vehicle-to-grid discharge is
 * generation. It charges what its departure needs whatever was traded; in the baseline it charges
 * at once. Reports `evShortfallKWh`; its agent is `ev-deadline` by default.
 */
export const evChargerAsset: AssetType<EvFleetOptions> = Object.freeze<AssetType<EvFleetOptions>>({
  kind: 'ev-charger',
  field: 'ev',
  controllable: true,
  baseline: 'charge-now',
  defaultAgent: 'ev-deadline',
  metrics: [{ name: 'evShortfallKWh', unit: 'Wh' }],
  define(options) {
    const fleet = checkObject(options, 'defineEvFleet', 'ev') as unknown as EvFleetOptions;
    checkEvFleet(fleet, 'defineEvFleet');
    return fleet;
  },
  create(fleet, setup): Asset {
    const spec = defineEv(drawEvSessions(fleet, setup.startMs, setup.days, setup.intervalMs, setup.utcOffsetMinutes, setup.random('ev')));
    const roundTripPpm = divideSafe(spec.efficiencyPpm * spec.efficiencyPpm, 1_000_000, 'floor');
    const flow = newAssetFlow();
    // Both runs' states, overwritten in place, and one step this instance steps into: the view
    // and both runs read it at once and keep none of it (no object per step).
    const market: EvStateScratch = { ...initialEvState() };
    const baseline: EvStateScratch = { ...initialEvState() };
    const out = newEvStep();
    return {
      prepare() {},
      forecastWh: () => 0,
      ownWh: () => 0,
      view(ctx) {
        const dry = stepEvInto(out, spec, market, ctx.interval, 0, ctx.durationMs);
        if (!dry.plugged) return undefined;
        return { storedWh: dry.storedWh, maxChargeWh: dry.maxChargeWh, maxDischargeWh: dry.maxDischargeWh, mustChargeWh: dry.mustChargeWh, roundTripPpm };
      },
      step(run: AssetRun, ctx, requestWh) {
        const state = run === 'market' ? market : baseline;
        const step = stepEvInto(out, spec, state, ctx.interval, requestWh, ctx.durationMs);
        const next = step.state;
        state.session = next.session;
        state.storedWh = next.storedWh;
        state.shortfallWh = next.shortfallWh;
        state.shortSessions = next.shortSessions;
        flow.netWh = step.gridWh;
        flow.consumptionWh = step.gridWh > 0 ? step.gridWh : 0;
        flow.generationWh = step.gridWh < 0 ? -step.gridWh : 0;
        return flow;
      },
      metric: () => market.shortfallWh,
    };
  },
});
