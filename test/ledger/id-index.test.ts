import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedPrefixState, IdIndex, familyHash } from '../../src/ledger/id-index.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('IdIndex', () => {
  it('behaves like a Map under any mix of lookups, inserts and deletes, across resizes', () => {
    // ASCII, Latin-1 and wider text: ids are stored a byte a character when they can be.
    const keyArb = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ maxLength: 4, unit: 'binary' }),
      fc.constantFrom('a', 'b', 'é', 'ÿ', 'Ā', '\u{1F600}', ''),
      fc.nat(3000).map((n) => `id-${n}`),
    );
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('insert' as const), key: keyArb }),
      fc.record({ op: fc.constant('delete' as const), key: keyArb }),
      fc.record({ op: fc.constant('get' as const), key: keyArb }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 3000, size: 'max' }), (ops) => {
        const index = new IdIndex();
        const map = new Map<string, number>();
        let next = 0;
        for (const { op, key } of ops) {
          if (op === 'insert') {
            if (map.has(key)) continue;
            index.get(key);
            index.insert(key, next);
            map.set(key, next++);
          } else if (op === 'delete') {
            index.delete(key);
            map.delete(key);
          } else {
            expect(index.get(key)).toBe(map.get(key));
          }
          expect(index.size).toBe(map.size);
        }
        for (const [key, value] of map) {
          expect(index.get(key)).toBe(value);
          expect(index.keyOf(value)).toBe(key);
        }
      }),
      { numRuns: runs(60) },
    );
  });

  it('finds `<prefix>/<n>` without building it, exactly as a look-up of the text would', () => {
    const prefixArb = fc.oneof(fc.string({ maxLength: 5 }), fc.string({ maxLength: 3, unit: 'binary' }), fc.constantFrom('settle/I', 'B', 'é/x', 'Ā/x', ''));
    const nArb = fc.oneof(fc.nat(12), fc.constantFrom(9, 10, 99, 100, 2 ** 31 - 1));
    fc.assert(
      fc.property(fc.array(fc.tuple(prefixArb, nArb), { maxLength: 60, size: 'max' }), fc.array(fc.tuple(prefixArb, nArb), { maxLength: 60, size: 'max' }), (stored, queries) => {
        const index = new IdIndex();
        let next = 0;
        for (const [p, n] of stored) {
          const key = `${p}/${n}`;
          if (index.get(key) === undefined) index.insert(key, next++);
        }
        index.insert('B/01', next); // not the id of leg 1: leg numbers are canonical
        for (const [p, n] of [...queries, ...stored, ['B', 1] as [string, number]]) {
          const expected = index.get(`${p}/${n}`);
          expect(index.getDerived(p, derivedPrefixState(p), n)).toBe(expected);
          if (expected !== undefined) {
            expect(index.keyIsDerived(expected, p, n)).toBe(true);
            // The filter that lets a batch skip these look-ups must never say no to a held child.
            expect(index.mayHaveChildren(familyHash(p))).toBe(true);
          }
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('says no children for a prefix no leg-like id was ever stored under', () => {
    const index = new IdIndex();
    expect(index.mayHaveChildren(familyHash('settle/I'))).toBe(false);
    index.insert('settle/I/x', 0); // not a leg number
    index.insert('settle/I/01', 1); // not canonical
    index.insert('other/3', 2);
    expect(index.mayHaveChildren(familyHash('settle/I'))).toBe(false);
    index.insert('settle/I/3', 3);
    expect(index.mayHaveChildren(familyHash('settle/I'))).toBe(true);
  });

  it('gives the characters of deleted ids back once they are the larger part', () => {
    const index = new IdIndex();
    for (let i = 0; i < 50_000; i++) index.insert(`order-${i}`, i);
    for (let i = 0; i < 49_000; i++) index.delete(`order-${i}`);
    for (let i = 49_000; i < 50_000; i++) {
      expect(index.get(`order-${i}`)).toBe(i);
      expect(index.keyOf(i)).toBe(`order-${i}`);
    }
    expect(index.size).toBe(1000);
  });

  it('keeps exactly the values retain() keeps, with their ids, and takes new ones after', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.boolean()), { maxLength: 400, size: 'max' }), (entries) => {
        const index = new IdIndex();
        const kept = new Map<string, number>();
        const keep = new Set<number>();
        entries.forEach(([key, k], v) => {
          if (index.get(key) !== undefined) return;
          index.insert(key, v);
          if (k) {
            kept.set(key, v);
            keep.add(v);
          }
        });
        const marks = new Uint8Array(entries.length + 1);
        for (const v of keep) marks[v] = 1;
        index.retain(marks);
        expect(index.size).toBe(kept.size);
        for (const [key, v] of kept) {
          expect(index.get(key)).toBe(v);
          expect(index.keyOf(v)).toBe(key);
        }
        for (const [key] of entries) if (!kept.has(key)) expect(index.get(key)).toBeUndefined();
        index.insert('new', 100_000);
        expect(index.get('new')).toBe(100_000);
      }),
      { numRuns: runs(60) },
    );
  });

  it('reserve() makes room without changing what it holds, and inserts after it need no rehash', () => {
    const index = new IdIndex();
    for (let i = 0; i < 10; i++) index.insert(`k${i}`, i);
    index.reserve(5_000);
    const table = index['table'];
    for (let i = 10; i < 5_010; i++) index.insert(`k${i}`, i);
    expect(index['table']).toBe(table);
    for (let i = 0; i < 5_010; i++) expect(index.get(`k${i}`)).toBe(i);
    index.reserve(0);
    expect(index['table']).toBe(table);
  });

  it('keeps long ids exactly', () => {
    const index = new IdIndex();
    const long = 'x'.repeat(10_000) + 'y';
    index.insert(long, 0);
    expect(index.keyOf(0)).toBe(long);
    expect(index.get(long)).toBe(0);
    expect(index.get(long.slice(0, -1))).toBeUndefined();
  });
});
