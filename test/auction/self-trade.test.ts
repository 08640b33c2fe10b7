import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, ErrorCode, type AuctionOptions, type AuctionOrder, type AuctionResult } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { kArb, marketArb, MECHANISMS, type IntOrder } from './helpers/market.js';

const INT = { priceTick: 1, quantityStep: 1, verify: true } as const;

/** Orders with ids o0, o1, ... and owners from `owners` (cycled by `pick`). */
function owned(market: readonly IntOrder[], pick: readonly number[], owners: number): AuctionOrder[] {
  return market.map((o, i) => ({
    id: `o${i}`,
    owner: `p${(pick[i] ?? i) % owners}`,
    side: o.side,
    price: o.price,
    quantity: o.quantity,
    ...(o.zone === undefined ? {} : { zone: o.zone }),
  }));
}

function buyerOf(orders: readonly AuctionOrder[], id: string): string {
  return (orders.find((o) => o.id === id) as AuctionOrder).owner;
}

function selfTrades(orders: readonly AuctionOrder[], r: AuctionResult): number {
  return r.trades.filter((t) => t.buyer === t.seller || buyerOf(orders, t.buyOrderId) === buyerOf(orders, t.sellOrderId)).length;
}

/** Lots each owner has filled, on both sides together. */
function fillsByOwner(orders: readonly AuctionOrder[], r: AuctionResult): Map<string, number> {
  const m = new Map<string, number>();
  r.fills.forEach((f, i) => {
    const owner = (orders[i] as AuctionOrder).owner;
    m.set(owner, (m.get(owner) ?? 0) + f.filled.toNumber());
  });
  return m;
}

const ZONES = { fees: { n: { n: 0, s: 2 }, s: { n: 2, s: 0 } }, defaultZone: 'n' } as const;
const FLAT_ZONES = { fees: { n: { n: 1, s: 1 }, s: { n: 1, s: 1 } }, defaultZone: 'n' } as const;

