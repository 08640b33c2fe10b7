// Found by the review of the market.ts split (pre-existing): a durable market with
// `journal: false` (the setup docs/durability.md recommends) journalled its settlements to the
// store with no readings (market-settlement.ts kept them only for `config.journal`, not whenever
// the market keeps its commands), so its store could not be opened again (STORE_CORRUPT) once an
// interval with trades was settled. Also pinned: the time fix of the split (190159f) covers a
// durable `journal: false` market's recovery, and a snapshot no longer depends on the journal switch.
import { describe, expect, it } from 'vitest';
import { Market, MemoryStore } from '../../src/index.js';
import type { Clock, MarketOptions } from '../../src/index.js';
import { DAY, fund, MIN, Q } from './market-helpers.js';

/** A clock the test sets, which may go back (a system clock corrected). */
function settableClock(start: number): Clock & { t: number } {
  return {
    t: start,
    now() {
      return this.t;
    },
  };
}

function options(clock: Clock, journal: boolean): MarketOptions {
  return { clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, mode: 'continuous', journal };
}

describe('regression: a durable market with journal: false', () => {
  // The store got `readings: []`, and the recovery's settle then refused: "participant 'b' has no
  // meter reading".
  for (const steps of [false, true]) {
    it(`reopens its store after a ${steps ? 'settleSteps' : 'settle'} (the readings are journalled to the store)`, async () => {
      const store = new MemoryStore();
      const clock = settableClock(DAY - 60 * MIN);
      const market = await Market.open({ ...options(clock, false), store });
      fund(market, ['a', 'b']);
      market.submit({ id: 's1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 2 });
      market.submit({ id: 'b1', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 2 });
      expect(market.trades(DAY)).toHaveLength(1);
      clock.t = DAY + Q;
      market.advanceTo(DAY + Q);
      if (steps) market.settleSteps(DAY, [{ participant: 'a', exportedSteps: 2000 }, { participant: 'b', importedSteps: 2000 }]);
      else market.settle(DAY, [{ participant: 'a', exported: 2 }, { participant: 'b', imported: 2 }]);
      const hash = market.stateHash();
      const sequence = market.sequence;
      await market.close();
      const again = await Market.open({ ...options(clock, false), store });
      expect(again.sequence).toBe(sequence);
      expect(again.stateHash()).toBe(hash);
      await again.close();
    });
  }

  // 190159f: during recovery no store is attached yet, so a journal: false market's submits were
  // only counted (record(undefined)); the recovered market's time could then lie before its last
  // submit, where the live market's did not. Fails on 39b4faa, passes with the fix.
  it('recovers to the time of its last submit, even when the clock went back meanwhile', async () => {
    const store = new MemoryStore();
    const clock = settableClock(DAY - 60 * MIN);
    const market = await Market.open({ ...options(clock, false), store });
    fund(market, ['a']);
    clock.t = DAY - 50 * MIN;
    market.submit({ id: 'b1', participant: 'a', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
    await market.checkpoint();
    clock.t = DAY - 40 * MIN;
    market.submit({ id: 'b2', participant: 'a', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
    expect(market.now).toBe(DAY - 40 * MIN);
    await market.close();
    clock.t = DAY - 55 * MIN; // the clock goes back while the market is closed
    const again = await Market.open({ ...options(clock, false), store });
    expect(again.now).toBe(DAY - 40 * MIN);
    expect(again.snapshot().lastCommandTime).toBe(DAY - 40 * MIN);
    await again.close();
  });
});

describe('the journal switch shapes no state of a market (the time fix of the split)', () => {
  // The options hash leaves the journal switch out (options-hash.ts), so a snapshot of either
  // market restores into the other: they must be the same snapshot. On 39b4faa the journal: false
  // market's lastCommandTime lagged behind its last submit.
  it('the same commands give the same snapshot with journal: true and journal: false', () => {
    const snaps = [true, false].map((journal) => {
      const clock = settableClock(DAY - 60 * MIN);
      const market = new Market(options(clock, journal));
      fund(market, ['a', 'b']);
      clock.t = DAY - 30 * MIN;
      market.submit({ id: 's1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 2 });
      clock.t = DAY - 20 * MIN;
      market.submitSteps({ id: 'b1', participant: 'b', deliveryStart: DAY + Q, side: 'buy', priceTicks: 900, quantitySteps: 1000 });
      clock.t = DAY - 25 * MIN; // back
      return { snapshot: market.snapshot(), hash: market.stateHash(), now: market.now };
    });
    expect(snaps[1]).toEqual(snaps[0]);
    expect(snaps[0]?.snapshot.lastCommandTime).toBe(DAY - 20 * MIN);
  });
});
