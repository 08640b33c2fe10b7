import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, ErrorCode, ManualClock, Market, type AuctionMechanism } from '../../src/index.js';
import type { MarketOptions } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN; // 08:00 UTC
/** The options of campusMarket(), for replay. */
const BASE: Omit<MarketOptions, 'clock'> = { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 };
/** The options of campusMarket({ mode: 'continuous' }), for replay. */
const CONTINUOUS: Omit<MarketOptions, 'clock'> = { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, mode: 'continuous' };

/** Expects `f` to throw `code` and to leave the market's state hash, journal and sequence as they were. */
export function refusedUnchanged(market: Market, f: () => unknown, code: ErrorCode): void {
  const hash = market.stateHash();
  const length = market.journal().length;
  const sequence = market.sequence;
  expectWattError(f, code);
  expect(market.stateHash()).toBe(hash);
  expect(market.journal().length).toBe(length);
  expect(market.sequence).toBe(sequence);
}

describe('Market regressions (issue 11)', () => {
  it('defect 1: a buy partly filled below its limit keeps only limit x open quantity reserved', () => {
    const { market } = campusMarket({ mode: 'continuous' });
    fund(market, ['seller'], 0);
    fund(market, ['buyer'], 2204 * 2);
    market.submit({ id: 's', participant: 'seller', deliveryStart: T1, side: 'sell', price: 1000, quantity: 1 });
    const r = market.submit({ id: 'b', participant: 'buyer', deliveryStart: T1, side: 'buy', price: 2204, quantity: 2 });
    expect(r.status).toBe('resting');
    // 1,000 paid for the fill, 2,204 still reserved for the open kWh: 1,204 free.
    expect(market.balance('buyer').available.toString()).toBe('1204');
    market.submit({ id: 'b2', participant: 'buyer', deliveryStart: T1 + Q, side: 'buy', price: 2204, quantity: '0.5' });
  });
});

describe('Market regressions: refusals change nothing (defect 3)', () => {
  const HUGE = '9007199254740'; // kWh: 9.0e15 Wh, two of them overflow one side of a book

  it('a submit refused by the book (CAPACITY_EXCEEDED) leaves no half-made order', () => {
    const { market } = campusMarket({ mode: 'continuous' });
    fund(market, ['a', 'b'], 0);
    market.submit({ id: 's1', participant: 'a', deliveryStart: T1, side: 'sell', price: 2000, quantity: HUGE });
    refusedUnchanged(market, () => market.submit({ id: 's2', participant: 'b', deliveryStart: T1, side: 'sell', price: 2000, quantity: HUGE }), ErrorCode.CAPACITY_EXCEEDED);
    expect(market.order('s2')).toBeUndefined();
    expect(market.cancel('s2')).toBe(false);
    expect(Market.replay(market.journal(), CONTINUOUS).stateHash()).toBe(market.stateHash());
  });

  it('(model test) a sell beside a resting Number.MAX_SAFE_INTEGER-lot sell is refused under the market call\'s name, changing nothing', () => {
    const { market } = campusMarket({ mode: 'continuous', quantityStep: 1 });
    fund(market, ['a', 'b'], 0);
    market.submit({ id: 's1', participant: 'a', deliveryStart: T1, side: 'sell', price: 2000, quantity: Number.MAX_SAFE_INTEGER });
    for (const f of [
      () => market.submit({ id: 's2', participant: 'b', deliveryStart: T1, side: 'sell', price: 2000, quantity: 1 }),
      () => market.submitSteps({ id: 's3', participant: 'b', deliveryStart: T1, side: 'sell', priceTicks: 2000, quantitySteps: 1 }),
    ]) {
      refusedUnchanged(market, f, ErrorCode.CAPACITY_EXCEEDED);
      expect(() => f()).toThrow(/^Market\.submit(Steps)?: /);
    }
  });

  it('a submit refused by the book on a product with no book yet creates no product', () => {
    const { market } = campusMarket({ mode: 'continuous' });
    fund(market, ['a'], 0);
    refusedUnchanged(market, () => market.submit({ id: 's', participant: 'a', deliveryStart: T1, side: 'sell', price: 2000, quantity: '9007199254740.992' }), ErrorCode.INVALID_QUANTITY);
  });

  it('an amend refused by the book keeps the order, its collateral and the journal as they were', () => {
    const { market } = campusMarket({ mode: 'continuous' });
    fund(market, ['a', 'b'], 0);
    market.submit({ id: 's1', participant: 'a', deliveryStart: T1, side: 'sell', price: 2000, quantity: '9007199254739' });
    market.submit({ id: 's2', participant: 'b', deliveryStart: T1, side: 'sell', price: 2100, quantity: 1 });
    refusedUnchanged(market, () => market.amend('s2', { quantity: HUGE }), ErrorCode.CAPACITY_EXCEEDED);
    expect(() => market.amend('s2', { quantity: HUGE })).toThrow(/^Market\.amend: /);
    expect(market.order('s2')?.quantity.toString()).toBe('1');
  });
});



