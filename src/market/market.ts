import type { AuctionResult } from '../auction/auction-result.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { Ledger } from '../ledger/ledger.js';
import type { BookDepth } from '../order-book/book-depth.js';
import type { SettlementResult } from '../settlement/settlement-result.js';
import { checkId, checkObject } from '../validation/checks.js';
import { ledgerView, type MarketLedgerView } from './ledger-view.js';
import { resolveMarketConfig, type MarketConfig } from './market-config.js';
import { MarketCore } from './market-core.js';
import { MarketAdvance } from './market-advance.js';
import { amendOrder, type AmendContext } from './market-amend.js';
import { cancelOrder } from './market-cancel.js';
import { moveFunds, type FundsContext } from './market-deposits.js';
import type { MarketEvents } from './market-events.js';
import type { MarketCommand } from './market-journal.js';
import { settleCommand, type SettleContext } from './market-settle.js';
import { pruneIntervals } from './market-prune.js';
import { registerCommand } from './market-register.js';
import { applyJournalEntry, replayJournal } from './market-replay.js';
import { checkSnapshotHead, restoreMarketState, takeSnapshot } from './market-snapshot.js';
import type { MarketSnapshot } from './market-snapshot-types.js';
import type {
  FundsTransferInput,
  FundsTransferResult,
  MarketMeterReading,
  MarketParticipant,
  MarketOptions,
  MarketOrderChange,
  MarketOrderInput,
  MarketOrderView,
  MarketStepsMeterReading,
  MarketStepsOrderInput,
  MarketSubmitResult,
  MarketTrade,
  ParticipantBalance,
  ParticipantInput,
  ProductInfo,
} from './market-types.js';
import { intervalStartOf, intervalTrades, marketStateHash, orderView, productInfo, productsBetween, zoneIndexOf } from './market-view.js';
import { MarketFunds } from './market-funds.js';
import { optionsHash } from './options-hash.js';
import { openMarketAccounts } from './open-market-accounts.js';
import { MarketSubmission, SUBMIT, SUBMIT_STEPS, type SubmitContext } from './market-submit.js';
import { rethrowAs } from './under-name.js';
import { ParticipantRegistry, UTILITY_PARTICIPANT, type ParticipantRecord } from './participant-registry.js';
import type { CommandStore } from '../store/store-types.js';
import { openDurableMarket, setMarketDurability } from './durable-market.js';
import { clearingError, MarketRecorder } from './market-recorder.js';

/** The most products one {@link Market.products} call lists: a range is a question, not a loop of any length. */
export const MAX_PRODUCTS_PER_CALL = 100_000;

/**
 * A local energy market: many delivery intervals and zones at once, each product trading
 * continuously, by call auction at gate closure, or both; participants with ledger accounts and
 * collateral; the utility's tariff as the price band; settlement against meter readings. Time
 * comes only from the injected clock (read once per command) and {@link Market.advanceTo}, so a
 * market is reproducible, and its command journal rebuilds it exactly ({@link Market.replay}).
 * See docs/market.md for its promises.
 *
 * The cycle: an interval opens `horizonMinutes` before its start and takes orders until its gate
 * closes `gateClosureMinutes` before its start. `advanceTo(time)` carries out, instant by instant
 * in time order, every gate closure (auctions clear, resting orders expire) and call-phase start
 * due by `time` of the intervals that have orders; at the same instant gate closures come first,
 * earlier intervals first, zones in their configured order. A call phase also starts when an
 * order call for its product comes after the call start (what happens to an order follows the
 * phase its product is in). After delivery, {@link Market.settle} settles the interval against
 * the meter readings.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(Date.UTC(2025, 3, 7, 0, 0));
 * const market = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 });
 * market.registerParticipant({ id: 'roof' });
 * market.registerParticipant({ id: 'lab' });
 * market.deposit({ id: 'd1', participant: 'lab', amount: 100_000 });
 * const start = Date.UTC(2025, 3, 7, 1, 0);
 * market.submit({ id: 's1', participant: 'roof', deliveryStart: start, side: 'sell', price: 900, quantity: 5 });
 * market.submit({ id: 'b1', participant: 'lab', deliveryStart: start, side: 'buy', price: 2000, quantity: 4 });
 * market.advanceTo(start - 5 * 60_000);       // gate closes: the auction clears at 1450
 * clock.set(start + 15 * 60_000);
 * market.settle(start, [{ participant: 'roof', exported: 5 }, { participant: 'lab', imported: 4 }]);
 * ```
 */
