// The market model-based test's commands and their generators: each runs on the real Market and
// on the naive ReferenceMarket through both() and then verify() (market-model.ts).
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { ManualClock, Market } from '../../src/index.js';
import type { MarketSnapshot } from '../../src/index.js';
import { MIN } from './market-helpers.js';
import { both, checkReplay, FEED_IN, outcomeShape, ORDER_IDS, RETAIL, PARTICIPANTS, refOutcomeShape, STATS, startAt, T0, verify, type CommandKind, type Model, type ModelOptions, type Real } from './market-model.js';
import type { ReferenceMarket, RefOrderInput } from './reference/reference-market.js';
import type { RefReading } from './reference/reference-settlement.js';

/**
 * Every run starts with every participant registered (zones in turn) and funded, through both
 * sides, so that most random orders have an owner and a counterparty; unknown participants
 * (`ghost`) and the refusals stay to the commands.
 */
export function prelude(model: Model, real: Real): void {
  const zones = model.ref.setup.zones;
  if (real.setup.clockFirst) new ClockCommand(7).run(model, real);
  PARTICIPANTS.forEach((p, i) => {
    new RegisterCommand(p, zones[i % zones.length]).run(model, real);
    new FundsCommand('deposit', `init-${p}`, p, real.setup.funds).run(model, real);
  });
}

// ---- commands ----------------------------------------------------------------------------------

type Cmd = fc.Command<Model, Real>;

class RegisterCommand implements Cmd {
  constructor(readonly id: string, readonly zone: string | undefined) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    both(real, () => model.ref.register(this.id, this.zone), () => real.market.registerParticipant(this.zone === undefined ? { id: this.id } : { id: this.id, zone: this.zone }), () => undefined, this.toString());
    verify(model, real);
  }
  toString(): string {
    return `register(${this.id}, ${String(this.zone)})`;
  }
}

class FundsCommand implements Cmd {
  constructor(readonly kind: 'deposit' | 'withdraw', readonly id: string, readonly participant: string, readonly amount: number) {}
  check(model: Model): boolean {
    const ref = model.ref;
    // With credit, a withdrawal beyond what is available is undecided (defect 17).
    return !(this.kind === 'withdraw' && ref.setup.credit && !optionsOf(model).creditBeyondFunds && ref.zoneOf.has(this.participant) && this.amount > ref.available(this.participant));
  }
  run(model: Model, real: Real): void {
    const t = { id: this.id, participant: this.participant, amount: this.amount };
    both(real, () => model.ref.moveFunds(this.kind, this.id, this.participant, this.amount), () => (this.kind === 'deposit' ? real.market.deposit(t) : real.market.withdraw(t)), (a, e) => assert.equal(a.status, e), this.toString());
    verify(model, real);
  }
  toString(): string {
    return `${this.kind}(${this.id}, ${this.participant}, ${this.amount})`;
  }
}

// The options are module state of a run only through this: fc.Command.check sees the model alone.
const optionsByModel = new WeakMap<Model, ModelOptions>();
export function bindOptions(model: Model, o: ModelOptions): void {
  optionsByModel.set(model, o);
}
function optionsOf(model: Model): ModelOptions {
  return optionsByModel.get(model) as ModelOptions;
}

export interface SubmitSpec extends Omit<RefOrderInput, 'start'> {
  /** The interval, as an offset from the one under way (see startAt). */
  offset: number;
  /** Through submitSteps (limit orders without time in force or post-only only). */
  steps: boolean;
  /** When set (and the order has a price), the price is the run's mid price plus this for a buy, minus this for a sell (see Setup.mid). */
  near: number | undefined;
}

