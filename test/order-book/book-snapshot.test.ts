import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, OrderBook, WattError, type OrderBookSnapshot, type SelfTradeMode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { checkIntegrity } from './integrity.js';

// ---- a small command language, so a property can replay the same commands on two books --------

type Op =
  | { kind: 'submit'; id: string; owner: string; sell: boolean; price: number | undefined; quantity: number; tif: 'GTC' | 'IOC' | 'FOK'; postOnly: boolean }
  | { kind: 'cancel'; id: string }
  | { kind: 'amend'; id: string; price: number | undefined; quantity: number | undefined };

const idArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    kind: fc.constant('submit' as const), id: idArb, owner: fc.constantFrom('x', 'y', 'z'), sell: fc.boolean(),
    price: fc.option(fc.integer({ min: 95, max: 105 }), { nil: undefined, freq: 8 }), quantity: fc.integer({ min: 1, max: 6 }),
    tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const), postOnly: fc.boolean(),
  }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), id: idArb }) },
  { weight: 2, arbitrary: fc.record({
    kind: fc.constant('amend' as const), id: idArb,
    price: fc.option(fc.integer({ min: 95, max: 105 }), { nil: undefined }), quantity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  }) },
);

/** Applies `op`; returns its outcome as JSON text (a result, a boolean or an error code). */
function apply(book: OrderBook, op: Op): string {
  try {
    switch (op.kind) {
      case 'submit': {
        const market = op.price === undefined;
        return JSON.stringify(book.submit({
          id: op.id, owner: op.owner, side: op.sell ? 'sell' : 'buy', quantity: op.quantity,
          ...(op.price === undefined ? { type: 'market' as const } : { price: op.price }),
          timeInForce: market && op.tif === 'GTC' ? 'IOC' : op.tif,
          postOnly: !market && op.tif === 'GTC' && op.postOnly,
        }));
      }
      case 'cancel':
        return JSON.stringify(book.cancel(op.id));
      case 'amend':
        return JSON.stringify(book.amend(op.id, { ...(op.price === undefined ? {} : { price: op.price }), ...(op.quantity === undefined ? {} : { quantity: op.quantity }) }));
    }
  } catch (e) {
    if (e instanceof WattError) return e.code;
    throw e;
  }
}

function recorder(book: OrderBook): string[] {
  const log: string[] = [];
  for (const name of ['accepted', 'trade', 'filled', 'cancelled', 'amended'] as const) {
    book.on(name, (payload: unknown) => log.push(`${name} ${JSON.stringify(payload)}`));
  }
  return log;
}

const modeArb = fc.constantFrom<SelfTradeMode>('allow', 'cancel-taker', 'cancel-maker', 'cancel-both');