export class Market {
  /**
   * The market's ledger, read-only: balances, statements, the ledger journal, verification. Money
   * moves only through the market's journalled commands (deposit, withdraw, orders, settle).
   */
  readonly ledger: MarketLedgerView;
  private readonly core: MarketCore;
  private readonly config: MarketConfig;
  /** The sequence number, the journal and the store of accepted commands. */
  private readonly recorder: MarketRecorder;
  private readonly submission: MarketSubmission;
  private readonly advancer: MarketAdvance;
  private readonly bank: string;
  private readonly funds: MarketFunds;
  /** What the command modules need of the market's private parts (advance, cancel, register and prune take the CommandContext all of them share). */
  private readonly ctx: AmendContext & FundsContext & SubmitContext & SettleContext;
  /** See {@link optionsHash}. */
  private readonly hashOfOptions: string;
  /** The state hash of the ledger the market was given, before it opened its accounts. */
  private readonly initialLedgerHash: string;

  static {
    setMarketDurability({
      create: (options) => new Market(options),
      restore: (snapshot, options) => Market.restore(snapshot, options),
      attach: (market, durability) => {
        market.recorder.attach(durability);
      },
      apply: (market, command) => {
        market.apply(command);
      },
    });
  }

  /**
   * Opens the market that `store` holds: every command journalled there is carried out again,
   * each at the time it was journalled (recovery reads no clock; `options.clock` serves the
   * commands after it), or a new market when the store is empty. Every accepted command is then
   * queued for the store (group commit); {@link Market.flush} makes them durable.
   * @param options - the market's options (they must equal the stored ones, the clock and the journal switch aside;
   *   `ledger` cannot be given: a durable market keeps its own) and the store.
   * @throws WattError as the constructor; STORE_MISMATCH for a store of a ledger or of a market
   *   with other options; STORE_LOCKED for a store in use; STORE_CORRUPT for a damaged store.
   * @example
   * ```ts
   * const market = await Market.open({ clock, tariff, store: await openFileStore('data/market') });
   * market.submit(order);
   * await market.flush(); // now the order survives a crash: tell the user it is placed
   * ```
   */
  static open(options: MarketOptions & { store: CommandStore }): Promise<Market> {
    return openDurableMarket(options);
  }

  /**
   * Resolves once every command accepted before the call is durable in the market's store (at
   * once for a market without a store).
   * @throws WattError STORE_FAILED (rejects) when a store write failed; STORE_CLOSED after close.
   */
  flush(): Promise<void> {
    return this.recorder.flush();
  }

  /**
   * Writes a snapshot of the market to its store; recovery starts from the latest one (nothing to
   * do without a store).
   * @throws WattError (rejects) MECHANISM_FAILED when called by a mechanism clearing one of this
   *   market's gates (see {@link Market.snapshot}).
   */
  checkpoint(): Promise<void> {
    return this.recorder.checkpoint();
  }

  /**
   * Flushes and releases the store; commands after it are refused (STORE_CLOSED). Closing twice is
   * harmless. A market without a store has nothing to release: its close resolves at once and
   * changes nothing (it goes on taking commands, as API.md has such a market behave as ever).
   */
  close(): Promise<void> {
    return this.recorder.close();
  }

