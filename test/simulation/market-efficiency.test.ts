import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, campusScenario, clearAuction, runSimulation, type AuctionMechanism, type MechanismName } from '../../src/index.js';
import { efficiency } from '../../src/simulation/build-result.js';
import { declaresEfficient, WelfareTally } from '../../src/simulation/welfare-tally.js';
import { createStep } from '../../src/units/step.js';

interface Order {
  readonly id: string;
  readonly owner: string;
  readonly buy: boolean;
  /** Limit price in ticks (the tick is 1). */
  readonly price: number;
  /** Wh. */
  readonly wh: number;
}

/** One single-zone clearing through the tally, as the run loop feeds it: the mechanism's welfare and the orders. */
function tally(mechanism: MechanismName | AuctionMechanism, orders: readonly Order[]): WelfareTally {
  const t = new WelfareTally({ priceTick: createStep('1', 'test', 'priceTick'), zones: ['z'], coupledFeeTicks: undefined, mechanism });
  const result = clearAuction(
    orders.map((o) => ({ id: o.id, owner: o.owner, side: o.buy ? 'buy' : 'sell', price: o.price, quantity: o.wh / 1000 })),
    { mechanism, priceTick: '1', quantityStep: '0.001', selfTrade: 'prevent' },
  );
  for (const o of orders) if (t.wantsOrders) t.order(o.id, o.owner, 'z', o.buy, o.price, o.wh);
  t.cleared(result);
  t.endInterval();
  return t;
}

/** The naive maximum: every Wh on its own, bids from the highest price, asks from the lowest, paired while they cross. */
function naiveMaxWelfare(orders: readonly Order[]): bigint {
  const units = (buy: boolean): number[] => orders.filter((o) => o.buy === buy).flatMap((o) => new Array<number>(o.wh).fill(o.price));
  const bids = units(true).sort((a, b) => b - a);
  const asks = units(false).sort((a, b) => a - b);
  let w = 0n;
  for (let i = 0; i < Math.min(bids.length, asks.length) && (bids[i] as number) > (asks[i] as number); i++) w += BigInt((bids[i] as number) - (asks[i] as number));
  return w;
}

/** Uniform under another name, declaring itself not efficient: the tally must clear its orders a second time. */
const checkedUniform: AuctionMechanism = {
  ...BUILT_IN_MECHANISMS.uniform,
  name: 'uniform-rechecked',
  properties: { ...BUILT_IN_MECHANISMS.uniform.properties, efficient: false },
};

const HAND: readonly Order[] = [
  { id: 'b1', owner: 'p1', buy: true, price: 30, wh: 5 },
  { id: 'b2', owner: 'p2', buy: true, price: 20, wh: 5 },
  { id: 'a1', owner: 'p3', buy: false, price: 10, wh: 5 },
  { id: 'a2', owner: 'p4', buy: false, price: 15, wh: 5 },
];