describe('OrderBook snapshots and stateHash', () => {
  it('snapshot() is plain, deep-frozen, versioned data', () => {
    const book = new OrderBook({ priceTick: '0.5', quantityStep: '0.1', selfTrade: 'cancel-both', priceBand: { min: -10 } });
    book.submit({ id: 'a', owner: 'x', side: 'sell', price: '10.5', quantity: '2.5', postOnly: true });
    book.submit({ id: 'b', owner: 'y', side: 'buy', price: 11, quantity: '1' });
    book.submit({ id: 'c', owner: 'y', side: 'buy', price: 9, quantity: '1' });
    book.amend('a', { quantity: '1' });
    const s = book.snapshot();
    expect(s).toEqual({
      version: 1,
      options: { priceTick: '0.5', quantityStep: '0.1', selfTrade: 'cancel-both', priceBand: { min: '-10' } },
      sequence: 1,
      bids: [{ id: 'c', owner: 'y', price: '9', quantity: '1', filled: '0', original: '1', postOnly: false }],
      asks: [{ id: 'a', owner: 'x', price: '10.5', quantity: '1', filled: '1', original: '2.5', postOnly: true }],
    });
    expect(Object.isFrozen(s) && Object.isFrozen(s.options) && Object.isFrozen(s.asks) && Object.isFrozen(s.asks[0])).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('restore() rebuilds the same state: same hash, same snapshot, same next trade sequence', () => {
    const book = new OrderBook({ priceTick: '0.01', priceBand: { min: 0, max: 5 } });
    book.submit({ id: 'a', owner: 'x', side: 'sell', price: '1.01', quantity: 3 });
    book.submit({ id: 'b', owner: 'x', side: 'sell', price: '1.01', quantity: 2 });
    book.submit({ id: 'c', owner: 'y', side: 'buy', price: '1.01', quantity: 1 });
    book.submit({ id: 'd', owner: 'y', side: 'buy', price: '0.99', quantity: 1 });
    const copy = OrderBook.restore(JSON.parse(JSON.stringify(book.snapshot())) as OrderBookSnapshot);
    expect(copy.stateHash()).toBe(book.stateHash());
    expect(copy.snapshot()).toEqual(book.snapshot());
    checkIntegrity(copy);
    const r = copy.submit({ id: 'e', owner: 'z', side: 'buy', price: '1.01', quantity: 3 });
    expect(r.trades.map((t) => `${t.sequence} ${t.makerOrderId}`)).toEqual(['2 a', '3 b']);
    expectWattError(() => copy.submit({ id: 'f', owner: 'z', side: 'buy', price: '5.01', quantity: 1 }), ErrorCode.INVALID_PRICE, { reason: 'OUT_OF_RANGE' });
  });

  it('replaying the same commands from a snapshot gives the same results, events and state hash', () => {
    fc.assert(
      fc.property(modeArb, fc.array(opArb, { maxLength: 40 }), fc.array(opArb, { maxLength: 40 }), (mode, before, after) => {
        const original = new OrderBook({ priceTick: 1, quantityStep: 1, selfTrade: mode });
        for (const op of before) apply(original, op);
        const restored = OrderBook.restore(original.snapshot());
        expect(restored.stateHash()).toBe(original.stateHash());
        const logA = recorder(original);
        const logB = recorder(restored);
        for (const op of after) expect(apply(restored, op)).toBe(apply(original, op));
        expect(logB).toEqual(logA);
        expect(restored.stateHash()).toBe(original.stateHash());
        expect(restored.snapshot()).toEqual(original.snapshot());
      }),
      { numRuns: runs(200) },
    );
  });

  it('the same commands give the same state hash; different states give different hashes', () => {
    fc.assert(
      fc.property(modeArb, fc.array(opArb, { maxLength: 30 }), (mode, ops) => {
        const a = new OrderBook({ priceTick: 1, quantityStep: 1, selfTrade: mode });
        const b = new OrderBook({ priceTick: 1, quantityStep: 1, selfTrade: mode });
        for (const op of ops) expect(apply(a, op)).toBe(apply(b, op));
        expect(a.stateHash()).toBe(b.stateHash());
        // Any change of state changes the hash.
        const before = a.stateHash();
        const r = a.submit({ id: 'fresh', owner: 'w', side: 'buy', price: 1, quantity: 1 });
        expect(r.status).toBe('resting');
        expect(a.stateHash()).not.toBe(before);
        a.cancel('fresh');
        expect(a.stateHash()).toBe(before);
      }),
      { numRuns: runs(200) },
    );
  });

  it('hashes every field: options, sequence, and each order field', () => {
    const make = (options: ConstructorParameters<typeof OrderBook>[0] = {}, postOnly = false, owner = 'x'): OrderBook => {
      const book = new OrderBook(options);
      book.submit({ id: 'a', owner, side: 'sell', price: 1, quantity: 2, postOnly });
      return book;
    };
    const hashes = [
      make().stateHash(),
      make({ priceTick: '0.001' }).stateHash(),
      make({ quantityStep: '1' }).stateHash(),
      make({ selfTrade: 'allow' }).stateHash(),
      make({ priceBand: { max: 100 } }).stateHash(),
      make({}, true).stateHash(),
      make({}, false, 'y').stateHash(),
      new OrderBook().stateHash(),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
    const amended = make();
    amended.amend('a', { quantity: 1 });
    const partly = make();
    partly.submit({ id: 'b', owner: 'z', side: 'buy', price: 1, quantity: 1 });
    const plain = make();
    plain.amend('a', { quantity: 1 }); // same open quantity as `partly`, but cancelled instead of filled
    expect(new Set([make().stateHash(), amended.stateHash(), partly.stateHash()]).size).toBe(3);
    expect(plain.stateHash()).toBe(amended.stateHash());
  });

  it('has a stable digest for a fixed history (a change here breaks stored hashes)', () => {
    const book = new OrderBook({ priceTick: '0.01' });
    book.submit({ id: 'a', owner: 'x', side: 'sell', price: '1.5', quantity: 2 });
    book.submit({ id: 'b', owner: 'y', side: 'buy', price: '1.5', quantity: 1 });
    book.submit({ id: 'c', owner: 'y', side: 'buy', price: '1.25', quantity: 3 });
    expect(book.stateHash()).toMatchInlineSnapshot(`"20aae1269cac3eed"`);
    expect(new OrderBook().stateHash()).toMatchInlineSnapshot(`"d5959af905b9191e"`);
  });
});

describe('OrderBook.restore refuses malformed snapshots with INVALID_SNAPSHOT', () => {
  const good = (): Record<string, unknown> => {
    const book = new OrderBook({ priceTick: 1, quantityStep: 1, priceBand: { min: 0, max: 100 } });
    book.submit({ id: 'a', owner: 'x', side: 'sell', price: 11, quantity: 2 });
    book.submit({ id: 'b', owner: 'x', side: 'sell', price: 12, quantity: 2 });
    book.submit({ id: 'c', owner: 'y', side: 'buy', price: 9, quantity: 2 });
    book.submit({ id: 'd', owner: 'y', side: 'buy', price: 8, quantity: 2 });
    return JSON.parse(JSON.stringify(book.snapshot())) as Record<string, unknown>;
  };
  const order = (s: Record<string, unknown>, side: 'bids' | 'asks', i: number): Record<string, unknown> => (s[side] as Record<string, unknown>[])[i]!;
  const cases: [string, (s: Record<string, unknown>) => unknown][] = [
    ['not an object', () => 5],
    ['null', () => null],
    ['an array', () => []],
    ['wrong version', (s) => ({ ...s, version: 2 })],
    ['missing version', (s) => ({ ...s, version: undefined })],
    ['unknown field', (s) => ({ ...s, extra: 1 })],
    ['missing options', (s) => ({ ...s, options: undefined })],
    ['bad tick', (s) => ({ ...s, options: { ...(s['options'] as object), priceTick: '0' } })],
    ['unknown self-trade mode', (s) => ({ ...s, options: { ...(s['options'] as object), selfTrade: 'nope' } })],
    ['unknown option', (s) => ({ ...s, options: { ...(s['options'] as object), colour: 'red' } })],
    ['negative sequence', (s) => ({ ...s, sequence: -1 })],
    ['fractional sequence', (s) => ({ ...s, sequence: 1.5 })],
    ['string sequence', (s) => ({ ...s, sequence: '3' })],
    ['bids not an array', (s) => ({ ...s, bids: {} })],
    ['order not an object', (s) => ({ ...s, bids: [5] })],
    ['order with unknown field', (s) => { order(s, 'bids', 0)['side'] = 'buy'; return s; }],
    ['empty id', (s) => { order(s, 'bids', 0)['id'] = ''; return s; }],
    ['duplicate id', (s) => { order(s, 'bids', 0)['id'] = 'a'; return s; }],
    ['empty owner', (s) => { order(s, 'asks', 0)['owner'] = ''; return s; }],
    ['price off the tick', (s) => { order(s, 'asks', 0)['price'] = '11.5'; return s; }],
    ['price outside the band', (s) => { order(s, 'asks', 1)['price'] = '101'; return s; }],
    ['zero quantity', (s) => { order(s, 'asks', 0)['quantity'] = '0'; return s; }],
    ['negative filled', (s) => { order(s, 'asks', 0)['filled'] = '-1'; return s; }],
    ['original below open + filled', (s) => { order(s, 'asks', 0)['original'] = '1'; return s; }],
    ['postOnly not a boolean', (s) => { order(s, 'asks', 0)['postOnly'] = 'no'; return s; }],
    ['asks out of order', (s) => { order(s, 'asks', 0)['price'] = '13'; return s; }],
    ['bids out of order', (s) => { order(s, 'bids', 1)['price'] = '10'; return s; }],
    ['crossed book', (s) => { order(s, 'bids', 0)['price'] = '11'; return s; }],
  ];
  for (const [name, spoil] of cases) {
    it(name, () => {
      const e = expectWattError(() => OrderBook.restore(spoil(good()) as never), ErrorCode.INVALID_SNAPSHOT);
      expect(e.message.startsWith('OrderBook.restore: ')).toBe(true);
    });
  }
  it('accepts the unspoilt snapshot', () => {
    expect(OrderBook.restore(good() as never).size).toBe(4);
  });
});