  /**
   * @param options - see {@link MarketOptions}; `clock` and `tariff` are required.
   * @throws WattError for any bad option (INVALID_OPTION, INVALID_PRICE, INVALID_STEP, INVALID_K,
   *   INVALID_FEE, UNKNOWN_MECHANISM, UNKNOWN_ZONE, UNKNOWN_ASSET, ...), INVALID_TIME when the
   *   clock's reading is not a whole number of ms within ±TIME_LIMIT.
   */
  constructor(options: MarketOptions) {
    // Taken before anything can call user code (the clock), so no other construction sees it.
    const restoring = pendingRestore;
    pendingRestore = undefined;
    const config = resolveMarketConfig(restoring === undefined ? options : { ...options, ledger: restoring.ledger });
    this.config = config;
    this.ledger = ledgerView(config.ledger);
    const registry = new ParticipantRegistry(config);
    this.core = new MarketCore(config, registry);
    this.initialLedgerHash = restoring === undefined ? config.ledger.stateHash() : restoring.snapshot.initialLedgerHash;
    this.hashOfOptions = optionsHash(config, this.initialLedgerHash);
    if (restoring !== undefined && this.hashOfOptions !== restoring.snapshot.optionsHash) {
      fail(ErrorCode.OPTIONS_MISMATCH, 'Market.restore', 'the options differ from those of the market the snapshot was taken of');
    }
    this.bank = openMarketAccounts(config, this.core);
    this.funds = new MarketFunds(config, this.core);
    const core = this.core;
    const recorder = new MarketRecorder(core, config.journal);
    this.recorder = recorder;
    this.ctx = {
      core,
      config,
      funds: this.funds,
      bank: this.bank,
      participantOf: (id, fn) => this.participantOf(id, fn),
      record: (command) => recorder.record(command),
      keepsCommands: () => recorder.keepsCommands(),
    };
    this.submission = new MarketSubmission(this.ctx);
    this.advancer = new MarketAdvance(this.ctx);
    if (restoring !== undefined) {
      restoreMarketState(core, restoring.snapshot, 'Market.restore');
      recorder.seq = restoring.snapshot.sequence;
      return;
    }
    if (config.utilityOrders) registry.add(registry.parse({ id: UTILITY_PARTICIPANT, zone: config.zones[0] }, 'Market', true));
    recorder.init(this.hashOfOptions);
  }

  /**
   * Restores a market from a {@link Market.snapshot}: the same state hash, sequence and time. Its
   * journal starts empty and holds the commands after the snapshot; replay those with
   * `Market.replay(journal, options, snapshot)`.
   * @param options - the options the snapshot's market was made with, without `ledger` (the
   *   ledger comes from the snapshot); its clock serves the commands after the snapshot.
   * @throws WattError INVALID_SNAPSHOT (not a snapshot this version made, or inconsistent),
   *   OPTIONS_MISMATCH, INVALID_OPTION (a `ledger` option), and the constructor's codes.
   * @example
   * ```ts
   * const snap = JSON.parse(JSON.stringify(market.snapshot()));
   * const copy = Market.restore(snap, options);   // copy.stateHash() === market.stateHash()
   * ```
   */
  static restore(snapshot: MarketSnapshot, options: MarketOptions): Market {
    const fn = 'Market.restore';
    const snap = checkSnapshotHead(snapshot, fn);
    const o = checkObject(options, fn, 'options');
    if (o['ledger'] !== undefined) fail(ErrorCode.INVALID_OPTION, fn, 'a restored market makes its ledger from the snapshot: pass no ledger option');
    const ledger = rethrowAs(fn, () => Ledger.restore(snap.ledger));
    pendingRestore = { ledger, snapshot: snap };
    try {
      return new Market(options);
    } finally {
      pendingRestore = undefined;
    }
  }

  /**
   * Plain JSON-serialisable data from which {@link Market.restore} rebuilds this market with the
   * same state hash: time, sequence, options hash, participants, open orders with their
   * collateral, products (books, sealed orders, trades), settled and forgotten intervals, and the
   * ledger's snapshot. Auction and settlement results are not kept. Changes nothing.
   * @throws WattError MECHANISM_FAILED when called by a mechanism clearing one of this market's
   *   gates: the market is then between a gate's time and its change (the advance not yet
   *   journalled), a state no journal position names, so no replay or recovery could start there.
   */
  snapshot(): MarketSnapshot {
    if (this.core.clearingGate) throw clearingError('Market.snapshot');
    return takeSnapshot(this.core, this.recorder.seq, this.hashOfOptions, this.initialLedgerHash);
  }

