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
});
