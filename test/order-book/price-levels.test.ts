import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LevelPool, SideLevels } from '../../src/order-book/price-levels.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('SideLevels', () => {
  it('stays sorted through inserts and removes anywhere, against a sorted array', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -200, max: 200 })), { maxLength: 400 }), (ops) => {
        const side = new SideLevels();
        const model: number[] = [];
        for (const [add, key] of ops) {
          const i = side.lowerBound(key);
          expect(i).toBe(model.filter((k) => k < key).length);
          const present = i < side.length && side.keys[i] === key;
          expect(present).toBe(model.includes(key));
          if (add && !present) {
            side.reserve();
            side.insertAt(i, key, key + 1000);
            model.push(key);
            model.sort((a, b) => a - b);
          } else if (!add && present) {
            side.removeAt(i);
            model.splice(model.indexOf(key), 1);
          }
          expect(Array.from(side.keys.subarray(0, side.length))).toEqual(model);
          expect(Array.from(side.levels.subarray(0, side.length))).toEqual(model.map((k) => k + 1000));
        }
        side.clear();
        expect(side.length).toBe(0);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('LevelPool', () => {
  it('hands out distinct levels, recycles released ones and grows', () => {
    const pool = new LevelPool();
    const taken = new Set<number>();
    for (let i = 0; i < 200; i++) {
      pool.reserve();
      const lv = pool.alloc(i);
      expect(taken.has(lv)).toBe(false);
      taken.add(lv);
      expect([pool.price[lv], pool.head[lv], pool.tail[lv], pool.count[lv], pool.quantity[lv]]).toEqual([i, -1, -1, 0, 0]);
    }
    expect(pool.capacity).toBeGreaterThanOrEqual(200);
    pool.release(7);
    pool.reserve();
    expect(pool.alloc(-3)).toBe(7);
  });
});
