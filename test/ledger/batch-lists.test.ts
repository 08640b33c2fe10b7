import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchLists } from '../../src/ledger/batch-lists.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('BatchLists', () => {
  it('answers for ranges and lists alike: length, each leg, the list and where a range starts', () => {
    const batches = fc.array(
      fc.oneof(
        fc.record({ range: fc.constant(true), first: fc.nat(1_000), entry: fc.nat(1_000), n: fc.integer({ min: 1, max: 20 }) }),
        fc.record({ range: fc.constant(false), list: fc.array(fc.nat(1_000), { minLength: 1, maxLength: 20 }) }),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(batches, (items) => {
        const lists = new BatchLists();
        // The naive reference: every batch as a plain array of its transfers.
        const naive: number[][] = [];
        for (const item of items) {
          if (item.range) {
            lists.pushRange(item.first, item.entry, item.n);
            naive.push(Array.from({ length: item.n }, (_, k) => item.first + k));
          } else {
            lists.push(Int32Array.from(item.list));
            naive.push(item.list);
          }
        }
        expect(lists.count).toBe(naive.length);
        items.forEach((item, b) => {
          const want = naive[b] as number[];
          expect(lists.length(b)).toBe(want.length);
          expect(Array.from(lists.list(b))).toEqual(want);
          want.forEach((t, n) => expect(lists.at(b, n)).toBe(t));
          expect(lists.rangeFirst(b)).toBe(item.range ? item.first : -1);
          if (item.range) expect(lists.rangeEntry(b)).toBe(item.entry);
        });
      }),
      { numRuns: runs(200) },
    );
  });

  it('hands out a fresh copy of a range batch as a list, so a reader cannot change the batch', () => {
    const lists = new BatchLists();
    lists.pushRange(5, 9, 3);
    const copy = lists.list(0);
    copy[0] = 99;
    expect(Array.from(lists.list(0))).toEqual([5, 6, 7]);
    expect(lists.at(0, 0)).toBe(5);
  });
});
