import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook, createRandom, type SubmitResult } from '../../src/index.js';
import type { BookEngine } from '../../src/order-book/book-engine.js';
import { runs } from '../helpers/expect-watt-error.js';
import { checkIntegrity, engineOf } from './integrity.js';

// The engine checks its structures for room once per many calls (a headroom count, see
// BookEngine.reserve) and grows them by doubling. These tests drive books past every first
// capacity (1,024 handles, 1,024 index slots, 64 levels per side) and check that the count
// never promises room that is not there, and that how a book grew never changes what it does.

/** The room each structure has now; the headroom must never exceed any of it. */
function spareRoom(engine: BookEngine): number {
  const { store, levels, bids, asks, index } = engine;
  return Math.min(
    store.capacity - engine.size,
    levels.capacity - bids.length - asks.length,
    bids.keys.length - bids.length,
    asks.keys.length - asks.length,
    index.spare(),
  );
}

function headroomOf(engine: BookEngine): number {
  return (engine as unknown as { headroom: number }).headroom;
}

type Op =
  | { kind: 'submit'; id: string; owner: string; side: 'buy' | 'sell'; price: number; quantity: number; tif?: 'IOC' | 'FOK' }
  | { kind: 'cancel'; id: string }
  | { kind: 'amend'; id: string; price?: number; quantity?: number };

/**
 * A seeded stream that first fills the book (prices spread over hundreds of levels a side,
 * many resting orders), then churns it: crossing orders, cancels and amends of recent ids.
 */
function makeOps(seed: number, count: number, spread: number): Op[] {
  const rng = createRandom(seed);
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    const filling = i < count / 2;
    const r = rng.nextInt(1, 100);
    if (filling || r <= 60) {
      const sell = rng.nextInt(0, 1) === 1;
      const offset = rng.nextInt(filling ? 1 : -5, spread);
      const price = (1000 + (sell ? offset : -offset)) / 10000;
      const tif = r === 1 ? 'IOC' : r === 2 ? 'FOK' : undefined;
      ops.push({ kind: 'submit', id: `o${i}`, owner: `p${rng.nextInt(0, 9)}`, side: sell ? 'sell' : 'buy', price, quantity: rng.nextInt(1, 20) * 0.5, ...(tif === undefined ? {} : { tif }) });
    } else if (r <= 85) {
      ops.push({ kind: 'cancel', id: `o${rng.nextInt(Math.max(0, i - 3000), i - 1)}` });
    } else {
      const id = `o${rng.nextInt(Math.max(0, i - 3000), i - 1)}`;
      ops.push(r <= 92 ? { kind: 'amend', id, quantity: rng.nextInt(1, 20) * 0.5 } : { kind: 'amend', id, price: (1000 + rng.nextInt(-spread, spread)) / 10000 });
    }
  }
  return ops;
}

/** Runs one op; the result as plain data (or the error's code), for comparing books. */
function apply(book: OrderBook, op: Op): unknown {
  switch (op.kind) {
    case 'submit': {
      const order = { id: op.id, owner: op.owner, side: op.side, price: op.price, quantity: op.quantity };
      return plain(book.submit(op.tif === undefined ? order : { ...order, timeInForce: op.tif }));
    }
    case 'cancel':
      return book.cancel(op.id);
    case 'amend': {
      if (book.order(op.id) === undefined) return 'not resting';
      const change = op.price === undefined ? { quantity: op.quantity as number } : { price: op.price };
      return plain(book.amend(op.id, change));
    }
  }
}

function plain(r: SubmitResult): unknown {
  return JSON.parse(JSON.stringify(r)) as unknown;
}

describe('OrderBook growth', () => {
  it('never counts more headroom than every structure has, through growth and churn', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 100, max: 400 }), (seed, spread) => {
        const book = new OrderBook();
        const engine = engineOf(book);
        const ops = makeOps(seed, 5000, spread);
        for (let i = 0; i < ops.length; i++) {
          apply(book, ops[i] as Op);
          expect(headroomOf(engine)).toBeLessThanOrEqual(spareRoom(engine));
          if (i % 1000 === 999) checkIntegrity(book);
        }
        checkIntegrity(book);
        // The stream did grow the book past its first capacities.
        expect(engine.store.capacity).toBeGreaterThan(1024);
        expect(engine.levels.capacity).toBeGreaterThan(64);
      }),
      { numRuns: runs(6) },
    );
  }, 120_000);

  it('behaves the same however it grew: fresh, grown ahead and emptied, or restored mid-way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 3999 }), (seed, restoreAt) => {
        const ops = makeOps(seed, 4000, 150);
        const fresh = new OrderBook();
        // Grown ahead: 5,000 orders on 1,000 prices each side rested and cancelled (no trade,
        // so the trade counter and the state are those of a fresh book), leaving large tables.
        const grown = new OrderBook();
        for (let i = 0; i < 5000; i++) {
          const sell = i % 2 === 1;
          grown.submit({ id: `g${i}`, owner: 'g', side: sell ? 'sell' : 'buy', price: (sell ? 5000 + (i % 1000) : 500 - (i % 400)) / 10000, quantity: 1 });
        }
        for (let i = 0; i < 5000; i++) grown.cancel(`g${i}`);
        expect(grown.stateHash()).toBe(fresh.stateHash());
        let restored = new OrderBook();
        for (let i = 0; i < ops.length; i++) {
          const op = ops[i] as Op;
          if (i === restoreAt) restored = OrderBook.restore(fresh.snapshot());
          const expected = apply(fresh, op);
          expect(apply(grown, op)).toEqual(expected);
          if (i >= restoreAt) expect(apply(restored, op)).toEqual(expected);
          else apply(restored, op);
        }
        expect(grown.stateHash()).toBe(fresh.stateHash());
        expect(restored.stateHash()).toBe(fresh.stateHash());
        checkIntegrity(grown);
        checkIntegrity(restored);
      }),
      { numRuns: runs(4) },
    );
  }, 120_000);
});
