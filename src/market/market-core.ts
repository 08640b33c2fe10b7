import { EventEmitter } from 'eventemitter3';
import type { OrderCancelledEvent as BookCancelledEvent } from '../order-book/book-events.js';
import type { Reservations } from '../settlement/reservations.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { isMarketTime, TIME_LIMIT } from './product-schedule.js';
import { stepsInput } from './market-trade.js';
import { settlementOptionsOf, type MarketConfig } from './market-config.js';
import type { MarketEvents } from './market-events.js';
import type { ProductMode } from './market-types.js';
import { OrderIndex, type LiveOrder } from './order-index.js';
import { resolveSettlementConfig, type SettlementConfig } from '../settlement/settlement-config.js';
import type { ParticipantRegistry } from './participant-registry.js';
import { IntervalState, ProductState } from './product-state.js';
import { pinLedgerTime, pinnedLedgerTime, readLedgerClock } from '../ledger/ledger-time-pin.js';

export { LiveOrder } from './order-index.js';
export { IntervalState, ProductState } from './product-state.js';

/** What {@link MarketCore.pinLedger} returns when it pinned nothing (not a time: never a pin). */
const NO_PIN = -0.5;

const ENERGY = valueSpec('Market', 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'kWh step of the ledger');

/** A queued event: emitted when the call that caused it has finished changing state. */
type Queued = { [K in keyof MarketEvents]: [K, Parameters<MarketEvents[K]>[0]] }[keyof MarketEvents];

/**
 * The market's state, shared by the modules that change it (continuous trading, auction
 * clearing, settlement). Only {@link Market} calls into it, one public call at a time.
 */
export class MarketCore {
  readonly emitter = new EventEmitter<MarketEvents>();
  readonly intervals = new Map<number, IntervalState>();
  /** Every product by number (undefined once pruned): the order index refers to them by number. */
  readonly products: (ProductState | undefined)[] = [];
  readonly live: OrderIndex;
  /** The arrival number of the next order. */
  arrivals = 0;
  /** Market time after the last advanceTo (or the clock's time at construction). */
  processed: number;
  /**
   * Whether the ledger's kWh step is the market's quantity step (always, with the ledger the
   * market makes itself): then quantities go to collateral as they are, else converted.
   */
  sameEnergyStep = true;
  /**
   * True while the market can vouch that its live orders' ids are distinct and none starts with
   * '@' (the utility's prefix), so gate clearing need not hash them to look for repeats. Submit
   * checks an id after all the user code of the command ran (the order's getters, the clocks).
   * A market with collateral keeps the clearing's own duplicate check all the same (it used to
   * run the ledger's clock after that check; kept as a second line at no cost that matters), and
   * a restored snapshot is whatever it is (set at construction and restore).
   */
  idsVouched = true;

  /**
   * True while a gate's auctions are being cleared (the mechanism, user code when custom, runs):
   * every command of this market is then refused ({@link begin}), since its change would land
   * between the clearing and the applying of its result.
   */
  clearingGate = false;

  /** The collateral engine, when buy or sell orders reserve (set once, at construction). */
  collateral: Reservations | undefined = undefined;
  private queue: Queued[] = [];
  /** Where the current command's events start in {@link queue} (see emitFirst). */
  private firstAt = 0;
  /** Self-trade cancellations of resting book orders reported by the books during the current call. */
  readonly cancelledMakers: BookCancelledEvent[] = [];

  constructor(
    readonly config: MarketConfig,
    readonly registry: ParticipantRegistry,
  ) {
    this.processed = this.clockTime('Market');
    this.lastCommandTime = this.processed;
    this.live = new OrderIndex(registry.list, this.products);
  }

  /**
   * The time of the last accepted command (the construction's at first): the market's time never
   * goes back before it, even if the clock does, so journal times only go forward and a market
   * rebuilt from a snapshot resumes at the time its last command ran.
   */
  lastCommandTime: number;
  /** The time of the command being carried out (read once from the clock when it began), if any. */
  private pinned: number | undefined = undefined;
  /** The starts of settled intervals forgotten by prune: settling one again is refused. */
  readonly prunedSettled = new Set<number>();

  /**
   * The effective time: the clock's, but never before what advanceTo reached; during a command,
   * the time it began at (so one command sees one time, and its journal entry records it).
   */
  now(): number {
    return this.pinned ?? Math.max(this.clockTime('Market'), this.processed, this.lastCommandTime);
  }