  /**
   * Rebuilds a market from its journal: a new market with `options` (on a manual clock that
   * follows the journal's times; no other clock is read) carries out every command again, each
   * through the same code as the live call. The result has the same state hash, sequence and
   * journal as the market the journal came from. With `from`, the market is first restored from
   * that snapshot, and `journal` holds the commands after it (a restored market's journal).
   * An entry's `ledgerTime` replaces the ledger clock's reading for that command's ledger entries
   * (the ledger's clock is read only for entries without one, as journals before the field hold).
   * @param options - the options the market was made with (its clock is not needed).
   * @throws WattError OPTIONS_MISMATCH (other options than the journal's), INVALID_JOURNAL (no
   *   init entry, a gap in the sequence, a time going back, a `ledgerTime` that is no safe
   *   integer or on a command that reads no ledger time, a command that does not take effect),
   *   and the first refused command's code.
   */
  static replay(journal: readonly MarketCommand[], options: Omit<MarketOptions, 'clock'>, from?: MarketSnapshot): Market {
    return replayJournal(journal, from, {
      create: (clock) => new Market({ ...options, clock }),
      restore: (snap, clock) => Market.restore(snap, { ...options, clock }),
      optionsHash: (market) => market.hashOfOptions,
      apply: (market, c) => market.apply(c),
    });
  }

  /** The sequence number of the last command applied: 0 for a new market, one more per accepted command. */
  get sequence(): number {
    return this.recorder.seq;
  }

  /** The market's time: the clock's, or the last {@link advanceTo} target if that is later. */
  get now(): number {
    return this.core.now();
  }

  /**
   * Registers a participant in a zone and opens its money and energy accounts.
   * @throws WattError INVALID_ARGUMENT, INVALID_ID (empty, or starting with '@'),
   *   DUPLICATE_PARTICIPANT, UNKNOWN_ZONE, DUPLICATE_ACCOUNT.
   */
  registerParticipant(participant: ParticipantInput): void {
    registerCommand(this.ctx, participant);
    this.core.flush();
  }

  /**
   * Moves money into a participant's account from outside the market (the `bank:<currency>`
   * account). Idempotent by `id`: the same deposit again returns `'exists'` (and is not journalled again).
   * @throws WattError UNKNOWN_PARTICIPANT, INVALID_ID, INVALID_AMOUNT, TRANSFER_CONFLICT.
   */
  deposit(transfer: FundsTransferInput): FundsTransferResult {
    return moveFunds(this.ctx, transfer, 'deposit');
  }

  /**
   * Moves available money out of a participant's account. Idempotent by `id`.
   * @throws WattError UNKNOWN_PARTICIPANT, INVALID_ID, INVALID_AMOUNT, INSUFFICIENT_FUNDS (more
   *   than the money available, which a debt from settlement makes negative), TRANSFER_CONFLICT.
   */
  withdraw(transfer: FundsTransferInput): FundsTransferResult {
    return moveFunds(this.ctx, transfer, 'withdraw');
  }

  /**
   * Places an order for a product (the participant's zone, the interval starting at
   * `deliveryStart`). In an auction (or a call phase) it is sealed until gate closure; in
   * continuous trading it matches at once and its rest may rest in the book. A buy order reserves
   * price x quantity of the participant's money while collateral is on. The order's fields are
   * read once each, before the clocks and before any check: a getter (or a clock) that calls
   * back into the market does so before the order is judged (docs/market.md, "User code inside
   * a command").
   * @throws WattError for bad fields (INVALID_*), UNKNOWN_PARTICIPANT, UNKNOWN_PRODUCT,
   *   PRODUCT_CLOSED, PRICE_OUT_OF_BAND, DUPLICATE_ORDER_ID, INSUFFICIENT_FUNDS,
   *   CAPACITY_EXCEEDED (the book's); nothing changes, and an 'orderRejected' event reports the refusal.
   */
  submit(order: MarketOrderInput): MarketSubmitResult {
    const result = this.submission.submit(order, SUBMIT.fn, false);
    this.core.flush();
    return result;
  }

