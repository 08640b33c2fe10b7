// The model-based test's commands: each runs on the real OrderBook and on the naive
// ReferenceBook, compares the outcomes, and then checks every invariant of the book.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { OrderBook, WattError, type DecimalInput, type OrderBookEventName, type SelfTradeMode, type SubmitResult, type Trade } from '../../src/index.js';
import { BAD_INPUTS } from './bad-inputs.js';
import { checkIntegrity } from './integrity.js';
import { ReferenceBook, type RefEvent, type RefOutcome, type RefTrade } from './reference-book.js';

export interface BookSetup {
  readonly priceTick: string;
  readonly quantityStep: string;
  readonly selfTrade: SelfTradeMode;
  /** The middle of the prices used, in ticks (zero and negative prices are in play). */
  readonly base: number;
}

export interface Model {
  ref: ReferenceBook;
}

interface Life {
  original: number;
  filled: number;
  cancelled: number;
}

/** The real side: the book, its recorded events and an independent per-order ledger built from outputs. */
export class Real {
  book: OrderBook;
  events: { name: OrderBookEventName; payload: unknown }[] = [];
  readonly tick: Decimal;
  readonly step: Decimal;
  readonly life = new Map<string, Life>();

  constructor(readonly setup: BookSetup) {
    this.tick = new Decimal(setup.priceTick);
    this.step = new Decimal(setup.quantityStep);
    this.book = this.listen(new OrderBook({ priceTick: setup.priceTick, quantityStep: setup.quantityStep, selfTrade: setup.selfTrade }));
  }

  listen(book: OrderBook): OrderBook {
    for (const name of ['accepted', 'trade', 'filled', 'cancelled', 'amended'] as const) {
      book.on(name, (payload: unknown) => this.events.push({ name, payload }));
    }
    return book;
  }

  ticks(d: Decimal): number {
    const q = d.div(this.tick);
    if (!q.isInteger()) assert.fail(`${d.toString()} is not on the tick`);
    return q.toNumber();
  }

  steps(d: Decimal): number {
    const q = d.div(this.step);
    if (!q.isInteger()) assert.fail(`${d.toString()} is not on the step`);
    return q.toNumber();
  }

  /** An integer count of ticks or steps as a DecimalInput of the chosen representation. */
  input(units: number, grid: Decimal, repr: number): DecimalInput {
    const d = grid.mul(units);
    return repr === 0 ? d.toString() : repr === 1 ? d.toNumber() : d;
  }
}

// ---- conversions of real outputs to the reference's integer shapes ---------------------------

function tradeShape(real: Real, t: Trade): RefTrade {
  assert.equal(t.priceTicks, real.ticks(t.price));
  assert.equal(t.quantitySteps, real.steps(t.quantity));
  return {
    sequence: t.sequence, price: t.priceTicks, quantity: t.quantitySteps, makerOrderId: t.makerOrderId,
    takerOrderId: t.takerOrderId, buyOrderId: t.buyOrderId, sellOrderId: t.sellOrderId, buyer: t.buyer,
    seller: t.seller, takerSide: t.takerSide,
  };
}

function outcomeShape(real: Real, r: SubmitResult): RefOutcome {
  return {
    status: r.status, cancelReason: r.cancelReason, trades: r.trades.map((t) => tradeShape(real, t)),
    filled: real.steps(r.filled), remaining: real.steps(r.remaining), cancelled: real.steps(r.cancelled),
  };
}

function eventShape(real: Real, e: { name: OrderBookEventName; payload: unknown }): RefEvent {
  const p = e.payload as Record<string, unknown>;
  const dec = (k: string): Decimal => p[k] as Decimal;
  switch (e.name) {
    case 'trade':
      return { name: 'trade', trade: tradeShape(real, e.payload as Trade) };
    case 'accepted':
      return {
        name: 'accepted', orderId: p['orderId'] as string, owner: p['owner'] as string, side: p['side'] as 'buy',
        type: p['type'] as 'limit', timeInForce: p['timeInForce'] as string, postOnly: p['postOnly'] as boolean,
        price: p['price'] === undefined ? undefined : real.ticks(dec('price')), quantity: real.steps(dec('quantity')),
      };
    case 'filled':
      return { name: 'filled', orderId: p['orderId'] as string, owner: p['owner'] as string, side: p['side'] as 'buy', filled: real.steps(dec('filled')) };
    case 'cancelled':
      return {
        name: 'cancelled', orderId: p['orderId'] as string, owner: p['owner'] as string, side: p['side'] as 'buy',
        reason: p['reason'] as string, quantity: real.steps(dec('quantity')), filled: real.steps(dec('filled')),
      };
    case 'amended':
      return {
        name: 'amended', orderId: p['orderId'] as string, owner: p['owner'] as string, side: p['side'] as 'buy',
        price: real.ticks(dec('price')), quantity: real.steps(dec('quantity')), previousPrice: real.ticks(dec('previousPrice')),
        previousQuantity: real.steps(dec('previousQuantity')), keptPriority: p['keptPriority'] as boolean,
      };
  }
}

