import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { clearAuction, type AuctionOptions, type AuctionOrder, type WattError } from '../../src/index.js';
import { resolveAuctionOptions } from '../../src/auction/auction-options.js';
import { clearAuctionSteps, type StepOrders } from '../../src/auction/clear-auction-steps.js';
import { catchWattError, expectWattError, runs } from '../helpers/expect-watt-error.js';
import { kArb, marketArb, MECHANISMS, type IntOrder } from './helpers/market.js';

/** Every field of a result, getters of lazy classes included, with Decimals as text. */
function plain(v: unknown): unknown {
  if (v instanceof Decimal) return v.toString();
  if (typeof v === 'function') return 'function';
  if (Array.isArray(v)) return v.map(plain);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  const keys = new Set<string>(Object.keys(v));
  for (let proto = Object.getPrototypeOf(v) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (d.get !== undefined) keys.add(key);
  }
  for (const key of [...keys].sort()) out[key] = plain((v as Record<string, unknown>)[key]);
  return out;
}

/** The market's orders in ticks of 0.01 and lots of 0.001, as decimals and as step columns. */
function both(market: readonly IntOrder[], zoned: boolean): { orders: AuctionOrder[]; steps: StepOrders } {
  const orders = market.map((o, i) => ({
    id: `o${i}`,
    owner: `t${i % 3}`,
    side: o.side,
    price: new Decimal(o.price).div(100).toString(),
    quantity: new Decimal(o.quantity).div(1000).toString(),
    ...(zoned && o.zone !== undefined ? { zone: o.zone } : {}),
  }));
  const steps: StepOrders = {
    count: market.length,
    ids: orders.map((o) => o.id),
    owners: orders.map((o) => o.owner),
    buy: market.map((o) => o.side === 'buy'),
    priceTicks: market.map((o) => o.price),
    lots: market.map((o) => o.quantity),
    ...(zoned ? { zones: market.map((o) => o.zone) } : {}),
  };
  return { orders, steps };
}

const BASE: AuctionOptions = { priceTick: '0.01', quantityStep: '0.001' };
const ZONES = ['A', 'B', 'C'] as const;
const FEES = { A: { A: 0, B: '0.02', C: '0.05' }, B: { A: '0.01', B: 0, C: '0.03' }, C: { A: '0.04', B: '0.02', C: '0.01' } };

