import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveOrder } from '../../src/market/market-core.js';
import { OrderIndex } from '../../src/market/order-index.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('OrderIndex', () => {
  it('behaves like a Map from id to order, in arrival order, across releases, reused ids and rebuilds', () => {
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('add' as const), id: fc.nat(10) }),
      fc.record({ op: fc.constant('release' as const), id: fc.nat(10) }),
      fc.record({ op: fc.constant('delete' as const), id: fc.nat(10) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300, size: 'max' }), fc.constantFrom(0, 3, 65_536), (ops, slack) => {
        const index = new OrderIndex(slack);
        const model = new Map<string, LiveOrder>();
        let seq = 0;
        for (const { op, id: n } of ops) {
          const id = `o${n}`;
          if (op === 'add') {
            if (model.has(id)) continue;
            const order = { id, seq: seq++, slot: -1 } as unknown as LiveOrder;
            index.add(order);
            model.set(id, order);
          } else {
            const order = model.get(id);
            if (op === 'release' && order !== undefined) index.release(order.slot);
            if (op === 'delete') index.delete(id);
            model.delete(id);
          }
          expect(index.size).toBe(model.size);
          for (let k = 0; k <= 10; k++) expect(index.get(`o${k}`)).toBe(model.get(`o${k}`));
        }
        expect(index.values()).toEqual([...model.values()]);
      }),
      { numRuns: runs(100) },
    );
  });
});
