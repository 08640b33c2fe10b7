import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market, type MarketOptions, type ProductMode } from '../../src/index.js';
import { DAY, MIN, Q } from './market-helpers.js';

// Second review: Market.replay against the live state hash with a ledger
// clock that moves on every read, in all three modes, with and without collateral.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };

function ticking(start: number): { now(): number } {
  let t = start;
  return { now: (): number => (t += 1000) };
}

function options(ledger: Ledger, mode: ProductMode, collateral: boolean): Omit<MarketOptions, 'clock'> {
  return { tariff: TARIFF, priceTick: 1, collateral, energyCollateral: false, mode, ledger };
}

function ledger(clock: { now(): number }): Ledger {
  return new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock });
}

function run(mode: ProductMode, collateral: boolean): { live: Market; opts: Omit<MarketOptions, 'clock'> } {
  const clock = new ManualClock(DAY - 60 * MIN);
  const live = new Market({ clock, ...options(ledger(ticking(DAY)), mode, collateral) });
  for (const id of ['a', 'b', 'c']) {
    live.registerParticipant({ id });
    live.deposit({ id: `d-${id}`, participant: id, amount: 1_000_000 });
  }
  live.submit({ id: 's1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 2 });
  live.submit({ id: 's2', participant: 'c', deliveryStart: DAY, side: 'sell', price: 750, quantity: 1 });
  live.submit({ id: 'b1', participant: 'b', deliveryStart: DAY, side: 'buy', price: 680, quantity: 1 });
  live.amend('b1', { price: 900 });
  live.cancel('s2');
  live.submit({ id: 'b2', participant: 'c', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
  clock.set(DAY + Q);
  live.advanceTo(DAY + Q);
  live.settle(DAY, [{ participant: 'a', net: 2 }, { participant: 'b', net: -1 }, { participant: 'c', net: -1 }]);
  live.withdraw({ id: 'w', participant: 'a', amount: 5 });
  clock.set(DAY + 3 * Q);
  live.prune(DAY + 2 * Q);
  return { live, opts: options(ledger(ticking(DAY + 123_456)), mode, collateral) };
}

describe('review2: replay with a moving ledger clock', () => {
  for (const mode of ['auction', 'continuous', 'continuous-then-auction'] as const) {
    for (const collateral of [true, false]) {
      it(`R2-7: ${mode}, collateral ${String(collateral)}: the replay reaches the live state hash`, () => {
        const { live, opts } = run(mode, collateral);
        const replayed = Market.replay(live.journal(), opts);
        expect(replayed.journal()).toEqual(live.journal());
        expect(replayed.stateHash()).toBe(live.stateHash());
      });
    }
  }
});