// ---- the checks after every command ----------------------------------------------------------

/** Runs `call` on the real book; returns its value or the WattError it threw. */
function attempt<T>(call: () => T): T | WattError {
  try {
    return call();
  } catch (e) {
    if (e instanceof WattError) return e;
    throw e;
  }
}

/** The real book's state equals the reference's, and every invariant holds. */
export function verify(model: Model, real: Real): void {
  const { book } = real;
  const ref = model.ref;
  checkIntegrity(book);
  const snap = book.snapshot();
  assert.equal(Object.isFrozen(snap) && Object.isFrozen(snap.bids), true);
  assert.equal(snap.sequence, ref.sequence);
  const shape = (o: (typeof snap.bids)[number]): unknown => ({
    id: o.id, owner: o.owner, price: real.ticks(new Decimal(o.price)), open: real.steps(new Decimal(o.quantity)),
    filled: real.steps(new Decimal(o.filled)), original: real.steps(new Decimal(o.original)), postOnly: o.postOnly,
  });
  const refShape = (o: { id: string; owner: string; price: number; open: number; filled: number; original: number; postOnly: boolean }): unknown => ({
    id: o.id, owner: o.owner, price: o.price, open: o.open, filled: o.filled, original: o.original, postOnly: o.postOnly,
  });
  // Levels sorted and FIFO: the reference sorts by price, then arrival time.
  assert.deepEqual(snap.bids.map(shape), ref.bids().map(refShape));
  assert.deepEqual(snap.asks.map(shape), ref.asks().map(refShape));
  assert.equal(book.size, ref.orders.length);
  // Never crossed at rest.
  const bid = book.bestBid();
  const ask = book.bestAsk();
  if (bid !== undefined && ask !== undefined) assert.equal(bid.lt(ask), true);
  assert.equal(bid === undefined ? undefined : real.ticks(bid), ref.bids()[0]?.price);
  assert.equal(ask === undefined ? undefined : real.ticks(ask), ref.asks()[0]?.price);
  // Depth aggregates the levels.
  const depth = book.depth();
  const aggregate = (orders: { price: number; open: number }[]): { price: number; quantity: number; orders: number }[] => {
    const out: { price: number; quantity: number; orders: number }[] = [];
    for (const o of orders) {
      const last = out[out.length - 1];
      if (last?.price === o.price) {
        last.quantity += o.open;
        last.orders++;
      } else out.push({ price: o.price, quantity: o.open, orders: 1 });
    }
    return out;
  };
  const depthShape = (l: { price: Decimal; quantity: Decimal; orders: number }): unknown => ({ price: real.ticks(l.price), quantity: real.steps(l.quantity), orders: l.orders });
  assert.deepEqual(depth.bids.map(depthShape), aggregate(ref.bids()));
  assert.deepEqual(depth.asks.map(depthShape), aggregate(ref.asks()));
  // The id index agrees with the levels, and per order original = filled + open + cancelled.
  for (const o of ref.orders) {
    const view = book.order(o.id);
    assert.notEqual(view, undefined);
    if (view === undefined) continue;
    assert.equal(view.id, o.id);
    assert.equal(view.side, o.sell ? 'sell' : 'buy');
    assert.equal(real.ticks(view.price), o.price);
    assert.equal(real.steps(view.quantity), o.open);
    assert.equal(real.steps(view.filled), o.filled);
    assert.equal(real.steps(view.original), o.original);
    assert.equal(view.original.eq(view.filled.add(view.quantity).add(view.cancelled)), true);
    assert.equal(view.cancelled.gte(0), true);
  }
  for (const [id, life] of real.life) {
    const view = book.order(id);
    const open = view === undefined ? 0 : real.steps(view.quantity);
    assert.equal(life.original, life.filled + open + life.cancelled, `ledger of ${id}`);
    if (view !== undefined) {
      assert.equal(real.steps(view.filled), life.filled);
      assert.equal(real.steps(view.original), life.original);
    }
  }
}

