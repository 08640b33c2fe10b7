import { describe, expect, it } from 'vitest';
import { campusMarket, closeGateArmed, DAY, fund, MIN, nestingMechanism } from './market-helpers.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { ErrorCode, type Market } from '../../src/index.js';

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

  // Found while moving record out of market.ts: a submit that nobody keeps (no journal, no store)
  // was only counted, so its time was not remembered and the market's time could go back to
  // before it (docs/market.md, "Time": never before its last command's), unlike with a journal.
  it('regression: with journal: false too, a clock that goes back does not take the market\'s time back before a submit', () => {
    for (const journal of [true, false]) {
      let t = DAY - 60 * MIN;
      const { market } = campusMarket({ clock: { now: () => t }, journal });
      fund(market, ['lab']);
      t = DAY - 10 * MIN;
      market.submit({ id: 'b1', participant: 'lab', deliveryStart: DAY, side: 'buy', price: 1500, quantity: 1 });
      t = DAY - 30 * MIN; // the clock goes back (a system clock corrected)
      expect(market.now, `journal: ${journal}`).toBe(DAY - 10 * MIN);
      expectWattError(() => market.advanceTo(DAY - 20 * MIN), ErrorCode.INVALID_TIME, { fnName: 'Market.advanceTo' });
    }
  });

  // Regression (review of the market.ts split): without a store, a checkpoint asked for by a
  // mechanism clearing one of the market's gates resolved, where snapshot() refuses it.
  it('refuses a checkpoint from a mechanism clearing the market\'s gate, store or none (as snapshot)', async () => {
    const ref: { market?: Market; armed: boolean } = { armed: false };
    let checkpoint: Promise<void> | undefined;
    const { market, clock } = campusMarket({ mode: 'auction', mechanism: nestingMechanism(ref, (m) => {
      checkpoint = m.checkpoint();
    }) });
    ref.market = market;
    fund(market, ['a', 'b']);
    closeGateArmed(market, clock, ref);
    expect(checkpoint).toBeDefined();
    await expect(checkpoint).rejects.toMatchObject({ code: ErrorCode.MECHANISM_FAILED });
    expect(market.trades(DAY)).toHaveLength(1);
  });
});
