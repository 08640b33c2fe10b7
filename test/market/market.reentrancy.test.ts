import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, Ledger, ManualClock, Market, type AuctionMechanism, type MarketOptions } from '../../src/index.js';
import { reenterLibrary } from '../helpers/reenter.js';
import { campusMarket, DAY, fund, HookClock, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN;

type Mode = 'auction' | 'continuous' | 'continuous-then-auction';

/** A day's trading in one interval: book and sealed orders, self pairs, a clearing, a settlement. */
function script(market: Market, clock: ManualClock, mode: Mode): unknown {
  fund(market, ['roof', 'canopy', 'lab', 'dorm', 'battery']);
  const submit = (id: string, participant: string, side: 'buy' | 'sell', price: number, quantity: number): void => {
    market.submit({ id, participant, deliveryStart: T1, side, price, quantity });
  };
  submit('s1', 'roof', 'sell', 700, 5);
  submit('b1', 'lab', 'buy', 2204, 6);
  submit('bb', 'battery', 'buy', 1500, 2);
  submit('s2', 'canopy', 'sell', 900, 4);
  submit('bs', 'battery', 'sell', 800, 2);
  if (mode === 'continuous-then-auction') {
    market.advanceTo(T1 - 35 * MIN);
    clock.set(T1 - 34 * MIN);
  }
  submit('b2', 'dorm', 'buy', 1500, 2);
  submit('s3', 'battery', 'sell', 850, 1);
  market.advanceTo(T1 - 5 * MIN);
  clock.set(T1 + Q);
  const readings = ['roof', 'canopy', 'lab', 'dorm', 'battery'].map((participant) => ({ participant, net: 0 }));
  const settled = market.settle(T1, readings);
  return {
    hash: market.stateHash(),
    trades: JSON.stringify(market.trades(T1)),
    settled: JSON.stringify(settled.participants),
    balances: ['roof', 'canopy', 'lab', 'dorm', 'battery'].map((p) => JSON.stringify(market.balance(p))),
  };
}

const MODES: readonly Mode[] = ['auction', 'continuous', 'continuous-then-auction'];

function run(
  mode: Mode,
  wire: (market: Market, clock: HookClock, count: () => void) => void,
  options: Partial<MarketOptions> = {},
  ledgerClock?: HookClock,
): { outcome: unknown; calls: number } {
  const clock = new HookClock(DAY - 60 * MIN);
  // The market's ledger, with a clock of its own (read while every ledger call posts) when given.
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock ?? new ManualClock(DAY) });
  const { market } = campusMarket({ clock, mode, ledger, ...(mode === 'continuous-then-auction' ? { callPhaseMinutes: 30 } : {}), ...options });
  let calls = 0;
  wire(market, clock, () => {
    reenterLibrary(calls++);
  });
  return { outcome: script(market, clock, mode), calls };
}

