import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NarrowColumn } from '../../src/units/narrow-column.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('NarrowColumn', () => {
  it('stays int32 while every value fits', () => {
    const c = new NarrowColumn(4);
    c.set(0, 2 ** 31 - 1);
    c.set(1, -(2 ** 31));
    c.set(2, 0);
    expect([c.get(0), c.get(1), c.get(2), c.get(3)]).toEqual([2 ** 31 - 1, -(2 ** 31), 0, 0]);
    expect(c.isWide).toBe(false);
  });

  it.each([
    ['a fraction', 0.5],
    ['NaN', NaN],
    ['-0', -0],
    ['2^31', 2 ** 31],
    ['below -2^31', -(2 ** 31) - 1],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER],
    ['Infinity', Infinity],
  ])('goes float64 for %s and keeps every value written before', (_name, value) => {
    const c = new NarrowColumn(3);
    c.set(0, 7);
    c.set(2, -9);
    c.set(1, value);
    expect(c.isWide).toBe(true);
    expect(Object.is(c.get(1), value)).toBe(true);
    expect([c.get(0), c.get(2)]).toEqual([7, -9]);
  });

  it('reads back exactly what was written, across growth (against a plain array)', () => {
    const valueArb = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double(), fc.maxSafeInteger());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), valueArb), { maxLength: 120 }), (writes) => {
        const c = new NarrowColumn(1);
        const model: number[] = [];
        for (const [slot, value] of writes) {
          if (slot >= c.capacity) {
            let capacity = c.capacity;
            while (slot >= capacity) capacity *= 2;
            c.grow(capacity);
          }
          c.set(slot, value);
          model[slot] = value;
        }
        for (let slot = 0; slot < c.capacity; slot++) expect(Object.is(c.get(slot), model[slot] ?? 0)).toBe(true);
      }),
      { numRuns: runs(200) },
    );
  });
});
