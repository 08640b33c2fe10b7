import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, ManualClock, Market, type AuctionMechanism } from '../../src/index.js';
import { DAY, fund, MIN, placeCrossingPair } from './market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Third review: MarketCore.clearingGate cannot stay set after an exception.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };

describe('review3: clearingGate after a failing mechanism', () => {
  for (const how of ['throws', 'lets the nested refusal through'] as const) {
    it(`a mechanism that ${how} fails its gate; the market takes commands afterwards and replays`, () => {
      let armed = false;
      const ref: { market?: Market } = {};
      const mechanism: AuctionMechanism = {
        name: 'failing',
        properties: BUILT_IN_MECHANISMS.uniform.properties,
        clear(orders, context) {
          if (armed) {
            armed = false;
            if (how === 'throws') throw new Error('boom');
            ref.market?.cancel('b1');
          }
          return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
        },
      };
      const clock = new ManualClock(DAY - 60 * MIN);
      const opts = { tariff: TARIFF, priceTick: 1, journal: true, mode: 'auction' as const, mechanism };
      const market = new Market({ clock, ...opts });
      ref.market = market;
      fund(market, ['a', 'b']);
      placeCrossingPair(market);
      clock.set(DAY - 5 * MIN);
      armed = true;
      expect(codeOf(() => market.advanceTo(DAY - 5 * MIN))).toBe('MECHANISM_FAILED');
      // Not stuck: commands are accepted again, and the gate clears on the next advance.
      expect(market.deposit({ id: 'late', participant: 'a', amount: 1 }).status).toBe('created');
      market.advanceTo(DAY - 5 * MIN);
      expect(market.trades(DAY).length).toBeGreaterThan(0);
      expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
    });
  }

  it("a mechanism of market A may command market B, whose mechanism's command of A is refused", () => {
    const refs: { a?: Market; b?: Market } = {};
    const seen: (string | undefined)[] = [];
    const mk = (self: 'a' | 'b'): AuctionMechanism => ({
      name: `m-${self}`,
      properties: BUILT_IN_MECHANISMS.uniform.properties,
      clear(orders, context) {
        if (self === 'a' && refs.b !== undefined) seen.push(codeOf(() => refs.b?.deposit({ id: 'from-a', participant: 'a', amount: 1 })));
        return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      },
    });
    const clock = new ManualClock(DAY - 60 * MIN);
    const a = new Market({ clock, tariff: TARIFF, priceTick: 1, mode: 'auction', mechanism: mk('a') });
    const b = new Market({ clock, tariff: TARIFF, priceTick: 1, mode: 'auction', mechanism: mk('b') });
    refs.a = a;
    refs.b = b;
    fund(a, ['a', 'b']);
    fund(b, ['a', 'b']);
    a.submit({ id: 's1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 5 });
    a.submit({ id: 'b1', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 3 });
    clock.set(DAY - 5 * MIN);
    a.advanceTo(DAY - 5 * MIN);
    expect(seen).toEqual([undefined]);
  });
});
