import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MECHANISM_PROPERTIES } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { clearInts, kArb, marketArb, MECHANISMS, type IntOrder, type IntResult } from './helpers/market.js';
import { bruteForce, lotCounts, maxUniformVolume } from './helpers/oracle.js';
import {
  atK,
  clearingInterval,
  referenceHuang,
  referenceMcAfee,
  referenceTradeReduction,
  referenceUniform,
  type ReferenceOutcome,
} from './helpers/reference.js';

const rationingArb = fc.constantFrom('input-order' as const, 'pro-rata' as const);
const mechanismArb = fc.constantFrom(...MECHANISMS);

function kFraction(k: string | number): [bigint, bigint] {
  const text = String(k);
  const [int = '0', frac = ''] = text.split('.');
  const den = 10n ** BigInt(frac.length);
  return [BigInt(int) * den + BigInt(frac === '' ? '0' : frac), den];
}

function sideTotals(market: readonly IntOrder[], fills: readonly number[]): { bought: number; sold: number } {
  let bought = 0;
  let sold = 0;
  market.forEach((o, i) => {
    if (o.side === 'buy') bought += fills[i] as number;
    else sold += fills[i] as number;
  });
  return { bought, sold };
}

function reference(mechanism: (typeof MECHANISMS)[number], market: readonly IntOrder[], k: string | number, rationing: 'input-order' | 'pro-rata'): ReferenceOutcome {
  const [kNum, kDen] = kFraction(k);
  switch (mechanism) {
    case 'uniform':
    case 'discriminatory':
      return referenceUniform(market, kNum, kDen, rationing);
    case 'mcafee':
      return referenceMcAfee(market, rationing);
    case 'trade-reduction':
      return referenceTradeReduction(market, rationing);
    case 'huang':
      return referenceHuang(market);
  }
}

/** The invariants every mechanism's result must satisfy, whatever it declares. */
function checkBasics(market: readonly IntOrder[], r: IntResult): void {
  const { bought, sold } = sideTotals(market, r.fills);
  expect(bought).toBe(sold);
  expect(bought).toBe(r.volume);
  market.forEach((o, i) => {
    const f = r.fills[i] as number;
    expect(Number.isInteger(f) && f >= 0 && f <= o.quantity).toBe(true);
  });
  let tradeVolume = 0;
  let payments = 0;
  let receipts = 0;
  for (const t of r.trades) {
    const bid = market[t.buy] as IntOrder;
    const ask = market[t.sell] as IntOrder;
    expect(bid.side).toBe('buy');
    expect(ask.side).toBe('sell');
    expect(t.quantity).toBeGreaterThan(0);
    expect(bid.price - t.fee).toBeGreaterThanOrEqual(ask.price);
    tradeVolume += t.quantity;
    payments += t.buyerPrice * t.quantity;
    receipts += t.sellerPrice * t.quantity;
  }
  expect(tradeVolume).toBe(r.volume);
  expect(payments - receipts).toBe(r.fees + r.surplus);
}