class SubmitCommand implements Cmd {
  private s: RefOrderInput & { steps: boolean };
  constructor(readonly spec: SubmitSpec) {
    this.s = { ...spec, start: 0 };
    delete (this.s as Partial<SubmitSpec>).near;
  }
  check(model: Model): boolean {
    const ok = this.admissible(model);
    if (!ok) STATS.set('submit left out by a switch', (STATS.get('submit left out by a switch') ?? 0) + 1);
    return ok;
  }
  private admissible(model: Model): boolean {
    const ref = model.ref;
    const o = optionsOf(model);
    const { near, ...spec } = this.spec;
    this.s = { ...spec, start: startAt(ref.now, spec.offset), price: near !== undefined && spec.price !== undefined ? model.mid + (spec.side === 'buy' ? near : -near) : spec.price };
    const zone = ref.zoneOf.get(this.s.participant);
    if (zone !== undefined && !o.auctionSelfPairs && ref.modeOf(zone) !== 'continuous') {
      // Left out (defect 11), a bid beside the participant's own asks would be lost: it joins their side instead.
      for (const x of ref.orders.values()) {
        if (x.participant === this.s.participant && x.start === this.s.start && x.side !== this.s.side) {
          this.s = { ...this.s, side: x.side, price: near !== undefined && spec.price !== undefined ? model.mid + (x.side === 'buy' ? near : -near) : spec.price };
          break;
        }
      }
    }
    const s = this.s;
    if (!o.restAfterBetterFill && ref.restsAfterBetterFill(s.id, s.participant, s.start, s.side, s.price, s.quantity, s.timeInForce, s.postOnly === true)) {
      // Defect 1 is in the rest, not in the trades: keep them, with the rest cancelled (IOC).
      if (s.postOnly === true || s.timeInForce !== undefined) return false;
      this.s = { ...s, timeInForce: 'IOC', steps: false };
    }
    if (ref.setup.credit && !o.creditBeyondFunds && zone !== undefined && this.s.side === 'buy' && ref.needsCredit(this.s.participant, this.s.price ?? ref.setup.retail, this.s.quantity, 0)) return false;
    return true;
  }
  run(model: Model, real: Real): void {
    const s = this.s;
    both(
      real,
      () => model.ref.submit(s),
      () =>
        s.steps
          ? real.market.submitSteps({ id: s.id, participant: s.participant, deliveryStart: s.start, side: s.side, quantitySteps: s.quantity, priceTicks: s.price as number })
          : real.market.submit({
              id: s.id, participant: s.participant, deliveryStart: s.start, side: s.side, quantity: s.quantity,
              ...(s.price === undefined ? {} : { price: s.price }), ...(s.type === undefined ? {} : { type: s.type }),
              ...(s.timeInForce === undefined ? {} : { timeInForce: s.timeInForce }), ...(s.postOnly === undefined ? {} : { postOnly: s.postOnly }),
            }),
      (a, e) => {
        assert.deepEqual(outcomeShape(a), refOutcomeShape(e));
        STATS.set(`submit ${e.status} with trades`, (STATS.get(`submit ${e.status} with trades`) ?? 0) + (e.trades.length > 0 ? 1 : 0));
        STATS.set(`submit ${e.status}`, (STATS.get(`submit ${e.status}`) ?? 0) + 1);
      },
      this.toString(),
    );
    verify(model, real);
  }
  toString(): string {
    return `submit(${JSON.stringify({ ...this.s, start: `T0+${(this.s.start - T0) / MIN}min` })})`;
  }
}

/** An open order of the reference picked by `pick`, or `fallback` (often unknown) when `pick` is undefined or none is open. */
function pickOrder(ref: ReferenceMarket, pick: number | undefined, fallback: string): string {
  const open = [...ref.orders.keys()];
  return pick === undefined || open.length === 0 ? fallback : (open[pick % open.length] as string);
}

class AmendCommand implements Cmd {
  id: string;
  price: number | undefined;
  /** `near`: the price is the run's mid price plus `price` (see Setup.mid). */
  constructor(readonly pick: number | undefined, readonly fallback: string, readonly priceSpec: number | undefined, readonly quantity: number | undefined, readonly near: boolean) {
    this.id = fallback;
    this.price = priceSpec;
  }
  check(model: Model): boolean {
    const ref = model.ref;
    this.id = pickOrder(ref, this.pick, this.fallback);
    this.price = this.near && this.priceSpec !== undefined ? model.mid + this.priceSpec : this.priceSpec;
    const o = ref.orders.get(this.id);
    if (o !== undefined && !optionsOf(model).amendBookInCall && o.venue === 'book' && ref.venue(o.zone, o.start) === 'sealed') return false;
    if (o !== undefined && !optionsOf(model).auctionSelfPairs && this.price !== undefined && ref.venue(o.zone, o.start) === 'sealed') {
      // Left out (defect 11): a new price for an auction order of a participant with orders on the
      // other side could cross its own (orders resting side by side in a book never cross).
      for (const x of ref.orders.values()) if (x.participant === o.participant && x.start === o.start && x.side !== o.side) return false;
    }
    if (o !== undefined && !optionsOf(model).amendToBackBeforeCall && o.venue === 'book' && ref.modeOf(o.zone) === 'continuous-then-auction') {
      if ((this.price !== undefined && this.price !== o.price) || (this.quantity !== undefined && this.quantity > o.open)) return false;
    }
    if (o !== undefined && !optionsOf(model).restAfterBetterFill && o.venue === 'book' && o.price !== undefined) {
      if (ref.restsAfterBetterFill(o.id, o.participant, o.start, o.side, this.price ?? o.price, this.quantity ?? o.open, undefined, false, true)) return false;
    }
    if (o === undefined || !ref.setup.credit || optionsOf(model).creditBeyondFunds || o.side !== 'buy') return true;
    return !ref.needsCredit(o.participant, this.price ?? o.price ?? ref.setup.retail, this.quantity ?? o.open, ref.reservedBy(o));
  }
  run(model: Model, real: Real): void {
    const change = { ...(this.price === undefined ? {} : { price: this.price }), ...(this.quantity === undefined ? {} : { quantity: this.quantity }) };
    both(real, () => model.ref.amend(this.id, this.price, this.quantity), () => real.market.amend(this.id, change), (a, e) => assert.deepEqual(outcomeShape(a), refOutcomeShape(e)), this.toString());
    verify(model, real);
  }
  toString(): string {
    return `amend(${this.id}, ${String(this.price)}, ${String(this.quantity)})`;
  }
}