  /** The clock's reading, refused (INVALID_TIME) when it is not a time a market takes. */
  clockTime(fn: string): number {
    const t = this.config.clock.now();
    if (!isMarketTime(t)) fail(ErrorCode.INVALID_TIME, fn, `the clock returned ${String(t)}, not a whole number of ms within ±${TIME_LIMIT}`);
    return t;
  }

  /**
   * Begins a command: fixes its time (the clock's reading, or `at` in a replay) until {@link end}.
   * Returns the time of an enclosing command (a listener's call inside a call) for `end`.
   */
  begin(fn: string, at?: number): number | undefined {
    // A mechanism (user code) runs between a gate's clearing and its change: a command of this
    // market from it would change what the clearing was computed on (docs/market.md).
    if (this.clearingGate) fail(ErrorCode.MECHANISM_FAILED, fn, "a mechanism cannot change the market whose gate it is clearing (this market's gate closure is in progress)");
    const outer = this.pinned;
    this.pinned = at ?? Math.max(this.clockTime(fn), this.processed, this.lastCommandTime);
    // After the clock (user code, which may run whole commands of its own): this command's events
    // start here; any before are left from earlier (a failed advanceTo's gates) and go first.
    this.firstAt = this.queue.length;
    return outer;
  }

  /** Ends a command begun with {@link begin}. */
  end(outer: number | undefined): void {
    this.pinned = outer;
  }

  /**
   * The ledger's time for a command that may make ledger entries, read from the ledger's clock
   * (user code) now, at the command's start, before any check: undefined when the command will
   * make none (`always` false and no collateral: only collateral makes submit, amend, cancel and
   * advanceTo touch the ledger), NaN for a ledger without a clock.
   * @throws WattError INVALID_TIME when the ledger's clock returns no safe integer.
   */
  ledgerTime(fn: string, always: boolean): number | undefined {
    if (!always && this.collateral === undefined) return undefined;
    // A replayed command takes the time its journal entry holds (the first read of the command
    // only: a command nested in it, run by user code, reads a time of its own).
    const replayed = this.replayLedgerTime;
    if (replayed !== undefined) {
      this.replayLedgerTime = undefined;
      return replayed;
    }
    return readLedgerClock(this.config.ledger, fn);
  }

  /**
   * The ledger time the journal entry being replayed holds (its `ledgerTime`), for
   * {@link ledgerTime} to use instead of reading the ledger's clock; undefined outside a replay
   * and for entries without one (the clock is read, as journals before the field replay).
   */
  replayLedgerTime: number | undefined = undefined;

  /**
   * The ledger time the command in progress pinned, which its journal entry records: undefined
   * when it pinned none or the ledger has no clock (its entries carry no time).
   */
  pinnedLedgerTime(): number | undefined {
    return pinnedLedgerTime(this.config.ledger);
  }

  /**
   * Pins the ledger's time to `time` (from {@link ledgerTime}; undefined changes nothing) for the
   * ledger calls of the current command, so its clock is not read again mid-command. Returns the
   * pin to restore with {@link unpinLedger} when the command ends.
   */
  pinLedger(time: number | undefined): number | undefined {
    return time === undefined ? NO_PIN : pinLedgerTime(this.config.ledger, time);
  }

  /** Restores the ledger's pin that {@link pinLedger} returned. */
  unpinLedger(previous: number | undefined): void {
    if (previous !== NO_PIN) pinLedgerTime(this.config.ledger, previous);
  }

  /** The interval starting at `start`, created on first use. */
  interval(start: number): IntervalState {
    let state = this.intervals.get(start);
    if (state === undefined) {
      state = new IntervalState(start, this.config.zones.length);
      this.intervals.set(start, state);
    }
    return state;
  }

  /** The product of a zone and an interval, if it exists (nothing is created). */
  findProduct(zoneIndex: number, start: number): ProductState | undefined {
    return this.intervals.get(start)?.products[zoneIndex];
  }

  /** The product of a zone and an interval, created on first use. */
  product(zoneIndex: number, start: number): ProductState {
    return this.productIn(this.interval(start), zoneIndex, start);
  }

  // The interval of the last new order (see orderProduct).
  private orderStart = NaN;
  private orderInterval: IntervalState | undefined = undefined;

