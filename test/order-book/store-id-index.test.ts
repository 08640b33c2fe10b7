import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/hashing/string-hash.js';
import { StoreIdIndex } from '../../src/order-book/store-id-index.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('StoreIdIndex', () => {
  // Random inserts, finds and removes against a Map. Hashes are drawn from a tiny set near the
  // end of the table, so runs collide, wrap around slot 0 and exercise the backward shift.
  it('agrees with a Map through colliding, wrapping inserts and removes', () => {
    const hashArb = fc.constantFrom(1020, 1021, 1022, 1023, 0, 1, 2, 2044, 3071, -1, 5);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean(), hashArb), { maxLength: 300 }), (ops) => {
        const ids: string[] = [];
        const index = new StoreIdIndex(ids);
        const model = new Map<string, { handle: number; hash: number }>();
        let next = 0;
        for (const [k, add, hash] of ops) {
          const id = `id${k}`;
          const known = model.get(id);
          if (add && known === undefined) {
            const handle = next++;
            ids[handle] = id;
            index.reserve();
            index.insert(hash, handle);
            model.set(id, { handle, hash });
          } else if (!add && known !== undefined) {
            index.remove(known.hash, known.handle);
            model.delete(id);
          }
          expect(index.size).toBe(model.size);
          for (let j = 0; j <= 40; j++) {
            const m = model.get(`id${j}`);
            expect(index.find(`id${j}`, m?.hash ?? hash)).toBe(m?.handle ?? -1);
          }
        }
        expect(index.handles().sort((a, b) => a - b)).toEqual([...model.values()].map((v) => v.handle).sort((a, b) => a - b));
      }),
      { numRuns: runs(300) },
    );
  });

  it('grows past its first table and keeps every id', () => {
    const ids: string[] = [];
    const index = new StoreIdIndex(ids);
    for (let h = 0; h < 5000; h++) {
      ids[h] = `x${h}`;
      index.reserve();
      index.insert(hashString(`x${h}`), h);
    }
    for (let h = 0; h < 5000; h += 2) index.remove(hashString(`x${h}`), h);
    for (let h = 0; h < 5000; h++) expect(index.find(`x${h}`, hashString(`x${h}`))).toBe(h % 2 === 0 ? -1 : h);
    expect(index.size).toBe(2500);
    index.clear();
    expect(index.find('x1', hashString('x1'))).toBe(-1);
  });
});
