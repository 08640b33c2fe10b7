import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, Market } from '../../src/index.js';
import type { MarketEvents } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { assetSum, campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN; // 08:00 UTC
const T2 = T1 + Q;

describe('Market: a campus day by call auction', () => {
  it('clears each interval at gate closure, settles against meters, and conserves money and energy', () => {
    const { market, clock } = campusMarket();
    fund(market, ['roof', 'canopy', 'lab', 'dorm', 'battery']);
    const events: string[] = [];
    market.on('auctionCleared', (e) => events.push(`cleared ${e.products.join(',')} @${e.result.price?.toString() ?? '-'}`));
    market.on('gateClosed', (e) => events.push(`gate ${e.product}`));
    market.submit({ id: 's1', participant: 'roof', deliveryStart: T1, side: 'sell', price: 700, quantity: 5 });
    market.submit({ id: 's2', participant: 'canopy', deliveryStart: T1, side: 'sell', price: 900, quantity: 4 });
    market.submit({ id: 'b1', participant: 'lab', deliveryStart: T1, side: 'buy', price: 2204, quantity: 6 });
    market.submit({ id: 'b2', participant: 'dorm', deliveryStart: T1, side: 'buy', price: 1500, quantity: 2 });
    const sealed = market.submit({ id: 'b3', participant: 'battery', deliveryStart: T2, side: 'buy', price: 800, quantity: 3 });
    expect(sealed.status).toBe('sealed');
    // Buy orders reserve price x quantity.
    expect(market.balance('lab').available.toString()).toBe(String(1_000_000 - 2204 * 6));
    market.advanceTo(T1 - 5 * MIN);
    // Gates close for the intervals with orders (08:00 and 08:15); the 08:00 one by 07:55, and its auction clears.
    expect(events.filter((e) => e.startsWith('gate')).length).toBe(1);
    expect(events.slice(-2)).toEqual(['gate main@2025-04-07T08:00:00.000Z', 'cleared main@2025-04-07T08:00:00.000Z @900']);
    // Uniform price: all 8 kWh bid trade; the 900 ask is only partly filled, so it is marginal and
    // the interval of clearing prices is [900, 900].
    const trades = market.trades(T1);
    expect(trades.reduce((a, t) => a + Number(t.quantity), 0)).toBe(8);
    expect(new Set(trades.map((t) => t.buyerPrice.toString()))).toEqual(new Set(['900']));
    // After the auction only the traded value stays with the buyer (in escrow); the rest is released.
    expect(market.balance('lab').available.toString()).toBe(String(1_000_000 - 900 * 6));
    expectWattError(() => market.settle(T1, []), ErrorCode.NOT_SETTLEABLE);
    clock.set(T1 + Q);
    const result = market.settle(T1, [
      { participant: 'roof', exported: 5 },
      { participant: 'canopy', exported: '2.5' }, // sold 3: half a kWh short, bought at retail
      { participant: 'lab', imported: 6 },
      { participant: 'dorm', imported: '2.5' }, // half a kWh more: bought at retail
      { participant: 'battery', net: 0 },
    ]);
    expect(result.status).toBe('settled');
    expect(market.balance('roof').money.toString()).toBe(String(1_000_000 + 900 * 5));
    expect(market.balance('canopy').money.toString()).toBe(String(1_000_000 + 900 * 3 - 1102));
    expect(market.balance('dorm').money.toString()).toBe(String(1_000_000 - 900 * 2 - 1102));
    expect(market.balance('lab').money.toString()).toBe(String(1_000_000 - 900 * 6));
    for (const id of ['roof', 'canopy', 'lab', 'dorm', 'battery']) expect(market.balance(id).energy.toString()).toBe('0');
    expect(assetSum(market, 'VND')).toBe(0n);
    expect(assetSum(market, 'kWh')).toBe(0n);
    expect(market.ledger.verify().ok).toBe(true);
    expectWattError(() => market.settle(T1, []), ErrorCode.ALREADY_SETTLED);
    expect(market.product('main', T1).status).toBe('settled');
    expect(market.product('main', T2).status).toBe('closed'); // by the clock: its gate passed at 08:10
  });

  it('leaves unfilled sealed orders with reason "unfilled" and releases their collateral', () => {
    const { market } = campusMarket();
    fund(market, ['a', 'b']);
    const cancelled: string[] = [];
    market.on('orderCancelled', (e) => cancelled.push(`${e.orderId}:${e.reason}`));
    market.submit({ id: 'b', participant: 'a', deliveryStart: T1, side: 'buy', price: 800, quantity: 2 });
    market.submit({ id: 's', participant: 'b', deliveryStart: T1, side: 'sell', price: 900, quantity: 2 });
    market.advanceTo(T1);
    expect(cancelled).toEqual(['b:unfilled', 's:unfilled']);
    expect(market.balance('a').available.toString()).toBe('1000000');
    expect(market.order('b')).toBeUndefined();
  });
});

describe('Market: continuous trading', () => {
  it('matches on arrival at the maker price, expires the rest at gate closure, and settles', () => {
    const { market, clock } = campusMarket({ mode: 'continuous' });
    fund(market, ['roof', 'lab', 'dorm']);
    const log: string[] = [];
    const listener: MarketEvents['orderCancelled'] = (e) => log.push(`${e.orderId}:${e.reason}`);
    market.on('orderCancelled', listener);
    market.submit({ id: 's1', participant: 'roof', deliveryStart: T1, side: 'sell', price: 1000, quantity: 3 });
    const r = market.submit({ id: 'b1', participant: 'lab', deliveryStart: T1, side: 'buy', price: 1200, quantity: 2 });
    expect(r.status).toBe('filled');
    expect(r.trades.map((t) => [t.buyerPrice.toString(), t.quantity.toString()])).toEqual([['1000', '2']]);
    expect(market.depth('main', T1)?.asks.map((l) => l.quantity.toString())).toEqual(['1']);
    market.submit({ id: 'b2', participant: 'dorm', deliveryStart: T1, side: 'buy', price: 900, quantity: 4 });
    market.advanceTo(T1 - 5 * MIN);
    expect(log).toEqual(['s1:gate-closed', 'b2:gate-closed']);
    expect(market.balance('dorm').available.toString()).toBe('1000000');
    clock.set(T1 + Q);
    market.settle(T1, [{ participant: 'roof', exported: 2 }, { participant: 'lab', imported: 2 }]);
    expect(market.balance('roof').money.toString()).toBe('1002000');
    expect(market.balance('lab').money.toString()).toBe('998000');
  });

  it('re-reserves collateral on amend and trades a crossing amend at once', () => {
    const { market } = campusMarket({ mode: 'continuous' });
    fund(market, ['a', 'b'], 10_000);
    market.submit({ id: 's', participant: 'a', deliveryStart: T1, side: 'sell', price: 1500, quantity: 1 });
    market.submit({ id: 'b', participant: 'b', deliveryStart: T1, side: 'buy', price: 1000, quantity: 2 });
    expect(market.balance('b').available.toString()).toBe('8000');
    expectWattError(() => market.amend('b', { price: 2000, quantity: 6 }), ErrorCode.INSUFFICIENT_FUNDS);
    expect(market.balance('b').available.toString()).toBe('8000');
    const r = market.amend('b', { price: 1600 });
    expect(r.trades.map((t) => t.buyerPrice.toString())).toEqual(['1500']);
    expect(market.order('b')?.quantity.toString()).toBe('1');
    // The fill posted 1,500; the reservation keeps what the open kWh can still cost at its limit
    // (1,600), and the 100 saved by the better price is free at once.
    expect(market.balance('b').available.toString()).toBe(String(10_000 - 1500 - 1600));
  });
});

describe('Market: continuous trading followed by a closing auction', () => {
  it('seals the resting orders at the call phase and clears them with new sealed orders', () => {
    const { market, clock } = campusMarket({ mode: 'continuous-then-auction', callPhaseMinutes: 30 });
    fund(market, ['a', 'b', 'c']);
    market.submit({ id: 'b1', participant: 'a', deliveryStart: T1, side: 'buy', price: 1200, quantity: 2 });
    market.submit({ id: 's1', participant: 'b', deliveryStart: T1, side: 'sell', price: 1300, quantity: 2 });
    const callStart = T1 - 35 * MIN;
    market.advanceTo(callStart);
    expect(market.product('main', T1).status).toBe('call');
    expect(market.order('b1')?.venue).toBe('sealed');
    clock.set(callStart + MIN);
    // A crossing order is sealed now: it does not trade until the gate closes.
    const r = market.submit({ id: 's2', participant: 'c', deliveryStart: T1, side: 'sell', price: 1000, quantity: 1 });
    expect(r.status).toBe('sealed');
    market.advanceTo(T1 - 5 * MIN);
    const result = market.auctionResult('main', T1);
    expect(result?.volume.toString()).toBe('1');
    expect(result?.price?.toString()).toBe('1200');
  });
});

describe('Market: zones and fees', () => {
  it('clears the zones of an interval jointly, trading across zones only where the fee is covered', () => {
    const { market, clock } = campusMarket({
      zones: ['north', 'south'],
      tariff: { retailPrice: 2204, feedInPrice: 671, zoneFees: { north: { north: 50, south: 120 }, south: { north: 120, south: 50 } } },
    });
    fund(market, ['pv-n'], 0, 'north');
    fund(market, ['lab-s'], 100_000, 'south');
    market.submit({ id: 's', participant: 'pv-n', deliveryStart: T1, side: 'sell', price: 800, quantity: 4 });
    market.submit({ id: 'b', participant: 'lab-s', deliveryStart: T1, side: 'buy', price: 1000, quantity: 4 });
    market.advanceTo(T1);
    const [trade] = market.trades(T1);
    expect(trade?.fee.toString()).toBe('120');
    expect(Number(trade?.buyerPrice) - Number(trade?.sellerPrice)).toBe(120);
    clock.set(T1 + Q);
    market.settle(T1, [{ participant: 'pv-n', exported: 4 }, { participant: 'lab-s', imported: 4 }]);
    expect(market.ledger.balance('network:VND').toString()).toBe('480');
    expect(assetSum(market, 'VND')).toBe(0n);
  });

  it('lets the utility stand ready at the band edges', () => {
    const { market, clock } = campusMarket({ utilityOrders: true });
    fund(market, ['lab']);
    market.submit({ id: 'b', participant: 'lab', deliveryStart: T1, side: 'buy', price: 2204, quantity: 3 });
    market.advanceTo(T1);
    expect(market.trades(T1).map((t) => [t.seller, t.buyerPrice.toString()])).toEqual([['@utility', '2204']]);
    clock.set(T1 + Q);
    market.settle(T1, [{ participant: 'lab', imported: 3 }]);
    expect(market.balance('lab').money.toString()).toBe(String(1_000_000 - 3 * 2204));
    expect(market.participants().map((p) => p.id)).toEqual(['lab']);
  });
});

describe('Market: bad input changes nothing', () => {
  it('refuses each class with its code, leaving the state hash as it was', () => {
    const { market, clock } = campusMarket();
    fund(market, ['a', 'b'], 5_000);
    market.submit({ id: 'x', participant: 'a', deliveryStart: T1, side: 'sell', price: 700, quantity: 1 });
    const rejected: string[] = [];
    market.on('orderRejected', (e) => rejected.push(e.code));
    const before = market.stateHash();
    const order = { id: 'o', participant: 'b', deliveryStart: T1, side: 'buy' as const, price: 1000, quantity: 1 };
    const cases: [() => unknown, ErrorCode][] = [
      [() => market.submit({ ...order, participant: 'nobody' }), ErrorCode.UNKNOWN_PARTICIPANT],
      [() => market.submit({ ...order, deliveryStart: T1 + 1 }), ErrorCode.UNKNOWN_PRODUCT],
      [() => market.submit({ ...order, deliveryStart: DAY - 60 * MIN }), ErrorCode.PRODUCT_CLOSED],
      [() => market.submit({ ...order, deliveryStart: DAY + 3 * 24 * 60 * MIN }), ErrorCode.PRODUCT_CLOSED],
      [() => market.submit({ ...order, price: 2205 }), ErrorCode.PRICE_OUT_OF_BAND],
      [() => market.submit({ ...order, price: 670 }), ErrorCode.PRICE_OUT_OF_BAND],
      [() => market.submit({ ...order, price: 1000.5 }), ErrorCode.INVALID_PRICE],
      [() => market.submit({ ...order, quantity: 6 }), ErrorCode.INSUFFICIENT_FUNDS],
      [() => market.submit({ ...order, quantity: 0 }), ErrorCode.INVALID_QUANTITY],
      [() => market.submit({ ...order, quantity: '0.0001' }), ErrorCode.INVALID_QUANTITY],
      [() => market.submit({ ...order, id: 'x' }), ErrorCode.DUPLICATE_ORDER_ID],
      [() => market.submit({ ...order, id: '' }), ErrorCode.INVALID_ID],
      [() => market.submit({ ...order, id: '@x' }), ErrorCode.INVALID_ID],
      [() => market.submit({ ...order, side: 'hold' as never }), ErrorCode.INVALID_SIDE],
      [() => market.submit({ ...order, type: 'market' }), ErrorCode.INVALID_ORDER_TYPE],
      [() => market.submit({ ...order, timeInForce: 'IOC' }), ErrorCode.INVALID_TIME_IN_FORCE],
      [() => market.submit({ ...order, extra: 1 } as never), ErrorCode.INVALID_ARGUMENT],
      [() => market.submit(null as never), ErrorCode.INVALID_ARGUMENT],
      [() => market.amend('nope', { price: 1 }), ErrorCode.UNKNOWN_ORDER],
      [() => market.amend('x', { price: 3000 }), ErrorCode.PRICE_OUT_OF_BAND],
      [() => market.registerParticipant({ id: 'a' }), ErrorCode.DUPLICATE_PARTICIPANT],
      [() => market.registerParticipant({ id: 'c', zone: 'moon' }), ErrorCode.UNKNOWN_ZONE],
      [() => market.registerParticipant({ id: 'utility' }), ErrorCode.DUPLICATE_ACCOUNT],
      [() => market.deposit({ id: 'd', participant: 'a', amount: -1 }), ErrorCode.INVALID_AMOUNT],
      [() => market.withdraw({ id: 'w', participant: 'a', amount: 1_000_000 }), ErrorCode.INSUFFICIENT_FUNDS],
      [() => market.advanceTo(DAY - 48 * 60 * MIN), ErrorCode.INVALID_TIME],
      [() => market.advanceTo(1.5), ErrorCode.INVALID_TIME],
      [() => market.settle(T1, []), ErrorCode.NOT_SETTLEABLE],
      [() => market.settle(T1 + 7, []), ErrorCode.UNKNOWN_PRODUCT],
    ];
    for (const [call, code] of cases) {
      expectWattError(call, code);
      expect(market.stateHash()).toBe(before);
    }
    expect(rejected.length).toBe(18);
    expect(market.cancel('nope')).toBe(false);
    // After delivery: readings for an unknown participant, a trader without a reading, settling twice.
    market.submit({ id: 'y', participant: 'b', deliveryStart: T1, side: 'buy', price: 900, quantity: 1 });
    market.advanceTo(T1);
    clock.set(T1 + Q);
    const settledBefore = market.stateHash();
    expectWattError(() => market.settle(T1, [{ participant: 'ghost', exported: 1 }]), ErrorCode.UNKNOWN_PARTICIPANT);
    expectWattError(() => market.settle(T1, [{ participant: 'a', exported: 1 }]), ErrorCode.INVALID_SETTLEMENT);
    expectWattError(() => market.settle(T1, [{ participant: 'a', exported: 1 }, { participant: 'b', imported: 1 }, { participant: 'a', exported: 1 }]), ErrorCode.INVALID_SETTLEMENT);
    expectWattError(() => market.settle(T1, [{ participant: 'a', exported: -1 }, { participant: 'b', imported: 1 }]), ErrorCode.INVALID_QUANTITY);
    expect(market.stateHash()).toBe(settledBefore);
    market.settle(T1, [{ participant: 'a', exported: 1 }, { participant: 'b', imported: 1 }]);
    const after = market.stateHash();
    expectWattError(() => market.settle(T1, [{ participant: 'a', exported: 1 }, { participant: 'b', imported: 1 }]), ErrorCode.ALREADY_SETTLED);
    expect(market.stateHash()).toBe(after);
  });

  it('refuses bad options', () => {
    const { clock } = campusMarket();
    const ok = { clock, tariff: { retailPrice: 2204, feedInPrice: 671 } };
    const bad: [unknown, ErrorCode][] = [
      [{ ...ok, clock: undefined }, ErrorCode.INVALID_OPTION],
      [{ ...ok, intervalMinutes: 7 }, ErrorCode.INVALID_OPTION],
      [{ ...ok, mode: 'barter' }, ErrorCode.INVALID_OPTION],
      [{ ...ok, mechanism: 'vickrey' }, ErrorCode.UNKNOWN_MECHANISM],
      [{ ...ok, k: 2 }, ErrorCode.INVALID_K],
      [{ ...ok, tariff: { retailPrice: 600, feedInPrice: 671 } }, ErrorCode.INVALID_PRICE],
      [{ ...ok, zones: ['a', 'a'] }, ErrorCode.INVALID_OPTION],
      [{ ...ok, zones: ['a'], tariff: { ...ok.tariff, zoneFees: { b: { b: 1 } } } }, ErrorCode.UNKNOWN_ZONE],
      [{ ...ok, horizonMinutes: 5, gateClosureMinutes: 10 }, ErrorCode.INVALID_OPTION],
      [{ ...ok, tickle: true }, ErrorCode.INVALID_OPTION],
    ];
    for (const [options, code] of bad) expectWattError(() => new Market(options as never), code, { fnName: 'Market' });
  });
});

describe('Market: a ledger of its own', () => {
  it('counts energy in the ledger\'s kWh step when it is finer than the market\'s quantity step', () => {
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.0001' } });
    const { market, clock } = campusMarket({ ledger });
    fund(market, ['roof', 'lab']);
    market.submit({ id: 's', participant: 'roof', deliveryStart: T1, side: 'sell', price: 900, quantity: '1.5' });
    market.submit({ id: 'b', participant: 'lab', deliveryStart: T1, side: 'buy', price: 1000, quantity: '1.5' });
    expect(ledger.available('lab:VND').toString()).toBe(String(1_000_000 - 1500));
    market.advanceTo(T1);
    expect(market.trades(T1).map((t) => t.quantity.toString())).toEqual(['1.5']);
    // The gate posted the trade's value from the reservation into clearing and released the rest.
    expect(ledger.balance('clearing:VND').toString()).toBe('1425');
    expect(ledger.available('lab:VND').toString()).toBe(String(1_000_000 - 1425));
    clock.set(T1 + Q);
    market.settle(T1, [{ participant: 'roof', exported: '1.5' }, { participant: 'lab', imported: '1.6' }]);
    expect(ledger.balance('lab:kWh').toString()).toBe('0');
    expect(ledger.balance('roof:VND').toString()).toBe(String(1_000_000 + 1425)); // 1.5 kWh at the clearing price 950
    expect(ledger.balance('lab:VND').toString()).toBe(String(1_000_000 - 1425 - 220)); // and 0.1 kWh short at 2204, rounded
    expect(assetSum(market, 'VND')).toBe(0n);
    expect(assetSum(market, 'kWh')).toBe(0n);
    expect(ledger.verify().ok).toBe(true);
  });

  it('regression (review): with a finer money step, a buy the funds cannot cover is refused before anything changes', () => {
    const ledger = new Ledger({ assets: { VND: '0.01', kWh: '0.001' } });
    const { market } = campusMarket({ ledger });
    fund(market, ['lab'], 100);
    const hash = market.stateHash();
    const journal = market.journal().length;
    const rejected: string[] = [];
    market.on('orderRejected', (e) => rejected.push(e.code));
    expectWattError(() => market.submit({ id: 'b', participant: 'lab', deliveryStart: T1, side: 'buy', price: 2000, quantity: 1 }), ErrorCode.INSUFFICIENT_FUNDS);
    expect(market.stateHash()).toBe(hash);
    expect(market.journal().length).toBe(journal);
    expect(rejected).toEqual([ErrorCode.INSUFFICIENT_FUNDS]);
    // What the funds do cover is reserved in the ledger's own steps.
    market.submit({ id: 'b2', participant: 'lab', deliveryStart: T1, side: 'buy', price: 999, quantity: '0.1' });
    expect(ledger.available('lab:VND').toString()).toBe('0.1');
  });

  it('regression (review): an amend the funds cannot cover leaves the order, its reservation and the journal as they were', () => {
    const ledger = new Ledger({ assets: { VND: '0.01', kWh: '0.001' } });
    const { market } = campusMarket({ ledger });
    fund(market, ['lab'], 3000);
    market.submit({ id: 'b', participant: 'lab', deliveryStart: T1, side: 'buy', price: 1000, quantity: 1 });
    const hash = market.stateHash();
    const journal = market.journal().length;
    expectWattError(() => market.amend('b', { price: 2204, quantity: '1.5' }), ErrorCode.INSUFFICIENT_FUNDS);
    expect(market.stateHash()).toBe(hash);
    expect(market.journal().length).toBe(journal);
    expect(market.order('b')?.price?.toString()).toBe('1000');
    expect(ledger.available('lab:VND').toString()).toBe('2000');
  });

  it('regression (review): with a finer kWh step, a sell beyond the energy held is refused before anything changes', () => {
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.0001' } });
    ledger.openAccount({ id: 'source', asset: 'kWh', allowNegative: true });
    const { market } = campusMarket({ ledger, energyCollateral: true, collateral: false });
    fund(market, ['roof'], 0);
    ledger.transfer({ id: 'e1', from: 'source', to: 'roof:kWh', amount: '0.5' });
    const hash = market.stateHash();
    const journal = market.journal().length;
    expectWattError(() => market.submit({ id: 's', participant: 'roof', deliveryStart: T1, side: 'sell', price: 900, quantity: 1 }), ErrorCode.INSUFFICIENT_FUNDS);
    expect(market.stateHash()).toBe(hash);
    expect(market.journal().length).toBe(journal);
    market.submit({ id: 's2', participant: 'roof', deliveryStart: T1, side: 'sell', price: 900, quantity: '0.5' });
    expect(ledger.available('roof:kWh').toString()).toBe('0');
  });

  it('refuses a ledger whose steps do not divide the market\'s', () => {
    const { clock } = campusMarket();
    const tariff = { retailPrice: 2204, feedInPrice: 671 };
    for (const assets of [{ VND: '10', kWh: '0.001' }, { VND: '1', kWh: '0.01' }, { VND: '1', kWh: '0.0003' }]) {
      expectWattError(() => new Market({ clock, tariff, priceTick: 1, ledger: new Ledger({ assets }) }), ErrorCode.INVALID_OPTION, { fnName: 'Market' });
    }
  });
});
