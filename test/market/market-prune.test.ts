import { describe, expect, it } from 'vitest';
import { ErrorCode, Market } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN;
const T2 = T1 + Q;

function twoIntervals(): { market: Market; clock: ReturnType<typeof campusMarket>['clock'] } {
  const { market, clock } = campusMarket();
  fund(market, ['roof', 'lab']);
  for (const [t, n] of [[T1, 1], [T2, 2]] as const) {
    market.submit({ id: `s${n}`, participant: 'roof', deliveryStart: t, side: 'sell', price: 700, quantity: 5 });
    market.submit({ id: `b${n}`, participant: 'lab', deliveryStart: t, side: 'buy', price: 1500, quantity: 5 });
  }
  clock.set(T2 + Q);
  market.advanceTo(T2 + Q);
  market.settle(T1, [{ participant: 'roof', exported: 5 }, { participant: 'lab', imported: 5 }]);
  return { market, clock };
}

describe('Market.prune', () => {
  it('forgets only settled intervals that have ended, and keeps the ledger', () => {
    const { market } = twoIntervals();
    expect(market.trades(T1)).toHaveLength(1);
    const money = market.balance('roof').money.toString();
    expect(market.prune(T1)).toBe(0); // T1 has not ended by its own start
    expect(market.prune(T2 + Q)).toBe(1); // T2 ended but is not settled: kept
    expect(market.trades(T1)).toHaveLength(0);
    expect(market.trades(T2)).toHaveLength(1);
    expect(market.balance('roof').money.toString()).toBe(money);
    expect(market.ledger.verify().ok).toBe(true);
    expect(market.prune(T2 + Q)).toBe(0);
  });

  it('is journalled, so a replay forgets the same intervals and reaches the same state hash', () => {
    const { market } = twoIntervals();
    market.prune(T2 + Q);
    market.settle(T2, [{ participant: 'roof', exported: 5 }, { participant: 'lab', imported: 5 }]);
    market.prune(T2 + Q);
    const journal = market.journal();
    expect(journal.flatMap((c) => (c.kind === 'prune' ? [c.until] : []))).toEqual([T2 + Q, T2 + Q]);
    const replayed = Market.replay(journal, { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 });
    expect(replayed.stateHash()).toBe(market.stateHash());
    expect(replayed.trades(T2)).toHaveLength(0);
  });

  it('refuses a time that is not a safe integer, changing nothing', () => {
    const { market } = twoIntervals();
    const hash = market.stateHash();
    const length = market.journal().length;
    for (const bad of [Number.NaN, 1.5, '0', undefined]) expectWattError(() => market.prune(bad as number), ErrorCode.INVALID_TIME, { fnName: 'Market.prune' });
    expect(market.stateHash()).toBe(hash);
    expect(market.journal().length).toBe(length);
  });
});
