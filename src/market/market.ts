import type { AuctionResult } from '../auction/auction-result.js';
import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail, WattError } from '../errors/watt-error.js';
import { StateHasher } from '../hashing/state-hasher.js';
import type { Ledger } from '../ledger/ledger.js';
import type { BookDepth } from '../order-book/book-depth.js';
import { Reservations } from '../settlement/reservations.js';
import { resolveSettlementConfig } from '../settlement/settlement-config.js';
import { openSettlementAccounts } from '../settlement/open-settlement-accounts.js';
import type { SettlementResult } from '../settlement/settlement-result.js';
import { ManualClock } from '../time/clock.js';
import { fromSteps } from '../units/from-steps.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkId, checkKnownKeys, checkObject } from '../validation/checks.js';
import { clearIntervalAuctions } from './auction-clearing.js';
import { afterBookCall, bookOf, closeBook, restingOrders, submitToBook } from './continuous-trading.js';
import { resolveMarketConfig, type MarketConfig } from './market-config.js';
import { MarketCore } from './market-core.js';
import type { MarketEvents } from './market-events.js';
import { applyCommand, journalOrder, journalValue, type MarketCommand } from './market-journal.js';
import { settleMarketInterval, settlementOptionsOf } from './market-settlement.js';
import { stepsInput, type TradeRecord } from './market-trade.js';
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
  ProductStatus,
} from './market-types.js';
import { MarketFunds } from './market-funds.js';
import { NO_TRADES, SubmitView } from './submit-view.js';
import { intakeSpecs, parseMarketOrder, parseStepsOrder, venueAt, type IntakeView, type ParsedOrder } from './order-intake.js';
import { ParticipantRegistry, UTILITY_PARTICIPANT } from './participant-registry.js';
import { isoTime } from './product-schedule.js';
import type { Durability } from '../store/durability.js';
import type { CommandStore } from '../store/store-types.js';
import { openDurableMarket, setMarketDurability } from './durable-market.js';

const SUBMIT = intakeSpecs('Market.submit');
const SUBMIT_STEPS = 'Market.submitSteps';
const AMEND = intakeSpecs('Market.amend');
const DEPOSIT_AMOUNT = valueSpec('Market.deposit', 'amount', ErrorCode.INVALID_AMOUNT, 'positive', 'step');
const WITHDRAW_AMOUNT = valueSpec('Market.withdraw', 'amount', ErrorCode.INVALID_AMOUNT, 'positive', 'step');