class CancelCommand implements Cmd {
  id: string;
  constructor(readonly pick: number | undefined, readonly fallback: string) {
    this.id = fallback;
  }
  check(model: Model): boolean {
    this.id = pickOrder(model.ref, this.pick, this.fallback);
    return true;
  }
  run(model: Model, real: Real): void {
    both(real, () => model.ref.cancel(this.id), () => real.market.cancel(this.id), (a, e) => assert.equal(a, e, this.toString()), this.toString());
    verify(model, real);
  }
  toString(): string {
    return `cancel(${this.id})`;
  }
}

/** Moves the injected clock (not a market command: nothing is journalled). */
class ClockCommand implements Cmd {
  constructor(readonly minutes: number) {}
  check(model: Model): boolean {
    return optionsOf(model).clockMoves && model.clockFrozen !== true;
  }
  run(model: Model, real: Real): void {
    real.clock.set(real.clock.now() + this.minutes * MIN);
    model.ref.clock += this.minutes * MIN;
    verify(model, real);
  }
  toString(): string {
    return `clock(+${this.minutes} min)`;
  }
}

class AdvanceCommand implements Cmd {
  constructor(readonly minutes: number) {}
  check(model: Model): boolean {
    const to = model.ref.now + this.minutes * MIN;
    return optionsOf(model).advanceBeforeClock || !(to >= model.ref.processed && to < model.ref.now);
  }
  run(model: Model, real: Real): void {
    const to = model.ref.now + this.minutes * MIN;
    both(real, () => model.ref.advanceTo(to), () => real.market.advanceTo(to), () => undefined, this.toString());
    verify(model, real);
  }
  toString(): string {
    return `advance(${this.minutes} min)`;
  }
}

export interface SettleSpec {
  /** The interval, as an offset from the one under way (see startAt). */
  readonly offset: number;
  /** Per participant (PARTICIPANTS order): undefined for no reading, else the deviation from its contracted position. */
  readonly deviations: readonly (number | undefined)[];
  /** Leave out the first trader's reading (INVALID_SETTLEMENT). */
  readonly dropTrader: boolean;
  readonly steps: boolean;
}

function readingsOf(ref: ReferenceMarket, s: SettleSpec & { start: number }): RefReading[] {
  const trades = ref.tradesOf(s.start);
  const traders = new Set<string>();
  for (const t of trades) for (const who of [t.buyer, t.seller]) if (ref.zoneOf.has(who)) traders.add(who);
  const dropped = s.dropTrader ? [...traders][0] : undefined;
  const out: RefReading[] = [];
  PARTICIPANTS.forEach((p, i) => {
    if (!ref.zoneOf.has(p) || p === dropped) return;
    const deviation = s.deviations[i];
    if (deviation === undefined && !traders.has(p)) return;
    let contracted = 0;
    for (const t of trades) contracted += (t.seller === p ? t.lots : 0) - (t.buyer === p ? t.lots : 0);
    out.push({ participant: p, net: contracted + (deviation ?? 0) });
  });
  return out;
}

