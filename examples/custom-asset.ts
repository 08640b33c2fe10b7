// An asset type of your own, plugged into a simulation: a diesel generator that an agent can run
// when energy is dear. One object implements AssetType; runSimulation({ assets }) registers it.
// Run: npx tsx examples/custom-asset.ts
// Prints:
//   generator sold 626.647 kWh locally and 0 kWh to the utility
//   fuel used: 626.647 kWh; community saving: 9260797 VND
import { campusScenario, newAssetFlow, runSimulation, type Asset, type AssetType, type BiddingStrategy, type Scenario } from '../src/index.js';

/** What a scenario writes under the participant's field `generator`. */
interface GeneratorOptions {
  /** Largest output, kW (whole kW here, to keep the example short). */
  readonly kW: number;
  /** Fuel in the tank at the start, kWh of electricity it can make. */
  readonly fuelKWh: number;
}

const generatorAsset: AssetType<{ maxW: number; fuelWh: number }> = {
  kind: 'diesel-generator',
  field: 'generator',
  controllable: true, // it takes requests: negative = "give this much to the grid"
  baseline: 'self-consume', // in the utility-only baseline it covers its own participant only
  metrics: [{ name: 'fuelUsedKWh', unit: 'Wh' }],
  define(options) {
    const o = options as GeneratorOptions;
    if (!Number.isSafeInteger(o.kW) || o.kW <= 0 || !Number.isSafeInteger(o.fuelKWh) || o.fuelKWh < 0) throw new RangeError('generator: whole positive kW and fuel');
    return { maxW: o.kW * 1000, fuelWh: o.fuelKWh * 1000 };
  },
  create(spec): Asset {
    const flow = newAssetFlow(); // reused at every step: no allocation per interval
    const fuel = { market: spec.fuelWh, baseline: spec.fuelWh };
    const limit = (durationMs: number, left: number): number => Math.min(left, Math.floor((spec.maxW * durationMs) / 3_600_000));
    return {
      prepare() {},
      forecastWh: () => 0,
      ownWh: () => 0,
      // What the agent sees: it can give up to its limit, take nothing; nothing comes back (round trip 0).
      view: (ctx) => ({ storedWh: fuel.market, maxChargeWh: 0, maxDischargeWh: limit(ctx.durationMs, fuel.market), mustChargeWh: 0, roundTripPpm: 0 }),
      step(run, ctx, requestWh) {
        const out = requestWh < 0 ? Math.min(-requestWh, limit(ctx.durationMs, fuel[run])) : 0;
        fuel[run] -= out;
        // Energy conserved at the meter: it feeds `out` Wh, all of it generation.
        flow.netWh = -out;
        flow.generationWh = out;
        return flow;
      },
      metric: () => spec.fuelWh - fuel.market,
    };
  },
};

/** Its agent: offers what it can give at a little under the retail price (fuel is dear). */
const peaker: BiddingStrategy = {
  name: 'peaker',
  orders(ctx, state) {
    const can = state.storage?.maxDischargeWh ?? 0;
    return can > 0 ? [{ side: 'sell', priceTicks: ctx.retailTicks - 100, quantityWh: can }] : [];
  },
};

const base = campusScenario();
const scenario: Scenario = {
  ...base,
  name: 'campus-with-generator',
  participants: [...base.participants, { id: 'backup-generator', type: 'generator', zone: 'mobility', agent: 'peaker', generator: { kW: 200, fuelKWh: 2000 } } as Scenario['participants'][number]],
};

const result = runSimulation({ scenario, days: 3, seed: 1, assets: [generatorAsset], strategies: { peaker } });
const generator = result.participants.find((p) => p.id === 'backup-generator');
console.log(`generator sold ${generator?.soldKWh} kWh locally and ${generator?.gridExportKWh} kWh to the utility`);
console.log(`fuel used: ${result.totals.service?.['fuelUsedKWh']} kWh; community saving: ${result.totals.communitySaving} VND`);