/**
 * A local energy market: many delivery intervals and zones at once, each product trading
 * continuously, by call auction at gate closure, or both; participants with ledger accounts and
 * collateral; the utility's tariff as the price band; settlement against meter readings. Time
 * comes only from the injected clock and {@link Market.advanceTo}, so a market is reproducible,
 * and its command journal rebuilds it exactly ({@link Market.replay}).
 *
 * The cycle: an interval opens `horizonMinutes` before its start and takes orders until its gate
 * closes `gateClosureMinutes` before its start. `advanceTo(time)` carries out, instant by instant
 * in time order, every gate closure (auctions clear, resting orders expire) and call-phase start
 * due by `time`; at the same instant gate closures come first, earlier intervals first, zones in
 * their configured order. After delivery, {@link Market.settle} settles the interval against the
 * meter readings. Other calls never trigger these transitions: they only judge, by the clock,
 * whether a product is still open.
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
  /** The ledger the market posts to. */
  readonly ledger: Ledger;
  private readonly core: MarketCore;
  private readonly config: MarketConfig;
  private readonly commands: MarketCommand[] = [];
  private seq = 0;
  private readonly view: IntakeView;
  private readonly bank: string;
  private readonly funds: MarketFunds;
  // The store accepted commands are journalled to (Market.open); see durable-market.ts.
  private durable: Durability | undefined;

  static {
    setMarketDurability((market, durability) => {
      market.durable = durability;
    });
  }

  /**
   * Opens the market that `store` holds: every command journalled there is carried out again,
   * each at the time it was journalled (recovery reads no clock; `options.clock` serves the
   * commands after it), or a new market when the store is empty. Every accepted command is then
   * queued for the store (group commit); {@link Market.flush} makes them durable.
   * @param options - the market's options (they must equal the stored ones, the clock aside;
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

  /** The sequence number of the last command accepted (0 for a new market); refused calls are not commands. */
  get sequence(): number {
    return this.seq;
  }

  /**
   * Resolves once every command accepted before the call is durable in the market's store (at
   * once for a market without a store).
   * @throws WattError STORE_FAILED (rejects) when a store write failed; STORE_CLOSED after close.
   */
  flush(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.flush();
  }

  /** Writes a snapshot of the market to its store; recovery starts from the latest one (nothing to do without a store). */
  checkpoint(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.checkpoint();
  }

  /** Flushes and releases the store; commands after it are refused (STORE_CLOSED). Closing twice is harmless. */
  close(): Promise<void> {
    return this.durable === undefined ? Promise.resolve() : this.durable.close();
  }

  /**
   * @param options - see {@link MarketOptions}; `clock` and `tariff` are required.
   * @throws WattError for any bad option (INVALID_OPTION, INVALID_PRICE, INVALID_STEP, INVALID_K,
   *   INVALID_FEE, UNKNOWN_MECHANISM, UNKNOWN_ZONE, UNKNOWN_ASSET, ...).
   */
  constructor(options: MarketOptions) {
    const config = resolveMarketConfig(options);
    this.config = config;
    this.ledger = config.ledger;
    const settlement = settlementOptionsOf(config);
    openSettlementAccounts(config.ledger, { participants: [] }, settlement);
    this.bank = `bank:${config.currency.code}`;
    if (!config.ledger.hasAccount(this.bank)) config.ledger.openAccount({ id: this.bank, asset: config.currency.code, allowNegative: true });
    const collateral = config.collateral || config.energyCollateral
      ? new Reservations(config.ledger, resolveSettlementConfig(config.ledger, { ...settlement, idPrefix: 'collateral' }, 'Market'))
      : undefined;
    const registry = new ParticipantRegistry(config);
    this.core = new MarketCore(config, registry, collateral);
    // Collateral and settlement count energy in the ledger's kWh step: the market's own quantity
    // step, unless the market was given a ledger with another.
    this.core.sameEnergyStep = this.core.settlementConfig().energyStep.text === config.quantityStep.text;
    this.funds = new MarketFunds(config, this.core);
    if (config.utilityOrders) registry.add(registry.parse({ id: UTILITY_PARTICIPANT, zone: config.zones[0] }, 'Market', true));
    const core = this.core;
    this.view = {
      config,
      get now() {
        return core.now();
      },
      participant: (id) => registry.get(id),
      isLive: (id) => core.live.has(id),
    };
  }

  /**
   * Rebuilds a market from its journal: a new market with `options` (and a manual clock that
   * follows the journal's times) carries out every command again. The result has the same state
   * hash as the market the journal came from.
   * @throws whatever the first command that fails throws (a journal from other options).
   */
  static replay(journal: readonly MarketCommand[], options: Omit<MarketOptions, 'clock'>): Market {
    const clock = new ManualClock(journal[0]?.time ?? 0);
    const market = new Market({ ...options, clock });
    for (const c of journal) {
      if (c.time > clock.now()) clock.set(c.time);
      applyCommand(market, c);
    }
    return market;
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
    const record = this.core.registry.parse(participant, 'Market.registerParticipant');
    this.core.registry.add(record);
    this.record({ kind: 'register', participant: { id: record.id, zone: record.zone } });
    this.core.emit('participantRegistered', { participant: record.id, zone: record.zone });
    this.core.flush();
  }

  /**
   * Moves money into a participant's account from outside the market (the `bank:<currency>`
   * account). Idempotent by `id`: the same deposit again returns `'exists'`.
   * @throws WattError UNKNOWN_PARTICIPANT, INVALID_ID, INVALID_AMOUNT, TRANSFER_CONFLICT.
   */
  deposit(transfer: FundsTransferInput): FundsTransferResult {
    return this.moveFunds(transfer, 'deposit');
  }

  /**
   * Moves available money out of a participant's account. Idempotent by `id`.
   * @throws WattError UNKNOWN_PARTICIPANT, INVALID_ID, INVALID_AMOUNT, INSUFFICIENT_FUNDS, TRANSFER_CONFLICT.
   */
  withdraw(transfer: FundsTransferInput): FundsTransferResult {
    return this.moveFunds(transfer, 'withdraw');
  }

  private moveFunds(transfer: unknown, kind: 'deposit' | 'withdraw'): FundsTransferResult {
    const fn = kind === 'deposit' ? 'Market.deposit' : 'Market.withdraw';
    const t = checkObject(transfer, fn, 'transfer');
    checkKnownKeys(t, ['id', 'participant', 'amount'], fn, 'field');
    const id = checkId(t['id'], fn, 'id');
    const p = this.participantOf(t['participant'], fn);
    const steps = toSteps(t['amount'], this.config.currency.step, kind === 'deposit' ? DEPOSIT_AMOUNT : WITHDRAW_AMOUNT);
    const amount = stepsInput(steps, this.config.currency.step);
    const [from, to] = kind === 'deposit' ? [this.bank, p.money] : [p.money, this.bank];
    const result = rethrowAs(fn, () => this.ledger.transfer({ id: `${kind}/${id}`, from, to, amount }));
    if (result.status === 'created') this.record({ kind, id, participant: p.id, amount });
    this.core.emit('fundsMoved', { id, participant: p.id, kind: kind === 'deposit' ? 'deposit' : 'withdrawal', status: result.status });
    this.core.flush();
    return result;
  }

  /**
   * Places an order for a product (the participant's zone, the interval starting at
   * `deliveryStart`). In an auction (or a call phase) it is sealed until gate closure; in
   * continuous trading it matches at once and its rest may rest in the book. A buy order reserves
   * price x quantity of the participant's money while collateral is on.
   * @throws WattError for bad fields (INVALID_*), UNKNOWN_PARTICIPANT, UNKNOWN_PRODUCT,
   *   PRODUCT_CLOSED, PRICE_OUT_OF_BAND, DUPLICATE_ORDER_ID, INSUFFICIENT_FUNDS; nothing changes,
   *   and an 'orderRejected' event reports the refusal.
   */
  submit(order: MarketOrderInput): MarketSubmitResult {
    let parsed: ParsedOrder;
    try {
      parsed = parseMarketOrder(order, this.view, SUBMIT);
      this.checkNewOrder(parsed, SUBMIT.fn);
    } catch (e) {
      this.announceRejection(order, e);
      throw e;
    }
    return this.place(parsed, SUBMIT.fn);
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
    let parsed: ParsedOrder;
    try {
      parsed = parseStepsOrder(order, this.view, SUBMIT_STEPS);
      this.checkNewOrder(parsed, SUBMIT_STEPS);
    } catch (e) {
      this.announceRejection(order, e);
      throw e;
    }
    return this.place(parsed, SUBMIT_STEPS);
  }

  /** The checks of a new order beyond its fields: a reserved id, the participant's funds. */
  private checkNewOrder(parsed: ParsedOrder, fn: string): void {
    if (parsed.id.charCodeAt(0) === 64) fail(ErrorCode.INVALID_ID, fn, `order ids starting with '@' are reserved; got '${parsed.id}'`);
    this.funds.check(parsed, 0, fn);
  }

  /** Places a new order that passed every check (submit and submitSteps). */
  private place(parsed: ParsedOrder, fn: string): MarketSubmitResult {
    if (this.config.journal || this.durable !== undefined) this.record({ kind: 'submit', order: journalOrder(parsed, this.config) });
    else this.seq++;
    const core = this.core;
    const product = core.product(parsed.participant.zoneIndex, parsed.start);
    let result: MarketSubmitResult;
    if (parsed.venue === 'book') {
      const outcome = submitToBook(core, parsed, this.reserver);
      result = new SubmitView(parsed.id, product.id, outcome.status, outcome.trades, outcome.filledLots, outcome.remainingLots, this.config.quantityStep);
    } else {
      const reservation = this.funds.reserve(parsed, fn);
      product.sealed.push(core.live.add(parsed.id, parsed.participant, product, parsed.side, parsed.priceTicks, parsed.lots, 'sealed', reservation, core.nextSeq()));
      result = new SubmitView(parsed.id, product.id, 'sealed', NO_TRADES, 0, parsed.lots, this.config.quantityStep);
    }
    if (core.listens('orderAccepted')) {
      core.emitFirst('orderAccepted', { orderId: parsed.id, participant: parsed.participant.id, product: result.product, side: parsed.side, status: result.status });
    }
    core.flush();
    return result;
  }

  /**
   * Cancels an open order (resting or sealed) whose product is still open.
   * @returns true when an order was cancelled; false when there is no such open order or its
   *   gate has passed.
   */
  cancel(orderId: string): boolean {
    const order = typeof orderId === 'string' ? this.core.live.get(orderId) : undefined;
    if (order === undefined || this.core.now() >= this.config.schedule.gateClosure(order.product.start)) return false;
    this.record({ kind: 'cancel', orderId: order.id });
    if (order.venue === 'book') order.product.book?.cancel(order.id);
    else order.product.sealed.remove(order.slot);
    order.lots = 0;
    this.core.retire(order, 'Market.cancel');
    this.core.emit('orderCancelled', { orderId: order.id, product: order.product.id, reason: 'user' });
    this.core.flush();
    return true;
  }

  /**
   * Changes an open order's price and/or open quantity while its product is open. As in the book:
   * a lower quantity keeps its place; a new price or a larger quantity sends it to the back (of the
   * book level, or of the auction's arrival order), and in continuous trading a crossing new price
   * trades at once. Its collateral is re-reserved for the new price and quantity.
   * @throws WattError UNKNOWN_ORDER, PRODUCT_CLOSED, INVALID_PRICE, INVALID_QUANTITY,
   *   PRICE_OUT_OF_BAND, INSUFFICIENT_FUNDS, INVALID_ARGUMENT.
   */
  amend(orderId: string, change: MarketOrderChange): MarketSubmitResult {
    const fn = AMEND.fn;
    const id = checkId(orderId, fn, 'order id');
    const order = this.core.live.get(id);
    if (order === undefined) fail(ErrorCode.UNKNOWN_ORDER, fn, `order '${id}' is not open`);
    venueAt(this.config, order.participant.zoneIndex, order.product.start, this.core.now(), fn);
    const c = checkObject(change, fn, 'change');
    checkKnownKeys(c, ['price', 'quantity'], fn, 'change field');
    if (c['price'] === undefined && c['quantity'] === undefined) fail(ErrorCode.INVALID_ARGUMENT, fn, 'a change needs a price or a quantity');
    const lots = c['quantity'] === undefined ? order.lots : toSteps(c['quantity'], this.config.quantityStep, AMEND.quantity);
    let priceTicks = order.priceTicks;
    if (c['price'] !== undefined) {
      if (Number.isNaN(order.priceTicks)) fail(ErrorCode.INVALID_PRICE, fn, 'a market order has no price to change');
      priceTicks = toSteps(c['price'], this.config.priceTick, AMEND.price);
      if (priceTicks < this.config.feedInTicks || priceTicks > this.config.retailTicks) fail(ErrorCode.PRICE_OUT_OF_BAND, fn, 'the new price is outside the utility band');
    }
    const parsed: ParsedOrder = { id, participant: order.participant, start: order.product.start, side: order.side, lots, priceTicks, type: 'limit', timeInForce: undefined, postOnly: false, venue: order.venue };
    const collateral = this.core.collateral;
    const held = order.reservation >= 0 && collateral !== undefined ? collateral.held(order.reservation) : 0;
    this.funds.check(parsed, held, fn);
    // funds.check computes exactly what funds.reserve will need, so past this point nothing the caller
    // gave can fail; the command is journalled once the new reservation stands.
    if (order.reservation >= 0 && collateral !== undefined) {
      collateral.release(order.reservation, fn);
      order.reservation = -1;
    }
    order.reservation = this.funds.reserve(parsed, fn);
    this.record({ kind: 'amend', orderId: id, change: { ...(c['price'] === undefined ? {} : { price: journalValue(c['price']) }), ...(c['quantity'] === undefined ? {} : { quantity: journalValue(c['quantity']) }) } });
    const toBack = priceTicks !== order.priceTicks || lots > order.lots;
    order.priceTicks = priceTicks;
    let result: MarketSubmitResult;
    if (order.venue === 'book') {
      const book = bookOf(this.core, order.product);
      const r = book.amend(id, {
        ...(c['price'] === undefined ? {} : { price: stepsInput(priceTicks, this.config.priceTick) }),
        quantity: stepsInput(lots, this.config.quantityStep),
      });
      order.lots = lots;
      const outcome = afterBookCall(this.core, order.product, order, r);
      result = new SubmitView(id, order.product.id, outcome.status, outcome.trades, outcome.filledLots, outcome.remainingLots, this.config.quantityStep);
    } else {
      order.lots = lots;
      if (toBack) order.product.sealed.toBack(order.slot);
      result = new SubmitView(id, order.product.id, 'sealed', NO_TRADES, 0, lots, this.config.quantityStep);
    }
    this.core.flush();
    return result;
  }

  /**
   * Moves the market to `time`, carrying out every gate closure and call-phase start due by then,
   * instant by instant (see the class description for the order).
   * @throws WattError INVALID_TIME when `time` is not a safe integer or is before the market's time.
   */
  advanceTo(time: number): void {
    const fn = 'Market.advanceTo';
    if (typeof time !== 'number' || !Number.isSafeInteger(time)) fail(ErrorCode.INVALID_TIME, fn, `time must be a safe integer of ms; got ${String(time)}`);
    const from = this.core.processed;
    if (time < from) fail(ErrorCode.INVALID_TIME, fn, `time ${isoTime(time)} is before the market's time ${isoTime(from)}`);
    this.record({ kind: 'advance', to: time });
    const s = this.config.schedule;
    const steps: [number, 0 | 1, number][] = [];
    for (const start of s.gatesClosingIn(from, time)) steps.push([s.gateClosure(start), 0, start]);
    for (const start of s.callsStartingIn(from, time)) steps.push([s.callStart(start), 1, start]);
    steps.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [at, kind, start] of steps) {
      this.core.processed = at;
      if (kind === 0) this.closeGate(start);
      else this.startCallPhase(start);
    }
    this.core.processed = time;
    this.core.flush();
  }

  private closeGate(start: number): void {
    // The gate closes first; what it causes (expiries, the auction and its trades) follows.
    if (this.core.listens('gateClosed')) {
      this.config.zones.forEach((zone, i) => {
        this.core.emit('gateClosed', { product: this.config.schedule.productId(zone, start), zone, deliveryStart: start, mode: this.config.modes[i] as ProductInfo['mode'] });
      });
    }
    const interval = this.core.intervals.get(start);
    if (interval === undefined) return;
    for (const p of interval.products) {
      if (p !== undefined && p.mode === 'continuous') {
        closeBook(this.core, p);
        p.phase = 'closed';
      }
    }
    clearIntervalAuctions(this.core, start);
    interval.closed = true;
  }

  private startCallPhase(start: number): void {
    const interval = this.core.intervals.get(start);
    if (interval === undefined) return;
    for (const p of interval.products) {
      if (p === undefined || p.mode !== 'continuous-then-auction' || p.phase !== 'open') continue;
      const moving = restingOrders(this.core, p);
      for (const order of moving) {
        p.book?.cancel(order.id);
        order.venue = 'sealed';
        p.sealed.push(order.slot);
      }
      p.book = undefined;
      p.bookSlots.length = 0;
      p.bookSeqs.length = 0;
      p.phase = 'call';
      this.core.emit('callPhaseStarted', { product: p.id, deliveryStart: start, sealedOrders: moving.length });
    }
  }

  /**
   * Settles a delivered interval against the meter readings (see {@link settleInterval}): trades
   * are paid and delivered, deviations settle with the utility at the retail and feed-in prices,
   * fees go to the network. Every participant that traded needs a reading; the utility's standing
   * orders are metered as delivered.
   * @throws WattError UNKNOWN_PRODUCT, NOT_SETTLEABLE (gate not yet processed or delivery not
   *   over), ALREADY_SETTLED, UNKNOWN_PARTICIPANT, INVALID_SETTLEMENT, INSUFFICIENT_FUNDS and the
   *   readings' value codes; nothing changes.
   */
  settle(deliveryStart: number, readings: readonly MarketMeterReading[]): SettlementResult {
    const { result, journal } = settleMarketInterval(this.core, deliveryStart, readings, 'Market.settle');
    this.record({ kind: 'settle', deliveryStart, readings: journal });
    this.core.emit('intervalSettled', { deliveryStart, result });
    this.core.flush();
    return result;
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
    const { result, journal } = settleMarketInterval(this.core, deliveryStart, readings, 'Market.settleSteps', true);
    this.record({ kind: 'settle', deliveryStart, readings: journal });
    this.core.emit('intervalSettled', { deliveryStart, result });
    this.core.flush();
    return result;
  }

  /**
   * Forgets settled intervals that ended by `time` (their products, orders and trades), to keep a
   * long-running market's memory bounded; the ledger and the journal keep their records, and the
   * journal records the prune itself, so a replay reaches the same state.
   * @returns how many intervals were forgotten.
   */
  prune(time: number): number {
    if (typeof time !== 'number' || !Number.isSafeInteger(time)) fail(ErrorCode.INVALID_TIME, 'Market.prune', `time must be a safe integer of ms; got ${describeValue(time)}`);
    // Journalled, so that a replay forgets the same intervals and reaches the same state hash.
    this.record({ kind: 'prune', until: time });
    let n = 0;
    for (const [start, interval] of this.core.intervals) {
      if (interval.settlement !== undefined && this.config.schedule.deliveryEnd(start) <= time) {
        this.core.intervals.delete(start);
        for (const p of interval.products) if (p !== undefined) this.core.products[p.number] = undefined;
        n++;
      }
    }
    this.core.live.compact();
    return n;
  }

  /** A product by zone and interval start, with its status now. */
  product(zone: string, deliveryStart: number): ProductInfo {
    const fn = 'Market.product';
    const zoneIndex = this.config.zoneIndex.get(zone);
    if (zoneIndex === undefined) fail(ErrorCode.UNKNOWN_ZONE, fn, `zone ${describeValue(zone)} is not one of ${this.config.zones.join(', ')}`);
    if (typeof deliveryStart !== 'number' || !this.config.schedule.isStart(deliveryStart)) fail(ErrorCode.UNKNOWN_PRODUCT, fn, `${String(deliveryStart)} is not an interval start`);
    return this.info(zoneIndex, deliveryStart);
  }

  /** Every product (all zones) with a start in `[from, to)`, in time then zone order. */
  products(from: number, to: number): ProductInfo[] {
    const s = this.config.schedule;
    const out: ProductInfo[] = [];
    const first = Math.ceil(from / s.intervalMs) * s.intervalMs;
    for (let start = first; start < to; start += s.intervalMs) {
      for (let z = 0; z < this.config.zones.length; z++) out.push(this.info(z, start));
    }
    return out;
  }

  private info(zoneIndex: number, start: number): ProductInfo {
    const s = this.config.schedule;
    const zone = this.config.zones[zoneIndex] as string;
    return Object.freeze({
      id: s.productId(zone, start),
      zone,
      deliveryStart: start,
      deliveryEnd: s.deliveryEnd(start),
      opensAt: s.opensAt(start),
      gateClosure: s.gateClosure(start),
      mode: this.config.modes[zoneIndex] as ProductInfo['mode'],
      status: this.status(zoneIndex, start),
    });
  }

  private status(zoneIndex: number, start: number): ProductStatus {
    const s = this.config.schedule;
    const now = this.core.now();
    const interval = this.core.intervals.get(start);
    if (interval?.settlement !== undefined) return 'settled';
    if (now >= s.deliveryEnd(start)) return 'delivered';
    if (now >= s.gateClosure(start)) return 'closed';
    if (now < s.opensAt(start)) return 'scheduled';
    return venueAt(this.config, zoneIndex, start, now, 'Market.product') === 'sealed' && this.config.modes[zoneIndex] === 'continuous-then-auction' ? 'call' : 'open';
  }

  /** An open order, or undefined. */
  order(orderId: string): MarketOrderView | undefined {
    const o = this.core.live.get(orderId);
    if (o === undefined) return undefined;
    return Object.freeze({
      id: o.id,
      participant: o.participant.id,
      product: o.product.id,
      side: o.side,
      price: Number.isNaN(o.priceTicks) ? undefined : fromSteps(o.priceTicks, this.config.priceTick),
      quantity: fromSteps(o.lots, this.config.quantityStep),
      venue: o.venue,
    });
  }

  /** The trades of the interval starting at `deliveryStart` (all zones), in the order they happened per product. */
  trades(deliveryStart: number): readonly MarketTrade[] {
    const interval = this.core.intervals.get(deliveryStart);
    if (interval === undefined) return [];
    return interval.products.flatMap((p) => (p === undefined ? [] : p.trades));
  }

  /** The auction result of a product after its gate closed, if it was cleared by auction. */
  auctionResult(zone: string, deliveryStart: number): AuctionResult | undefined {
    const z = this.config.zoneIndex.get(zone);
    return z === undefined ? undefined : this.core.intervals.get(deliveryStart)?.products[z]?.auction;
  }

  /** The book depth of a product in continuous trading, if it has a book. */
  depth(zone: string, deliveryStart: number, levels?: number): BookDepth | undefined {
    const z = this.config.zoneIndex.get(zone);
    return z === undefined ? undefined : this.core.intervals.get(deliveryStart)?.products[z]?.book?.depth(levels);
  }

  /**
   * A participant's money (balance and available) and energy.
   * @throws WattError UNKNOWN_PARTICIPANT.
   */
  balance(participant: string): ParticipantBalance {
    const p = this.participantOf(participant, 'Market.balance');
    return Object.freeze({ money: this.ledger.balance(p.money), available: this.ledger.available(p.money), energy: this.ledger.balance(p.energy) });
  }

  /** The registered participants, in registration order. */
  participants(): readonly MarketParticipant[] {
    return [...this.core.registry.all()].filter((p) => !p.utility).map((p) => Object.freeze({ id: p.id, zone: p.zone }));
  }

  /** The command journal: every accepted command, in order (empty with `journal: false`). */
  journal(): readonly MarketCommand[] {
    return this.commands;
  }

  /**
   * A stable hash of the whole market state: time, participants, open orders, products (books,
   * sealed orders, trades), settlements and the ledger. Equal states hash equal on every machine.
   */
  stateHash(): string {
    const h = new StateHasher();
    h.number(this.core.processed).number(this.seq);
    for (const p of this.core.registry.all()) h.string(p.id).number(p.zoneIndex);
    for (const o of this.core.live.values()) {
      h.string(o.id).string(o.product.id).string(o.side).number(Number.isNaN(o.priceTicks) ? -1 : o.priceTicks).number(o.lots).string(o.venue).boolean(o.reservation >= 0);
    }
    for (const [start, interval] of this.core.intervals) {
      h.number(start).boolean(interval.closed).boolean(interval.settlement !== undefined);
      for (const p of interval.products) {
        if (p === undefined) {
          h.absent();
          continue;
        }
        h.string(p.id).string(p.phase);
        if (p.book === undefined) h.absent();
        else h.string(p.book.stateHash());
        for (const slot of p.sealed.slots) h.string(this.core.live.idOf(slot));
        for (const id of p.sealed.clearedIds) h.string(id);
        for (const t of p.trades) hashTrade(h, t);
      }
    }
    return h.string(this.ledger.stateHash()).digest();
  }

  /** Adds a listener for a market event; see {@link MarketEvents}. */
  on<K extends keyof MarketEvents>(event: K, listener: MarketEvents[K]): this {
    this.core.emitter.on(event, listener as never);
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
    return this;
  }

  private record(command: DistributiveOmit<MarketCommand, 'seq' | 'time'>): void {
    this.seq++;
    if (!this.config.journal && this.durable === undefined) return;
    const c = Object.freeze({ ...command, seq: this.seq, time: this.core.now() }) as MarketCommand;
    if (this.config.journal) this.commands.push(c);
    this.durable?.append(c);
  }

  private participantOf(id: unknown, fn: string): ReturnType<ParticipantRegistry['get']> & object {
    const pid = checkId(id, fn, 'participant', ErrorCode.INVALID_OWNER);
    const p = this.core.registry.get(pid);
    if (p === undefined || p.utility) fail(ErrorCode.UNKNOWN_PARTICIPANT, fn, `participant '${pid}' is not registered`);
    return p;
  }

  // Book calls reserve through this, made once: a closure per submit would cost an allocation.
  private readonly reserver = (o: ParsedOrder): number => this.funds.reserve(o, SUBMIT.fn);

  private announceRejection(order: unknown, e: unknown): void {
    if (!(e instanceof WattError)) return;
    const o = typeof order === 'object' && order !== null ? (order as Record<string, unknown>) : {};
    this.core.emit('orderRejected', { orderId: o['id'], participant: o['participant'], code: e.code, message: e.message });
    this.core.flush();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function hashTrade(h: StateHasher, t: TradeRecord): void {
  h.string(t.id).string(t.buyOrderId).string(t.sellOrderId).number(t.lots).number(t.buyerTicks).number(t.sellerTicks).number(t.feeTicks).number(t.buyerPrepaid);
}

/** Runs `f` (a ledger call) and re-words a WattError it throws as `fn`'s. */
function rethrowAs<T>(fn: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WattError) throw new WattError(e.code, `${fn}: ${e.message.replace(/^[\w.]+: /, '')}`, e.reason);
    throw e;
  }
}