const CALL: Partial<MarketOptions> = { mode: 'continuous-then-auction', callPhaseMinutes: 30 };
const CALL_START = T1 - 35 * MIN;

describe('Market regressions: time and replay (defects 2, 16)', () => {
  it('defect 2: replays a market whose clock moved between construction and its first command', () => {
    const { market, clock } = campusMarket();
    clock.set(DAY - 50 * MIN);
    fund(market, ['a']);
    expect(Market.replay(market.journal(), BASE).stateHash()).toBe(market.stateHash());
  });

  it('defect 2: advanceTo refuses a time before the market time (the clock ahead of the last advance)', () => {
    const { market, clock } = campusMarket();
    fund(market, ['a']);
    clock.set(DAY);
    refusedUnchanged(market, () => market.advanceTo(DAY - MIN), ErrorCode.INVALID_TIME);
    market.advanceTo(DAY);
    expect(Market.replay(market.journal(), BASE).stateHash()).toBe(market.stateHash());
  });

  it('defect 2: one command sees one time, however often a clock would answer otherwise', () => {
    let t = DAY - 60 * MIN;
    const market = new Market({ clock: { now: () => (t += 1000) }, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 });
    fund(market, ['a', 'b']);
    market.submit({ id: 'b', participant: 'a', deliveryStart: T1, side: 'buy', price: 1000, quantity: 1 });
    expect(Market.replay(market.journal(), BASE).stateHash()).toBe(market.stateHash());
  });

  it('defect 2 (model test): a replay from a snapshot resumes at the time of the last command, not before it', () => {
    const { market, clock } = campusMarket(CALL);
    fund(market, ['a']);
    clock.set(CALL_START + MIN); // no advanceTo: the market's processed time stays behind
    market.submit({ id: 'b', participant: 'a', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 });
    const snap = JSON.parse(JSON.stringify(market.snapshot())) as ReturnType<Market['snapshot']>;
    const again = Market.replay([], { ...BASE, ...CALL }, snap);
    expect(again.now).toBe(CALL_START + MIN);
    expect(again.stateHash()).toBe(market.stateHash());
    // An order now is sealed (the call phase has started), as in the market the snapshot came from.
    expect(again.submit({ id: 'b2', participant: 'a', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 }).status).toBe('sealed');
  });

  it('defect 2 (model test): a clock that goes back does not take the market\'s time back before its last command', () => {
    let t = DAY - 60 * MIN;
    const { market } = campusMarket({ clock: { now: () => t } }); // a clock that may go back (a system clock corrected)
    fund(market, ['a']);
    t = DAY - 30 * MIN;
    market.submit({ id: 'b', participant: 'a', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 });
    t = DAY - 50 * MIN;
    expect(market.now).toBe(DAY - 30 * MIN);
    market.cancel('b');
    expect(Market.replay(market.journal(), BASE).stateHash()).toBe(market.stateHash());
  });

  it('defect 16: replay with options other than the journal\'s is refused', () => {
    const { market } = campusMarket();
    fund(market, ['a']);
    expectWattError(() => Market.replay(market.journal(), { ...BASE, mechanism: 'huang' }), ErrorCode.OPTIONS_MISMATCH);
    expectWattError(() => Market.replay(market.journal(), { ...BASE, priceTick: '0.5' }), ErrorCode.OPTIONS_MISMATCH);
    expectWattError(() => Market.replay(market.journal().slice(1), BASE), ErrorCode.INVALID_JOURNAL);
    expectWattError(() => Market.replay([market.journal()[0]!, market.journal()[2]!], BASE), ErrorCode.INVALID_JOURNAL);
    expect(JSON.parse(JSON.stringify(market.journal()))).toEqual(market.journal());
  });
});

