import { describe, expect, it } from 'vitest';
import { campusMarket, DAY, fund } from './market-helpers.js';

// MarketCore.heard: the market asks its emitter about an event's listeners only once one was
// ever added to that event. A listener added (with on or once) after commands that nobody heard
// must hear the next ones, also when other events had listeners all along.
describe('market events: listeners added late', () => {
  it('on and once added after unheard commands hear the next ones; off stops them', () => {
    const { market } = campusMarket();
    fund(market, ['a', 'b']);
    market.submit({ id: 'o1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 900, quantity: 1 });
    const accepted: string[] = [];
    const onceSeen: string[] = [];
    const listener = (e: { orderId: string }): void => {
      accepted.push(e.orderId);
    };
    market.on('orderAccepted', listener);
    market.once('orderAccepted', (e) => onceSeen.push(e.orderId));
    market.submit({ id: 'o2', participant: 'b', deliveryStart: DAY, side: 'buy', price: 1000, quantity: 1 });
    market.submit({ id: 'o3', participant: 'b', deliveryStart: DAY, side: 'buy', price: 1000, quantity: 1 });
    market.off('orderAccepted', listener);
    market.submit({ id: 'o4', participant: 'b', deliveryStart: DAY, side: 'buy', price: 1000, quantity: 1 });
    expect(accepted).toEqual(['o2', 'o3']);
    expect(onceSeen).toEqual(['o2']);
  });

  it('a listener of another event first does not stand in for the later listener of this one', () => {
    const { market } = campusMarket();
    fund(market, ['a', 'b']);
    const trades: string[] = [];
    market.on('trade', (t) => trades.push(t.buyer));
    market.submit({ id: 'o1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 900, quantity: 1 });
    const accepted: string[] = [];
    const onceSeen: string[] = [];
    market.once('orderCancelled', (e) => onceSeen.push(e.orderId));
    market.on('orderAccepted', (e) => accepted.push(e.orderId));
    market.submit({ id: 'o2', participant: 'b', deliveryStart: DAY, side: 'buy', price: 1000, quantity: 1 });
    expect(market.cancel('o2')).toBe(true);
    expect(accepted).toEqual(['o2']);
    expect(onceSeen).toEqual(['o2']);
  });

  it('a name that is no market event is ignored (no new flag on the market)', () => {
    const { market } = campusMarket();
    (market as unknown as { on: (e: string, f: () => void) => void }).on('noSuchEvent', () => undefined);
    const core = (market as unknown as { core: { heard: Record<string, boolean> } }).core;
    expect(Object.hasOwn(core.heard, 'noSuchEvent')).toBe(false);
    expect(Object.values(core.heard).every((v) => !v)).toBe(true);
  });
});
