import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreIdIndex } from '../../src/order-book/store-id-index.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('StoreIdIndex.take', () => {
  // take (find and remove in one probe, used by OrderBook.cancel) mixed with remove, against a
  // Map. Hashes from a tiny set near the end of the table: runs collide, wrap around slot 0 and
  // exercise the backward shift from the slot that take found.
  it('agrees with a Map through colliding, wrapping inserts, takes and removes', () => {
    const hashArb = fc.constantFrom(1020, 1021, 1022, 1023, 0, 1, 2, 2044, 3071, -1, 5);
    const opArb = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('insert', 'take', 'remove'), hashArb);
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const ids: string[] = [];
        const index = new StoreIdIndex(ids);
        const model = new Map<string, { handle: number; hash: number }>();
        let next = 0;
        for (const [k, op, hash] of ops) {
          const id = `id${k}`;
          const known = model.get(id);
          if (op === 'insert' && known === undefined) {
            const handle = next++;
            ids[handle] = id;
            index.reserve();
            index.insert(hash, handle);
            model.set(id, { handle, hash });
          } else if (op === 'take') {
            // An absent id (or a wrong hash) takes nothing and changes nothing.
            expect(index.take(id, known?.hash ?? hash)).toBe(known?.handle ?? -1);
            model.delete(id);
          } else if (op === 'remove' && known !== undefined) {
            index.remove(known.hash, known.handle);
            model.delete(id);
          }
          expect(index.size).toBe(model.size);
          expect(index.spare()).toBe(512 - index.size);
          for (let j = 0; j <= 40; j++) {
            const m = model.get(`id${j}`);
            expect(index.find(`id${j}`, m?.hash ?? hash)).toBe(m?.handle ?? -1);
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });

  // insert starts at the empty slot where the last find of the same hash stopped, while the
  // table has not changed since. The layout must be exactly the one plain probing gives.
  it('lays the table out the same whether or not a find came before each insert', () => {
    const hashArb = fc.constantFrom(1020, 1021, 1022, 1023, 0, 1, 2, 2044, 3071, -1, 5);
    const opArb = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('insert', 'take', 'find'), hashArb, fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const ids: string[] = [];
        const hinted = new StoreIdIndex(ids);
        const plain = new StoreIdIndex(ids);
        const model = new Map<string, { handle: number; hash: number }>();
        let next = 0;
        for (const [k, op, hash, other] of ops) {
          const id = `id${k}`;
          const known = model.get(id);
          if (op === 'insert' && known === undefined) {
            const handle = next++;
            ids[handle] = id;
            // As in submit: the id is looked up, then other ids may leave (makers filled by
            // matching), or a find of another id with the same hash may come between.
            expect(hinted.find(id, hash)).toBe(-1);
            if (other % 3 === 0) hinted.find(`id${other}`, hash);
            else if (other % 3 === 1 && `id${other}` !== id) {
              const gone = model.get(`id${other}`);
              expect(hinted.take(`id${other}`, gone?.hash ?? hash)).toBe(plain.take(`id${other}`, gone?.hash ?? hash));
              model.delete(`id${other}`);
            }
            hinted.reserve();
            plain.reserve();
            hinted.insert(hash, handle);
            plain.insert(hash, handle);
            model.set(id, { handle, hash });
          } else if (op === 'take') {
            expect(hinted.take(id, known?.hash ?? hash)).toBe(plain.take(id, known?.hash ?? hash));
            model.delete(id);
          } else {
            // A stray find (of any hash) between calls must not mislead a later insert.
            hinted.find(`id${other}`, hash);
          }
          expect(hinted.handles()).toEqual(plain.handles());
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