describe('Market re-entered from user callbacks (issue 11 defect 13)', () => {
  for (const mode of MODES) {
    const plain = (): unknown => run(mode, () => undefined).outcome;

    it(`${mode}: the clock may run the library (another market, ledger, book, auction) and nothing changes`, () => {
      const { outcome, calls } = run(mode, (_m, clock, nested) => (clock.hook = nested));
      expect(calls).toBeGreaterThan(0);
      expect(outcome).toEqual(plain());
    });

    it(`${mode}: the clock of the market's ledger may run the library and nothing changes`, () => {
      const ledgerClock = new HookClock(DAY);
      const { outcome, calls } = run(mode, (_m, _c, nested) => (ledgerClock.hook = nested), {}, ledgerClock);
      expect(calls).toBeGreaterThan(0);
      expect(outcome).toEqual(plain());
    });

    it(`${mode}: event listeners may run the library and nothing changes`, () => {
      const { outcome, calls } = run(mode, (market, _c, nested) => {
        for (const event of ['orderAccepted', 'orderCancelled', 'trade', 'gateClosed', 'auctionCleared', 'intervalSettled', 'fundsMoved'] as const) market.on(event, nested);
      });
      expect(calls).toBeGreaterThan(0);
      expect(outcome).toEqual(plain());
    });
  }

  it('a custom mechanism may run the library and nothing changes', () => {
    let calls = 0;
    const mechanism: AuctionMechanism = {
      name: 'nesting',
      properties: BUILT_IN_MECHANISMS.uniform.properties,
      clear(orders, context) {
        reenterLibrary(calls++);
        return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      },
    };
    const plainMechanism: AuctionMechanism = { ...mechanism, clear: (o, c) => BUILT_IN_MECHANISMS.uniform.clear(o, c) };
    for (const mode of ['auction', 'continuous-then-auction'] as const) {
      const before = calls;
      const { outcome } = run(mode, () => undefined, { mechanism });
      expect(calls).toBeGreaterThan(before);
      expect(outcome).toEqual(run(mode, () => undefined, { mechanism: plainMechanism }).outcome);
    }
  });

  // Regression (review): the 'unfilled' events were built from the order slots after they were
  // released and after the ledger call closing the reservations; the ledger's clock, re-entering
  // the same market there, could prune and submit, and the event named the new order instead.
  it('names the orders left unfilled even when the ledger clock re-enters the market as the gate closes', () => {
    const clock = new ManualClock(DAY - 60 * MIN);
    const ledgerClock = new HookClock(DAY - 60 * MIN);
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock });
    const market = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: true, ledger });
    fund(market, ['a', 'b', 'c']);
    market.submit({ id: 'buy-1', participant: 'a', deliveryStart: DAY, side: 'buy', price: 700, quantity: 1 });
    market.submit({ id: 'buy-2', participant: 'b', deliveryStart: DAY, side: 'buy', price: 700, quantity: 1 });
    const unfilled: string[] = [];
    market.on('orderCancelled', (e) => unfilled.push(e.orderId));
    let entered = 0;
    ledgerClock.hook = () => {
      if (entered++ > 0) return;
      market.prune(DAY - 10 * 24 * 60 * MIN); // compacts the order index: released slots are free again
      market.submit({ id: 'later', participant: 'c', deliveryStart: DAY + Q, side: 'buy', price: 700, quantity: 1 });
    };
    market.advanceTo(DAY - 5 * MIN);
    expect(entered).toBeGreaterThan(0);
    expect(market.order('later')).toBeDefined();
    expect(unfilled).toEqual(['buy-1', 'buy-2']);
  });

  // Gate clearing lists the orders left unfilled only when someone can hear of them: a listener
  // added by the ledger's clock while the gate closes (collateral) still hears, and a market
  // without collateral and without listeners names nobody afterwards.
  it('tells a listener the ledger clock adds while the gate closes which orders went unfilled', () => {
    const clock = new ManualClock(DAY - 60 * MIN);
    const ledgerClock = new HookClock(DAY - 60 * MIN);
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock });
    const market = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: true, ledger });
    fund(market, ['a', 'b']);
    market.submit({ id: 'buy-1', participant: 'a', deliveryStart: DAY, side: 'buy', price: 700, quantity: 1 });
    market.submit({ id: 'buy-2', participant: 'b', deliveryStart: DAY, side: 'buy', price: 700, quantity: 1 });
    const unfilled: string[] = [];
    let added = 0;
    ledgerClock.hook = () => {
      if (added++ === 0) market.on('orderCancelled', (e) => unfilled.push(`${e.orderId}:${e.reason}`));
    };
    market.advanceTo(DAY - 5 * MIN);
    expect(added).toBeGreaterThan(0);
    expect(unfilled).toEqual(['buy-1:unfilled', 'buy-2:unfilled']);
  });

  it('without collateral, names the unfilled orders to a listener and to nobody else', () => {
    const make = (): Market => {
      const m = new Market({ clock: new ManualClock(DAY - 60 * MIN), tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: false });
      for (const id of ['a', 'b']) m.registerParticipant({ id });
      m.submit({ id: 'buy-1', participant: 'a', deliveryStart: DAY, side: 'buy', price: 700, quantity: 1 });
      m.submit({ id: 'sell-1', participant: 'b', deliveryStart: DAY, side: 'sell', price: 690, quantity: 2 });
      return m;
    };
    const heard = make();
    const unfilled: string[] = [];
    heard.on('orderCancelled', (e) => unfilled.push(`${e.orderId}:${e.reason}`));
    heard.advanceTo(DAY - 5 * MIN);
    expect(unfilled).toEqual(['sell-1:unfilled']);
    const unheard = make();
    unheard.advanceTo(DAY - 5 * MIN);
    unheard.on('orderCancelled', (e) => unfilled.push(e.orderId));
    unheard.advanceTo(DAY + 60 * MIN);
    expect(unfilled).toEqual(['sell-1:unfilled']);
    heard.advanceTo(DAY + 60 * MIN);
    expect(unheard.stateHash()).toBe(heard.stateHash());
  });
});

// Market.submitSteps parses a top-level order into one scratch object per market (issue 16,
// item 2). A nested submitSteps run by the ledger's clock while the outer one reserves its
// collateral must not write into the scratch the outer one is still using.
describe('Market.submitSteps re-entered while it reserves collateral', () => {
  it('keeps the outer order as submitted when the ledger clock submits another mid-reserve', () => {
    const clock = new ManualClock(DAY - 60 * MIN);
    const ledgerClock = new HookClock(DAY - 60 * MIN);
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock });
    const market = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: true, energyCollateral: false, ledger });
    fund(market, ['a', 'b']);
    let entered = 0;
    ledgerClock.hook = () => {
      if (entered++ > 0) return;
      market.submitSteps({ id: 'inner', participant: 'b', deliveryStart: DAY + Q, side: 'sell', priceTicks: 900, quantitySteps: 3 });
    };
    market.submitSteps({ id: 'outer', participant: 'a', deliveryStart: DAY, side: 'buy', priceTicks: 700, quantitySteps: 1 });
    expect(entered).toBeGreaterThan(0);
    const outer = market.order('outer');
    const inner = market.order('inner');
    expect({ ...outer, price: outer?.price?.toString(), quantity: outer?.quantity.toString() }).toMatchObject({ participant: 'a', side: 'buy', price: '700', quantity: '0.001' });
    expect({ ...inner, price: inner?.price?.toString(), quantity: inner?.quantity.toString() }).toMatchObject({ participant: 'b', side: 'sell', price: '900', quantity: '0.003' });
    expect(outer?.product).not.toBe(inner?.product);
  });
});
