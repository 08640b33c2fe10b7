import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrders } from '../../src/auction/parse-orders.js';
import { sortSide } from '../../src/auction/sort-side.js';
import { createStep } from '../../src/units/step.js';
import { runs } from '../helpers/expect-watt-error.js';

const ONE = createStep('1', 'test', 'step');

/** Naive stable sort: bids by price descending, asks ascending, ties by input position. */
function naive(prices: readonly number[], sides: readonly boolean[], bids: boolean): number[] {
  return prices
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => sides[i] === bids)
    .sort((a, b) => (bids ? b.p - a.p : a.p - b.p) || a.i - b.i)
    .map(({ i }) => i);
}

describe('sortSide', () => {
  it('sorts best first, ties by input position, on every path (insertion, counting, radix)', () => {
    const arb = fc.record({
      n: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 60, max: 3000 })),
      spread: fc.constantFrom(3, 100, 5000, 1e6, 2 ** 40, 2 ** 50),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arb, ({ n, spread, seed }) => {
        // A cheap deterministic generator: the property is about the sort, not the randomness.
        let x = seed | 0;
        const next = (): number => {
          x = (Math.imul(x, 1103515245) + 12345) | 0;
          return (x >>> 0) / 2 ** 32;
        };
        const prices = Array.from({ length: n }, () => Math.floor((next() - 0.5) * spread));
        const sides = Array.from({ length: n }, () => next() < 0.5);
        const orders = prices.map((price, i) => ({ id: `o${i}`, owner: 'x', side: sides[i] ? 'buy' : 'sell', price, quantity: 1 + (i % 7) }));
        const parsed = parseOrders(orders, ONE, ONE, undefined);
        for (const bids of [true, false]) {
          const side = sortSide(parsed, bids);
          const expected = naive(prices, sides, bids);
          expect([...side.input]).toEqual(expected);
          expect([...side.price]).toEqual(expected.map((i) => prices[i]));
          expect([...side.quantity]).toEqual(expected.map((i) => 1 + (i % 7)));
          expect([...side.zone]).toEqual(expected.map(() => 0));
        }
      }),
      { numRuns: runs(150) },
    );
  });
});
