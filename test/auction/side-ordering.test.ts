import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { clearAuction, type AuctionOptions, type AuctionOrder, type AuctionResult } from '../../src/index.js';
import { parseOrders } from '../../src/auction/parse-orders.js';
import { uniformMechanism } from '../../src/auction/mechanisms/uniform.js';
import { forceSideOrdering, sortSide, type SideOrdering } from '../../src/auction/sort-side.js';
import { createStep } from '../../src/units/step.js';
import { runs } from '../helpers/expect-watt-error.js';
import { MECHANISMS } from './helpers/market.js';

const ZONES = ['A', 'B', 'C'] as const;
const ONE = createStep('1', 'test', 'step');

afterEach(() => {
  forceSideOrdering('auto');
});

/** Everything a result says, as plain JSON (Decimals as their text). */
function summary(r: AuctionResult): unknown {
  const { mechanism, price, volume, welfare, surplus, fees, congestionRent, trades, fills, demand, supply, interval, zonePrices, flows } = r;
  return JSON.parse(JSON.stringify({ mechanism, price, volume, welfare, surplus, fees, congestionRent, trades, fills, demand, supply, interval, zonePrices, flows }));
}

function clearWith(mode: SideOrdering, orders: AuctionOrder[], options: AuctionOptions): unknown {
  forceSideOrdering(mode);
  try {
    return summary(clearAuction(orders, options));
  } finally {
    forceSideOrdering('auto');
  }
}

// Narrow markets (a few ticks: many ties, the histogram's case) and wide ones (up to 2^40 ticks:
// a forced histogram must fall back), with or without zones, fees and binding link capacities.
const marketArb = fc.record({
  n: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 60, max: 400 })),
  span: fc.constantFrom(0, 2, 10, 60, 1000, 2 ** 20, 2 ** 40),
  base: fc.constantFrom(0, -50, 7, 2 ** 30),
  seed: fc.integer(),
  zoned: fc.boolean(),
  capacity: fc.constantFrom(undefined, 0, 3, 40),
  mechanism: fc.constantFrom(...MECHANISMS),
});

function build({ n, span, base, seed, zoned }: { n: number; span: number; base: number; seed: number; zoned: boolean }): AuctionOrder[] {
  // A cheap deterministic generator: the property is about the ordering, not the randomness.
  let x = seed | 0;
  const next = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    return (x >>> 0) / 2 ** 32;
  };
  return Array.from({ length: n }, (_, i): AuctionOrder => {
    const zone = ZONES[Math.floor(next() * 3)] as string;
    return {
      id: `o${i}`,
      owner: `t${i % 7}`,
      side: next() < 0.5 ? 'buy' : 'sell',
      price: base + Math.floor(next() * (span + 1)),
      quantity: 1 + Math.floor(next() * 5),
      ...(zoned ? { zone } : {}),
    };
  });
}

describe('ordering the sides by a histogram or by key', () => {
  it('gives the same result on every path: narrow and wide ranges, ties, zones, capacities, every mechanism', () => {
    fc.assert(
      fc.property(marketArb, (m) => {
        const orders = build(m);
        // Zonal fees and capacities are for the mechanisms that support them; the others get one fee.
        const zonal = m.mechanism === 'uniform' || m.mechanism === 'discriminatory';
        const withCapacity = m.zoned && m.capacity !== undefined && zonal;
        const options: AuctionOptions = {
          priceTick: 1,
          quantityStep: 1,
          verify: true,
          mechanism: m.mechanism,
          ...(m.zoned
            ? {
                zones: {
                  fees: zonal ? { A: { A: 0, B: 1, C: 2 }, B: { A: 1, B: 0, C: 1 }, C: { A: 2, B: 1, C: 0 } } : { A: { A: 1, B: 1, C: 1 }, B: { A: 1, B: 1, C: 1 }, C: { A: 1, B: 1, C: 1 } },
                  ...(withCapacity ? { capacity: { A: { B: m.capacity as number }, B: { C: m.capacity as number } } } : {}),
                },
              }
            : {}),
        };
        const auto = clearWith('auto', orders, options);
        expect(clearWith('counting', orders, options)).toEqual(auto);
        expect(clearWith('keyed', orders, options)).toEqual(auto);
      }),
      { numRuns: runs(120) },
    );
  });

  it('sorts each side identically on both paths, positions and zones included', () => {
    fc.assert(
      fc.property(marketArb, (m) => {
        const orders = build({ ...m, zoned: true });
        const zones = { names: [...ZONES], index: new Map(ZONES.map((z, i) => [z as string, i])), defaultZone: -1 } as unknown as Parameters<typeof parseOrders>[3];
        const parsed = parseOrders(orders, ONE, ONE, zones);
        for (const bids of [true, false]) {
          forceSideOrdering('counting');
          const counted = sortSide(parsed, bids);
          forceSideOrdering('keyed');
          const keyed = sortSide(parsed, bids);
          forceSideOrdering('auto');
          expect([...counted.input]).toEqual([...keyed.input]);
          expect([...counted.price]).toEqual([...keyed.price]);
          expect([...counted.quantity]).toEqual([...keyed.quantity]);
          expect([...counted.zone]).toEqual([...keyed.zone]);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('never sizes a histogram by the price range alone: a 2^50-tick range clears by key', () => {
    // Without the bound, the histogram would ask for 2^50 counters and throw a RangeError.
    const orders: AuctionOrder[] = Array.from({ length: 200 }, (_, i): AuctionOrder => ({
      id: `o${i}`,
      owner: 'x',
      side: i % 2 === 0 ? 'buy' : 'sell',
      price: i % 4 < 2 ? 2 ** 50 - i : -(2 ** 50) + i,
      quantity: 1,
    }));
    const options = { priceTick: 1, quantityStep: 1 };
    const keyed = clearWith('keyed', orders, options);
    expect(clearWith('auto', orders, options)).toEqual(keyed);
    expect(clearWith('counting', orders, options)).toEqual(keyed);
  });

  it('gives a mechanism that clears again inside a clearing its own work arrays', () => {
    const inner = Array.from({ length: 300 }, (_, i): AuctionOrder => ({ id: `i${i}`, owner: 'x', side: i % 2 === 0 ? 'buy' : 'sell', price: 100 + (i % 13), quantity: 1 }));
    const outer = Array.from({ length: 200 }, (_, i): AuctionOrder => ({ id: `o${i}`, owner: 'y', side: i % 2 === 0 ? 'buy' : 'sell', price: 10 + (i % 5), quantity: 2 }));
    const alone = summary(clearAuction(outer, { priceTick: 1, quantityStep: 1 }));
    let innerVolume = -1;
    const reentrant = clearAuction(outer, {
      priceTick: 1,
      quantityStep: 1,
      mechanism: {
        name: 'reentrant',
        properties: uniformMechanism.properties,
        clear: (normalised, context) => {
          innerVolume = clearAuction(inner, { priceTick: 1, quantityStep: 1 }).volume.toNumber();
          return uniformMechanism.clear(normalised, context);
        },
      },
    });
    expect(innerVolume).toBeGreaterThan(0);
    expect({ ...(summary(reentrant) as object), mechanism: 'uniform' }).toEqual(alone);
  });
});
