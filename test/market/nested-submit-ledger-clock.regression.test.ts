import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market } from '../../src/index.js';
import { DAY, fund, HookClock, MIN, Q } from './market-helpers.js';

// Found in review (it failed before this round too): the ledger clock read while a sealed order's collateral
// is reserved settles and prunes the order's interval; the order was then added to the pruned product
// and the market could no longer be read. (The ledger clock is now read before the submit's checks,
// which then refuse the order: PRODUCT_CLOSED; see user-code-in-command.regression.test.ts.)
describe('regression (review): nested commands from the ledger clock inside submit', () => {
  it('an order placed while the ledger clock pruned its interval leaves the market readable', () => {
    const clock = new ManualClock(DAY - 60 * MIN);
    const ledgerClock = new HookClock(DAY - 60 * MIN, true);
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock });
    const market = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: true, ledger });
    fund(market, ['a', 'b']);
    market.submit({ id: 'first', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    ledgerClock.hook = () => {
      clock.set(DAY + Q);
      market.advanceTo(DAY + Q);
      market.settle(DAY, ['a', 'b'].map((participant) => ({ participant, net: 0 })));
      market.prune(DAY + Q);
    };
    try {
      market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    } catch {
      return;
    }
    expect(() => market.order('x')).not.toThrow();
    expect(() => market.stateHash()).not.toThrow();
  });
});