/** Compares one call's outcome on both books and checks the per-call invariants. */
function compare(
  model: Model,
  real: Real,
  reference: () => RefOutcome | { error: string } | boolean,
  call: () => SubmitResult | boolean,
  check: (result: SubmitResult, before: { hash: string; prices: Map<string, number> }) => void,
): SubmitResult | boolean | WattError {
  const before = { hash: real.book.stateHash(), prices: new Map(model.ref.orders.map((o) => [o.id, o.price])) };
  const refEventsBefore = model.ref.events.length;
  const expected = reference();
  real.events = [];
  const actual = attempt(call);
  const expectedEvents = model.ref.events.slice(refEventsBefore);
  if (typeof expected === 'object' && 'error' in expected) {
    assert.ok(actual instanceof WattError);
    assert.equal((actual).code, expected.error);
    assert.equal(real.book.stateHash(), before.hash);
    assert.deepEqual(real.events, []);
    return actual;
  }
  if (actual instanceof WattError) throw actual;
  if (typeof actual === 'boolean') {
    assert.equal(actual, expected);
  } else {
    assert.deepEqual(outcomeShape(real, actual), expected);
    // Emitted events equal returned results: the trade events are the result's own objects.
    const tradeEvents = real.events.filter((e) => e.name === 'trade').map((e) => e.payload);
    assert.equal(tradeEvents.length, actual.trades.length);
    tradeEvents.forEach((t, i) => assert.equal(t, actual.trades[i]));
    check(actual, before);
  }
  assert.deepEqual(real.events.map((e) => eventShape(real, e)), expectedEvents);
  return actual;
}

/** Trades at the maker's price (as it rested before the call) and within the taker's limit. */
function checkTrades(result: SubmitResult, real: Real, prices: Map<string, number>, sell: boolean, limit: number | undefined, firstSequence: number): void {
  result.trades.forEach((t, i) => {
    assert.equal(t.sequence, firstSequence + i);
    assert.equal(t.priceTicks, prices.get(t.makerOrderId));
    if (limit !== undefined) assert.equal(sell ? t.priceTicks >= limit : t.priceTicks <= limit, true);
    assert.equal(t.takerSide, sell ? 'sell' : 'buy');
    const life = real.life.get(t.makerOrderId);
    if (life === undefined) throw new Error(`trade with unknown maker ${t.makerOrderId}`);
    life.filled += t.quantitySteps;
  });
}

/** Self-trade cancels of makers go into the ledger from the events. */
function bookMakerCancels(real: Real, takerId: string): void {
  for (const e of real.events) {
    const p = e.payload as { orderId: string; reason: string; quantity: Decimal };
    if (e.name === 'cancelled' && p.orderId !== takerId) {
      const life = real.life.get(p.orderId);
      if (life === undefined) throw new Error(`cancel of unknown order ${p.orderId}`);
      life.cancelled += real.steps(p.quantity);
    }
  }
}

// ---- commands ---------------------------------------------------------------------------------

export interface SubmitSpec {
  id: string;
  owner: string;
  sell: boolean;
  market: boolean;
  price: number;
  quantity: number;
  tif: 'GTC' | 'IOC' | 'FOK' | undefined;
  postOnly: boolean | undefined;
  repr: number;
}