describe('Market regressions: phases (defects 4, 5)', () => {
  it('defect 4: a resting order keeps its priority over a later sealed order at the same price', () => {
    const { market, clock } = campusMarket(CALL);
    fund(market, ['early', 'late', 'seller']);
    market.submit({ id: 'b-early', participant: 'early', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 });
    clock.set(CALL_START + MIN); // the call phase is due; no advanceTo yet
    market.submit({ id: 'b-late', participant: 'late', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 });
    market.submit({ id: 's', participant: 'seller', deliveryStart: T1, side: 'sell', price: 1000, quantity: 1 });
    market.advanceTo(T1 - 5 * MIN);
    expect(market.trades(T1).map((t) => t.buyOrderId)).toEqual(['b-early']);
  });

  it('defect 4 (model test): a book order amended to the back of its queue before the call start loses its place in the call auction too', () => {
    const { market } = campusMarket(CALL);
    fund(market, ['a', 'b', 'seller']);
    market.submit({ id: 'b-a', participant: 'a', deliveryStart: T1, side: 'buy', price: 1100, quantity: 1 });
    market.submit({ id: 'b-b', participant: 'b', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 });
    market.amend('b-a', { price: 1200 }); // a new price: b-a now stands behind b-b
    market.advanceTo(CALL_START); // both are sealed, in the book's order
    market.submit({ id: 's', participant: 'seller', deliveryStart: T1, side: 'sell', price: 1000, quantity: 1 });
    market.advanceTo(T1 - 5 * MIN);
    expect(market.trades(T1).map((t) => t.buyOrderId)).toEqual(['b-b']);
    expect(Market.replay(market.journal(), { ...BASE, ...CALL }).stateHash()).toBe(market.stateHash());
    const restored = Market.restore(JSON.parse(JSON.stringify(market.snapshot())) as ReturnType<Market['snapshot']>, { ...BASE, ...CALL, clock: new ManualClock(market.now) });
    expect(restored.stateHash()).toBe(market.stateHash());
  });

  it('defect 4 (model test): the place an amend gave a book order survives snapshot and restore', () => {
    const { market } = campusMarket(CALL);
    fund(market, ['a', 'b', 'seller']);
    market.submit({ id: 'b-a', participant: 'a', deliveryStart: T1, side: 'buy', price: 1100, quantity: 1 });
    market.submit({ id: 'b-b', participant: 'b', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 });
    market.amend('b-a', { price: 1200 });
    const restored = Market.restore(JSON.parse(JSON.stringify(market.snapshot())) as ReturnType<Market['snapshot']>, { ...BASE, ...CALL, clock: new ManualClock(market.now) });
    restored.advanceTo(CALL_START);
    restored.submit({ id: 's', participant: 'seller', deliveryStart: T1, side: 'sell', price: 1000, quantity: 1 });
    restored.advanceTo(T1 - 5 * MIN);
    expect(restored.trades(T1).map((t) => t.buyOrderId)).toEqual(['b-b']);
  });

  it('defect 5: in the call phase an amend of a book order is sealed, it does not trade at once', () => {
    const { market, clock } = campusMarket(CALL);
    fund(market, ['a', 'b']);
    market.submit({ id: 's', participant: 'a', deliveryStart: T1, side: 'sell', price: 1300, quantity: 1 });
    market.submit({ id: 'b', participant: 'b', deliveryStart: T1, side: 'buy', price: 1200, quantity: 1 });
    clock.set(CALL_START + MIN);
    const r = market.amend('b', { price: 1300 });
    expect(r.status).toBe('sealed');
    expect(r.trades).toEqual([]);
    expect(market.order('b')?.venue).toBe('sealed');
    expect(Market.replay(market.journal(), { ...BASE, ...CALL }).stateHash()).toBe(market.stateHash());
  });
});

