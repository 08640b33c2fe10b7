import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, Ledger, ManualClock, Market, WattError, type AuctionMechanism, type MarketOptions, type MarketOrderInput } from '../../src/index.js';
import { DAY, fund, MIN, placeCrossingPair, Q } from './market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Regression tests of the adversarial review of feat/trust (REVIEW.md, findings 1-4, 7, 10, 12):
// "every Market command reads its input once, then the clocks, then checks, then changes". A
// field's value that is an object (a Decimal in a Proxy, a Decimal-like object) is read in the
// read step into an inert snapshot, so the checks run no user code; a custom mechanism sees the
// ledger unpinned; a mechanism cannot advance the market it clears for.

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

function errorOf(f: () => unknown): WattError | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof WattError) return e;
    throw e;
  }
}

/** A Decimal wrapped in a Proxy whose first trap runs `onRead` (user code inside the value). */
function decimalProxy(value: Decimal | string, onRead: () => void = () => undefined): Decimal {
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

describe('user code inside a command: regressions of the trust review', () => {
  it('REVIEW-1: a Decimal price whose Proxy submits an order of the same id is refused DUPLICATE_ORDER_ID, not placed beside it', () => {
    const { market, clock, opts } = setup('auction', true);
    const price = decimalProxy('800', () => market.submit({ id: 'x', participant: 'a', deliveryStart: DAY, side: 'buy', price: 700, quantity: 1 }));
    const code = codeOf(() => market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price, quantity: 1 } as unknown as MarketOrderInput));
    expect(() => Market.replay(market.journal(), opts)).not.toThrow();
    clock.set(DAY);
    expect(codeOf(() => market.advanceTo(DAY))).toBeUndefined();
    expect(code).toBe('DUPLICATE_ORDER_ID');
  });

  it('REVIEW-1 (submitSteps): an object priceTicks whose Proxy submits an order of the same id is refused DUPLICATE_ORDER_ID', () => {
    const { market, opts } = setup('auction', true);
    const priceTicks = decimalProxy('800', () => market.submitSteps({ id: 'x', participant: 'a', deliveryStart: DAY, side: 'buy', priceTicks: 700, quantitySteps: 1000 }));
    const code = codeOf(() => market.submitSteps({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', priceTicks, quantitySteps: 1000 } as never));
    expect(code).toBe('DUPLICATE_ORDER_ID');
    expect(market.order('x')?.participant).toBe('a');
    expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
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

  it("an order's object values run no user code after the read step: no trap fires once the ledger's clock has been read", () => {
    const ledgerClock = new ManualClock(DAY);
    let clockRead = false;
    let lateTraps = 0;
    const clock = { now: (): number => ((clockRead = true), ledgerClock.now()) };
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock });
    const market = new Market({ clock: new ManualClock(DAY - 60 * MIN), ...options('auction', true, ledger) });
    fund(market, PEOPLE);
    const spy = (value: unknown): unknown =>
      new Proxy(value as object, {
        get(target, key) {
          if (clockRead) lateTraps++;
          const v = Reflect.get(target, key, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
        getPrototypeOf(target) {
          if (clockRead) lateTraps++;
          return Reflect.getPrototypeOf(target);
        },
      });
    const cases = [[new Decimal('800'), new Decimal('1')], [new Decimal('800.5'), new Decimal('1')], [new Decimal('NaN'), new Decimal('1')], [{}, new Decimal('-1')]] as const;
    for (const [i, [price, quantity]] of cases.entries()) {
      clockRead = false;
      errorOf(() => market.submit({ id: `o${i}`, participant: 'b', deliveryStart: DAY, side: 'buy', price: spy(price), quantity: spy(quantity) } as never));
      clockRead = false;
      errorOf(() => market.amend('o0', { price: spy(price), quantity: spy(quantity) } as never));
    }
    expect(market.order('o0')).toBeDefined();
    expect(lateTraps).toBe(0);
  });

  it('a Decimal value in a Proxy (or a Decimal-like object) is refused with the code, reason and message of the Decimal itself', () => {
    const values: unknown[] = [
      new Decimal('800.5'), new Decimal('NaN'), new Decimal('-Infinity'), new Decimal('1e400'), new Decimal('-3'), new Decimal('0'), new Decimal('1e-30'),
    ];
    const refusal = (e: WattError | undefined): unknown => (e === undefined ? undefined : { code: e.code, reason: e.reason, message: e.message });
    // A fresh market for each attempt: a value that is accepted does not change the next one's outcome.
    const submitted = (field: string, v: unknown): unknown => {
      const { market } = setup('auction', true);
      return refusal(errorOf(() => market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1, [field]: v } as unknown as MarketOrderInput)));
    };
    const amended = (field: string, v: unknown): unknown => {
      const { market } = setup('auction', true);
      market.submit({ id: 'y', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
      return refusal(errorOf(() => market.amend('y', { [field]: v })));
    };
    for (const value of values) {
      const d = value as Decimal;
      const like = { toStringTag: '[object Decimal]', isFinite: () => d.isFinite(), toString: () => d.toString() };
      for (const field of ['price', 'quantity'] as const) {
        const plain = submitted(field, value);
        expect(submitted(field, decimalProxy(d))).toEqual(plain);
        expect(submitted(field, like)).toEqual(plain);
        const amendPlain = amended(field, value);
        expect(amended(field, decimalProxy(d))).toEqual(amendPlain);
        expect(amended(field, like)).toEqual(amendPlain);
      }
    }
    // Objects that are no number: refused as before, with the same messages.
    const { market } = setup('auction', true);
    for (const value of [{}, [], { toString: () => 'seven' }, () => 7]) {
      const e = errorOf(() => market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: value, quantity: 1 } as never));
      expect(e?.code).toBe('INVALID_PRICE');
      expect(e?.reason).toBe('NOT_A_NUMBER');
    }
    expect(errorOf(() => market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: { toString: () => 'seven' }, quantity: 1 } as never))?.message).toBe('Market.submit: price seven is not a decimal number');
    expect(errorOf(() => market.submit({ id: 'x', participant: 'b', deliveryStart: DAY, side: 'buy', price: [], quantity: 1 } as never))?.message).toBe('Market.submit: price an array is not a decimal number');
    expect(errorOf(() => market.submit({ id: { toString: () => 'obj' }, participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 } as never))?.message).toBe('Market.submit: order id must be a non-empty string; got obj');
  });

  it("REVIEW-7: a getter that throws a WattError refuses the submit, and the 'orderRejected' event reports that refusal", () => {
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

  it("REVIEW-7: an id getter that throws: 'orderRejected' names no id (not the id of an order read before)", () => {
    const { market } = setup('auction', false);
    const rejected: { orderId: unknown; participant: unknown; code: string }[] = [];
    market.on('orderRejected', (e) => rejected.push({ orderId: e.orderId, participant: e.participant, code: e.code }));
    market.submit({ id: 'before', participant: 'a', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    const order = {
      get id(): string {
        throw new WattError('INVALID_ID', 'Market.submit: no id yet');
      },
    };
    expect(codeOf(() => market.submit(order as unknown as MarketOrderInput))).toBe('INVALID_ID');
    expect(rejected).toEqual([{ orderId: undefined, participant: undefined, code: 'INVALID_ID' }]);
  });

  it("REVIEW-10: a custom mechanism's own ledger call during advanceTo's gate closure is stamped with the ledger clock's reading, not the command's pinned time", () => {
    const ledgerClock = new ManualClock(DAY);
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: ledgerClock });
    ledger.openAccount({ id: 'own-bank', asset: 'VND', allowNegative: true });
    ledger.openAccount({ id: 'own-wallet', asset: 'VND' });
    let calls = 0;
    let armed = false;
    const mechanism: AuctionMechanism = {
      name: 'bookkeeping',
      properties: BUILT_IN_MECHANISMS.uniform.properties,
      clear(orders, context) {
        if (!armed) return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
        calls++;
        ledgerClock.set(DAY + 3_600_000);
        ledger.transfer({ id: `own-${calls}`, from: 'own-bank', to: 'own-wallet', amount: 1 });
        return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      },
    };
    const clock = new ManualClock(DAY - 60 * MIN);
    const market = new Market({ clock, ...options('auction', true, ledger), mechanism });
    fund(market, PEOPLE);
    market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 1 });
    market.submit({ id: 'b', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
    ledgerClock.set(DAY + 1000);
    clock.set(DAY - 5 * MIN);
    armed = true;
    market.advanceTo(DAY - 5 * MIN);
    const own = ledger.journal().filter((e) => e.transferId.startsWith('own-'));
    expect(own.length).toBeGreaterThan(0);
    for (const e of own) expect(e.time).toBe(DAY + 3_600_000);
    // The market's own entries of that advance keep the time read at the command's start.
    const released = ledger.journal().filter((e) => e.time === DAY + 1000);
    expect(released.length).toBeGreaterThan(0);
  });

  describe('REVIEW-12: a custom mechanism cannot advance the market whose gate it clears', () => {
    function nesting(catchIt: boolean): { market: Market; opts: Omit<MarketOptions, 'clock'>; clock: ManualClock; codes: (string | undefined)[] } {
      const ref: { market?: Market } = {};
      const codes: (string | undefined)[] = [];
      let armed = false;
      const mechanism: AuctionMechanism = {
        name: 'nesting',
        properties: BUILT_IN_MECHANISMS.uniform.properties,
        clear(orders, context) {
          if (armed && ref.market !== undefined) {
            armed = false;
            const m = ref.market;
            if (catchIt) codes.push(codeOf(() => m.advanceTo(DAY + Q - 5 * MIN)));
            else m.advanceTo(DAY + Q - 5 * MIN);
          }
          return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
        },
      };
      const clock = new ManualClock(DAY - 60 * MIN);
      const opts: Omit<MarketOptions, 'clock'> = { ...options('auction', false), mechanism };
      const market = new Market({ clock, ...opts });
      ref.market = market;
      fund(market, PEOPLE);
      placeCrossingPair(market);
      market.submit({ id: 'b2', participant: 'c', deliveryStart: DAY + Q, side: 'buy', price: 900, quantity: 3 });
      clock.set(DAY - 5 * MIN);
      armed = true;
      return { market, opts, clock, codes };
    }

    it('the nested advanceTo is refused MECHANISM_FAILED, the outer one completes, and the journal replays', () => {
      const { market, opts, codes } = nesting(true);
      market.advanceTo(DAY - 5 * MIN);
      expect(codes).toEqual(['MECHANISM_FAILED']);
      expect(market.order('b2')).toBeDefined();
      expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
    });

    it('a mechanism that lets the refusal through fails the gate (MECHANISM_FAILED); the journal replays, and a later advance proceeds', () => {
      const { market, opts } = nesting(false);
      const e = errorOf(() => market.advanceTo(DAY - 5 * MIN));
      expect(e?.code).toBe('MECHANISM_FAILED');
      expect(e?.message.startsWith('Market.advanceTo')).toBe(true);
      expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
      market.advanceTo(DAY - 5 * MIN);
      expect(market.order('b1')).toBeUndefined();
    });
  });
});
