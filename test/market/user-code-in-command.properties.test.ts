import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, Market, WattError, type MarketOptions, type MarketOrderInput } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { DAY, fund, HookClock, MIN, Q } from './market-helpers.js';

// Issue 16 (market trust): user code that runs inside a market command (an order's getters, the
// clock of the market's ledger) may call any command of the same market. Whatever it does, the
// market stays whole: the rule of docs/market.md, "User code inside a command".

const PEOPLE = ['a', 'b', 'c'];
const LEDGER_TIME = DAY - 60 * MIN;
const GATE = 5 * MIN; // the default gate closure

/** A command the user code runs (nested), or the test runs (outer). */
type Nested =
  | { k: 'advance'; minutes: number }
  | { k: 'settlePrune'; slot: number }
  | { k: 'submit'; who: number; slot: number; buy: boolean; price: number; steps: boolean }
  | { k: 'cancel'; n: number }
  | { k: 'amend'; n: number; price: number }
  | { k: 'withdraw'; who: number; amount: number };

/** An outer command: an order whose one getter runs `nested`, with the ledger clock's hook armed for another. */
type Outer =
  | { k: 'submit'; who: number; slot: number; buy: boolean; price: number; steps: boolean; getter: number; nested: Nested | undefined; onLedger: Nested | undefined }
  | { k: 'amend'; n: number; price: number; onLedger: Nested | undefined }
  | { k: 'cancel'; n: number; onLedger: Nested | undefined }
  | { k: 'advance'; minutes: number; onLedger: Nested | undefined }
  | { k: 'withdraw'; who: number; amount: number; onLedger: Nested | undefined };

const nestedArb: fc.Arbitrary<Nested> = fc.oneof(
  fc.record({ k: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ k: fc.constant('settlePrune' as const), slot: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ k: fc.constant('submit' as const), who: fc.integer({ min: 0, max: 2 }), slot: fc.integer({ min: 0, max: 3 }), buy: fc.boolean(), price: fc.integer({ min: 700, max: 2200 }), steps: fc.boolean() }),
  fc.record({ k: fc.constant('cancel' as const), n: fc.nat(20) }),
  fc.record({ k: fc.constant('amend' as const), n: fc.nat(20), price: fc.integer({ min: 700, max: 2200 }) }),
  fc.record({ k: fc.constant('withdraw' as const), who: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 60_000 }) }),
);
const maybeNested = fc.option(nestedArb, { nil: undefined });
const outerArb: fc.Arbitrary<Outer> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('submit' as const), who: fc.integer({ min: 0, max: 2 }), slot: fc.integer({ min: 0, max: 3 }), buy: fc.boolean(), price: fc.integer({ min: 700, max: 2200 }), steps: fc.boolean(), getter: fc.integer({ min: 0, max: 5 }), nested: maybeNested, onLedger: maybeNested }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('amend' as const), n: fc.nat(20), price: fc.integer({ min: 700, max: 2200 }), onLedger: maybeNested }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), n: fc.nat(20), onLedger: maybeNested }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 20 }), onLedger: maybeNested }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('withdraw' as const), who: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 60_000 }), onLedger: maybeNested }) },
);

const FIELDS = ['id', 'participant', 'deliveryStart', 'side', 'quantity', 'price'] as const;

function tolerate(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
  }
}

class World {
  readonly clock = new ManualClock(DAY - 60 * MIN);
  readonly ledgerClock = new HookClock(LEDGER_TIME, true);
  readonly market: Market;
  private readonly ids: string[] = [];

