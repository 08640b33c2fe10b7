import { describe, expect, it } from 'vitest';
import { ManualClock, Market, type MarketOrderInput } from '../../src/index.js';
import { DAY, MIN, Q } from './market-helpers.js';

// MarketCore.orderProduct remembers the interval of the previous order; gate clearing trusts
// the market's ids (idsVouched). The order's own getters are user code run inside submit: they used
// to run after its time was fixed (pinned) and after the duplicate-id check; they now all run
// before both (see user-code-in-command.regression.test.ts).
describe('regression (review): user code inside submit (the order\'s getters)', () => {
  const make = (): { market: Market; clock: ManualClock } => {
    const clock = new ManualClock(DAY - 60 * MIN);
    const market = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: false });
    for (const id of ['a', 'b', 's']) market.registerParticipant({ id });
    return { market, clock };
  };

  // A getter that settles and prunes the order's interval: the submit goes on at its pinned time
  // (before the gate), and orderProduct hands it the remembered, pruned interval, whose product
  // number the market has forgotten (core.products[n] = undefined): reading the order then fails.
  // Before, core.product made a fresh interval for it and the market stayed readable.
  it('an order placed while a getter pruned its interval can still be read', () => {
    const { market, clock } = make();
    market.submit({ id: 'first', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    let ran = false;
    const order = {
      id: 'x',
      participant: 'b',
      deliveryStart: DAY,
      get side(): 'buy' {
        if (!ran) {
          ran = true;
          clock.set(DAY + Q);
          market.advanceTo(DAY + Q);
          market.settle(DAY, ['a', 'b', 's'].map((participant) => ({ participant, net: 0 })));
          market.prune(DAY + Q);
        }
        return 'buy';
      },
      price: 800,
      quantity: 1,
    } as unknown as MarketOrderInput;
    let refused = false;
    try {
      market.submit(order);
    } catch {
      refused = true; // refusing the order would be right too
    }
    expect(ran).toBe(true);
    if (refused) return;
    expect(() => market.order('x')).not.toThrow();
    expect(() => market.stateHash()).not.toThrow();
    expect(() => market.snapshot()).not.toThrow();
  });

  // A getter read after the duplicate-id check submits an order of the same id: two sealed
  // slots, one id. The gate used to refuse (DUPLICATE_ORDER_ID); now the one open order of 1 kWh
  // is cleared twice and buys 2 (no collateral needed).
  it('an id re-used by a getter inside submit never buys more than its quantity', () => {
    const { market } = make();
    market.submit({ id: 'sell', participant: 's', deliveryStart: DAY, side: 'sell', price: 700, quantity: 10 });
    let ran = false;
    const order = {
      id: 'x',
      get participant(): string {
        if (!ran) {
          ran = true;
          market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
        }
        return 'a';
      },
      deliveryStart: DAY,
      side: 'buy',
      price: 800,
      quantity: 1,
    } as unknown as MarketOrderInput;
    let refused = false;
    try {
      market.submit(order);
    } catch {
      refused = true;
    }
    expect(ran).toBe(true);
    if (refused) return;
    try {
      market.advanceTo(DAY - 5 * MIN);
    } catch {
      return; // the gate refused the clearing, as before
    }
    const bought = market.trades(DAY).filter((t) => t.buyOrderId === 'x').reduce((sum, t) => sum + Number(t.quantity.toString()), 0);
    expect(bought).toBeLessThanOrEqual(1);
  });
});