class SettleCommand implements Cmd {
  private s: SettleSpec & { start: number };
  constructor(readonly spec: SettleSpec) {
    this.s = { ...spec, start: 0 };
  }
  check(model: Model): boolean {
    const ref = model.ref;
    this.s = { ...this.spec, start: startAt(ref.now, this.spec.offset) };
    const o = optionsOf(model);
    if (ref.pruned.has(this.s.start)) return o.settleAfterPrune;
    if (ref.setup.credit || o.shortSettlement || ref.settled.has(this.s.start)) return true;
    const deltas = ref.settlementDeltas(this.s.start, readingsOf(ref, this.s));
    if (typeof deltas === 'string') return true;
    for (const [p, d] of deltas) if (ref.zoneOf.has(p) && ref.available(p) + d < 0) return false;
    return true;
  }
  run(model: Model, real: Real): void {
    const readings = readingsOf(model.ref, this.s);
    const before = model.ref.settled.has(this.s.start);
    both(
      real,
      () => model.ref.settle(this.s.start, readings),
      () =>
        this.s.steps
          ? real.market.settleSteps(this.s.start, readings.map((r) => ({ participant: r.participant, netSteps: r.net })))
          : real.market.settle(this.s.start, readings.map((r) => ({ participant: r.participant, net: r.net }))),
      () => undefined,
      `${this.toString()} readings ${JSON.stringify(readings)}`,
    );
    if (!before && model.ref.settled.has(this.s.start)) {
      const n = model.ref.tradesOf(this.s.start).length;
      if (n > 0) STATS.set('settled intervals with trades', (STATS.get('settled intervals with trades') ?? 0) + 1);
      STATS.set('settled trades', (STATS.get('settled trades') ?? 0) + n);
      const debtors = [...model.ref.money.values()].filter((m) => m < 0).length;
      if (debtors > 0) STATS.set('settled with a participant in debt', (STATS.get('settled with a participant in debt') ?? 0) + 1);
    }
    verify(model, real);
  }
  toString(): string {
    return `settle(${JSON.stringify({ ...this.s, start: `T0+${(this.s.start - T0) / MIN}min` })})`;
  }
}

class PruneCommand implements Cmd {
  constructor(readonly minutes: number) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const time = model.ref.now + this.minutes * MIN;
    both(real, () => model.ref.prune(time), () => real.market.prune(time), (a, e) => assert.equal(a, e, 'intervals pruned'), this.toString());
    verify(model, real);
  }
  toString(): string {
    return `prune(now ${this.minutes >= 0 ? '+' : ''}${this.minutes} min)`;
  }
}

/** Rebuilds the market from its journal and carries on with the rebuilt one. */
class ReplayCommand implements Cmd {
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.attach(checkReplay(real), model.ref.tradeCount);
    model.clockFrozen = true;
    // A replayed market's clock stands at the time of the journal's last command, or at the
    // snapshot's time when it replays no command after one (Market.replay).
    const base = real.base === undefined ? undefined : Math.max(real.base.time, real.base.lastCommandTime ?? real.base.time);
    model.ref.clock = real.market.journal().at(-1)?.time ?? base ?? model.ref.clock;
    verify(model, real);
  }
  toString(): string {
    return 'replay';
  }
}

/**
 * Market.snapshot() through JSON and Market.restore(): the same state, and the test carries on
 * with the restored market, whose journal starts empty (replays then go from the snapshot).
 */
class SnapshotCommand implements Cmd {
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const hash = real.market.stateHash();
    const length = real.market.journal().length;
    const snap = JSON.parse(JSON.stringify(real.market.snapshot())) as MarketSnapshot;
    assert.equal(real.market.stateHash(), hash, 'snapshot() changed the market');
    assert.equal(real.market.journal().length, length, 'snapshot() grew the journal');
    const again = Market.restore(snap, { ...real.setup.options, clock: new ManualClock(model.ref.now) });
    assert.equal(again.stateHash(), hash, 'restore of a snapshot reaches another state');
    assert.equal(again.journal().length, 0, "a restored market's journal starts empty");
    real.attach(again, model.ref.tradeCount);
    real.base = snap;
    model.clockFrozen = true;
    verify(model, real);
  }
  toString(): string {
    return 'snapshot/restore';
  }
}

// ---- generators ----------------------------------------------------------------------------------

