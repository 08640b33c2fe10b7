import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProductState } from '../../src/market/market-core.js';
import { OrderIndex } from '../../src/market/order-index.js';
import type { ParticipantRecord } from '../../src/market/participant-registry.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('OrderIndex', () => {
  it('behaves like a Map from id to order, in arrival order, across releases, reused ids and rebuilds', () => {
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('add' as const), id: fc.nat(10) }),
      fc.record({ op: fc.constant('release' as const), id: fc.nat(10) }),
      fc.record({ op: fc.constant('delete' as const), id: fc.nat(10) }),
      fc.record({ op: fc.constant('compact' as const), id: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300, size: 'max' }), fc.constantFrom(0, 3, 65_536), (ops, slack) => {
        const participant = { id: 'p', number: 0 } as ParticipantRecord;
        const product = { id: 'x', number: 0 } as unknown as ProductState;
        const index = new OrderIndex([participant], [product], slack);
        // The model: id -> [slot, seq, lots]; the index must give each open id its own fields back.
        const model = new Map<string, { slot: number; seq: number; lots: number }>();
        let seq = 0;
        for (const { op, id: n } of ops) {
          const id = `o${n}`;
          if (op === 'add') {
            if (index.has(id) !== model.has(id)) throw new Error('has() disagrees');
            if (model.has(id)) continue;
            const lots = 1000 + seq;
            const slot = index.add(id, participant, product, seq % 2 === 0 ? 'buy' : 'sell', 7, lots, 'sealed', -1, seq);
            for (const other of model.values()) expect(other.slot).not.toBe(slot);
            model.set(id, { slot, seq: seq++, lots });
          } else if (op === 'compact') {
            index.compact();
          } else {
            const order = model.get(id);
            if (op === 'release' && order !== undefined) index.release(order.slot);
            if (op === 'delete') index.delete(id);
            model.delete(id);
          }
          expect(index.size).toBe(model.size);
          for (let k = 0; k <= 10; k++) {
            const o = index.get(`o${k}`);
            const m = model.get(`o${k}`);
            expect(o === undefined).toBe(m === undefined);
            if (o !== undefined && m !== undefined) {
              expect([o.slot, o.id, o.seq, o.lots, o.participant, o.product]).toEqual([m.slot, `o${k}`, m.seq, m.lots, participant, product]);
            }
          }
        }
        expect(index.values().map((o) => o.id)).toEqual([...model.keys()]);
      }),
      { numRuns: runs(100) },
    );
  });
  it('gives back ids and exact fields of book and sealed orders, wide values included', () => {
    const participant = { id: 'p', number: 0 } as ParticipantRecord;
    const product = { id: 'x', number: 0 } as unknown as ProductState;
    const index = new OrderIndex([participant], [product], 0);
    const book = index.add('b1', participant, product, 'buy', 7, 3, 'book', -1, 1);
    const sealed = index.add('s\u00e9\u4e16', participant, product, 'sell', NaN, 2.5, 'sealed', 4, 2 ** 40);
    expect([index.idOf(book), index.idOf(sealed)]).toEqual(['b1', 's\u00e9\u4e16']);
    expect(Object.is(index.priceOf(sealed), NaN)).toBe(true);
    expect([index.priceOf(book), index.lotsOf(book), index.seqOf(book)]).toEqual([7, 3, 1]);
    expect([index.lotsOf(sealed), index.seqOf(sealed), index.reservationOf(sealed)]).toEqual([2.5, 2 ** 40, 4]);
    // A released order's id stays readable for the events of the call that released it.
    index.release(sealed);
    expect(index.idOf(sealed)).toBe('s\u00e9\u4e16');
    // regression guard: a slot a book order left, reused by a sealed order, must not keep the book order's id.
    index.release(book);
    index.compact();
    const reused = index.add('s2', participant, product, 'sell', 5, 1, 'sealed', -1, 3);
    expect(reused).toBe(book);
    expect(index.idOf(reused)).toBe('s2');
    expect(index.get('b1')).toBeUndefined();
  });
  it('keeps every open order findable through slot growth, table growth and rebuilds (thousands of ids, a day of churn)', () => {
    const participant = { id: 'p', number: 0 } as ParticipantRecord;
    const product = { id: 'x', number: 0 } as unknown as ProductState;
    const index = new OrderIndex([participant], [product], 0);
    const model = new Map<string, number>();
    let seq = 0;
    // Like the simulation: a batch of orders an interval, most of the previous batch retired, then a prune.
    for (let k = 0; k < 12; k++) {
      for (let i = 0; i < 900; i++) {
        const id = `house-${i}/${k}/0`;
        expect(index.has(id)).toBe(false);
        model.set(id, index.add(id, participant, product, 'buy', 7, 1 + i, 'sealed', -1, seq++));
      }
      let n = 0;
      const gone: string[] = [];
      for (const [id, slot] of model) {
        if (n++ % 5 === 0) continue;
        index.release(slot);
        model.delete(id);
        gone.push(id);
      }
      if (k % 3 === 2) index.compact();
      expect(index.size).toBe(model.size);
      for (const [id, slot] of model) expect(index.find(id)).toBe(slot);
      // Retired ids are not found, also before the rebuild that unbinds them.
      for (const id of gone) expect(index.find(id)).toBe(-1);
    }
    expect(index.values().map((o) => o.id)).toEqual([...model.keys()]);
  });
  it('still finds its open orders after a peak, when a rebuild starts on a smaller table', () => {
    const participant = { id: 'p', number: 0 } as ParticipantRecord;
    const product = { id: 'x', number: 0 } as unknown as ProductState;
    const index = new OrderIndex([participant], [product]);
    const slots: number[] = [];
    for (let i = 0; i < 20_000; i++) slots.push(index.add(`o${i}`, participant, product, 'sell', 5, 1, 'sealed', -1, i));
    for (let i = 0; i < 20_000; i++) if (i % 5000 !== 7) index.release(slots[i] as number);
    index.compact();
    expect(index.values().map((o) => o.id)).toEqual(['o7', 'o5007', 'o10007', 'o15007']);
    for (let i = 0; i < 20_000; i++) expect(index.find(`o${i}`)).toBe(i % 5000 === 7 ? slots[i] : -1);
    // New orders take the freed slots and are found; the kept ones still are.
    for (let i = 0; i < 3000; i++) index.add(`n${i}`, participant, product, 'buy', 5, 1, 'sealed', -1, 20_000 + i);
    for (let i = 0; i < 3000; i++) expect(index.has(`n${i}`)).toBe(true);
    expect(index.find('o5007')).toBe(slots[5007]);
    expect(index.size).toBe(3004);
  });
});