describe('clearAuction selfTrade', () => {
  it("re-pairs a participant's own bid and ask with other participants where it can", () => {
    const orders: AuctionOrder[] = [
      { id: 'ab', owner: 'a', side: 'buy', price: 30, quantity: 10 },
      { id: 'bb', owner: 'b', side: 'buy', price: 25, quantity: 10 },
      { id: 'aa', owner: 'a', side: 'sell', price: 5, quantity: 10 },
      { id: 'ca', owner: 'c', side: 'sell', price: 10, quantity: 10 },
    ];
    const allow = clearAuction(orders, INT);
    const prevent = clearAuction(orders, { ...INT, selfTrade: 'prevent' });
    expect(allow.trades.map((t) => `${t.buyer}<-${t.seller}`)).toContain('a<-a');
    expect(prevent.trades.map((t) => `${t.buyer}<-${t.seller} ${t.quantity.toString()}`).sort()).toEqual(['a<-c 10', 'b<-a 10']);
    // Nothing else changes: the price, the volume, every fill, the welfare.
    expect(prevent.price?.toString()).toBe(allow.price?.toString());
    expect(prevent.volume.toString()).toBe('20');
    expect(prevent.fills.map((f) => f.filled.toString())).toEqual(allow.fills.map((f) => f.filled.toString()));
    expect(prevent.welfare.toString()).toBe(allow.welfare.toString());
  });

  it('does not trade the quantity a participant could only trade with itself, at the price all orders set', () => {
    const orders: AuctionOrder[] = [
      { id: 'ab', owner: 'a', side: 'buy', price: 25, quantity: 10 },
      { id: 'aa', owner: 'a', side: 'sell', price: 5, quantity: 8 },
      { id: 'bb', owner: 'b', side: 'buy', price: 30, quantity: 3 },
    ];
    const allow = clearAuction(orders, INT);
    const prevent = clearAuction(orders, { ...INT, selfTrade: 'prevent' });
    expect(allow.volume.toString()).toBe('8');
    // b buys 3 from a; the other 5 lots a could only have bought from itself.
    expect(prevent.volume.toString()).toBe('3');
    expect(prevent.trades.map((t) => `${t.buyer}<-${t.seller} ${t.quantity.toString()}`)).toEqual(['b<-a 3']);
    expect(prevent.price?.toString()).toBe(allow.price?.toString());
    expect(prevent.fills.map((f) => f.filled.toString())).toEqual(['0', '3', '3']);
    expect(prevent.welfare.toNumber()).toBe(3 * (30 - 5));
    const alone = clearAuction(orders.slice(0, 2), { ...INT, selfTrade: 'prevent' });
    expect(alone.volume.toString()).toBe('0');
    expect(alone.trades).toEqual([]);
    // Nothing trades, so there is no price (as for any auction without trades).
    expect(alone.price).toBeUndefined();
  });

  it('rejects a selfTrade option that is not allow or prevent', () => {
    expectWattError(() => clearAuction([], { selfTrade: 'cancel' as never }), ErrorCode.INVALID_OPTION);
  });

  it('never pairs a participant with itself, keeps the declared properties, and nets out only what it must', () => {
    fc.assert(
      fc.property(
        marketArb({ maxPerSide: 6 }),
        fc.array(fc.nat(9), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...MECHANISMS),
        kArb,
        fc.constantFrom('input-order' as const, 'pro-rata' as const),
        (market, pick, owners, mechanism, k, rationing) => {
          const orders = owned(market, pick, owners);
          const options: AuctionOptions = { ...INT, mechanism, k, rationing };
          const allow = clearAuction(orders, options);
          // verify: true checks IR, budget balance and the prices of the result it returns.
          const prevent = clearAuction(orders, { ...options, selfTrade: 'prevent' });
          expect(selfTrades(orders, prevent)).toBe(0);
          if (prevent.volume.toNumber() > 0) expect(prevent.price?.toString()).toBe(allow.price?.toString());
          // Without zones every self pair that has another pairing is re-paired: the volume
          // drops by exactly the excess of the one participant whose fills pass the volume.
          const volume = allow.volume.toNumber();
          let excess = 0;
          for (const f of fillsByOwner(orders, allow).values()) excess = Math.max(excess, f - volume);
          expect(prevent.volume.toNumber()).toBe(volume - excess);
          prevent.fills.forEach((f, i) => expect(f.filled.toNumber()).toBeLessThanOrEqual((allow.fills[i] as (typeof allow.fills)[number]).filled.toNumber()));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('never pairs a participant with itself with zones and fees', () => {
    fc.assert(
      fc.property(
        marketArb({ maxPerSide: 5, zones: ['n', 's'] }),
        fc.array(fc.nat(9), { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('uniform' as const, 'discriminatory' as const),
        fc.boolean(),
        (market, pick, owners, mechanism, flat) => {
          const orders = owned(market, pick, owners);
          const prevent = clearAuction(orders, { ...INT, mechanism, zones: flat ? FLAT_ZONES : ZONES, selfTrade: 'prevent' });
          expect(selfTrades(orders, prevent)).toBe(0);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('gives exactly the result of allow when no participant has both a bid and an ask', () => {
    fc.assert(
      fc.property(marketArb({ maxPerSide: 6 }), fc.constantFrom(...MECHANISMS), kArb, fc.boolean(), (market, mechanism, k, zoned) => {
        // Buyers b0.., sellers s0..: nobody is on both sides (a participant may have several orders).
        const orders = market.map((o, i) => ({ id: `o${i}`, owner: `${o.side === 'buy' ? 'b' : 's'}${i % 3}`, side: o.side, price: o.price, quantity: o.quantity }));
        const options: AuctionOptions = { ...INT, mechanism, k, ...(zoned && (mechanism === 'uniform' || mechanism === 'discriminatory') ? { zones: ZONES } : {}) };
        const allow = clearAuction(orders, options);
        const prevent = clearAuction(orders, { ...options, selfTrade: 'prevent' });
        expect(JSON.stringify(prevent)).toBe(JSON.stringify(allow));
      }),
      { numRuns: runs(200) },
    );
  });
});