export class SubmitCommand implements fc.Command<Model, Real> {
  constructor(readonly s: SubmitSpec) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const s = this.s;
    const tif = s.tif ?? (s.market ? 'IOC' : 'GTC');
    const firstSequence = model.ref.sequence + 1;
    const expected = (): RefOutcome | { error: string } =>
      model.ref.submit({ id: s.id, owner: s.owner, sell: s.sell, market: s.market, price: s.price, quantity: s.quantity, tif, postOnly: s.postOnly === true });
    const order = {
      id: s.id, owner: s.owner, side: s.sell ? 'sell' : 'buy', quantity: real.input(s.quantity, real.step, s.repr),
      ...(s.market ? { type: 'market' } : { price: real.input(s.price, real.tick, s.repr) }),
      ...(s.tif === undefined ? {} : { timeInForce: s.tif }),
      ...(s.postOnly === undefined ? {} : { postOnly: s.postOnly }),
    } as const;
    const result = compare(model, real, expected, () => real.book.submit(order as never), (r, before) => {
      checkTrades(r, real, before.prices, s.sell, s.market ? undefined : s.price, firstSequence);
      real.life.set(s.id, { original: s.quantity, filled: real.steps(r.filled), cancelled: real.steps(r.cancelled) });
      bookMakerCancels(real, s.id);
      // Quantity = filled + remaining + cancelled.
      assert.equal(r.filled.add(r.remaining).add(r.cancelled).eq(real.step.mul(s.quantity)), true);
      // IOC and market orders never rest; FOK all or nothing; post-only never trades.
      if (tif !== 'GTC') assert.equal(real.book.order(s.id), undefined);
      if (tif === 'FOK') {
        if (r.status === 'filled') assert.equal(real.steps(r.filled), s.quantity);
        else {
          assert.equal(r.cancelReason, 'fok');
          assert.deepEqual(r.trades, []);
          assert.equal(real.book.stateHash(), before.hash);
        }
      }
      if (s.postOnly === true) {
        assert.deepEqual(r.trades, []);
        if (r.status === 'cancelled') assert.equal(real.book.stateHash(), before.hash);
      }
      assert.equal(r.status === 'resting', real.book.order(s.id) !== undefined);
    });
    if (result instanceof WattError) return;
    verify(model, real);
  }
  toString(): string {
    return `submit(${JSON.stringify(this.s)})`;
  }
}

export class CancelCommand implements fc.Command<Model, Real> {
  constructor(readonly id: string) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const open = model.ref.find(this.id)?.open ?? 0;
    const existed = open > 0;
    compare(model, real, () => model.ref.cancel(this.id), () => real.book.cancel(this.id), () => undefined);
    if (existed) {
      const life = real.life.get(this.id);
      if (life === undefined) throw new Error(`cancel of unknown order ${this.id}`);
      life.cancelled += open;
    }
    verify(model, real);
  }
  toString(): string {
    return `cancel(${this.id})`;
  }
}

export class AmendCommand implements fc.Command<Model, Real> {
  constructor(
    readonly id: string,
    readonly price: number | undefined,
    readonly quantity: number | undefined,
    readonly repr: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const before = model.ref.find(this.id);
    const oldOpen = before?.open ?? 0;
    const sell = before?.sell ?? false;
    const firstSequence = model.ref.sequence + 1;
    const expected = (): RefOutcome | { error: string } => model.ref.amend(this.id, this.price, this.quantity);
    const change = {
      ...(this.price === undefined ? {} : { price: real.input(this.price, real.tick, this.repr) }),
      ...(this.quantity === undefined ? {} : { quantity: real.input(this.quantity, real.step, this.repr) }),
    };
    compare(model, real, expected, () => real.book.amend(this.id, change), (r, prior) => {
      const limit = this.price ?? prior.prices.get(this.id);
      checkTrades(r, real, prior.prices, sell, limit, firstSequence);
      const life = real.life.get(this.id);
      if (life === undefined) throw new Error(`amend of unknown order ${this.id}`);
      const newOpen = this.quantity ?? oldOpen;
      life.original += Math.max(0, newOpen - oldOpen);
      life.filled += real.steps(r.filled);
      life.cancelled += real.steps(r.cancelled);
      bookMakerCancels(real, this.id);
      assert.equal(r.filled.add(r.remaining).add(r.cancelled).eq(real.step.mul(Math.max(newOpen, oldOpen))), true);
    });
    verify(model, real);
  }
  toString(): string {
    return `amend(${this.id}, price ${String(this.price)}, quantity ${String(this.quantity)})`;
  }
}

