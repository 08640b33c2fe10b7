import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateId } from '../../src/auction/find-duplicate-id.js';
import { hashString } from '../../src/hashing/string-hash.js';

const check = (ids: readonly string[]): [number, number] | undefined => findDuplicateId(ids, Int32Array.from(ids, hashString));
import { runs } from '../helpers/expect-watt-error.js';

function naive(ids: readonly string[]): [number, number] | undefined {
  for (let j = 0; j < ids.length; j++) for (let i = 0; i < j; i++) if (ids[i] === ids[j]) return [i, j];
  return undefined;
}

describe('findDuplicateId', () => {
  it('finds the earliest repeat like a naive scan, on small and bucketed inputs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 9000 })), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }), (n, repeats) => {
        const ids = Array.from({ length: n }, (_, i) => `id-${i}`);
        for (const [from, to] of repeats) if (n > 1) ids[to % n] = ids[from % n] as string;
        const expected = n > 400 ? undefined : naive(ids);
        const found = check(ids);
        if (n <= 400) expect(found).toEqual(expected);
        else if (found !== undefined) {
          expect(ids[found[0]]).toBe(ids[found[1]]);
          expect(ids.indexOf(ids[found[1]] as string)).toBe(found[0]);
          // No earlier position repeats anything before it.
          expect(new Set(ids.slice(0, found[1])).size).toBe(found[1]);
        } else expect(new Set(ids).size).toBe(n);
      }),
      { numRuns: runs(60) },
    );
  });

  it('still finds repeats when every hash collides', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `x${i}`);
    expect(findDuplicateId(ids, new Int32Array(5000))).toBeUndefined();
    ids[4999] = 'x7';
    expect(findDuplicateId(ids, new Int32Array(5000))).toEqual([7, 4999]);
  });

  it('tells apart ids that differ in one code unit and handles unicode', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `ñ-${String.fromCharCode(0x4e00 + (i % 500))}-${Math.floor(i / 500)}`);
    expect(check(ids)).toBeUndefined();
    ids.push('ñ-\u4e00-0');
    expect(check(ids)).toEqual([0, 4000]);
  });
});
