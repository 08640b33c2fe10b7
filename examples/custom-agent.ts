// A researcher's own bidding strategy, plugged into the campus scenario and compared with the
// built-in truthful agent on the same seed (same weather, same demand, same EV visits).
// Run: npx tsx examples/custom-agent.ts
import { campusScenario, runSimulation } from '../src/index.js';
import type { BiddingStrategy, Scenario } from '../src/index.js';

/**
 * Shades its bids and asks a fixed share of the band towards the middle: buyers bid below retail,
 * sellers ask above feed-in, hoping for a better price at the risk of not trading.
 */
const shading: BiddingStrategy = {
  name: 'shade-20',
  orders(ctx, state) {
    const band = ctx.retailTicks - ctx.feedInTicks;
    const net = state.netForecastWh;
    if (net > 0) return [{ side: 'buy', priceTicks: ctx.retailTicks - Math.floor(band / 5), quantityWh: net }];
    if (net < 0) return [{ side: 'sell', priceTicks: ctx.feedInTicks + Math.floor(band / 5), quantityWh: -net }];
    return [];
  },
};

// Every building and home (the participants without storage) uses the strategy under test.
function withAgent(agent: string): Scenario {
  const scenario = campusScenario();
  return { ...scenario, participants: scenario.participants.map((p) => (p.battery ?? p.ev ?? p.swapStation ? p : { ...p, agent })) };
}

for (const agent of ['truthful', 'zi-c', 'shade-20']) {
  const r = runSimulation({ scenario: withAgent(agent), days: 7, seed: 42, strategies: { 'shade-20': shading } });
  const t = r.totals;
  console.log(
    `${agent.padEnd(10)} traded ${t.p2pTradedKWh.toFixed(0).padStart(6)} kWh at ${String(t.averageLocalPrice ?? '-').padStart(5)} VND/kWh; ` +
      `welfare ${t.welfare.toFixed(0).padStart(11)}; community saving ${t.communitySaving.toLocaleString('en').padStart(11)} VND`,
  );
}
