import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, Ledger, ManualClock, Market, WattError, type AuctionMechanism, type MarketOptions, type MarketOrderInput } from '../../src/index.js';
import { DAY, fund, MIN, Q } from './market-helpers.js';

// Adversarial review of feat/trust ("every Market command reads its input once, then the clocks,
// then checks, then changes: no user code between the checks and the change"). Every test here
// FAILS on the reviewed HEAD: each shows a defect (see REVIEW.md). They are named REVIEW-n.
// REVIEW-5, 6, 9 and 11 (fixed) live in settle-readings-read-once.regression.test.ts, REVIEW-8
// in journal-ledger-time.test.ts.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };
const PEOPLE = ['a', 'b', 'c'];

function options(mode: NonNullable<MarketOptions['mode']>, collateral: boolean, ledger?: Ledger): Omit<MarketOptions, 'clock'> {
  return { tariff: TARIFF, priceTick: 1, collateral, energyCollateral: false, mode, ...(ledger === undefined ? {} : { ledger }) };
}

function setup(mode: NonNullable<MarketOptions['mode']> = 'auction', collateral = true): { market: Market; clock: ManualClock; opts: Omit<MarketOptions, 'clock'> } {
  const clock = new ManualClock(DAY - 60 * MIN);
  const opts = options(mode, collateral);
  const market = new Market({ clock, ...opts });
  fund(market, PEOPLE);
  return { market, clock, opts };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof WattError) return e.code;
    throw e;
  }
}

/**
 * A Decimal (a DecimalInput every value field takes) wrapped in a Proxy: `Decimal.isDecimal` and
 * `instanceof` accept it, and its traps are user code. `onRead` runs at the first trap.
 */
function decimalProxy(value: string, onRead: () => void): Decimal {
  let fired = false;
  return new Proxy(new Decimal(value), {
    get(target, key) {
      if (!fired) {
        fired = true;
        onRead();
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('review of feat/trust: user code inside a command (each FAILS now)', () => {
  it('REVIEW-1 (regression of 0d19c66): a Decimal price whose Proxy submits an order of the same id is refused DUPLICATE_ORDER_ID, not placed beside it', () => {
    // On 0d19c66 the id was checked again after the parse; the change dropped that check, but
    // a Decimal value still runs user code inside the parse (toSteps -> isFinite/toString).
    const { market, clock, opts } = setup('auction', true);
    const price = decimalProxy('800', () => market.submit({ id: 'x', participant: 'a', deliveryStart: DAY, side: 'buy', price: 700, quantity: 1 }));
    const code = codeOf(() => market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price, quantity: 1 } as unknown as MarketOrderInput));
    // Whatever the code, the market must stay whole: it replays and its gate can be processed.
    expect(() => Market.replay(market.journal(), opts)).not.toThrow();
    clock.set(DAY);
    expect(codeOf(() => market.advanceTo(DAY))).toBeUndefined();
    expect(code).toBe('DUPLICATE_ORDER_ID');
  });

  it('REVIEW-2: an amend whose Decimal price (Proxy) cancels the order is refused UNKNOWN_ORDER; no collateral stays held for a cancelled order', () => {
    const { market, opts } = setup('auction', true);
    market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    const price = decimalProxy('900', () => market.cancel('x'));
    const code = codeOf(() => market.amend('x', { price }));
    const b = market.balance('b');
    expect(market.order('x')).toBeUndefined();
    expect(b.available.toString()).toBe(b.money.toString());
    expect(() => Market.replay(market.journal(), opts)).not.toThrow();
    expect(code).toBe('UNKNOWN_ORDER');
  });

  it('REVIEW-3: a Decimal quantity whose Proxy advances the market past the gate: the order is refused PRODUCT_CLOSED, not left open in a closed product', () => {
    const { market } = setup('auction', false);
    const quantity = decimalProxy('1', () => market.advanceTo(DAY - 5 * MIN));
    const code = codeOf(() => market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity } as unknown as MarketOrderInput));
    expect(code).toBe('PRODUCT_CLOSED');
    expect(market.order('x')).toBeUndefined();
  });

  it("REVIEW-4: an amend's Decimal price is read once: the journal holds the price applied, and the journal replays to the live state", () => {
    const { market, opts } = setup('auction', false);
    market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    let reads = 0;
    const price = new Proxy(new Decimal('900'), {
      get(target, key) {
        if (key === 'toString') return () => (++reads === 1 ? '900' : '950');
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    market.amend('x', { price });
    expect(String(market.order('x')?.price)).toBe('900');
    expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
  });

  it("REVIEW-7 (regression of 0d19c66): a getter that throws a WattError refuses the submit, and the 'orderRejected' event reports that refusal", () => {
    const { market } = setup('auction', false);
    const rejected: unknown[] = [];
    market.on('orderRejected', (e) => rejected.push(e.orderId));
    const order = {
      id: 'x',
      participant: 'b',
      deliveryStart: DAY,
      get side(): string {
        throw new WattError('INVALID_SIDE', 'Market.submit: the side is not known yet');
      },
      price: 800,
      quantity: 1,
    };
    const code = codeOf(() => market.submit(order as unknown as MarketOrderInput));
    expect(code).toBe('INVALID_SIDE');
    expect(rejected).toEqual(['x']);
  });

  it('REVIEW-12 (documented limit): a custom mechanism that advances the same market inside its gate: the journal still replays', () => {
    const ref: { market?: Market } = {};
    let armed = false;
    const mechanism: AuctionMechanism = {
      name: 'nesting',
      properties: BUILT_IN_MECHANISMS.uniform.properties,
      clear(orders, context) {
        if (armed && ref.market !== undefined) {
          armed = false;
          ref.market.advanceTo(DAY + Q - 5 * MIN);
        }
        return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      },
    };
    const clock = new ManualClock(DAY - 60 * MIN);
    const opts: Omit<MarketOptions, 'clock'> = { ...options('auction', false), mechanism };
    const market = new Market({ clock, ...opts });
    ref.market = market;
    fund(market, PEOPLE);
    market.submit({ id: 's1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 5 });
    market.submit({ id: 'b1', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 3 });
    market.submit({ id: 'b2', participant: 'c', deliveryStart: DAY + Q, side: 'buy', price: 900, quantity: 3 });
    clock.set(DAY - 5 * MIN);
    armed = true;
    market.advanceTo(DAY - 5 * MIN);
    expect(() => Market.replay(market.journal(), opts)).not.toThrow();
  });
});
