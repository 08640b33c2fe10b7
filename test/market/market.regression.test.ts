import { describe, expect, it } from 'vitest';
import { ErrorCode, Market } from '../../src/index.js';
import type { MarketOptions } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN; // 08:00 UTC
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
    expect(market.order('s2')?.quantity.toString()).toBe('1');
  });
});


