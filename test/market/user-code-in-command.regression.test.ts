import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market, type MarketOptions, type MarketOrderInput } from '../../src/index.js';
import { DAY, fund, HookClock, MIN, Q } from './market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Issue 16 (market trust), the known limit "User code inside a command" (docs/market.md): user code
// run between a command's checks and its change (the ledger's clock, read while collateral was
// reserved or released; an order's getters) could advance, settle or prune the market under the
// command. Each case below failed before the fix: every input and both clocks are now read before
// the first check, and the ledger's calls in the command use the time read at its start.

const LEDGER_TIME = DAY - 60 * MIN;
const TARIFF = { retailPrice: 2204, feedInPrice: 671 };
const PEOPLE = ['a', 'b', 'c'];

interface Setup {
  market: Market;
  clock: ManualClock;
  ledgerClock: HookClock;
  options: (ledger: Ledger) => Omit<MarketOptions, 'clock'>;
}

/** A market with collateral on a ledger whose clock (fixed at LEDGER_TIME) runs a hook once when armed. */
function setup(mode: MarketOptions['mode'] = 'auction'): Setup {
  const clock = new ManualClock(DAY - 60 * MIN);
  const ledgerClock = new HookClock(LEDGER_TIME, true);
  const options = (ledger: Ledger): Omit<MarketOptions, 'clock'> => ({ tariff: TARIFF, priceTick: 1, collateral: true, energyCollateral: false, mode, ledger });
  const market = new Market({ clock, ...options(new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock })) });
  fund(market, PEOPLE);
  // An order that stays open through every case (a later interval): the checks below see one.
  market.submit({ id: 'keep', participant: 'c', deliveryStart: DAY + 2 * Q, side: 'buy', price: 700, quantity: 1 });
  return { market, clock, ledgerClock, options };
}

/**
 * The market is whole: every open order can be read, lies in an interval the market knows whose
 * gate is still ahead once the market has caught up with its time, each participant's money held
 * for orders is what its open buy orders reserve, and a replay of the journal reaches the same state.
 */
function expectConsistent(s: Setup): void {
  const { market } = s;
  market.advanceTo(market.now);
  const snap = market.snapshot();
  expect(snap.orders.some((o) => o.id === 'keep')).toBe(true);
  for (const o of snap.orders) {
    expect(() => market.order(o.id)).not.toThrow();
    const view = market.order(o.id);
    expect(view).toBeDefined();
    expect(snap.intervals.some((i) => i.start === o.start)).toBe(true);
    expect(o.start - 5 * MIN).toBeGreaterThan(market.now);
  }
  for (const p of PEOPLE) {
    const held = snap.orders.filter((o) => o.participant === p && o.side === 'buy').reduce((sum, o) => sum + (o.reservation?.held ?? 0), 0);
    const b = market.balance(p);
    expect(Number(b.money.minus(b.available).toString())).toBe(held);
  }
  const replayed = Market.replay(market.journal(), s.options(new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: new ManualClock(LEDGER_TIME) })));
  expect(replayed.stateHash()).toBe(market.stateHash());
}

/** What the clock hook does in cases 1 and 2: the interval of DAY delivered, settled and pruned. */
function settleAndPrune(s: Setup): void {
  s.clock.set(DAY + Q);
  s.market.advanceTo(DAY + Q);
  s.market.settle(DAY, PEOPLE.map((participant) => ({ participant, net: 0 })));
  s.market.prune(DAY + Q);
}