describe('market efficiency', () => {
  it('WelfareTally.cleared reads a result\'s welfare in whole units, whatever its steps (its own unit read directly, another through the Decimal)', () => {
    const orders = [
      { id: 'b', owner: 'p1', side: 'buy' as const, price: '0.37', quantity: '1.25' },
      { id: 'a', owner: 'p2', side: 'sell' as const, price: '0.12', quantity: '0.75' },
    ];
    // Welfare (0.37 - 0.12) x 0.75 = 0.1875: 1,875,000 units of 0.0001 x 0.001 (the tally's unit).
    for (const [priceTick, quantityStep] of [['0.0001', '0.001'], ['0.0001', '0.05'], ['0.01', '0.25']] as const) {
      const t = new WelfareTally({ priceTick: createStep('0.0001', 'test', 'priceTick'), zones: ['z'], coupledFeeTicks: undefined, mechanism: 'uniform' });
      const result = clearAuction(orders, { priceTick, quantityStep });
      expect(result.welfare.toString()).toBe('0.1875');
      t.cleared(result);
      expect(t.reached).toBe(1_875_000n);
      expect(t.efficient).toBe(1_875_000n);
      expect(t.reachedDecimal()).toBe('0.1875');
    }
  });

  it('efficiency(): reached over maximum, six decimals half-even, null when nothing could be gained', () => {
    expect(efficiency(0n, 0n)).toBeNull();
    expect(efficiency(3n, 4n)).toBe(0.75);
    expect(efficiency(1n, 3n)).toBe(0.333333);
    expect(efficiency(2n, 3n)).toBe(0.666667);
    expect(efficiency(5n, 5n)).toBe(1);
    // Past 2^53: exact in bigints.
    expect(efficiency(2n ** 60n, 2n ** 61n)).toBe(0.5);
  });

  it('which mechanisms are efficient by declaration', () => {
    expect(declaresEfficient('uniform')).toBe(true);
    expect(declaresEfficient('discriminatory')).toBe(true);
    for (const m of ['mcafee', 'trade-reduction', 'huang']) expect(declaresEfficient(m)).toBe(false);
    expect(declaresEfficient(checkedUniform)).toBe(false);
    expect(declaresEfficient('no-such')).toBe(false);
  });

  it('hand example: McAfee loses the marginal Wh of the efficient 10 (125 units possible, 120 reached)', () => {
    // Efficient: 5 Wh x (30 - 10) + 5 Wh x (20 - 15) = 125 price ticks x Wh.
    const uniform = tally('uniform', HAND);
    expect([uniform.reached, uniform.efficient]).toEqual([125n, 125n]);
    const mcafee = tally('mcafee', HAND);
    expect(mcafee.efficient).toBe(125n);
    // No 11th Wh to price from: McAfee trades 9 of the 10 crossing Wh and drops the last (20 - 15).
    expect(mcafee.reached).toBe(120n);
    expect(efficiency(mcafee.reached, mcafee.efficient)).toBe(0.96);
    const again = tally(checkedUniform, HAND);
    expect([again.reached, again.efficient]).toEqual([125n, 125n]);
  });

  it('nothing crosses: maximum 0, efficiency null', () => {
    const t = tally('mcafee', [
      { id: 'b', owner: 'p1', buy: true, price: 5, wh: 3 },
      { id: 'a', owner: 'p2', buy: false, price: 9, wh: 3 },
    ]);
    expect([t.reached, t.efficient]).toEqual([0n, 0n]);
    expect(efficiency(t.reached, t.efficient)).toBeNull();
  });

  it('property: the reference maximum is the naive lot-by-lot maximum, and every mechanism reaches at most it', () => {
    const order = (buy: boolean) =>
      fc.record({ price: fc.integer({ min: 1, max: 40 }), wh: fc.integer({ min: 1, max: 6 }) }).map((o) => ({ ...o, buy }));
    fc.assert(
      fc.property(fc.array(order(true), { minLength: 0, maxLength: 6 }), fc.array(order(false), { minLength: 0, maxLength: 6 }), (bids, asks) => {
        // Distinct owners: no self trades, so the naive maximum applies as it is.
        const orders: Order[] = [...bids, ...asks].map((o, i) => ({ ...o, id: `o${i}`, owner: `p${i}` }));
        const max = naiveMaxWelfare(orders);
        for (const m of ['uniform', 'discriminatory', 'mcafee', 'trade-reduction', 'huang', checkedUniform] as const) {
          const t = tally(m, orders);
          expect(t.efficient).toBe(max);
          expect(t.reached >= 0n && t.reached <= t.efficient).toBe(true);
          const e = efficiency(t.reached, t.efficient);
          if (e !== null) expect(e >= 0 && e <= 1).toBe(true);
          if (declaresEfficient(m) || m === checkedUniform) expect(t.reached).toBe(max);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('in a run: 1 for uniform (coupled feeders with fees), also when re-cleared; below 1 for McAfee', () => {
    const options = { scenario: campusScenario(), days: 1, seed: 2 };
    const uniform = runSimulation(options);
    expect(uniform.totals.marketEfficiency).toBe(1);
    expect(uniform.metrics?.marketEfficiency).toBe(1);
    expect(uniform.totals.efficientWelfare).toBeCloseTo(uniform.totals.welfare, 6);
    // Uniform declared inefficient: every interval's orders are cleared again (joint, with the
    // campus's 50/120 fees) and must give exactly the welfare the market reached.
    const rechecked = runSimulation({ ...options, mechanism: { ...checkedUniform, supports: BUILT_IN_MECHANISMS.uniform.supports } });
    expect(rechecked.totals.welfare).toBe(uniform.totals.welfare);
    expect(rechecked.totals.marketEfficiency).toBe(1);
    const mcafee = runSimulation({ ...options, mechanism: 'mcafee' });
    const e = mcafee.totals.marketEfficiency as number;
    expect(e).toBeGreaterThan(0);
    expect(e).toBeLessThan(1);
    expect(mcafee.totals.welfare / (mcafee.totals.efficientWelfare as number)).toBeCloseTo(e, 5);
  });
});
