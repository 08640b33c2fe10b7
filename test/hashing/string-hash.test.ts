import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a, fnv1aChar, FNV_OFFSET, hashString, mix32 } from '../../src/hashing/string-hash.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('hashString', () => {
  it('is FNV-1a with the murmur3 finaliser (the published test vectors)', () => {
    // FNV-1a 32-bit of "" and "a" and "foobar" (unsigned).
    expect(fnv1a('') >>> 0).toBe(0x811c9dc5);
    expect(fnv1a('a') >>> 0).toBe(0xe40c292c);
    expect(fnv1a('foobar') >>> 0).toBe(0xbf9cf968);
    expect(hashString('foobar')).toBe(mix32(fnv1a('foobar')));
  });

  it('is deterministic and spreads sequential ids over the low bits', () => {
    expect(hashString('o1')).toBe(hashString('o1'));
    const buckets = new Int32Array(1024);
    for (let i = 0; i < 102_400; i++) buckets[hashString(`o${i}`) & 1023]! += 1;
    expect(Math.max(...buckets)).toBeLessThan(160); // mean 100
    expect(Math.min(...buckets)).toBeGreaterThan(50);
  });

  it('runs on: a prefix state continued character by character, or over a range, hashes the whole', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        let h = fnv1a(a);
        for (let i = 0; i < b.length; i++) h = fnv1aChar(h, b.charCodeAt(i));
        expect(h).toBe(fnv1a(a + b));
        expect(fnv1a(a + b, FNV_OFFSET, 0, a.length)).toBe(fnv1a(a));
        expect(fnv1a(b, fnv1a(a))).toBe(fnv1a(a + b));
      }),
      { numRuns: runs(200) },
    );
  });
});