describe('Market regressions: options (defects 6, 7)', () => {
  it('defect 6: an invalid tariff.gridFee is refused at construction', () => {
    const clock = new ManualClock(DAY);
    for (const gridFee of [{ kind: 'per-kwh', price: -1 }, { kind: 'per-kwh', price: '0.5' }, { kind: 'percent', percent: 'x' }, { kind: 'flat' }]) {
      expectWattError(() => new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671, gridFee: gridFee as never }, priceTick: 1 }), ErrorCode.INVALID_FEE);
    }
    expectWattError(() => new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671, gridFee: { kind: 'per-kwh', price: 1, extra: 1 } as never }, priceTick: 1 }), ErrorCode.INVALID_OPTION);
    expectWattError(() => new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671, gridFee: 'fee' as never }, priceTick: 1 }), ErrorCode.INVALID_ARGUMENT);
  });

  it('defect 7: utilityOrders with continuous trading is refused at construction', () => {
    expectWattError(() => campusMarket({ mode: 'continuous', utilityOrders: true }), ErrorCode.INVALID_OPTION);
    expectWattError(() => campusMarket({ zones: ['a', 'b'], mode: { a: 'auction', b: 'continuous' }, utilityOrders: true }), ErrorCode.INVALID_OPTION);
    campusMarket({ mode: 'continuous-then-auction', utilityOrders: true });
  });
});

describe('Market regressions: bounded times and ranges (defects 8, 9)', () => {
  const FAR = 8_640_000_000_000_000 - 15 * MIN; // an interval start the calendar can barely hold

  it('defect 8: far-future times are refused with a WattError, not a RangeError', () => {
    const { market } = campusMarket();
    fund(market, ['a']);
    refusedUnchanged(market, () => market.submit({ id: 'x', participant: 'a', deliveryStart: FAR, side: 'buy', price: 1000, quantity: 1 }), ErrorCode.UNKNOWN_PRODUCT);
    refusedUnchanged(market, () => market.advanceTo(FAR), ErrorCode.INVALID_TIME);
    refusedUnchanged(market, () => market.settle(FAR, []), ErrorCode.UNKNOWN_PRODUCT);
    refusedUnchanged(market, () => market.prune(9_000_000_000_000_000), ErrorCode.INVALID_TIME);
    expectWattError(() => market.product('main', FAR), ErrorCode.UNKNOWN_PRODUCT);
    const bad = new ManualClock(DAY);
    const m = new Market({ clock: bad, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 });
    bad.set(FAR);
    refusedUnchanged(m, () => m.registerParticipant({ id: 'a' }), ErrorCode.INVALID_TIME);
  });

  it('defect 8: a huge advanceTo (a microsecond timestamp by mistake) does work bounded by the intervals held', () => {
    const { market } = campusMarket();
    fund(market, ['a', 'b']);
    market.submit({ id: 'b', participant: 'a', deliveryStart: T1, side: 'buy', price: 1500, quantity: 1 });
    market.submit({ id: 's', participant: 'b', deliveryStart: T1, side: 'sell', price: 1000, quantity: 1 });
    market.advanceTo(Date.UTC(2025, 3, 7) * 1000);
    expect(market.trades(T1)).toHaveLength(1);
    expect(market.now).toBe(Date.UTC(2025, 3, 7) * 1000);
  });

  it('defect 9: products() validates its range and bounds its answer', () => {
    const { market } = campusMarket();
    for (const [from, to] of [[DAY, Infinity], [NaN, DAY], ['x', DAY], [DAY + 0.5, DAY + Q], [DAY, -Infinity]] as const) {
      expectWattError(() => market.products(from as number, to), ErrorCode.INVALID_TIME);
    }
    expectWattError(() => market.products(DAY + Q, DAY), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => market.products(0, DAY * 10), ErrorCode.INVALID_ARGUMENT);
    expect(market.products(DAY, DAY + 2 * Q)).toHaveLength(2);
  });
});