describe('clearAuction (properties of every mechanism)', () => {
  it('buys what it sells, never over-fills, and passes its own verification', () => {
    fc.assert(
      fc.property(marketArb(), mechanismArb, kArb, rationingArb, (market, mechanism, k, rationing) => {
        checkBasics(market, clearInts(market, { mechanism, k, rationing }));
      }),
      { numRuns: runs(300) },
    );
  });

  it('is individually rational and budget-balanced as each mechanism declares', () => {
    fc.assert(
      fc.property(marketArb(), mechanismArb, kArb, (market, mechanism, k) => {
        const r = clearInts(market, { mechanism, k });
        const props = MECHANISM_PROPERTIES[mechanism];
        expect(props.individuallyRational).toBe(true);
        for (const t of r.trades) {
          expect(t.buyerPrice).toBeLessThanOrEqual((market[t.buy] as IntOrder).price);
          expect(t.sellerPrice).toBeGreaterThanOrEqual((market[t.sell] as IntOrder).price);
        }
        if (props.budgetBalance === 'strong') expect(r.surplus).toBe(0);
        else expect(r.surplus).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: runs(300) },
    );
  });

  it('agrees with a naive lot-by-lot reference on fills and prices', () => {
    fc.assert(
      fc.property(marketArb(), mechanismArb, kArb, rationingArb, (market, mechanism, k, rationing) => {
        const r = clearInts(market, { mechanism, k, rationing });
        const ref = reference(mechanism, market, k, rationing);
        expect(r.fills).toEqual(ref.fills);
        if (mechanism === 'discriminatory') return;
        for (const t of r.trades) {
          expect(t.buyerPrice).toBe(ref.buyerPrice);
          expect(t.sellerPrice).toBe(ref.sellerPrice);
        }
      }),
      { numRuns: runs(400) },
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(marketArb(), mechanismArb, rationingArb, (market, mechanism, rationing) => {
        const a = clearInts(market, { mechanism, rationing });
        const b = clearInts(market, { mechanism, rationing });
        expect(b.fills).toEqual(a.fills);
        expect(b.trades).toEqual(a.trades);
        expect(b.price).toBe(a.price);
      }),
      { numRuns: runs(100) },
    );
  });

  it('changes nothing but the tie rule when the input is permuted', () => {
    fc.assert(
      fc.property(marketArb(), mechanismArb, rationingArb, fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), (market, mechanism, rationing, keys) => {
        // A permutation: sort the positions by random keys.
        const perm = market.map((_, i) => i).sort((x, y) => (keys[x] as number) - (keys[y] as number) || x - y);
        const shuffled = perm.map((i) => market[i] as IntOrder);
        const a = clearInts(market, { mechanism, rationing });
        const b = clearInts(shuffled, { mechanism, rationing });
        // Huang's marginal orders are found lot by lot, so among orders at the marginal price the
        // input position decides which one sets the price and sits out: with ties, only the
        // rules themselves are invariant (checked elsewhere).
        const tied = new Set(market.map((o) => `${o.side}${o.price}`)).size < market.length;
        if (mechanism === 'huang') {
          if (tied) return;
          // Without ties the trading orders and the prices do not move; the long side's equal
          // reduction hands its remainder lots (at most one per order) by input position.
          expect(b.price).toBe(a.price);
          expect(b.volume).toBe(a.volume);
          perm.forEach((orig, j) => expect(Math.abs((b.fills[j] as number) - (a.fills[orig] as number))).toBeLessThanOrEqual(1));
          return;
        }
        expect(b.price).toBe(a.price);
        expect(b.volume).toBe(a.volume);
        expect(b.welfare).toBe(a.welfare);
        expect(b.surplus).toBe(a.surplus);
        // Per price level (side, price) the total filled is the same; an order alone at its level
        // keeps its fill exactly.
        const levelA = new Map<string, number>();
        const levelB = new Map<string, number>();
        const count = new Map<string, number>();
        market.forEach((o, i) => {
          const key = `${o.side}${o.price}`;
          levelA.set(key, (levelA.get(key) ?? 0) + (a.fills[i] as number));
          count.set(key, (count.get(key) ?? 0) + 1);
        });
        perm.forEach((orig, j) => {
          const o = market[orig] as IntOrder;
          const key = `${o.side}${o.price}`;
          levelB.set(key, (levelB.get(key) ?? 0) + (b.fills[j] as number));
          if (count.get(key) === 1) expect(b.fills[j]).toBe(a.fills[orig]);
        });
        expect(levelB).toEqual(levelA);
      }),
      { numRuns: runs(200) },
    );
  });

  it('fills strictly better prices before the marginal price (all but huang, which rations the long side equally)', () => {
    fc.assert(
      fc.property(marketArb(), fc.constantFrom('uniform', 'discriminatory', 'mcafee', 'trade-reduction' as const), rationingArb, (market, mechanism, rationing) => {
        const r = clearInts(market, { mechanism, rationing });
        market.forEach((o, i) => {
          if ((r.fills[i] as number) === 0) return;
          market.forEach((p, j) => {
            if (p.side !== o.side) return;
            const better = o.side === 'buy' ? p.price > o.price : p.price < o.price;
            if (better) expect(r.fills[j]).toBe(p.quantity);
          });
        });
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('clearAuction uniform', () => {
  it('trades the largest volume and welfare the orders allow (brute-force oracle)', () => {
    const small = marketArb({ maxPerSide: 4, maxQuantity: 3, minPrice: 0, maxPrice: 8 }).filter((m) => {
      const c = lotCounts(m);
      return c.bids <= 6 && c.asks <= 6;
    });
    fc.assert(
      fc.property(small, fc.constantFrom('uniform', 'discriminatory' as const), rationingArb, (market, mechanism, rationing) => {
        const r = clearInts(market, { mechanism, rationing });
        const oracle = bruteForce(market);
        expect(r.welfare).toBe(oracle.maxWelfare);
        // The largest volume at one price (what a uniform price can clear) is also the largest
        // volume among the welfare-maximising allocations. Pairing bids with asks freely could
        // trade more (bids 1, 0 and asks 0, 1 make two crossing pairs), but only at two prices.
        expect(r.volume).toBe(maxUniformVolume(market));
        expect(r.volume).toBe(oracle.volumeAtMaxWelfare);
        expect(r.volume).toBeLessThanOrEqual(oracle.maxVolume);
      }),
      { numRuns: runs(300) },
    );
  });

  it('leaves no crossable pair of a bid and an ask with lots left', () => {
    fc.assert(
      fc.property(marketArb(), fc.constantFrom('uniform', 'discriminatory' as const), rationingArb, (market, mechanism, rationing) => {
        const r = clearInts(market, { mechanism, rationing });
        let bestOpenBid = -Infinity;
        let bestOpenAsk = Infinity;
        market.forEach((o, i) => {
          if ((r.fills[i] as number) === o.quantity) return;
          if (o.side === 'buy') bestOpenBid = Math.max(bestOpenBid, o.price);
          else bestOpenAsk = Math.min(bestOpenAsk, o.price);
        });
        expect(bestOpenBid < bestOpenAsk).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });

  it('prices at position k of the clearing interval, fills every bid above and every ask below the price', () => {
    fc.assert(
      fc.property(marketArb(), kArb, (market, k) => {
        const r = clearInts(market, { k });
        const interval = clearingInterval(market);
        if (interval === undefined || r.volume === 0) {
          expect(r.price).toBeUndefined();
          expect(r.volume).toBe(0);
          return;
        }
        const [kNum, kDen] = kFraction(k);
        const price = r.price as number;
        expect(price).toBe(atK(interval.low, interval.high, kNum, kDen));
        expect(price).toBeGreaterThanOrEqual(interval.low);
        expect(price).toBeLessThanOrEqual(interval.high);
        expect(r.result.interval?.low.toNumber()).toBe(interval.low);
        expect(r.result.interval?.high.toNumber()).toBe(interval.high);
        market.forEach((o, i) => {
          if (o.side === 'buy' && o.price > price) expect(r.fills[i]).toBe(o.quantity);
          if (o.side === 'sell' && o.price < price) expect(r.fills[i]).toBe(o.quantity);
          if (o.side === 'buy' && o.price < price) expect(r.fills[i]).toBe(0);
          if (o.side === 'sell' && o.price > price) expect(r.fills[i]).toBe(0);
        });
        for (const t of r.trades) {
          expect(t.buyerPrice).toBe(price);
          expect(t.sellerPrice).toBe(price);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('clearAuction discriminatory', () => {
  it('prices every pair at ask + k * (bid - ask), rounded half-up, buyer and seller alike', () => {
    fc.assert(
      fc.property(marketArb(), kArb, (market, k) => {
        const r = clearInts(market, { mechanism: 'discriminatory', k });
        const [kNum, kDen] = kFraction(k);
        for (const t of r.trades) {
          const bid = (market[t.buy] as IntOrder).price;
          const ask = (market[t.sell] as IntOrder).price;
          expect(t.sellerPrice).toBe(atK(ask, bid, kNum, kDen));
          expect(t.buyerPrice).toBe(t.sellerPrice);
        }
        expect(r.price).toBeUndefined();
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('clearAuction truthful mechanisms (efficiency loss)', () => {
  it('mcafee loses at most one lot and trade-reduction exactly one against uniform', () => {
    fc.assert(
      fc.property(marketArb(), (market) => {
        const u = clearInts(market).volume;
        const m = clearInts(market, { mechanism: 'mcafee' }).volume;
        const t = clearInts(market, { mechanism: 'trade-reduction' }).volume;
        expect(u - m === 0 || u - m === 1).toBe(true);
        expect(t).toBe(Math.max(0, u - 1));
      }),
      { numRuns: runs(300) },
    );
  });
});