  /**
   * {@link Market.submit} for a limit order given in the market's integers: price ticks and
   * quantity steps instead of decimals, which spares the parsing when the caller counts in them
   * already (a simulation's agents do). It is exactly `submit` of the same order with
   * `price = priceTicks x priceTick` and `quantity = quantitySteps x quantityStep`: the same
   * checks, result, events and journal entry (a replay submits the decimal form).
   * @throws WattError as submit: INVALID_QUANTITY and INVALID_PRICE when quantitySteps or
   *   priceTicks is not a whole number (quantitySteps not positive); nothing changes, and an
   *   'orderRejected' event reports the refusal.
   * @example
   * ```ts
   * // priceTick 1 and quantityStep 0.001: 1,450 per kWh for 2.5 kWh
   * market.submitSteps({ id: 'b1', participant: 'lab', deliveryStart: start, side: 'buy', priceTicks: 1450, quantitySteps: 2500 });
   * ```
   */
  submitSteps(order: MarketStepsOrderInput): MarketSubmitResult {
    const result = this.submission.submit(order, SUBMIT_STEPS, true);
    this.core.flush();
    return result;
  }

  /**
   * Cancels an open order (resting or sealed) whose product is still open.
   * @returns true when an order was cancelled; false when there is no such open order or its
   *   gate has passed.
   * @throws WattError INVALID_ID when `orderId` is not a non-empty string; with collateral on,
   *   INVALID_TIME when the ledger's clock returns no safe integer (it is read before the order
   *   is looked up, so this holds for an unknown order too). Nothing changes.
   */
  cancel(orderId: string): boolean {
    const cancelled = cancelOrder(this.ctx, orderId);
    // Also after a cancel that found nothing: it queues no event of its own, but delivers any left
    // queued (those of the gates an advanceTo did before a failing one, docs/market.md).
    this.core.flush();
    return cancelled;
  }

  /**
   * Changes an open order's price and/or open quantity while its product is open. As in the book:
   * a lower quantity keeps its place; a new price or a larger quantity sends it to the back (of the
   * book level, or of the auction's arrival order), and in continuous trading a crossing new price
   * trades at once. In a call phase a book order is sealed first (the phase starts). Its
   * collateral is re-reserved for the new price and quantity. The change's fields are read once
   * each, before the clocks and any check (as submit's).
   * @throws WattError UNKNOWN_ORDER, PRODUCT_CLOSED, INVALID_PRICE, INVALID_QUANTITY,
   *   PRICE_OUT_OF_BAND, INSUFFICIENT_FUNDS, INVALID_ARGUMENT, CAPACITY_EXCEEDED; nothing changes.
   */
  amend(orderId: string, change: MarketOrderChange): MarketSubmitResult {
    const result = amendOrder(this.ctx, orderId, change);
    this.core.flush();
    return result;
  }

  /**
   * Moves the market to `time`, carrying out every gate closure and call-phase start due by then
   * (of the intervals that have orders), instant by instant (see the class description for the
   * order). Its work does not grow with the length of the jump.
   * @throws WattError INVALID_TIME when `time` is not a whole number of ms within ±TIME_LIMIT, or
   *   is before the market's time ({@link Market.now}: time never goes back); MECHANISM_FAILED
   *   when a custom mechanism fails at a gate closure: that gate and everything after it are not
   *   done, the transitions before it are, and are journalled (see docs/market.md); also, to the
   *   mechanism, when a custom mechanism calls advanceTo of the market whose gate it is clearing
   *   (nothing changes for that call).
   */
  advanceTo(time: number): void {
    this.advancer.advance(time, undefined);
  }

