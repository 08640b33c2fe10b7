import { describe, expect, it } from 'vitest';
import type { MarketCore } from '../../src/market/market-core.js';
import { ErrorCode } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN;
const T2 = T1 + Q;

describe('MarketCore.orderProduct', () => {
  it('is product() of the zone and start asked for, across starts and zones', () => {
    const { market } = campusMarket({ zones: ['a', 'b'] });
    const core = (market as unknown as { core: MarketCore }).core;
    const a1 = core.orderProduct(0, T1);
    expect([a1.zoneIndex, a1.start]).toEqual([0, T1]);
    expect(core.orderProduct(0, T1)).toBe(a1);
    const b1 = core.orderProduct(1, T1);
    expect([b1.zoneIndex, b1.start]).toEqual([1, T1]);
    const a2 = core.orderProduct(0, T2);
    expect([a2.zoneIndex, a2.start]).toEqual([0, T2]);
    // Each is the one product() finds, and back at the first start the first products again.
    expect([core.product(0, T1), core.product(1, T1), core.product(0, T2)]).toEqual([a1, b1, a2]);
    expect(core.orderProduct(1, T1)).toBe(b1);
    expect(core.findProduct(1, T2)).toBeUndefined();
    expect(core.orderProduct(1, T2)).toBe(core.findProduct(1, T2));
  });

  it('sealed orders after a prune of the interval of the previous order go to their own products', () => {
    const { market, clock } = campusMarket({ mode: 'auction' });
    fund(market, ['roof', 'lab']);
    market.submit({ id: 's1', participant: 'roof', deliveryStart: T1, side: 'sell', price: 700, quantity: 5 });
    market.submit({ id: 'b1', participant: 'lab', deliveryStart: T1, side: 'buy', price: 1500, quantity: 5 });
    clock.set(T1 + Q);
    market.advanceTo(T1 + Q);
    market.settle(T1, [{ participant: 'roof', exported: 5 }, { participant: 'lab', imported: 5 }]);
    expect(market.prune(T1 + Q)).toBe(1);
    expectWattError(() => market.submit({ id: 's2', participant: 'roof', deliveryStart: T1, side: 'sell', price: 700, quantity: 5 }), ErrorCode.PRODUCT_CLOSED);
    market.submit({ id: 's3', participant: 'roof', deliveryStart: T2 + Q, side: 'sell', price: 700, quantity: 2 });
    market.submit({ id: 'b3', participant: 'lab', deliveryStart: T2 + Q, side: 'buy', price: 1500, quantity: 2 });
    clock.set(T2 + 2 * Q);
    market.advanceTo(T2 + 2 * Q);
    expect(market.trades(T2 + Q).map((t) => [t.sellOrderId, t.buyOrderId, t.quantity.toString()])).toEqual([['s3', 'b3', '2']]);
  });
});
