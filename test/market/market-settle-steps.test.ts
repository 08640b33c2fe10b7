import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Market, WattError } from '../../src/index.js';
import type { MarketMeterReading, MarketOptions, MarketStepsMeterReading, SettlementResult } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN; // 08:00 UTC
const PEOPLE = ['a', 'b', 'c'] as const;
const REPLAY: MarketOptions = { clock: undefined as never, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, journal: true };

/** The same reading as settle takes it: kWh decimals (quantity step 0.001 kWh). */
function decimalForm(r: MarketStepsMeterReading): MarketMeterReading {
  const kWh = (steps: number): string => new Decimal(steps).div(1000).toString();
  const out: MarketMeterReading = { participant: r.participant };
  if (r.netSteps !== undefined) out.net = kWh(r.netSteps);
  if (r.exportedSteps !== undefined) out.exported = kWh(r.exportedSteps);
  if (r.importedSteps !== undefined) out.imported = kWh(r.importedSteps);
  return out;
}

/** Every field of a result (getters of lazy classes included), Decimals as text. */
function plain(v: unknown): unknown {
  if (v instanceof Decimal) return v.toString();
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v !== 'object' || v === null) return v;
  const keys = new Set<string>(Object.keys(v));
  for (let proto = Object.getPrototypeOf(v) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (d.get !== undefined) keys.add(key);
  }
  const out: Record<string, unknown> = {};
  for (const key of [...keys].sort()) out[key] = plain((v as Record<string, unknown>)[key]);
  return out;
}

function outcome(f: () => SettlementResult): unknown {
  try {
    return plain(f());
  } catch (e) {
    if (e instanceof WattError) return `error ${e.code}`;
    throw e;
  }
}

/** Two identical markets with the same orders, delivered and ready to settle T1. */
function twins(utilityOrders: boolean, orders: readonly { person: string; side: 'buy' | 'sell'; priceTicks: number; quantitySteps: number }[]): { markets: [Market, Market]; events: string[][] } {
  const markets: Market[] = [];
  const events: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const { market, clock } = campusMarket({ journal: true, utilityOrders });
    fund(market, PEOPLE);
    orders.forEach((o, k) => {
      try {
        market.submitSteps({ id: `o${k}`, participant: o.person, deliveryStart: T1, side: o.side, priceTicks: o.priceTicks, quantitySteps: o.quantitySteps });
      } catch (e) {
        if (!(e instanceof WattError)) throw e;
      }
    });
    market.advanceTo(T1);
    clock.set(T1 + Q);
    const seen: string[] = [];
    market.on('intervalSettled', (e) => seen.push(JSON.stringify({ deliveryStart: e.deliveryStart, result: plain(e.result) })));
    markets.push(market);
    events.push(seen);
  }
  return { markets: markets as [Market, Market], events };
}

const ORDERS = [
  { person: 'a', side: 'sell' as const, priceTicks: 900, quantitySteps: 2500 },
  { person: 'b', side: 'buy' as const, priceTicks: 1450, quantitySteps: 1750 },
  { person: 'c', side: 'buy' as const, priceTicks: 2204, quantitySteps: 1 },
];

