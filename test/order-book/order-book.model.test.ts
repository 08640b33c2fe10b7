import fc from 'fast-check';
import { describe, it } from 'vitest';
import { LONG, runs } from '../helpers/expect-watt-error.js';
import { commandsArb, Real, setupArb, verify, type Model } from './model.js';
import { ReferenceBook } from './reference-book.js';

// The fast book and a naive reference book side by side through random submits of every kind,
// cancels, amends, bad inputs and snapshot restores; after every command: same results, same
// events, same state, and every invariant of the book (see verify() in model.ts).
// Under `npm run test:long` the runs are 20 times as many: allow them the time.
const TIMEOUT = LONG ? 60 * 60_000 : 120_000;

describe('OrderBook (model-based, against a naive reference book)', () => {
  it('behaves like the reference book after every command', () => {
    fc.assert(
      fc.property(
        setupArb.chain((setup) => fc.tuple(fc.constant(setup), commandsArb(setup.base, 100))),
        ([setup, commands]) => {
          const model: Model = { ref: new ReferenceBook(setup.selfTrade) };
          const real = new Real(setup);
          verify(model, real);
          fc.modelRun(() => ({ model, real }), commands);
        },
      ),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT);

  it('behaves like the reference book with prices spread over many levels', () => {
    fc.assert(
      fc.property(
        setupArb.chain((setup) => fc.tuple(fc.constant(setup), commandsArb(setup.base, 150, 40))),
        ([setup, commands]) => {
          const model: Model = { ref: new ReferenceBook(setup.selfTrade) };
          const real = new Real(setup);
          verify(model, real);
          fc.modelRun(() => ({ model, real }), commands);
        },
      ),
      { numRuns: runs(100) },
    );
  }, TIMEOUT);
});