  /**
   * Settles a delivered interval against the meter readings (see {@link settleInterval}): trades
   * are paid and delivered, deviations settle with the utility at the retail and feed-in prices,
   * fees go to the network. Every participant that traded needs a reading; the utility's standing
   * orders are metered as delivered. A participant short of money ends with a negative balance
   * (a debt: it cannot buy or withdraw until a deposit covers it); settlement is never refused for it.
   * @throws WattError UNKNOWN_PRODUCT, NOT_SETTLEABLE (gate not yet processed or delivery not
   *   over), ALREADY_SETTLED (also after prune forgot it), UNKNOWN_PARTICIPANT, INVALID_SETTLEMENT
   *   and the readings' value codes; nothing changes.
   */
  settle(deliveryStart: number, readings: readonly MarketMeterReading[]): SettlementResult {
    return this.settleWith(deliveryStart, readings, 'Market.settle', false);
  }

  /**
   * {@link Market.settle} with readings in the market's integers: quantity steps instead of kWh
   * decimals, which spares the parsing when the caller counts in them already (a simulation
   * meters in Wh). It is exactly `settle` with `net = netSteps x quantityStep` (and so on): the
   * same checks, result, events and journal entry (a replay settles the decimal form).
   * @throws WattError as settle; INVALID_QUANTITY when a reading's steps are not a whole number
   *   (exportedSteps and importedSteps not negative); nothing changes.
   * @example
   * ```ts
   * // quantityStep 0.001 kWh: roof exported 5 kWh, lab imported 4.25 kWh
   * market.settleSteps(start, [{ participant: 'roof', netSteps: 5000 }, { participant: 'lab', importedSteps: 4250 }]);
   * ```
   */
  settleSteps(deliveryStart: number, readings: readonly MarketStepsMeterReading[]): SettlementResult {
    return this.settleWith(deliveryStart, readings, 'Market.settleSteps', true);
  }

  private settleWith(deliveryStart: number, readings: unknown, fn: string, steps: boolean): SettlementResult {
    const result = settleCommand(this.ctx, deliveryStart, readings, fn, steps);
    this.core.flush();
    return result;
  }

  /**
   * Forgets settled intervals that ended by `time` (their products, orders and trades), to keep a
   * long-running market's memory bounded; the ledger and the journal keep their records, and the
   * journal records the prune itself, so a replay reaches the same state. A forgotten interval
   * stays settled: settling it again is refused (ALREADY_SETTLED); only its start is kept.
   * @returns how many intervals were forgotten.
   * @throws WattError INVALID_TIME when `time` is not a whole number of ms within ±TIME_LIMIT.
   */
  prune(time: number): number {
    const forgotten = pruneIntervals(this.ctx, time);
    // A prune queues no event, but delivers any left queued (see cancel).
    this.core.flush();
    return forgotten;
  }

  /**
   * A product by zone and interval start, with its status now.
   * @throws WattError UNKNOWN_ZONE, UNKNOWN_PRODUCT (not an interval start within ±TIME_LIMIT).
   */
  product(zone: string, deliveryStart: number): ProductInfo {
    const fn = 'Market.product';
    return productInfo(this.core, zoneIndexOf(this.config, zone, fn), intervalStartOf(this.config, deliveryStart, fn));
  }

  /**
   * Every product (all zones) with a start in `[from, to)`, in time then zone order.
   * @throws WattError INVALID_TIME (a bound not a whole number of ms within ±TIME_LIMIT),
   *   INVALID_ARGUMENT (`to` before `from`, or more than {@link MAX_PRODUCTS_PER_CALL} products).
   */
  products(from: number, to: number): ProductInfo[] {
    return productsBetween(this.core, from, to, MAX_PRODUCTS_PER_CALL);
  }

  /**
   * An open order, or undefined.
   * @throws WattError INVALID_ID when `orderId` is not a non-empty string.
   */
  order(orderId: string): MarketOrderView | undefined {
    return orderView(this.core, checkId(orderId, 'Market.order', 'order id'));
  }

  /**
   * The trades of the interval starting at `deliveryStart` (all zones), in the order they happened per product.
   * @throws WattError UNKNOWN_PRODUCT (not an interval start).
   */
  trades(deliveryStart: number): readonly MarketTrade[] {
    return intervalTrades(this.core, intervalStartOf(this.config, deliveryStart, 'Market.trades'));
  }