describe('clearAuctionSteps (the integer entry point)', () => {
  it('gives exactly the result of clearAuction for every mechanism, k and rationing', () => {
    fc.assert(
      fc.property(
        marketArb({ maxPerSide: 8, minPrice: -5, maxPrice: 40, maxQuantity: 9 }),
        fc.constantFrom(...MECHANISMS),
        kArb,
        fc.constantFrom('input-order' as const, 'pro-rata' as const),
        (market, mechanism, k, rationing) => {
          const options: AuctionOptions = { ...BASE, mechanism, k, rationing };
          const { orders, steps } = both(market, false);
          const o = resolveAuctionOptions(options);
          const expected = plain(clearAuction(orders, options));
          expect(plain(clearAuctionSteps(steps, o))).toEqual(expected);
          // Ids vouched distinct (the market's): not checked, the same result.
          expect(plain(clearAuctionSteps({ ...steps, idsDistinct: true }, o))).toEqual(expected);
          // Names vouched checked too (the market's): not read for the checks, the same result.
          expect(plain(clearAuctionSteps({ ...steps, idsDistinct: true, namesChecked: true }, o))).toEqual(expected);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('gives exactly the result of clearAuction with zones and fees', () => {
    fc.assert(
      fc.property(marketArb({ zones: ZONES, maxPerSide: 6, minPrice: 0, maxPrice: 30 }), fc.constantFrom('uniform' as const, 'discriminatory' as const), kArb, (market, mechanism, k) => {
        const options: AuctionOptions = { ...BASE, mechanism, k, zones: { fees: FEES } };
        const { orders, steps } = both(market, true);
        expect(plain(clearAuctionSteps(steps, resolveAuctionOptions(options)))).toEqual(plain(clearAuction(orders, options)));
      }),
      { numRuns: runs(200) },
    );
  });

  it('reads each trade and the welfare as integers exactly as the result\'s trades and welfare give them (what the market reads)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom(...MECHANISMS),
        marketArb({ zones: ZONES, maxPerSide: 8, minPrice: 0, maxPrice: 30 }),
        (zoned, mechanism, market) => {
          if (zoned && mechanism !== 'uniform' && mechanism !== 'discriminatory') return;
          const options: AuctionOptions = { ...BASE, mechanism, ...(zoned ? { zones: { fees: FEES } } : {}) };
          const { steps } = both(market, zoned);
          const r = clearAuctionSteps(steps, resolveAuctionOptions(options), 'prevent');
          const read = Array.from({ length: r.tradeCount }, (_, i) => ({
            buyOrderId: steps.ids[r.tradeBuyInput(i)],
            sellOrderId: steps.ids[r.tradeSellInput(i)],
            buyer: steps.owners[r.tradeBuyInput(i)],
            seller: steps.owners[r.tradeSellInput(i)],
            quantitySteps: r.tradeLots(i),
            buyerPriceTicks: r.tradeBuyerTicks(i),
            sellerPriceTicks: r.tradeSellerTicks(i),
            feeTicks: r.tradeFeeTicks(i),
            buyerZone: r.tradeBuyerZone(i),
          }));
          expect(read).toEqual(
            r.trades.map((t) => ({
              buyOrderId: t.buyOrderId,
              sellOrderId: t.sellOrderId,
              buyer: t.buyer,
              seller: t.seller,
              quantitySteps: t.quantitySteps,
              buyerPriceTicks: t.buyerPriceTicks,
              sellerPriceTicks: t.sellerPriceTicks,
              feeTicks: t.feeTicks,
              buyerZone: t.buyerZone,
            })),
          );
          const w = r.welfareUnits();
          expect([w.tick.text, w.step.text]).toEqual(['0.01', '0.001']);
          expect(new Decimal(w.units.toString()).times('0.00001').toString()).toBe(r.welfare.toString());
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('gives exactly the result of clearAuction on large sides (the counting and radix sorts)', () => {
    fc.assert(
      fc.property(marketArb({ maxPerSide: 150, minPrice: 0, maxPrice: 5000, maxQuantity: 50 }), (market) => {
        const { orders, steps } = both(market, false);
        expect(plain(clearAuctionSteps(steps, resolveAuctionOptions(BASE)))).toEqual(plain(clearAuction(orders, BASE)));
      }),
      { numRuns: runs(30) },
    );
  });

  it('refuses what can still be wrong with the codes of clearAuction', () => {
    const o = resolveAuctionOptions(BASE);
    const one = (change: Partial<{ id: string; owner: string; price: number; lots: number }>): StepOrders => ({
      count: 2,
      ids: ['a', change.id ?? 'b'],
      owners: ['x', change.owner ?? 'y'],
      buy: [true, false],
      priceTicks: [10, change.price ?? 5],
      lots: [1, change.lots ?? 1],
    });
    expectWattError(() => clearAuctionSteps(one({ id: '' }), o), 'INVALID_ID');
    expectWattError(() => clearAuctionSteps(one({ id: 'a' }), o), 'DUPLICATE_ORDER_ID');
    expectWattError(() => clearAuctionSteps(one({ owner: '' }), o), 'INVALID_OWNER');
    expectWattError(() => clearAuctionSteps(one({ price: 1.5 }), o), 'INVALID_PRICE', { reason: 'OFF_STEP' });
    expectWattError(() => clearAuctionSteps(one({ price: Number.NaN }), o), 'INVALID_PRICE', { reason: 'NOT_FINITE' });
    expectWattError(() => clearAuctionSteps(one({ price: 2 ** 51 }), o), 'INVALID_PRICE', { reason: 'TOO_LARGE' });
    expectWattError(() => clearAuctionSteps(one({ lots: 0 }), o), 'INVALID_QUANTITY', { reason: 'NOT_POSITIVE' });
    expectWattError(() => clearAuctionSteps(one({ lots: -2 }), o), 'INVALID_QUANTITY', { reason: 'NOT_POSITIVE' });
    expectWattError(() => clearAuctionSteps(one({ lots: 0.5 }), o), 'INVALID_QUANTITY', { reason: 'OFF_STEP' });
    const big: StepOrders = { count: 2, ids: ['a', 'b'], owners: ['x', 'y'], buy: [true, true], priceTicks: [1, 1], lots: [2 ** 52, 2 ** 52] };
    expectWattError(() => clearAuctionSteps(big, o), 'INVALID_QUANTITY', { reason: 'TOO_LARGE' });
    const zoned = resolveAuctionOptions({ ...BASE, zones: { fees: FEES } });
    expectWattError(() => clearAuctionSteps({ ...one({}), zones: ['A', 'Z'] }, zoned), 'UNKNOWN_ZONE');
  });
});

// The two ways in share one per-order core (src/auction/order-columns.ts): what it checks must be
// refused alike, with the same code, reason and message, and the same order reported first.

/** A way to spoil one order, applied alike to its decimal and its integer form. */
type Spoil = 'empty id' | 'number id' | 'empty owner' | 'number owner' | 'repeat id' | 'unknown zone' | 'no zone' | 'off-tick price' | 'NaN price' | 'huge price' | 'price beyond 2^50 ticks' | 'zero lots' | 'fractional lots';
const SPOILS: readonly Spoil[] = ['empty id', 'number id', 'empty owner', 'number owner', 'repeat id', 'unknown zone', 'no zone', 'off-tick price', 'NaN price', 'huge price', 'price beyond 2^50 ticks', 'zero lots', 'fractional lots'];
// The messages of these come from the shared core; the value checks name the value in each form's
// own terms (a decimal price against its ticks), so for them the code, reason and order agree.
const SHARED: ReadonlySet<Spoil> = new Set(['empty id', 'number id', 'empty owner', 'number owner', 'repeat id', 'unknown zone', 'no zone']);
const SHARED_CODES: ReadonlySet<string> = new Set(['INVALID_ID', 'INVALID_OWNER', 'DUPLICATE_ORDER_ID', 'UNKNOWN_ZONE']);

interface Mutable {
  orders: Record<string, unknown>[];
  ids: unknown[];
  owners: unknown[];
  priceTicks: number[];
  lots: number[];
  zones: (string | undefined)[];
}

function spoil(m: Mutable, i: number, how: Spoil): void {
  const o = m.orders[i] as Record<string, unknown>;
  const set = (key: 'id' | 'owner', v: unknown): void => {
    o[key] = v;
    (key === 'id' ? m.ids : m.owners)[i] = v;
  };
  const price = (ticks: number, decimal: unknown): void => {
    m.priceTicks[i] = ticks;
    o['price'] = decimal;
  };
  const lots = (l: number, decimal: string): void => {
    m.lots[i] = l;
    o['quantity'] = decimal;
  };
  switch (how) {
    case 'empty id':
      set('id', '');
      break;
    case 'number id':
      set('id', 7);
      break;
    case 'empty owner':
      set('owner', '');
      break;
    case 'number owner':
      set('owner', 7);
      break;
    case 'repeat id':
      set('id', i === 0 ? 'o0' : m.ids[0]);
      break;
    case 'unknown zone':
      m.zones[i] = 'Z';
      o['zone'] = 'Z';
      break;
    case 'no zone':
      m.zones[i] = undefined;
      delete o['zone'];
      break;
    case 'off-tick price':
      price(1.5, '0.015');
      break;
    case 'NaN price':
      price(Number.NaN, Number.NaN);
      break;
    case 'huge price':
      price(2 ** 60, new Decimal(2).pow(60).div(100).toFixed());
      break;
    case 'price beyond 2^50 ticks':
      price(2 ** 50 + 3, new Decimal(2).pow(50).add(3).div(100).toFixed());
      break;
    case 'zero lots':
      lots(0, '0');
      break;
    case 'fractional lots':
      lots(0.5, '0.0005');
      break;
  }
}

/** Both forms of the market after the spoils, cleared; the errors (or results) side by side. */
function clearBoth(market: readonly IntOrder[], spoils: readonly (readonly [number, Spoil])[]): [WattError | undefined, WattError | undefined, unknown, unknown] {
  const { orders, steps } = both(market, true);
  const m: Mutable = { orders: orders as unknown as Record<string, unknown>[], ids: [...steps.ids], owners: [...steps.owners], priceTicks: [...steps.priceTicks], lots: [...steps.lots], zones: [...(steps.zones ?? [])] };
  for (const [i, how] of spoils) spoil(m, i, how);
  const options: AuctionOptions = { ...BASE, zones: { fees: FEES } };
  const spoilt: StepOrders = { ...steps, ids: m.ids as string[], owners: m.owners as string[], priceTicks: m.priceTicks, lots: m.lots, zones: m.zones };
  let fromObjects: unknown;
  let fromSteps: unknown;
  const a = catchWattError(() => (fromObjects = plain(clearAuction(m.orders as never, options))));
  const b = catchWattError(() => (fromSteps = plain(clearAuctionSteps(spoilt, resolveAuctionOptions(options)))));
  return [a, b, fromObjects, fromSteps];
}

/** `clearAuction: order 3 (id 'o3')`: the part of a message that names the order. */
const orderPart = (e: WattError): string => e.message.split(': ').slice(0, 2).join(': ');

describe('clearAuction and clearAuctionSteps refuse alike', () => {
  it('every spoilt market: the same code, reason, order named, and message where the check is shared', () => {
    fc.assert(
      fc.property(
        marketArb({ zones: ZONES, maxPerSide: 5, minPrice: 0, maxPrice: 30 }).filter((market) => market.length > 0),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SPOILS)), { maxLength: 3 }),
        (market, picks) => {
          const spoils = picks.map(([at, how]) => [at % market.length, how] as const);
          const [a, b, fromObjects, fromSteps] = clearBoth(market, spoils);
          if (a === undefined || b === undefined) {
            expect(b).toBe(a);
            expect(fromSteps).toEqual(fromObjects);
            return;
          }
          expect([b.code, b.reason]).toEqual([a.code, a.reason]);
          expect(orderPart(b)).toBe(orderPart(a));
          if (SHARED_CODES.has(a.code) || a.message.includes('total')) expect(b.message).toBe(a.message);
        },
      ),
      { numRuns: runs(400) },
    );
  });

  it('each spoil alone: the code and reason of the object form', () => {
    const market: IntOrder[] = [
      { side: 'buy', price: 12, quantity: 3, zone: 'A' },
      { side: 'sell', price: 4, quantity: 2, zone: 'B' },
      { side: 'buy', price: 9, quantity: 1, zone: 'C' },
    ];
    const expected: Record<Spoil, [string, string | undefined]> = {
      'empty id': ['INVALID_ID', undefined],
      'number id': ['INVALID_ID', undefined],
      'empty owner': ['INVALID_OWNER', undefined],
      'number owner': ['INVALID_OWNER', undefined],
      'repeat id': ['DUPLICATE_ORDER_ID', undefined],
      'unknown zone': ['UNKNOWN_ZONE', undefined],
      'no zone': ['UNKNOWN_ZONE', undefined],
      'off-tick price': ['INVALID_PRICE', 'OFF_STEP'],
      'NaN price': ['INVALID_PRICE', 'NOT_FINITE'],
      'huge price': ['INVALID_PRICE', 'TOO_LARGE'],
      'price beyond 2^50 ticks': ['INVALID_PRICE', 'TOO_LARGE'],
      'zero lots': ['INVALID_QUANTITY', 'NOT_POSITIVE'],
      'fractional lots': ['INVALID_QUANTITY', 'OFF_STEP'],
    };
    for (const how of SPOILS) {
      const [a, b] = clearBoth(market, [[2, how]]);
      expect([a?.code, a?.reason], how).toEqual(expected[how]);
      expect([b?.code, b?.reason], how).toEqual(expected[how]);
      expect(a?.message, how).toMatch(/^clearAuction: order 2[ :]/);
      expect(orderPart(b as WattError), how).toBe(orderPart(a as WattError));
      if (SHARED.has(how)) expect(b?.message, how).toBe(a?.message);
    }
  });

  it('within one order, checks run in the same sequence: the quantity before the price range', () => {
    // Regression: the integer form used to check the price's range before the lots.
    const market: IntOrder[] = [{ side: 'buy', price: 12, quantity: 3, zone: 'A' }, { side: 'sell', price: 4, quantity: 2, zone: 'B' }];
    for (const [first, second] of [['price beyond 2^50 ticks', 'zero lots'], ['empty owner', 'off-tick price'], ['off-tick price', 'fractional lots'], ['zero lots', 'unknown zone']] as const) {
      const [a, b] = clearBoth(market, [[1, first], [1, second]]);
      expect([b?.code, b?.reason]).toEqual([a?.code, a?.reason]);
    }
    const [a] = clearBoth(market, [[1, 'price beyond 2^50 ticks'], [1, 'zero lots']]);
    expect(a?.code).toBe('INVALID_QUANTITY');
  });

  it('a side total beyond 2^53 lots is refused alike', () => {
    const market: IntOrder[] = [{ side: 'buy', price: 12, quantity: 3, zone: 'A' }, { side: 'buy', price: 4, quantity: 2, zone: 'B' }];
    const { orders, steps } = both(market, true);
    const big = 2 ** 52;
    const options: AuctionOptions = { ...BASE, zones: { fees: FEES } };
    const a = expectWattError(() => clearAuction(orders.map((o) => ({ ...o, quantity: new Decimal(big).div(1000).toFixed() })), options), 'INVALID_QUANTITY', { reason: 'TOO_LARGE' });
    const b = expectWattError(() => clearAuctionSteps({ ...steps, lots: [big, big] }, resolveAuctionOptions(options)), 'INVALID_QUANTITY', { reason: 'TOO_LARGE' });
    expect(b.message).toBe(a.message);
  });

  it('a zone name in an auction without zones: refused in objects, not read from integer columns', () => {
    const { orders, steps } = both([{ side: 'buy', price: 12, quantity: 3 }, { side: 'sell', price: 4, quantity: 2 }], false);
    expectWattError(() => clearAuction([orders[0] as AuctionOrder, { ...(orders[1] as AuctionOrder), zone: 'A' }], BASE), 'UNKNOWN_ZONE');
    expect(clearAuctionSteps({ ...steps, zones: [undefined, 'A'] }, resolveAuctionOptions(BASE)).volume.toString()).toBe('0.002');
  });
});