  constructor(readonly mode: NonNullable<MarketOptions['mode']>) {
    this.market = new Market({ clock: this.clock, ...World.options(mode, new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: this.ledgerClock })) });
    fund(this.market, PEOPLE, 100_000);
  }

  static options(mode: NonNullable<MarketOptions['mode']>, ledger: Ledger): Omit<MarketOptions, 'clock'> {
    return { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: true, energyCollateral: false, mode, ledger, ...(mode === 'continuous-then-auction' ? { callPhaseMinutes: 30 } : {}) };
  }

  private id(n: number): string {
    return this.ids.length === 0 ? 'none' : (this.ids[n % this.ids.length] as string);
  }

  private order(o: { who: number; slot: number; buy: boolean; price: number; steps: boolean }): Record<string, unknown> {
    const id = `o${this.ids.length}`;
    this.ids.push(id);
    const head = { id, participant: PEOPLE[o.who] as string, deliveryStart: DAY + o.slot * Q, side: o.buy ? 'buy' : 'sell' };
    return o.steps ? { ...head, priceTicks: o.price, quantitySteps: 1000 } : { ...head, price: o.price, quantity: 1 };
  }

  private place(order: Record<string, unknown>, steps: boolean): void {
    if (steps) this.market.submitSteps(order as never);
    else this.market.submit(order as unknown as MarketOrderInput);
  }

  /** Runs a nested command; the market may refuse it. */
  run(c: Nested): void {
    const m = this.market;
    tolerate(() => {
      switch (c.k) {
        case 'advance':
          this.clock.set(this.clock.now() + c.minutes * MIN);
          m.advanceTo(m.now);
          return;
        case 'settlePrune': {
          const start = DAY + c.slot * Q;
          if (this.clock.now() < start + Q) this.clock.set(start + Q);
          m.advanceTo(m.now);
          tolerate(() => m.settle(start, PEOPLE.map((participant) => ({ participant, net: 0 }))));
          m.prune(m.now);
          return;
        }
        case 'submit':
          this.place(this.order(c), c.steps);
          return;
        case 'cancel':
          m.cancel(this.id(c.n));
          return;
        case 'amend':
          m.amend(this.id(c.n), { price: c.price });
          return;
        case 'withdraw':
          this.withdraw(c.who, c.amount);
          return;
      }
    });
  }

  private withdraw(who: number, amount: number): void {
    this.market.withdraw({ id: `w${this.withdrawals++}`, participant: PEOPLE[who] as string, amount });
  }

  private withdrawals = 0;

  /** Runs an outer command, with its user code armed. */
  outer(c: Outer): void {
    const onLedger = c.onLedger;
    this.ledgerClock.hook = onLedger === undefined ? undefined : () => this.run(onLedger);
    tolerate(() => {
      switch (c.k) {
        case 'submit': {
          const plain = this.order(c);
          const nested = c.nested;
          const key = c.steps ? (['id', 'participant', 'deliveryStart', 'side', 'quantitySteps', 'priceTicks'][c.getter] as string) : FIELDS[c.getter];
          const order: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(plain)) {
            if (k === key && nested !== undefined) {
              Object.defineProperty(order, k, {
                enumerable: true,
                get: () => {
                  this.run(nested);
                  return v;
                },
              });
            } else order[k] = v;
          }
          this.place(order, c.steps);
          return;
        }
        case 'amend':
          this.market.amend(this.id(c.n), { price: c.price });
          return;
        case 'cancel':
          this.market.cancel(this.id(c.n));
          return;
        case 'advance':
          this.clock.set(this.clock.now() + c.minutes * MIN);
          this.market.advanceTo(this.market.now);
          return;
        case 'withdraw':
          this.withdraw(c.who, c.amount);
          return;
      }
    });
    this.ledgerClock.hook = undefined;
  }

  /** The market is whole (see the describe block). */
  check(): void {
    const m = this.market;
    const snap = m.snapshot();
    for (const o of snap.orders) {
      const view = m.order(o.id);
      expect(view?.participant).toBe(o.participant);
      const interval = snap.intervals.find((i) => i.start === o.start);
      expect(interval).toBeDefined();
      expect(interval?.closed).toBe(false);
      // Its gate is still to be processed: it will clear or expire.
      expect(o.start - GATE).toBeGreaterThan(snap.time);
    }
    for (const p of PEOPLE) {
      const held = snap.orders.filter((o) => o.participant === p && o.side === 'buy').reduce((sum, o) => sum + (o.reservation?.held ?? 0), 0);
      const b = m.balance(p);
      expect(Number(b.money.minus(b.available).toString())).toBe(held);
    }
  }
}

describe('user code inside a market command (property, issue 16)', () => {
  it('an order getter or the ledger clock running random commands never leaves the market inconsistent, and the journal replays to the same state', () => {
    fc.assert(
      fc.property(fc.constantFrom('auction', 'continuous', 'continuous-then-auction' as const), fc.array(outerArb, { minLength: 1, maxLength: 25 }), (mode, commands) => {
        const w = new World(mode);
        for (const c of commands) {
          w.outer(c);
          w.check();
        }
        const replayed = Market.replay(w.market.journal(), World.options(mode, new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: new ManualClock(LEDGER_TIME) })));
        expect(replayed.stateHash()).toBe(w.market.stateHash());
      }),
      { numRuns: runs(60) },
    );
  });
});
