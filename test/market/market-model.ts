// The market model-based test's setup and checks: each command (market-model-commands.ts) runs on
// the real Market and on the naive ReferenceMarket (test/market/reference/) through both(), which
// compares results and refusals, and then verify() compares the whole observable state and checks
// the market's invariants.
// The switches (ModelOptions) and the table of expected codes live in market.model.test.ts.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { ManualClock, Market, WattError } from '../../src/index.js';
import type { MarketOptions, MarketSnapshot, MarketSubmitResult, MarketTrade, ProductMode } from '../../src/index.js';
import { DAY, MIN } from './market-helpers.js';
import { ReferenceMarket, type RefMarketTrade, type RefSetup, type RefSubmitOutcome, type Refused } from './reference/reference-market.js';

/** Switches that narrow what the generator produces (see market.model.test.ts). */
export interface ModelOptions {
  readonly modes: readonly ProductMode[];
  /** A buy that trades below its limit and rests with the rest (defect 1: too much stays reserved). */
  readonly restAfterBetterFill: boolean;
  /** Two zones (no zone fees) besides one. */
  readonly twoZones: boolean;
  readonly mixedModes: boolean;
  readonly utilityOrders: boolean;
  /** utilityOrders together with a continuous zone (issue 11, defect 7: undecided). */
  readonly utilityOrdersInContinuous: boolean;
  readonly participantCredit: boolean;
  /** With credit: commands that only credit makes acceptable (defect 17: undecided). */
  readonly creditBeyondFunds: boolean;
  /** Settlements that take a participant below zero without credit (defect 17: undecided). */
  readonly shortSettlement: boolean;
  /** A participant with a bid and an ask in one auction (defect 11). */
  readonly auctionSelfPairs: boolean;
  readonly gridFee: boolean;
  readonly collateralOff: boolean;
  readonly mechanisms: readonly ('uniform' | 'discriminatory')[];
  /** Settle of an interval already pruned (defect 10: refuse or no-op, undecided). */
  readonly settleAfterPrune: boolean;
  /** Command kinds; set one false to leave it out. */
  readonly commands: Readonly<Record<CommandKind, boolean>>;
  /** A pruned settled interval's products read 'settled' (on this branch they fall back to 'delivered': defect 10's root). */
  readonly statusAfterPrune: boolean;
  /** A clock that moves on its own between advanceTo calls (defects 2, 4, 5). */
  readonly clockMoves: boolean;
  /** advanceTo to a time before the clock's but not before the last advance (defect 2: undecided). */
  readonly advanceBeforeClock: boolean;
  /** Amend of a book order after the call phase began by the clock, before advanceTo carried it out (defect 5). */
  readonly amendBookInCall: boolean;
  /**
   * Amend that moves a book order of a continuous-then-auction product to the back of its queue
   * (new price, more quantity): at the call start the order must rank by that new arrival (defect 4's
   * rule, "arrival order decides among equal prices"); on this branch it keeps its first place.
   */
  readonly amendToBackBeforeCall: boolean;
  /** Replay of an empty journal, which records no time (defect 2: the market's time must be in the journal). */
  readonly replayOfEmptyJournal: boolean;
  /** Check that a replay of the journal reaches the same state hash every n commands (and at the end). */
  readonly replayEvery: number;
  /**
   * Link capacities (issue 15 item 3): some runs give a zone's own link a capacity per interval
   * (tariff.zoneCapacity; no zone fees here, so it is the only link), which limits continuous
   * trades and auctions; the reference models it (docs/network.md).
   */
  readonly capacities?: boolean;
}

export type CommandKind = 'clock' | 'register' | 'deposit' | 'withdraw' | 'submit' | 'amend' | 'cancel' | 'advance' | 'settle' | 'prune' | 'replay' | 'snapshot';

/** Expected codes for refusals the docs have not fixed yet: a code, or '*' for "any refusal". */
export type ExpectedCodes = Readonly<Record<string, string>>;

export const PARTICIPANTS = ['ann', 'bob', 'cat', 'dan', 'eve'] as const;
// Enough ids that resting and sealed orders rarely exhaust them (a reused id of an open order is a refusal).
export const ORDER_IDS = Array.from({ length: 48 }, (_, i) => `o${i}`);
export const T0 = DAY - 60 * MIN;
const INTERVAL = 15 * MIN;
/** The interval `offset` intervals after the one under way at `now` (a negative offset: one before it). */
export function startAt(now: number, offset: number): number {
  return Math.floor(now / INTERVAL) * INTERVAL + offset * INTERVAL;
}

/**
 * The interval starts worth comparing at `now`: from an hour back (older ones can only change by
 * settlement or prune, and settle commands reach no further back) to past the horizon.
 */