  /**
   * {@link product} for a new order that passed its checks, looking the interval up only when
   * the start differs from the previous order's: orders arrive in runs for one interval, and the
   * Map look-up by a time (a heap number) was a measurable part of each submit. Whatever forgets
   * an interval calls {@link forgetInterval}, so the remembered one is never a pruned one. (No
   * user code runs between a submit's checks and this call: docs/market.md, "User code inside a
   * command"; a prune made by an order's getter or a clock comes before the checks, which then
   * refuse an order for its interval.)
   */
  orderProduct(zoneIndex: number, start: number): ProductState {
    let interval = this.orderInterval;
    if (start !== this.orderStart || interval === undefined) {
      interval = this.interval(start);
      this.orderStart = start;
      this.orderInterval = interval;
    }
    return this.productIn(interval, zoneIndex, start);
  }

  /** Forgets the interval of `start` (prune): it is no longer remembered for new orders either. */
  forgetInterval(start: number): void {
    this.intervals.delete(start);
    if (start === this.orderStart) {
      this.orderStart = NaN;
      this.orderInterval = undefined;
    }
  }

  private productIn(interval: IntervalState, zoneIndex: number, start: number): ProductState {
    let p = interval.products[zoneIndex];
    if (p === undefined) {
      const zone = this.config.zones[zoneIndex] as string;
      p = new ProductState(this.config.schedule.productId(zone, start), zone, zoneIndex, start, this.config.modes[zoneIndex] as ProductMode, this.products.length);
      this.products.push(p);
      interval.products[zoneIndex] = p;
    }
    return p;
  }

  private settlementCfg: SettlementConfig | undefined;

  /** The market's settlement options, resolved once. */
  settlementConfig(): SettlementConfig {
    return (this.settlementCfg ??= resolveSettlementConfig(this.config.ledger, settlementOptionsOf(this.config), 'Market.settle'));
  }

  /** The arrival number for a new order. */
  nextSeq(): number {
    return this.arrivals++;
  }

  /**
   * Per event, whether a listener was ever added to it (Market.on and once set it): until then
   * it cannot be heard, and the emitter is not asked per order (its look-up was about 1 % of a
   * district run, which listens to auctionCleared alone). Never reset: not state.
   */
  readonly heard: Record<keyof MarketEvents, boolean> = {
    participantRegistered: false,
    fundsMoved: false,
    orderAccepted: false,
    orderRejected: false,
    orderCancelled: false,
    trade: false,
    gateClosed: false,
    callPhaseStarted: false,
    auctionCleared: false,
    intervalSettled: false,
  };

  /** Notes that an event has a listener now (Market.on and once); other names are never emitted. */
  hear(name: string): void {
    if (Object.hasOwn(this.heard, name)) this.heard[name as keyof MarketEvents] = true;
  }

  /** Whether anyone listens to an event: payloads are built only then. */
  listens(name: keyof MarketEvents): boolean {
    return this.heard[name] && this.emitter.listenerCount(name) > 0;
  }

  /** Queues an event for the end of the current call. */
  emit<K extends keyof MarketEvents>(name: K, payload: Parameters<MarketEvents[K]>[0]): void {
    if (this.listens(name)) this.queue.push([name, payload] as Queued);
  }

  /**
   * Queues an event ahead of everything else this command queued (an acceptance before its
   * trades), behind events left from earlier commands.
   */
  emitFirst<K extends keyof MarketEvents>(name: K, payload: Parameters<MarketEvents[K]>[0]): void {
    if (this.listens(name)) this.queue.splice(this.firstAt, 0, [name, payload] as Queued);
  }

  /**
   * Emits the queued events. A listener may call back into the market: its call finishes and
   * flushes its own events before the remaining ones of this call are emitted.
   */
  flush(): void {
    const events = this.queue;
    if (events.length === 0) return;
    this.queue = [];
    this.firstAt = 0;
    for (const [name, payload] of events) (this.emitter.emit as (n: string, p: unknown) => boolean)(name, payload);
  }

  /** Forgets an order that has left the market (filled, cancelled, expired or cleared), releasing its collateral. */
  retire(order: LiveOrder, fn: string): void {
    const r = order.reservation;
    if (r >= 0 && this.collateral !== undefined) {
      this.collateral.release(r, fn);
      order.reservation = -1;
    }
    this.live.release(order.slot);
  }

  /** A quantity in market steps as the ledger counts it: in its kWh steps. */
  energySteps(lots: number): number {
    if (this.sameEnergyStep) return lots;
    return toSteps(stepsInput(lots, this.config.quantityStep), this.settlementConfig().energyStep, ENERGY);
  }
}
