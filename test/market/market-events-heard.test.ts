import { describe, expect, it } from 'vitest';
import { campusMarket, DAY, fund } from './market-helpers.js';

// MarketCore.heard: the market asks its emitter about listeners only once one was ever added.
// A listener added (with on or once) after commands that nobody heard must hear the next ones.
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
});