export function startsUpTo(now: number): number[] {
  const out: number[] = [];
  for (let s = Math.max(T0 - 2 * INTERVAL, startAt(now, -4)); s <= now + 130 * MIN; s += INTERVAL) out.push(s);
  return out;
}
export const RETAIL = 30;
export const FEED_IN = 10;

export interface Setup {
  readonly ref: RefSetup;
  /** Move the clock before the first command (defect 2: replay must still reach the same state). */
  readonly clockFirst: boolean;
  /** The run's mid price: most orders are priced a few ticks around it, so that buys and sells cross. */
  readonly mid: number;
  /** What the prelude deposits per participant: plenty, or little (funds refusals, debts at settlement: defect 17). */
  readonly funds: number;
  readonly options: Omit<MarketOptions, 'clock'>;
}

export function setupArb(o: ModelOptions): fc.Arbitrary<Setup> {
  return fc
    .record({
      zones: o.twoZones ? fc.constantFrom(['main'], ['north', 'south']) : fc.constant(['main']),
      mode: fc.constantFrom(...o.modes),
      mode2: fc.constantFrom(...o.modes),
      mixed: o.mixedModes ? fc.boolean() : fc.constant(false),
      mechanism: fc.constantFrom(...o.mechanisms),
      k: fc.constantFrom(['0', 0, 1], ['0.5', 1, 2], ['1', 1, 1], ['0.25', 1, 4]),
      gridFee: o.gridFee ? fc.constantFrom(undefined, 0, 1, 3) : fc.constant(undefined),
      payer: fc.constantFrom('buyer', 'seller', 'split'),
      collateral: o.collateralOff ? fc.boolean() : fc.constant(true),
      utilityOrders: o.utilityOrders ? fc.boolean() : fc.constant(false),
      credit: o.participantCredit ? fc.boolean() : fc.constant(false),
      clockFirst: o.clockMoves ? fc.boolean() : fc.constant(false),
      mid: fc.integer({ min: FEED_IN + 2, max: RETAIL - 2 }),
      funds: fc.constantFrom(2_000, 2_000, 60),
      capacity: o.capacities === true
        ? fc.option(fc.tuple(fc.constantFrom(undefined, 0, 2, 5, 12), fc.constantFrom(undefined, 0, 3, 8)), { nil: undefined })
        : fc.constant(undefined),
    })
    .map((r) => {
      const modes: ProductMode[] = r.zones.map((_, i) => (r.mixed && i === 1 ? r.mode2 : r.mode));
      const utilityOrders = r.utilityOrders && (o.utilityOrdersInContinuous || !modes.includes('continuous'));
      const [kText, kNum, kDen] = r.k as [string, number, number];
      const ref: RefSetup = {
        zones: r.zones, modes, intervalMs: INTERVAL, horizonMs: 120 * MIN, gateMs: 5 * MIN, callMs: 15 * MIN, retail: RETAIL, feedIn: FEED_IN,
        gridFee: r.gridFee, gridFeePayer: r.payer, mechanism: r.mechanism, k: { num: kNum, den: kDen },
        collateral: r.collateral, utilityOrders, credit: r.credit, t0: T0,
        ...(r.capacity === undefined ? {} : { capacity: r.capacity.slice(0, r.zones.length) }),
      };
      const zoneCapacity: Record<string, Record<string, number>> = {};
      r.zones.forEach((z, i) => {
        const cap = r.capacity?.[i];
        if (cap !== undefined) zoneCapacity[z] = { [z]: cap };
      });
      const options: Omit<MarketOptions, 'clock'> = {
        tariff: {
          retailPrice: RETAIL, feedInPrice: FEED_IN, gridFeePayer: r.payer,
          ...(r.gridFee === undefined ? {} : { gridFee: { kind: 'per-kwh' as const, price: r.gridFee } }),
          ...(r.capacity === undefined ? {} : { zoneCapacity }),
        },
        zones: r.zones,
        mode: r.mixed ? Object.fromEntries(r.zones.map((z, i) => [z, modes[i] as ProductMode])) : r.mode,
        intervalMinutes: 15, horizonMinutes: 120, gateClosureMinutes: 5, callPhaseMinutes: 15,
        mechanism: r.mechanism, k: kText, priceTick: 1, quantityStep: 1, currency: { code: 'VND', step: 1 },
        collateral: r.collateral, utilityOrders, participantCredit: r.credit,
      };
      return { ref, options, clockFirst: r.clockFirst, mid: r.mid, funds: r.funds };
    });
}

export interface Model {
  ref: ReferenceMarket;
  /** The run's mid price (Setup.mid). */
  mid: number;
  /** Set once the real market is a replayed or restored one, whose clock the test cannot move. */
  clockFrozen?: boolean;
}

