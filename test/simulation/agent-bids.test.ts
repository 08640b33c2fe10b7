import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, districtScenario, runSimulation, type AuctionMechanism, type BiddingStrategy } from '../../src/index.js';
import type { Market } from '../../src/market/market.js';
import type { MarketStepsOrderInput } from '../../src/market/market-types.js';
import { createRandom } from '../../src/random/random.js';
import { AgentBids } from '../../src/simulation/agent-bids.js';
import { Prosumer } from '../../src/simulation/prosumer.js';
import { resolveScenario } from '../../src/simulation/resolve-scenario.js';
import { WelfareTally } from '../../src/simulation/welfare-tally.js';
import { ZonePrices } from '../../src/simulation/zone-prices.js';

/** A strategy of the user's that places `n` small buy orders every interval. */
function many(n: number): BiddingStrategy {
  return {
    name: `many-${n}`,
    orders: (ctx) => Array.from({ length: n }, () => ({ side: 'buy' as const, priceTicks: ctx.retailTicks, quantityWh: 1 })),
  };
}

/** AgentBids over a small district whose agents all place three orders, and the ids a fake market was given. */
function setup(): { bids: AgentBids; ids: string[]; market: Market; bid: (k: number) => void } {
  const d = districtScenario({ prosumers: 5, feeders: 1 });
  const s = resolveScenario({ ...d, participants: d.participants.map((p) => ({ ...p, agent: 'many' })) }, { many: many(3) });
  const rng = createRandom(1);
  const prosumers = s.participants.map((p) => new Prosumer(p, s, 1, rng));
  const history = new ZonePrices(96);
  const welfare = new WelfareTally({ priceTick: s.priceTick, zones: s.zones, coupledFeeTicks: undefined, mechanism: 'uniform' });
  const ctx = { interval: 0, local: { year: 2025, month: 4, day: 7, weekday: 1, msOfDay: 0 }, durationMs: 900_000, irradianceForecastWm2: 0, irradianceActualWm2: 0 };
  const bids = new AgentBids(prosumers, prosumers.map(() => history), welfare, ctx.local as never);
  const ids: string[] = [];
  const market = { submitSteps: (o: MarketStepsOrderInput) => ids.push(o.id) } as unknown as Market;
  const bid = (k: number): void => {
    for (const p of prosumers) p.prepare({ ...ctx, interval: k } as never);
    bids.bidAll(market, { ...ctx, interval: k } as never, k, k % 96, k * 900_000, s.retailTicks, s.feedInTicks);
  };
  return { bids, ids, market, bid };
}

describe('AgentBids order ids', () => {
  it('reuses each participant\'s ids once the gate of the interval that used them is processed', () => {
    const { bids, ids, market, bid } = setup();
    bid(0);
    const first = ids.splice(0);
    expect(first).toHaveLength(15);
    expect(new Set(first).size).toBe(15);
    expect(first.slice(0, 3)).toEqual(['p00001/0', 'p00001/1', 'p00001/2']);
    bids.gateProcessed(market);
    bid(1);
    // The same strings, not only equal text: nothing is built per order.
    const second = ids.splice(0);
    expect(second).toEqual(first);
    second.forEach((id, i) => expect(Object.is(id, first[i])).toBe(true));
  });

  it('gives an interval ids of its own while reused ids may still be open, distinct from every reusable id', () => {
    const { bids, ids, market, bid } = setup();
    bid(0);
    const reused = ids.splice(0);
    bid(1); // no gate processed in between: the reused ids may be open
    const own = ids.splice(0);
    expect(own.slice(0, 2)).toEqual(['p00001/1:0', 'p00001/1:1']);
    expect(new Set([...reused, ...own]).size).toBe(30);
    bid(2); // still not processed: fresh ids again, of this interval
    expect(ids.splice(0).slice(0, 1)).toEqual(['p00001/2:0']);
    bids.gateProcessed(market);
    bid(3);
    expect(ids.splice(0)).toEqual(reused);
  });

  it('never builds an id equal to a reused one, whatever the participant ids (a "/" in them included)', () => {
    // A reused id ends in '/<digits>', one of an interval's own in '/<interval>:<n>': participant
    // 'x/7' reusing order 0 and participant 'x' in interval 7 would otherwise both be 'x/7/0'.
    const reused = (p: string, n: number): string => `${p}/${n}`;
    const own = (p: string, k: number, n: number): string => `${p}/${k}:${n}`;
    const participants = ['x', 'x/7', 'x/7:0', '7', '/', 'x/'];
    const all = new Set<string>();
    let count = 0;
    for (const p of participants) {
      for (let n = 0; n < 3; n++) {
        all.add(reused(p, n));
        count++;
        for (let k = 0; k < 10; k++) {
          all.add(own(p, k, n));
          count++;
        }
      }
    }
    expect(all.size).toBe(count);
  });
});

describe('a run\'s order ids', () => {
  it('with a custom mechanism (which reads them) are ids of their own per interval, distinct in the whole run', () => {
    const seen: string[][] = [];
    const base = BUILT_IN_MECHANISMS.uniform;
    const recording: AuctionMechanism = {
      name: 'recording',
      properties: base.properties,
      ...(base.supports === undefined ? {} : { supports: base.supports }),
      clear(orders, context) {
        seen.push([...orders.ids]);
        return base.clear(orders, context);
      },
    };
    const result = runSimulation({ scenario: districtScenario({ prosumers: 20, feeders: 2 }), days: 1, seed: 2, mechanism: recording });
    expect(result.totals.p2pTradedKWh).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(96);
    const every = seen.flat();
    const all = new Set(every);
    expect(all.size).toBe(every.length);
    for (const id of all) expect(id).toMatch(/^p\d{5}\/\d+:\d+$/);
  });
});
