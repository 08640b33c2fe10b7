import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market, type MarketOptions, type MarketSnapshot } from '../../src/index.js';
import { codeOf } from '../helpers/expect-watt-error.js';
import { DAY, fund, HookClock, MIN } from './market-helpers.js';

/** The code of the WattError `f` throws, or undefined when it returns. */

// Gate clearing skips its duplicate-id check where the market vouches for its ids (MarketCore.idsVouched).
describe('regression (review): the ids a gate clears are distinct or checked', () => {
  // The duplicate-id check of submit runs before collateral is reserved; the ledger's clock, read
  // while reserving, may submit an order of the same id, so two sealed slots share an id. The gate
  // used to refuse the clearing (DUPLICATE_ORDER_ID, nothing changed); with idsDistinct it clears,
  // records trades, releases slots, then fails in the collateral call with the state half changed.
  it('a gate that fails leaves the market as it was, even with an id the ledger clock re-used', () => {
    const clock = new ManualClock(DAY - 60 * MIN);
    const ledgerClock = new HookClock(DAY - 60 * MIN, true);
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock });
    const market = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: true, ledger });
    fund(market, ['a', 'b', 's']);
    market.submit({ id: 'sell', participant: 's', deliveryStart: DAY, side: 'sell', price: 700, quantity: 10 });
    ledgerClock.hook = () => {
      market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    };
    const outer = codeOf(() => market.submit({ id: 'x', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 }));
    if (outer !== undefined) return; // submit refused the second 'x': fine
    const before = market.stateHash();
    const gate = codeOf(() => market.advanceTo(DAY - 5 * MIN));
    if (gate !== undefined) {
      expect(market.trades(DAY)).toEqual([]);
      expect(market.stateHash()).toBe(before);
    } else {
      const bought = market.trades(DAY).filter((t) => t.buyOrderId === 'x').reduce((sum, t) => sum + Number(t.quantity.toString()), 0);
      expect(bought).toBeLessThanOrEqual(1);
    }
  });

  const options = (): MarketOptions => ({ clock: new ManualClock(DAY - 60 * MIN), tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: false, utilityOrders: true });

  function sealedSnapshot(): MarketSnapshot {
    const market = new Market(options());
    for (const id of ['a', 's']) market.registerParticipant({ id });
    market.submit({ id: 'x', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    market.submit({ id: 'sell', participant: 's', deliveryStart: DAY, side: 'sell', price: 700, quantity: 10 });
    return market.snapshot();
  }

  // Restore does not refuse a snapshot whose products list a sealed order twice: the gate used to
  // refuse it (DUPLICATE_ORDER_ID); now the one order of 1 kWh buys 2.
  it('a restored market whose snapshot seals one order twice does not trade it twice', () => {
    const snap = sealedSnapshot() as unknown as { intervals: { products: ({ sealed: string[] } | null)[] }[] };
    const product = snap.intervals[0]?.products[0];
    if (product === null || product === undefined) throw new Error('no product');
    product.sealed = ['x', ...product.sealed];
    const box: { market?: Market } = {};
    const restored = codeOf(() => (box.market = Market.restore(snap as unknown as MarketSnapshot, options())));
    if (restored !== undefined) {
      expect(restored).toBe('INVALID_SNAPSHOT');
      return;
    }
    const market = box.market as Market;
    const gate = codeOf(() => market.advanceTo(DAY - 5 * MIN));
    if (gate !== undefined) return; // refused, as before
    const bought = market.trades(DAY).filter((t) => t.buyOrderId === 'x').reduce((sum, t) => sum + Number(t.quantity.toString()), 0);
    expect(bought).toBeLessThanOrEqual(1);
  });

  // Restore does not refuse an order id starting with '@' (which submit refuses): one named like
  // the utility's order of its product now clears next to it, a trade with itself as both orders.
  it("a restored market's order named like a utility order is refused, at restore or at the gate", () => {
    const snap = sealedSnapshot() as unknown as { orders: { id: string }[]; intervals: { products: ({ sealed: string[] } | null)[] }[] };
    const product = snap.intervals[0]?.products[0];
    if (product === null || product === undefined) throw new Error('no product');
    const productId = new Market(options()).product('main', DAY).id;
    const fake = `@utility/${productId}/sell`;
    for (const o of snap.orders) if (o.id === 'x') o.id = fake;
    product.sealed = product.sealed.map((id) => (id === 'x' ? fake : id));
    const box: { market?: Market } = {};
    const restored = codeOf(() => (box.market = Market.restore(snap as unknown as MarketSnapshot, options())));
    if (restored !== undefined) {
      expect(restored).toBe('INVALID_SNAPSHOT');
      return;
    }
    const market = box.market as Market;
    const gate = codeOf(() => market.advanceTo(DAY - 5 * MIN));
    expect(gate).toBeDefined();
  });
});