describe('regression (issue 16): user code inside a market command', () => {
  it('case 1: continuous trading, the ledger clock read for the collateral settles and prunes the interval: the order is refused, the market stays readable', () => {
    const s = setup('continuous');
    s.market.submit({ id: 'first', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    s.ledgerClock.hook = () => settleAndPrune(s);
    const code = codeOf(() => s.market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 }));
    expect(code).toBe('PRODUCT_CLOSED');
    expect(s.market.order('x')).toBeUndefined();
    expectConsistent(s);
  });

  it('case 2: sealed, the ledger clock settles and prunes the interval mid-submit: the order is refused, no collateral stays held', () => {
    const s = setup('auction');
    s.market.submit({ id: 'first', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    s.ledgerClock.hook = () => settleAndPrune(s);
    const code = codeOf(() => s.market.submitSteps({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', priceTicks: 800, quantitySteps: 1000 }));
    expect(code).toBe('PRODUCT_CLOSED');
    expect(s.market.order('x')).toBeUndefined();
    const b = s.market.balance('b');
    expect(b.available.toString()).toBe(b.money.toString());
    expectConsistent(s);
  });

  it('case 3: the ledger clock advances the market past the gate mid-submit: the order is refused, not left open forever', () => {
    const s = setup('auction');
    s.ledgerClock.hook = () => s.market.advanceTo(DAY - 5 * MIN);
    const code = codeOf(() => s.market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 }));
    expect(code).toBe('PRODUCT_CLOSED');
    expectConsistent(s);
  });

  it("case 3 by a getter: the order's getter advances the market past the gate: the order is refused", () => {
    const s = setup('auction');
    const order = {
      id: 'x',
      participant: 'b',
      deliveryStart: DAY,
      get side(): string {
        s.market.advanceTo(DAY - 5 * MIN);
        return 'buy';
      },
      price: 800,
      quantity: 1,
    } as unknown as MarketOrderInput;
    expect(codeOf(() => s.market.submit(order))).toBe('PRODUCT_CLOSED');
    expectConsistent(s);
  });

  it('amend: the ledger clock advances the market past the gate while the collateral is re-reserved: the amend is refused, the order unchanged', () => {
    for (const mode of ['auction', 'continuous'] as const) {
      const s = setup(mode);
      s.market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
      s.ledgerClock.hook = () => s.market.advanceTo(DAY - 5 * MIN);
      const code = codeOf(() => s.market.amend('x', { price: 900 }));
      // The gate has closed: the order is gone (cleared unfilled), and the amend cannot change it.
      expect(code === 'PRODUCT_CLOSED' || code === 'UNKNOWN_ORDER').toBe(true);
      expect(s.market.order('x')).toBeUndefined();
      expectConsistent(s);
    }
  });

  it('cancel: the ledger clock cancels the same order while its collateral is released: one cancel takes effect', () => {
    for (const mode of ['auction', 'continuous'] as const) {
      const s = setup(mode);
      s.market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
      let inner: boolean | undefined;
      s.ledgerClock.hook = () => (inner = s.market.cancel('x'));
      const outer = s.market.cancel('x');
      expect(inner).toBe(true);
      expect(outer).toBe(false);
      expect(s.market.journal().filter((c) => c.kind === 'cancel')).toHaveLength(1);
      expectConsistent(s);
    }
  });

  it('advanceTo: a ledger clock that fails in the middle of the gate closures leaves no gate part-done', () => {
    const s = setup('auction');
    s.market.submit({ id: 'x', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    s.market.submit({ id: 'y', participant: 'b', deliveryStart: DAY + Q, side: 'buy', price: 800, quantity: 1 });
    let reads = 0;
    s.ledgerClock.hook = () => {
      // Re-armed each read: the second read of the command fails.
      s.ledgerClock.hook = undefined;
      if (++reads === 2) throw new Error('ledger clock down');
      s.ledgerClock.hook = arm;
    };
    const arm = s.ledgerClock.hook;
    const before = s.market.stateHash();
    let threw = false;
    try {
      s.market.advanceTo(DAY + Q - 5 * MIN);
    } catch {
      threw = true;
    }
    s.ledgerClock.hook = undefined;
    if (threw) expect(s.market.stateHash()).toBe(before);
    expectConsistent(s);
  });

  it('withdraw: the ledger clock withdraws the same money while the transfer is posted: the money is never overdrawn', () => {
    const s = setup('auction');
    const free = Number(s.market.balance('a').available.toString());
    s.ledgerClock.hook = () => s.market.withdraw({ id: 'inner', participant: 'a', amount: free });
    const code = codeOf(() => s.market.withdraw({ id: 'outer', participant: 'a', amount: free }));
    expect(code).toBe('INSUFFICIENT_FUNDS');
    expect(Number(s.market.balance('a').money.toString())).toBe(0);
    expectConsistent(s);
  });

  it("reads each field of an order exactly once, before the market's clock", () => {
    const s = setup('auction');
    const reads: string[] = [];
    const clock = s.clock;
    const realNow = clock.now.bind(clock);
    clock.now = () => {
      reads.push('<clock>');
      return realNow();
    };
    const target = { id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', priceTicks: 800, quantitySteps: 1000 };
    const order = new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === 'string') reads.push(key);
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
    s.market.submitSteps(order as never);
    expect(reads).toEqual(['id', 'participant', 'deliveryStart', 'side', 'quantitySteps', 'priceTicks', '<clock>']);
  });
});