describe('Market.settleSteps', () => {
  it('is settle of the same readings in kWh: result, events, journal, state hash and replay', () => {
    for (const utilityOrders of [false, true]) {
      const { markets, events } = twins(utilityOrders, ORDERS);
      const [bySettle, bySteps] = markets;
      const readings: MarketStepsMeterReading[] = [
        { participant: 'a', netSteps: 2300 },
        { participant: 'b', exportedSteps: 10, importedSteps: 1900 },
        { participant: 'c', importedSteps: 1 },
      ];
      expect(outcome(() => bySteps.settleSteps(T1, readings))).toEqual(outcome(() => bySettle.settle(T1, readings.map(decimalForm))));
      expect(bySteps.stateHash()).toBe(bySettle.stateHash());
      expect(events[1]).toEqual(events[0]);
      expect(events[0]).toHaveLength(1);
      expect(bySteps.journal()).toEqual(bySettle.journal());
      // The journal holds the decimal form, so a replay rebuilds the same market.
      expect(Market.replay(bySteps.journal(), { ...REPLAY, utilityOrders }).stateHash()).toBe(bySteps.stateHash());
    }
  });

  it('refuses what is not a whole number of steps, and everything settle refuses, changing nothing', () => {
    const { markets } = twins(false, ORDERS);
    const market = markets[1];
    const a = { participant: 'a', netSteps: 2500 };
    const b = { participant: 'b', importedSteps: 1750 };
    const c = { participant: 'c', importedSteps: 1 };
    const bad: [unknown, ErrorCode][] = [
      [null, ErrorCode.INVALID_ARGUMENT],
      [[null, b, c], ErrorCode.INVALID_ARGUMENT],
      [[{ ...a, net: 2 }, b, c], ErrorCode.INVALID_ARGUMENT],
      [[{ ...a, netSteps: 1.5 }, b, c], ErrorCode.INVALID_QUANTITY],
      [[{ ...a, netSteps: Number.NaN }, b, c], ErrorCode.INVALID_QUANTITY],
      [[{ ...a, netSteps: Number.POSITIVE_INFINITY }, b, c], ErrorCode.INVALID_QUANTITY],
      [[{ ...a, netSteps: 2 ** 53 }, b, c], ErrorCode.INVALID_QUANTITY],
      [[{ ...a, netSteps: '2500' }, b, c], ErrorCode.INVALID_QUANTITY],
      [[a, { ...b, importedSteps: -1 }, c], ErrorCode.INVALID_QUANTITY],
      [[a, { ...b, exportedSteps: 0.5 }, c], ErrorCode.INVALID_QUANTITY],
      [[{ ...a, exportedSteps: 1 }, b, c], ErrorCode.INVALID_SETTLEMENT],
      [[a, b], ErrorCode.INVALID_SETTLEMENT],
      [[a, b, c, { participant: 'a', netSteps: 1 }], ErrorCode.INVALID_SETTLEMENT],
      [[a, b, c, { participant: 'nobody', netSteps: 1 }], ErrorCode.UNKNOWN_PARTICIPANT],
      [[a, b, { ...c, participant: '' }], ErrorCode.INVALID_OWNER],
    ];
    for (const [readings, code] of bad) {
      const before = market.stateHash();
      const journal = market.journal().length;
      expectWattError(() => market.settleSteps(T1, readings as MarketStepsMeterReading[]), code, { fnName: 'Market.settleSteps' });
      expect(market.stateHash()).toBe(before);
      expect(market.journal()).toHaveLength(journal);
    }
    expectWattError(() => market.settleSteps(T1 + Q, [a, b, c]), ErrorCode.NOT_SETTLEABLE, { fnName: 'Market.settleSteps' });
    expectWattError(() => market.settleSteps(T1 + 1, [a, b, c]), ErrorCode.UNKNOWN_PRODUCT, { fnName: 'Market.settleSteps' });
    market.settleSteps(T1, [a, b, c]);
    const after = market.stateHash();
    expectWattError(() => market.settleSteps(T1, [a, b, c]), ErrorCode.ALREADY_SETTLED, { fnName: 'Market.settleSteps' });
    expect(market.stateHash()).toBe(after);
  });

  it('agrees with settle on any orders and readings, accepted or refused (property)', () => {
    const order = fc.record({
      person: fc.constantFrom(...PEOPLE),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      priceTicks: fc.integer({ min: 671, max: 2204 }),
      quantitySteps: fc.integer({ min: 1, max: 5_000 }),
    });
    const reading = fc.record({
      person: fc.constantFrom(...PEOPLE, 'nobody'),
      form: fc.constantFrom('net', 'split', 'exported', 'none'),
      x: fc.integer({ min: -20_000, max: 20_000 }),
      y: fc.integer({ min: -2, max: 20_000 }),
    });
    fc.assert(
      fc.property(fc.boolean(), fc.array(order, { maxLength: 8 }), fc.array(reading, { maxLength: 5 }), (utilityOrders, orders, list) => {
        const { markets, events } = twins(utilityOrders, orders);
        const [bySettle, bySteps] = markets;
        const readings: MarketStepsMeterReading[] = list.map((r) => {
          switch (r.form) {
            case 'net':
              return { participant: r.person, netSteps: r.x };
            case 'split':
              return { participant: r.person, exportedSteps: Math.abs(r.x), importedSteps: r.y };
            case 'exported':
              return { participant: r.person, exportedSteps: r.y };
            default:
              return { participant: r.person };
          }
        });
        expect(outcome(() => bySteps.settleSteps(T1, readings))).toEqual(outcome(() => bySettle.settle(T1, readings.map(decimalForm))));
        expect(bySteps.stateHash()).toBe(bySettle.stateHash());
        expect(events[1]).toEqual(events[0]);
        expect(bySteps.journal()).toEqual(bySettle.journal());
      }),
      { numRuns: runs(60) },
    );
  });
});
