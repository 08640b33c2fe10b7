import { describe, expect, it } from 'vitest';
import { campusMarket, DAY, fund } from './market-helpers.js';

describe('MarketRecorder (Market.flush, checkpoint, close)', () => {
  it('resolves at once for a market without a store, and changes nothing', async () => {
    const { market } = campusMarket();
    fund(market, ['roof', 'lab']);
    market.submit({ id: 'b1', participant: 'lab', deliveryStart: DAY, side: 'buy', price: 1500, quantity: 2 });
    const before = { hash: market.stateHash(), sequence: market.sequence, journal: [...market.journal()] };
    await expect(market.flush()).resolves.toBeUndefined();
    await expect(market.checkpoint()).resolves.toBeUndefined();
    await expect(market.close()).resolves.toBeUndefined();
    expect(market.stateHash()).toBe(before.hash);
    expect(market.sequence).toBe(before.sequence);
    expect(market.journal()).toEqual(before.journal);
  });

  it('numbers every accepted command once, and journals it with its number (the init entry is 0)', () => {
    const { market } = campusMarket();
    fund(market, ['roof']);
    expect(market.cancel('no-such-order')).toBe(false); // not accepted: neither numbered nor journalled
    expect(market.journal().map((c) => [c.seq, c.kind])).toEqual([[0, 'init'], [1, 'register'], [2, 'deposit']]);
    expect(market.sequence).toBe(2);
  });

  it('counts but does not journal with journal: false', () => {
    const { market } = campusMarket({ journal: false });
    fund(market, ['roof']);
    expect(market.journal()).toEqual([]);
    expect(market.sequence).toBe(2);
  });
});