/** A bad input: it must throw its code and change nothing (same hash, same snapshot, no events). */
export class BadInputCommand implements fc.Command<Model, Real> {
  constructor(readonly index: number) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const bad = BAD_INPUTS[this.index % BAD_INPUTS.length];
    if (bad === undefined) throw new Error('no bad inputs');
    const hash = real.book.stateHash();
    const snapshot = JSON.stringify(real.book.snapshot());
    real.events = [];
    const error = attempt(() => bad.call(real.book));
    assert.ok(error instanceof WattError, bad.name);
    assert.equal((error).code, bad.code, bad.name);
    assert.equal(real.book.stateHash(), hash);
    assert.equal(JSON.stringify(real.book.snapshot()), snapshot);
    assert.deepEqual(real.events, []);
    verify(model, real);
  }
  toString(): string {
    return `bad(${BAD_INPUTS[this.index % BAD_INPUTS.length]?.name ?? '?'})`;
  }
}

/** Replaces the real book with one restored from its snapshot: same hash, same state. */
export class RestoreCommand implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const snapshot = real.book.snapshot();
    const restored = OrderBook.restore(JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
    assert.equal(restored.stateHash(), real.book.stateHash());
    assert.deepEqual(restored.snapshot(), snapshot);
    real.book = real.listen(restored);
    verify(model, real);
  }
  toString(): string {
    return 'restore(snapshot)';
  }
}

// ---- arbitraries ------------------------------------------------------------------------------

export const setupArb: fc.Arbitrary<BookSetup> = fc.record({
  priceTick: fc.constantFrom('0.0001', '0.01', '0.05', '0.1'),
  quantityStep: fc.constantFrom('0.001', '0.25', '0.5', '1'),
  selfTrade: fc.constantFrom<SelfTradeMode>('allow', 'cancel-taker', 'cancel-maker', 'cancel-both'),
  base: fc.constantFrom(100, 0, -3),
});

const narrowIdArb = fc.integer({ min: 0, max: 11 }).map((i) => `o${i}`);
const wideIdArb = fc.integer({ min: 0, max: 59 }).map((i) => `o${i}`);
const ownerArb = fc.constantFrom('alice', 'bob', 'carol');

export function commandsArb(base: number, maxCommands: number, spread = 4): fc.Arbitrary<Iterable<fc.Command<Model, Real>>> {
  const priceArb = fc.integer({ min: base - spread, max: base + spread });
  const quantityArb = fc.integer({ min: 1, max: 8 });
  // A wide spread holds many levels: more ids, so more orders rest at once.
  const idArb = spread > 4 ? wideIdArb : narrowIdArb;
  const reprArb = fc.integer({ min: 0, max: 2 });
  const limitArb = fc
    .record({
      id: idArb, owner: ownerArb, sell: fc.boolean(), price: priceArb, quantity: quantityArb, repr: reprArb,
      tifPost: fc.constantFrom<[SubmitSpec['tif'], SubmitSpec['postOnly']]>(
        [undefined, undefined], [undefined, undefined], ['GTC', undefined], [undefined, true], ['GTC', true],
        [undefined, false], ['IOC', undefined], ['IOC', false], ['FOK', undefined],
      ),
    })
    .map(({ tifPost, ...r }) => new SubmitCommand({ ...r, market: false, tif: tifPost[0], postOnly: tifPost[1] }));
  const marketArb = fc
    .record({ id: idArb, owner: ownerArb, sell: fc.boolean(), quantity: quantityArb, repr: reprArb, tif: fc.constantFrom<SubmitSpec['tif']>(undefined, 'IOC', 'FOK') })
    .map((r) => new SubmitCommand({ ...r, market: true, price: 0, postOnly: undefined }));
  const amendArb = fc
    .record({
      id: idArb,
      price: fc.option(priceArb, { nil: undefined }),
      quantity: fc.option(quantityArb, { nil: undefined }),
      repr: reprArb,
    })
    .filter((r) => r.price !== undefined || r.quantity !== undefined)
    .map((r) => new AmendCommand(r.id, r.price, r.quantity, r.repr));
  return fc.commands(
    [
      limitArb, limitArb, limitArb, limitArb, limitArb, limitArb,
      marketArb,
      idArb.map((id) => new CancelCommand(id)),
      amendArb, amendArb,
      fc.nat().map((i) => new BadInputCommand(i)),
      fc.constant(new RestoreCommand()),
    ],
    { maxCommands, size: 'max' },
  );
}