export function commandsArb(o: ModelOptions, size: number): fc.Arbitrary<Iterable<Cmd>> {
  const participant = fc.oneof({ weight: 12, arbitrary: fc.constantFrom<string>(...PARTICIPANTS) }, { weight: 1, arbitrary: fc.constant('ghost') });
  const orderId = fc.oneof({ weight: 30, arbitrary: fc.constantFrom<string>(...ORDER_IDS) }, { weight: 1, arbitrary: fc.constant('@o') });
  const pick = fc.option(fc.nat(), { nil: undefined, freq: 6 });
  const price = fc.integer({ min: FEED_IN - 1, max: RETAIL + 1 });
  // Most prices lie a few ticks around the run's mid price, buys a little above and sells a little
  // below (a submit's offset counts up for a buy, down for a sell; an amend's up), so that they
  // cross often (trades, then clearing and settlement of them); the rest range over the band and
  // just past it.
  const priced = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 2 }).map((p) => ({ price: p, near: true })) },
    { weight: 1, arbitrary: price.map((p) => ({ price: p, near: false })) },
  );
  const all: [CommandKind, fc.Arbitrary<Cmd>, number][] = [
    ['clock', fc.integer({ min: 1, max: 12 }).map((m) => new ClockCommand(m)), 2],
    ['register', fc.tuple(fc.constantFrom<string>(...PARTICIPANTS, '@x'), fc.constantFrom(undefined, 'main', 'north', 'south', 'nowhere')).map(([id, z]) => new RegisterCommand(id, z)), 1],
    ['deposit', fc.tuple(fc.constantFrom('t0', 't1', 't2', 't3', 't4', 't5'), participant, fc.integer({ min: 1, max: 400 })).map(([id, p, a]) => new FundsCommand('deposit', id, p, a)), 2],
    ['withdraw', fc.tuple(fc.constantFrom('w0', 'w1', 'w2'), participant, fc.integer({ min: 1, max: 200 })).map(([id, p, a]) => new FundsCommand('withdraw', id, p, a)), 1],
    [
      'submit',
      fc
        .record({
          id: orderId, participant, offset: fc.oneof({ weight: 8, arbitrary: fc.constant(2) }, { weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 9 }) }), side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
          quantity: fc.oneof({ weight: 16, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 4, arbitrary: fc.integer({ min: 4, max: 8 }) }, { weight: 1, arbitrary: fc.constant(0) }),
          priced: fc.oneof({ weight: 12, arbitrary: priced.map((p): { price: number | undefined; near: boolean } => p) }, { weight: 1, arbitrary: fc.constant({ price: undefined, near: false }) }),
          type: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<'limit' | 'market'>('limit', 'market') }),
          timeInForce: fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<'GTC' | 'IOC' | 'FOK'>('GTC', 'IOC', 'FOK') }),
          postOnly: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }),
          steps: fc.boolean(),
        })
        .map(({ priced: { price: p, near }, ...s }) => {
          // A market order carries no price (mostly); submitSteps takes plain limit orders only.
          const price = s.type === 'market' && s.quantity !== 1 ? undefined : p;
          const spec: SubmitSpec = { ...s, price, near: near && price !== undefined ? price : undefined };
          const plain = spec.type !== 'market' && spec.timeInForce === undefined && spec.postOnly === undefined && spec.price !== undefined;
          return new SubmitCommand({ ...spec, steps: spec.steps && plain });
        }),
      22,
    ],
    [
      'amend',
      fc
        .tuple(pick, orderId, fc.option(priced, { nil: undefined }), fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }))
        .map(([k, id, p, q]) => new AmendCommand(k, id, p?.price, q, p?.near === true)),
      5,
    ],
    ['cancel', fc.tuple(pick, orderId).map(([k, id]) => new CancelCommand(k, id)), 1],
    ['advance', fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: -10, max: -1 }) }).map((m) => new AdvanceCommand(m)), 4],
    [
      'settle',
      fc
        .record({
          offset: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -3, max: -1 }) }, { weight: 1, arbitrary: fc.integer({ min: -4, max: 0 }) }),
          deviations: fc.array(fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }), { minLength: PARTICIPANTS.length, maxLength: PARTICIPANTS.length }),
          dropTrader: fc.oneof({ weight: 10, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
          steps: fc.boolean(),
        })
        .map((s) => new SettleCommand(s)),
      3,
    ],
    ['prune', fc.integer({ min: -60, max: 30 }).map((m) => new PruneCommand(m)), 1],
    ['replay', fc.constant(new ReplayCommand()), 1],
    ['snapshot', fc.constant(new SnapshotCommand()), 1],
  ];
  // fc.commands picks among its arbitraries uniformly: an arbitrary listed n times has weight n.
  const chosen = all.filter(([kind]) => o.commands[kind] && (kind !== 'clock' || o.clockMoves)).flatMap(([, arbitrary, weight]) => Array.from({ length: weight }, () => arbitrary));
  return fc.commands(chosen, { size: 'max', maxCommands: size });
}