describe('Market regressions: settlement and money (defects 10, 15, 17)', () => {
  it('defect 10: settling an interval again after prune is refused, with no journal entry and no event', () => {
    const { market, clock } = campusMarket();
    fund(market, ['a']);
    clock.set(T1 + Q);
    market.advanceTo(T1 + Q);
    market.settle(T1, [{ participant: 'a', imported: 1 }]);
    expect(market.prune(T1 + Q)).toBe(1);
    let events = 0;
    market.on('intervalSettled', () => events++);
    refusedUnchanged(market, () => market.settle(T1, [{ participant: 'a', imported: 1 }]), ErrorCode.ALREADY_SETTLED);
    expect(events).toBe(0);
    expect(market.product('main', T1).status).toBe('settled');
    expect(Market.replay(market.journal(), BASE).stateHash()).toBe(market.stateHash());
  });

  it('defect 15: market.ledger is a read-only view: no transfer, no account opening', () => {
    const { market } = campusMarket();
    fund(market, ['a']);
    const view = market.ledger as unknown as Record<string, unknown>;
    for (const write of ['transfer', 'batch', 'openAccount', 'postPending', 'voidPending', 'execute']) expect(view[write]).toBeUndefined();
    expect(Object.isFrozen(market.ledger)).toBe(true);
    expect(market.ledger.balance('a:VND').toString()).toBe('1000000');
    expect(market.ledger.verify().ok).toBe(true);
  });

  it('defect 17: a meter deviation settles by default; a participant short of money ends in debt, then cannot buy or withdraw', () => {
    const { market, clock } = campusMarket();
    fund(market, ['poor'], 100);
    clock.set(T1 + Q);
    market.advanceTo(T1 + Q);
    market.settle(T1, [{ participant: 'poor', imported: 1 }]); // 2,204 at retail, 100 held
    expect(market.balance('poor').money.toString()).toBe('-2104');
    refusedUnchanged(market, () => market.withdraw({ id: 'w', participant: 'poor', amount: 1 }), ErrorCode.INSUFFICIENT_FUNDS);
    refusedUnchanged(market, () => market.submit({ id: 'b', participant: 'poor', deliveryStart: T1 + 4 * Q, side: 'buy', price: 700, quantity: 1 }), ErrorCode.INSUFFICIENT_FUNDS);
    market.deposit({ id: 'pay', participant: 'poor', amount: 3000 });
    market.withdraw({ id: 'w', participant: 'poor', amount: 896 });
    expect(market.balance('poor').money.toString()).toBe('0');
  });

  it('defect 17: participantCredit lets buy orders go beyond the money available (documented: trading on credit)', () => {
    const { market } = campusMarket({ participantCredit: true });
    fund(market, ['a'], 0);
    expect(market.submit({ id: 'b', participant: 'a', deliveryStart: T1, side: 'buy', price: 1000, quantity: 1 }).status).toBe('sealed');
    expect(market.balance('a').available.toString()).toBe('-1000');
    refusedUnchanged(market, () => market.withdraw({ id: 'w', participant: 'a', amount: 1 }), ErrorCode.INSUFFICIENT_FUNDS);
  });
});

