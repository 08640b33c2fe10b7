import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillBest } from '../../src/auction/fill-best.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('fillBest', () => {
  const runArb = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 12 })
    .map((rows) => {
      // Sorted best first (descending prices), as a side is.
      const sorted = [...rows].sort((a, b) => b[0] - a[0]);
      return { price: new Float64Array(sorted.map((r) => r[0])), quantity: new Float64Array(sorted.map((r) => r[1])) };
    });

  it('fills better levels completely and shares the marginal one (in order, or pro rata within one lot)', () => {
    fc.assert(
      fc.property(runArb, fc.nat(), fc.constantFrom('input-order' as const, 'pro-rata' as const), ({ price, quantity }, seed, rationing) => {
        const total = quantity.reduce((s, q) => s + q, 0);
        const lots = seed % (total + 1);
        const out = new Float64Array(price.length);
        fillBest({ price, quantity, positions: undefined, from: 0, to: price.length }, lots, rationing, out);
        expect(out.reduce((s, f) => s + f, 0)).toBe(lots);
        let marginal: number | undefined;
        for (let p = 0; p < price.length; p++) {
          expect(out[p]).toBeGreaterThanOrEqual(0);
          expect(out[p]).toBeLessThanOrEqual(quantity[p]!);
          if (out[p]! < quantity[p]! && marginal === undefined) marginal = price[p];
        }
        for (let p = 0; p < price.length; p++) {
          if (marginal === undefined) continue;
          if (price[p]! > marginal) expect(out[p]).toBe(quantity[p]);
          if (price[p]! < marginal) expect(out[p]).toBe(0);
        }
        if (marginal === undefined) return;
        const level = [...price.keys()].filter((p) => price[p] === marginal);
        const levelTotal = level.reduce((s, p) => s + quantity[p]!, 0);
        const share = level.reduce((s, p) => s + out[p]!, 0);
        if (rationing === 'pro-rata') {
          for (const p of level) expect(Math.abs(out[p]! - (share * quantity[p]!) / levelTotal)).toBeLessThan(1);
        } else {
          // Earlier positions of the level fill completely before later ones get anything.
          let open = false;
          for (const p of level) {
            if (open) expect(out[p]).toBe(0);
            if (out[p]! < quantity[p]!) open = true;
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('is exact when lots times quantity passes 2^53', () => {
    const big = 2 ** 52;
    const out = new Float64Array(3);
    fillBest({ price: new Float64Array([1, 1, 1]), quantity: new Float64Array([big, big, 3]), positions: undefined, from: 0, to: 3 }, big + 1, 'pro-rata', out);
    expect(out.reduce((s, f) => s + f, 0)).toBe(big + 1);
    // (2^52 + 1) * 2^52 / (2^53 + 3) = 2^51 - 1 + remainder: each large order gets 2^51 - 1 or 2^51.
    expect(Math.abs(out[0]! - 2 ** 51)).toBeLessThanOrEqual(1);
    expect(out[2]).toBeLessThanOrEqual(1);
  });

  it('walks positions of a zone run when given', () => {
    const out = new Float64Array(5);
    const price = new Float64Array([9, 8, 8, 7, 7]);
    const quantity = new Float64Array([1, 2, 3, 4, 5]);
    fillBest({ price, quantity, positions: new Int32Array([1, 3, 4]), from: 0, to: 3 }, 5, 'input-order', out);
    expect([...out]).toEqual([0, 2, 0, 3, 0]);
  });
});