/** The real side: the market, the options it was made with, and counters for the replay check. */
export class Real {
  market: Market;
  readonly clock = new ManualClock(T0);
  commands = 0;
  /** Each ledger account's asset, looked up once. */
  readonly assets = new Map<string, string>();
  /** Ids of the 'trade' events the current market emitted, and how many reference trades came before it was attached. */
  tradeEvents: string[] = [];
  tradesBefore = 0;
  /**
   * The snapshot the current market was restored from (undefined: built from the start). A
   * restored market's journal starts empty and holds only the commands after it.
   */
  base: MarketSnapshot | undefined = undefined;
  constructor(
    readonly setup: Setup,
    readonly opts: ModelOptions,
    readonly codes: ExpectedCodes,
  ) {
    this.market = new Market({ ...setup.options, clock: this.clock });
    this.attach(this.market, 0);
  }

  /** Carries on with `market` (a replayed or restored one), listening to its trades from now on. */
  attach(market: Market, tradesBefore: number): void {
    this.market = market;
    this.tradeEvents = [];
    this.tradesBefore = tradesBefore;
    market.on('trade', (t) => this.tradeEvents.push(t.id));
  }
}

// ---- shapes ------------------------------------------------------------------------------------

const int = (d: Decimal): number => {
  assert.equal(d.isInteger(), true, `${d.toString()} is not a whole number`);
  return d.toNumber();
};

function tradeShape(t: MarketTrade): unknown {
  return {
    id: t.id, product: t.product, start: t.deliveryStart, buyOrderId: t.buyOrderId, sellOrderId: t.sellOrderId, buyer: t.buyer, seller: t.seller,
    lots: int(t.quantity), buyerPrice: int(t.buyerPrice), sellerPrice: int(t.sellerPrice), fee: int(t.fee),
  };
}

function refTradeShape(t: RefMarketTrade): unknown {
  return { id: t.id, product: t.product, start: t.start, buyOrderId: t.buyOrderId, sellOrderId: t.sellOrderId, buyer: t.buyer, seller: t.seller, lots: t.lots, buyerPrice: t.buyerPrice, sellerPrice: t.sellerPrice, fee: 0 };
}

export function outcomeShape(r: MarketSubmitResult): unknown {
  return { product: r.product, status: r.status, trades: r.trades.map(tradeShape), filled: int(r.filled), remaining: int(r.remaining) };
}

export function refOutcomeShape(r: RefSubmitOutcome): unknown {
  return { product: r.product, status: r.status, trades: r.trades.map(refTradeShape), filled: r.filled, remaining: r.remaining };
}

// ---- running one command on both sides ---------------------------------------------------------

function attempt<T>(call: () => T): T | WattError {
  try {
    return call();
  } catch (e) {
    if (e instanceof WattError) return e;
    throw e;
  }
}

const isRefused = (x: unknown): x is Refused => typeof x === 'object' && x !== null && 'refused' in x;

/**
 * Runs the command on both sides. A refusal must be a refusal on both, with the expected code
 * (a `decision:` reason looked up in the codes table, '*' accepting any code), and must leave the
 * state hash and the journal as they were. Otherwise `same` compares the two results.
 */
export function both<R, T>(real: Real, ref: () => R | Refused, call: () => T, same: (actual: T, expected: R) => void, what: string): void {
  const m = real.market;
  const hash = m.stateHash();
  const length = m.journal().length;
  const expected = ref();
  const actual = attempt(call);
  if (isRefused(expected)) {
    assert.ok(actual instanceof WattError, `${what}: expected a refusal (${expected.refused}), got ${describe(actual)}`);
    const code = expected.refused.startsWith('decision:') ? (real.codes[expected.refused] ?? '*') : expected.refused;
    if (code !== '*') assert.equal(actual.code, code, `${what}: ${actual.message}`);
    assert.equal(actual.message.startsWith('Market.'), true, actual.message);
  } else {
    if (actual instanceof WattError) assert.fail(`${what}: expected success, got ${actual.code}: ${actual.message}`);
    same(actual, expected);
  }
  const key = `${what.replace(/\(.*/s, '')} ${actual instanceof WattError ? actual.code : 'ok'}`;
  STATS.set(key, (STATS.get(key) ?? 0) + 1);
  if (actual instanceof WattError) {
    assert.equal(m.stateHash(), hash, `${what}: a refused call changed the state hash`);
    assert.equal(m.journal().length, length, `${what}: a refused call grew the journal`);
  }
}

/** Outcomes per command kind (printed by the test with WATTMARKET_MARKET_MODEL_STATS=1). */
export const STATS = new Map<string, number>();

function describe(x: unknown): string {
  try {
    return JSON.stringify(x);
  } catch {
    return String(x);
  }
}

// ---- the checks after every command ------------------------------------------------------------

