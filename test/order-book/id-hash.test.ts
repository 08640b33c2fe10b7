import { describe, expect, it } from 'vitest';
import { hashId } from '../../src/order-book/id-hash.js';
import { StoreIdIndex } from '../../src/order-book/store-id-index.js';

describe('hashId (the book id index hash)', () => {
  it('is a fixed function of the text: the same on every call, a signed 32-bit integer', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'o123456', 'order-17', '\u{1F600}x']) {
      expect(hashId(s)).toBe(hashId(s.split('').join('')));
      expect(hashId(s) | 0).toBe(hashId(s));
    }
  });

  it('tells apart ids that differ in one code unit at an even or an odd place, or in length', () => {
    const seen = new Set<number>();
    const ids = ['ab', 'ba', 'aa', 'bb', 'abc', 'abd', 'bbc', 'a', 'a\u0000', '\u0000a', 'o10', 'o01', 'x'.repeat(9), 'x'.repeat(10)];
    for (const id of ids) seen.add(hashId(id));
    expect(seen.size).toBe(ids.length);
  });

  it('spreads sequential ids over the low bits that pick a slot', () => {
    const buckets = new Int32Array(1024);
    const hashes = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const h = hashId(`o${i}`);
      hashes.add(h);
      buckets[h & 1023] = (buckets[h & 1023] as number) + 1;
    }
    expect(hashes.size).toBeGreaterThan(99_990);
    // about 98 a bucket: no bucket far from it
    expect(Math.max(...buckets)).toBeLessThan(160);
    expect(Math.min(...buckets)).toBeGreaterThan(50);
  });

  it('spreads ids of other shapes too: a long prefix, digits only, hex, a counter in the middle', () => {
    // The finaliser has one multiply (the index only needs the low bits spread); these shapes
    // put the varying part at the end, alone, in every unit, and before a fixed suffix.
    const shapes: ((i: number) => string)[] = [
      (i) => `order-2026-12-05-${i}`,
      (i) => `${i}`,
      (i) => (Math.imul(i, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0'),
      (i) => `p${i}-buy-0001`,
    ];
    for (const shape of shapes) {
      const buckets = new Int32Array(1024);
      for (let i = 0; i < 100_000; i++) {
        const h = hashId(shape(i));
        buckets[h & 1023] = (buckets[h & 1023] as number) + 1;
      }
      expect(Math.max(...buckets)).toBeLessThan(160);
      expect(Math.min(...buckets)).toBeGreaterThan(50);
    }
  });
});

describe('StoreIdIndex load', () => {
  it('holds at most a quarter of its slots with loadShift 2, half by default', () => {
    const ids: string[] = [];
    const quarter = new StoreIdIndex(ids, 2);
    const half = new StoreIdIndex(ids);
    expect(quarter.spare()).toBe(256);
    expect(half.spare()).toBe(512);
    for (let h = 0; h < 3000; h++) {
      const id = `x${h}`;
      ids[h] = id;
      quarter.reserve();
      quarter.insert(hashId(id), h);
      expect(quarter.spare()).toBeGreaterThanOrEqual(0);
    }
    for (let h = 0; h < 3000; h++) expect(quarter.find(`x${h}`, hashId(`x${h}`))).toBe(h);
    // 3,000 ids at most a quarter full: 16,384 slots
    expect(quarter.spare()).toBe(4096 - 3000);
  });
});
