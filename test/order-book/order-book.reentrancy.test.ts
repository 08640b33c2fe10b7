import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { reenterLibrary } from '../helpers/reenter.js';

interface Op {
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly quantity: number;
  readonly owner: number;
  readonly amend: boolean;
}

const opArb = fc.record({
  side: fc.constantFrom('buy' as const, 'sell' as const),
  price: fc.integer({ min: 95, max: 105 }),
  quantity: fc.integer({ min: 1, max: 6 }),
  owner: fc.integer({ min: 0, max: 3 }),
  amend: fc.boolean(),
});

/** Runs the ops on a fresh book (cancel-maker, so every event kind fires) and reads back everything. */
function play(ops: readonly Op[], listen: boolean): { out: unknown; calls: number } {
  const book = new OrderBook({ priceTick: 1, quantityStep: 1, selfTrade: 'cancel-maker' });
  let calls = 0;
  if (listen) for (const event of ['accepted', 'trade', 'filled', 'cancelled', 'amended'] as const) book.on(event, () => reenterLibrary(calls++));
  const results: string[] = [];
  ops.forEach((op, i) => {
    if (op.amend && i > 0 && book.order(`o${i - 1}`) !== undefined) results.push(JSON.stringify(book.amend(`o${i - 1}`, { price: op.price })));
    results.push(JSON.stringify(book.submit({ id: `o${i}`, owner: `t${op.owner}`, side: op.side, price: op.price, quantity: op.quantity })));
  });
  return { out: { results, hash: book.stateHash(), depth: JSON.stringify(book.depth(20)) }, calls };
}

describe('OrderBook re-entered from its event listeners (issue 11 defect 13)', () => {
  it('gives exactly the results, state and depth it gives without re-entry when listeners run the library', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), (ops) => {
        const { out, calls } = play(ops, true);
        expect(calls).toBeGreaterThan(0);
        expect(out).toEqual(play(ops, false).out);
      }),
      { numRuns: runs(15) },
    );
  });
});
