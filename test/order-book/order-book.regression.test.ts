import type fc from 'fast-check';
import { describe, it } from 'vitest';
import { AmendCommand, CancelCommand, Real, SubmitCommand, verify, type BookSetup, type Model, type SubmitSpec } from './model.js';
import { ReferenceBook } from './reference-book.js';

// The model-based test has found no counter-example against the book itself. To check that it
// can fail, bugs were planted in the engine one at a time (a taker-price trade, FOK ignoring
// self-trade prevention, a lost queue place...); these are the minimal command sequences
// fast-check shrank each planted bug to. They are replayed through the same harness (reference
// book, every invariant after every command), so each of those bugs would be caught again by
// name.

function replay(setup: BookSetup, commands: fc.Command<Model, Real>[]): void {
  const model: Model = { ref: new ReferenceBook(setup.selfTrade) };
  const real = new Real(setup);
  verify(model, real);
  for (const command of commands) command.run(model, real);
}

const plain: BookSetup = { priceTick: '0.0001', quantityStep: '0.001', selfTrade: 'allow', base: 100 };
const sub = (s: Partial<SubmitSpec> & Pick<SubmitSpec, 'id' | 'sell'>): SubmitCommand =>
  new SubmitCommand({ owner: 'alice', market: false, price: 96, quantity: 1, tif: undefined, postOnly: undefined, repr: 0, ...s });

describe('OrderBook regressions (minimal inputs found by fast-check)', () => {
  it('regression: a trade is at the maker price, not the taker limit', () => {
    replay(plain, [sub({ id: 'o0', sell: false, price: 97 }), sub({ id: 'o1', sell: true, price: 96 })]);
  });

  it('regression: FOK counts self-trade prevention when deciding it can fill (cancel-both)', () => {
    replay({ priceTick: '0.05', quantityStep: '0.5', selfTrade: 'cancel-both', base: 100 }, [
      sub({ id: 'o0', owner: 'carol', sell: false }),
      sub({ id: 'o1', owner: 'alice', sell: false }),
      sub({ id: 'o2', owner: 'carol', sell: true, tif: 'FOK' }),
    ]);
  });

  it('regression: an amend to the same price and quantity keeps the queue place', () => {
    replay({ priceTick: '0.1', quantityStep: '0.5', selfTrade: 'cancel-taker', base: 100 }, [
      sub({ id: 'o10', sell: false, price: 103 }),
      new AmendCommand('o10', 103, undefined, 0),
    ]);
  });

  it('regression: a market order with nothing to trade does not rest', () => {
    replay(plain, [sub({ id: 'o0', sell: false, market: true, price: 0 })]);
  });

  it('regression: a post-only order that would cross is cancelled, not traded', () => {
    replay(plain, [sub({ id: 'o0', sell: false }), sub({ id: 'o1', sell: true, postOnly: true })]);
  });

  it('regression: a partial fill reduces the level total', () => {
    replay(plain, [sub({ id: 'o1', sell: false, quantity: 2 }), sub({ id: 'o0', sell: true })]);
  });

  it('regression: cancel-both stops the taker after cancelling the own maker (zero price)', () => {
    replay({ priceTick: '0.05', quantityStep: '0.25', selfTrade: 'cancel-both', base: -3 }, [
      sub({ id: 'o0', sell: true, price: 0 }),
      sub({ id: 'o1', sell: false, price: 0 }),
    ]);
  });

  it('regression: a filled maker emits its filled event', () => {
    replay(plain, [sub({ id: 'o0', sell: true }), sub({ id: 'o1', sell: false })]);
  });

  it('regression: an amend that raises the quantity raises original', () => {
    replay({ priceTick: '0.1', quantityStep: '0.5', selfTrade: 'cancel-taker', base: 100 }, [
      sub({ id: 'o3', sell: false }),
      new AmendCommand('o3', undefined, 2, 0),
    ]);
  });

  it('regression: the id of a resting order cannot be used again', () => {
    replay(plain, [sub({ id: 'o10', sell: false }), sub({ id: 'o10', sell: false })]);
  });

  it('regression: a snapshot keeps the post-only flag', () => {
    replay(plain, [sub({ id: 'o0', sell: false, tif: 'GTC', postOnly: true })]);
  });

  it('regression: a bid below the best goes to its own level', () => {
    replay(plain, [sub({ id: 'o0', sell: false, price: 97 }), sub({ id: 'o1', sell: false, price: 96 })]);
  });

  it('regression: a market sell takes the bids', () => {
    replay({ priceTick: '0.05', quantityStep: '0.25', selfTrade: 'allow', base: 100 }, [
      sub({ id: 'o1', sell: false }),
      sub({ id: 'o0', sell: true, market: true, price: 0 }),
    ]);
  });

  it('regression: cancelling the last order of a level below the best removes that level', () => {
    replay({ priceTick: '0.1', quantityStep: '0.5', selfTrade: 'cancel-taker', base: 100 }, [
      sub({ id: 'o10', sell: true, price: 97 }),
      sub({ id: 'o0', sell: true, price: 96 }),
      new CancelCommand('o10'),
    ]);
  });

  it('regression: amending an unknown id changes nothing', () => {
    replay(plain, [new AmendCommand('o0', undefined, 1, 0)]);
  });
});