describe('Market regressions: a mechanism failing at gate closure', () => {
  it('advanceTo retried after a custom mechanism threw clears the interval it failed on (it was skipped)', () => {
    let calls = 0;
    let fail = false;
    const mechanism: AuctionMechanism = {
      name: 'flaky',
      properties: BUILT_IN_MECHANISMS.uniform.properties,
      clear(orders, context) {
        calls++;
        if (fail && orders.bids.count > 0) {
          fail = false;
          throw new Error('flaky');
        }
        return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      },
    };
    const { market } = campusMarket({ mechanism });
    fund(market, ['s', 'b']);
    const second = DAY + Q;
    for (const start of [DAY, second]) {
      market.submit({ id: `s${start}`, participant: 's', deliveryStart: start, side: 'sell', price: 1000, quantity: 3 });
      market.submit({ id: `b${start}`, participant: 'b', deliveryStart: start, side: 'buy', price: 1200, quantity: 3 });
    }
    market.advanceTo(DAY - 5 * MIN); // the first interval's gate
    fail = true;
    expectWattError(() => market.advanceTo(second), ErrorCode.MECHANISM_FAILED);
    expect(calls).toBeGreaterThan(0);
    expect(market.trades(second)).toHaveLength(0);
    market.advanceTo(second);
    expect(market.trades(second)).toHaveLength(1);
    expect(market.auctionResult('main', second)?.volume.toString()).toBe('3');
  });

  it('what a failed advanceTo leaves: the gates before the failing one stay processed', () => {
    let n = 0;
    const mechanism: AuctionMechanism = {
      name: 'second-fails',
      properties: BUILT_IN_MECHANISMS.uniform.properties,
      clear(orders, context) {
        if (orders.bids.count > 0 && n++ === 1) throw new Error('second');
        return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      },
    };
    const { market } = campusMarket({ mechanism });
    fund(market, ['s', 'b']);
    for (const start of [DAY, DAY + Q]) {
      market.submit({ id: `s${start}`, participant: 's', deliveryStart: start, side: 'sell', price: 1000, quantity: 3 });
      market.submit({ id: `b${start}`, participant: 'b', deliveryStart: start, side: 'buy', price: 1200, quantity: 3 });
    }
    expectWattError(() => market.advanceTo(DAY + Q), ErrorCode.MECHANISM_FAILED);
    expect(market.trades(DAY)).toHaveLength(1);
    expect(market.trades(DAY + Q)).toHaveLength(0);
    market.advanceTo(DAY + Q);
    expect(market.trades(DAY + Q)).toHaveLength(1);
  });
});

describe('Market regressions: utility orders in a joint auction over several zones', () => {
  // Each product's utility orders sit between its live orders and the next product's, but the
  // trades' orders were looked up by live position among the first positions only: a filled
  // order of the second zone was reported 'unfilled', and so was a utility order.
  it('reports as unfilled exactly the live orders not filled, when zone fees couple two zones with utility orders', () => {
    const start = DAY + 8 * 60 * MIN;
    const clock = new ManualClock(start - 30 * MIN);
    const market = new Market({
      clock,
      zones: ['a', 'b'],
      tariff: { retailPrice: 3000, feedInPrice: 500, zoneFees: { a: { a: 0, b: 10 }, b: { a: 10, b: 0 } } },
      priceTick: 1,
      quantityStep: 1,
      utilityOrders: true,
      collateral: false,
    });
    for (const [id, zone] of [['a1', 'a'], ['b1', 'b'], ['b2', 'b']] as const) market.registerParticipant({ id, zone });
    market.submit({ id: 'oa1', participant: 'a1', deliveryStart: start, side: 'buy', price: 2000, quantity: 5 });
    market.submit({ id: 'ob1', participant: 'b1', deliveryStart: start, side: 'buy', price: 2500, quantity: 3 });
    market.submit({ id: 'ob2', participant: 'b2', deliveryStart: start, side: 'sell', price: 1000, quantity: 4 });
    const unfilled: string[] = [];
    market.on('orderCancelled', (e) => unfilled.push(`${e.orderId} ${e.product}`));
    market.advanceTo(start - 5 * MIN);
    const filled = new Map<string, number>();
    for (const t of market.trades(start)) {
      for (const id of [t.buyOrderId, t.sellOrderId]) filled.set(id, (filled.get(id) ?? 0) + Number(t.quantity));
    }
    expect(filled.get('ob1')).toBe(3);
    expect(filled.get('ob2')).toBe(4);
    expect(filled.get('oa1') ?? 0).toBeLessThan(5);
    expect(unfilled).toHaveLength(1);
    expect(unfilled[0]).toMatch(/^oa1 a@/);
  });
});