/** The real market's observable state equals the reference's, and every invariant holds. */
export function verify(model: Model, real: Real): void {
  const { ref } = model;
  const m = real.market;
  assert.equal(m.now, ref.now, 'market time');
  // The journal: the init entry (seq 0) and every accepted command; after a restore, the commands since the snapshot.
  const baseSeq = real.base?.sequence ?? -1;
  assert.equal(m.journal().length, ref.commands - baseSeq, 'journal length');
  if (real.base === undefined) assert.equal(m.journal()[0]?.kind, 'init', 'the journal begins with its init entry');
  assert.equal(m.journal().at(-1)?.seq ?? baseSeq, ref.commands, 'sequence of the last command');
  assert.equal(m.sequence, ref.commands, 'sequence');
  assert.deepEqual(m.participants().map((p) => [p.id, p.zone]), [...ref.zoneOf].map(([id, zone]) => [id, zone]));
  const views = new Map(ORDER_IDS.map((id) => [id, m.order(id)] as const));
  let anyCredit = false;
  for (const id of ref.zoneOf.keys()) {
    const b = m.balance(id);
    assert.deepEqual(
      { money: int(b.money), available: int(b.available), energy: int(b.energy) },
      { money: ref.money.get(id), available: ref.available(id), energy: 0 },
      `balance of ${id}`,
    );
    if (b.available.isNegative()) anyCredit = true;
    // Nothing reserved without an open buy.
    const openBuy = [...views.values()].some((v) => v?.participant === id && v.side === 'buy');
    if (!openBuy) assert.equal(b.money.eq(b.available), true, `${id} has money reserved without an open buy`);
  }
  // Without credit only a settlement can take money below what is reserved (a debt, defect 17).
  if (!ref.setup.credit && ref.settled.size === 0) assert.equal(anyCredit, false, 'negative available money without credit');
  for (const [id, v] of views) {
    const o = ref.orders.get(id);
    const shape = v === undefined ? undefined : { participant: v.participant, product: v.product, side: v.side, price: v.price === undefined ? undefined : int(v.price), open: int(v.quantity), venue: v.venue };
    const refShape = o === undefined ? undefined : { participant: o.participant, product: o.product, side: o.side, price: o.price, open: o.open, venue: o.venue };
    assert.deepEqual(shape, refShape, `order ${id}`);
  }
  for (const start of startsUpTo(ref.now)) {
    const trades = m.trades(start);
    // A participant never trades with itself, in any mode (defect 11).
    for (const t of trades) assert.notEqual(t.buyer, t.seller, `self trade ${t.id}`);
    assert.deepEqual(trades.map(tradeShape), ref.tradesOf(start).map(refTradeShape), `trades of ${new Date(start).toISOString()}`);
    for (const zone of ref.setup.zones) {
      const status = m.product(zone, start).status;
      if (ref.pruned.has(start) && !real.opts.statusAfterPrune) assert.ok(status === 'settled' || status === 'delivered', status);
      else assert.equal(status, ref.status(zone, start), `status of ${zone}@${new Date(start).toISOString()}`);
    }
  }
  // One 'trade' event per trade, whichever way it was made (book, auction, call phase).
  const sorted = (ids: readonly string[]): string[] => [...ids].sort();
  assert.deepEqual(sorted(real.tradeEvents), sorted(ref.tradeIds.slice(real.tradesBefore)), "'trade' events");
  // Per asset the ledger sums to zero; the clearing account holds exactly what unsettled trades prepaid.
  const sums = new Map<string, number>();
  for (const id of m.ledger.accountIds()) {
    let asset = real.assets.get(id);
    if (asset === undefined) real.assets.set(id, (asset = m.ledger.account(id).asset));
    sums.set(asset, (sums.get(asset) ?? 0) + m.ledger.balanceSteps(id));
  }
  assert.deepEqual([...sums.values()], [0, 0], 'the sum of each asset is zero');
  assert.equal(int(m.ledger.balance('clearing:VND')), ref.clearing, 'money clearing account');
  assert.equal(int(m.ledger.balance('clearing:kWh')), 0, 'energy clearing account');
  real.commands++;
  if (real.opts.replayEvery > 0 && real.commands % real.opts.replayEvery === 0) checkReplay(real);
}

/** A replay of the journal reaches the same state hash. */
export function checkReplay(real: Real): Market {
  if (real.market.journal().length <= (real.base === undefined ? 1 : 0) && !real.opts.replayOfEmptyJournal) return real.market;
  const again = Market.replay(real.market.journal(), real.setup.options, real.base);
  assert.equal(again.stateHash(), real.market.stateHash(), 'replay of the journal reaches another state');
  assert.equal(again.journal().length, real.market.journal().length);
  return again;
}