  /**
   * The auction result of a product after its gate closed, if it was cleared by auction.
   * @throws WattError UNKNOWN_ZONE, UNKNOWN_PRODUCT.
   */
  auctionResult(zone: string, deliveryStart: number): AuctionResult | undefined {
    const fn = 'Market.auctionResult';
    const z = zoneIndexOf(this.config, zone, fn);
    return this.core.intervals.get(intervalStartOf(this.config, deliveryStart, fn))?.products[z]?.auction;
  }

  /**
   * The book depth of a product in continuous trading, if it has a book.
   * @throws WattError UNKNOWN_ZONE, UNKNOWN_PRODUCT, and the book's for a bad `levels`.
   */
  depth(zone: string, deliveryStart: number, levels?: number): BookDepth | undefined {
    const fn = 'Market.depth';
    const z = zoneIndexOf(this.config, zone, fn);
    return this.core.intervals.get(intervalStartOf(this.config, deliveryStart, fn))?.products[z]?.book?.depth(levels);
  }

  /**
   * A participant's money (balance and available) and energy.
   * @throws WattError UNKNOWN_PARTICIPANT.
   */
  balance(participant: string): ParticipantBalance {
    const p = this.participantOf(participant, 'Market.balance');
    const ledger = this.config.ledger;
    return Object.freeze({ money: ledger.balance(p.money), available: ledger.available(p.money), energy: ledger.balance(p.energy) });
  }

  /** The registered participants, in registration order. */
  participants(): readonly MarketParticipant[] {
    return [...this.core.registry.all()].filter((p) => !p.utility).map((p) => Object.freeze({ id: p.id, zone: p.zone }));
  }

  /**
   * The command journal: the `init` entry, then every accepted command, in order, as plain
   * JSON-serialisable data (empty with `journal: false`; after {@link Market.restore}, the
   * commands since the snapshot).
   */
  journal(): readonly MarketCommand[] {
    return this.recorder.commands;
  }

  /**
   * A stable hash of the whole market state: time, participants, open orders, products (books,
   * sealed orders, trades), settlements and the ledger. Equal states hash equal on every machine.
   */
  stateHash(): string {
    return marketStateHash(this.core, this.recorder.seq);
  }

  /** Adds a listener for a market event; see {@link MarketEvents}. */
  on<K extends keyof MarketEvents>(event: K, listener: MarketEvents[K]): this {
    this.core.emitter.on(event, listener as never);
    this.core.hear(event);
    return this;
  }

  /** Removes a listener. */
  off<K extends keyof MarketEvents>(event: K, listener: MarketEvents[K]): this {
    this.core.emitter.off(event, listener as never);
    return this;
  }

  /** Adds a listener that runs once. */
  once<K extends keyof MarketEvents>(event: K, listener: MarketEvents[K]): this {
    this.core.emitter.once(event, listener as never);
    this.core.hear(event);
    return this;
  }

  /**
   * Carries out one journalled command again, through the same public call that made it (for
   * {@link Market.replay}; the clock already reads the command's time).
   */
  private apply(c: MarketCommand): void {
    applyJournalEntry(this.core, this, this.replayAdvance, c);
  }

  // An advance as journalled (maybe stopped before a failed gate), for applyJournalEntry: made once.
  private readonly replayAdvance = (to: number, stoppedBefore: number | undefined): void => this.advancer.advance(to, stoppedBefore);

  private participantOf(id: unknown, fn: string): ParticipantRecord {
    const pid = checkId(id, fn, 'participant', ErrorCode.INVALID_OWNER);
    const p = this.core.registry.get(pid);
    if (p === undefined || p.utility) fail(ErrorCode.UNKNOWN_PARTICIPANT, fn, `participant '${pid}' is not registered`);
    return p;
  }
}

/**
 * The state a {@link Market.restore} hands to the constructor it calls next (set right before,
 * taken by the constructor's first statement, before any user code runs: no other call sees it).
 */
let pendingRestore: { readonly ledger: Ledger; readonly snapshot: MarketSnapshot } | undefined;
