import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Market, WattError } from '../../src/index.js';
import type { MarketOptions, ProductMode } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { assetSum, campusMarket, DAY, MIN, Q } from './market-helpers.js';

const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4'];
const START = DAY; // intervals 00:00 .. 01:45
type Op =
  | { k: 'submit'; who: number; slot: number; buy: boolean; price: number; wh: number; market: boolean; tif: number }
  | { k: 'cancel'; n: number }
  | { k: 'amend'; n: number; price: number; wh: number }
  | { k: 'advance'; minutes: number }
  | { k: 'settle'; slot: number; noise: number[] }
  | { k: 'deposit'; who: number; amount: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  // Buyers bid high and sellers ask low most of the time, so orders cross and trade; a few prices
  // fall outside the band, a few quantities are zero.
  {
    weight: 8,
    arbitrary: fc.boolean().chain((buy) =>
      fc.record({
        k: fc.constant('submit' as const),
        who: fc.nat(4),
        slot: fc.nat(2),
        buy: fc.constant(buy),
        price: buy ? fc.integer({ min: 1000, max: 2210 }) : fc.integer({ min: 665, max: 1800 }),
        wh: fc.integer({ min: 0, max: 5000 }),
        market: fc.boolean(),
        tif: fc.nat(3),
      }),
    ),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('cancel' as const), n: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('amend' as const), n: fc.nat(40), price: fc.integer({ min: 660, max: 2220 }), wh: fc.integer({ min: 1, max: 5000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('settle' as const), slot: fc.nat(2), noise: fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 5, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('deposit' as const), who: fc.nat(4), amount: fc.integer({ min: -5, max: 20_000 }) }) },
);

/** Runs the ops on a fresh market, checking the invariants after every one; returns it. */
function run(mode: ProductMode, ops: readonly Op[], extra: Partial<MarketOptions>): Market {
  const { market, clock } = campusMarket({ mode, callPhaseMinutes: 20, ...extra });
  for (const id of PEOPLE) {
    market.registerParticipant({ id });
    market.deposit({ id: `seed-${id}`, participant: id, amount: 30_000 });
  }
  let orderNo = 0;
  const settled = new Set<number>();
  for (const op of ops) {
    const before = market.stateHash();
    try {
      switch (op.k) {
        case 'submit': {
          const order = {
            id: `o${orderNo++}`,
            participant: PEOPLE[op.who]!,
            deliveryStart: START + op.slot * Q,
            side: op.buy ? ('buy' as const) : ('sell' as const),
            quantity: op.wh / 1000,
            ...(op.market && mode === 'continuous' ? { type: 'market' as const } : { price: op.price }),
            ...(mode === 'continuous' && op.tif > 0 ? { timeInForce: (['GTC', 'IOC', 'FOK'] as const)[op.tif - 1]! } : {}),
          };
          market.submit(order);
          break;
        }
        case 'cancel':
          market.cancel(`o${op.n}`);
          break;
        case 'amend':
          market.amend(`o${op.n}`, { price: op.price, quantity: op.wh / 1000 });
          break;
        case 'advance':
          clock.advance(op.minutes * MIN);
          market.advanceTo(clock.now());
          break;
        case 'settle':
          settle(market, START + op.slot * Q, op.noise);
          settled.add(START + op.slot * Q);
          break;
        case 'deposit':
          market.deposit({ id: `d${orderNo++}`, participant: PEOPLE[op.who]!, amount: op.amount });
          break;
      }
    } catch (e) {
      if (!(e instanceof WattError)) throw e;
      // A refused call changes nothing.
      expect(market.stateHash()).toBe(before);
    }
    expect(assetSum(market, 'VND')).toBe(0n);
    expect(assetSum(market, 'kWh')).toBe(0n);
  }
  // Epilogue: close and settle every interval, so every run ends in settlement.
  const end = START + 3 * Q;
  if (clock.now() < end) clock.set(end);
  market.advanceTo(clock.now());
  for (let slot = 0; slot < 3; slot++) if (!settled.has(START + slot * Q)) settle(market, START + slot * Q, [7, -7, 0, 1, -1]);
  expect(assetSum(market, 'VND')).toBe(0n);
  // Every interval settled: each participant's energy has netted to zero, and money moved only
  // between accounts (the ledger's journal folds to its balances).
  for (const p of PEOPLE) {
    const b = market.balance(p);
    expect(b.energy.toString()).toBe('0');
    // No order is open any more, so no reservation may linger.
    expect(b.available.toString()).toBe(b.money.toString());
  }
  expect(market.ledger.verify().ok).toBe(true);
  stats.runs++;
  for (let slot = 0; slot < 3; slot++) stats.trades += market.trades(START + slot * Q).length;
  return market;
}

/** Meters what each participant contracted, give or take `noise` Wh, and settles. */
function settle(market: Market, start: number, noise: readonly number[]): void {
  const net = new Map<string, number>();
  for (const t of market.trades(start)) {
    net.set(t.seller, (net.get(t.seller) ?? 0) + t.quantity.mul(1000).toNumber());
    net.set(t.buyer, (net.get(t.buyer) ?? 0) - t.quantity.mul(1000).toNumber());
  }
  const readings = PEOPLE.map((p, i) => ({ participant: p, net: ((net.get(p) ?? 0) + noise[i]!) / 1000 }));
  market.settle(start, readings);
}

// How much the generated runs exercise, checked below so the properties cannot pass vacuously.
const stats = { runs: 0, trades: 0 };

describe('Market properties', () => {
  for (const mode of ['auction', 'continuous', 'continuous-then-auction'] as const) {
    it(`${mode}: conserves money and energy, refuses without change, and replays to the same state`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 30, maxLength: 100 }), fc.boolean(), (ops, utility) => {
          // utilityOrders is refused in continuous mode (no moment to post standing orders at).
          const extra = { utilityOrders: utility && mode !== 'continuous' };
          const market = run(mode, ops, extra);
          const replayed = Market.replay(market.journal(), { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, mode, callPhaseMinutes: 20, ...extra });
          expect(replayed.stateHash()).toBe(market.stateHash());
          expect(replayed.journal()).toEqual(market.journal());
        }),
        { numRuns: runs(60) },
      );
    });
  }

  it('exercise trading: the runs above traded (a guard against vacuous properties)', () => {
    expect(stats.runs).toBeGreaterThan(100);
    expect(stats.trades / stats.runs).toBeGreaterThan(3);
  });

  it('gives the same state for the same commands (determinism)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 40 }), (ops) => {
        expect(run('auction', ops, {}).stateHash()).toBe(run('auction', ops, {}).stateHash());
      }),
      { numRuns: runs(20) },
    );
  });
});
