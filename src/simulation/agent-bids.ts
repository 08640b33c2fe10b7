import type { AgentContext, AgentState, OrderSink, WriteOrders } from '../agents/bidding-strategy.js';
import { BUILT_IN_WRITERS } from '../agents/strategy-registry.js';
import type { AssetContext, StorageView } from '../assets/asset.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Market } from '../market/market.js';
import type { MarketStepsOrderInput } from '../market/market-types.js';
import { createRandom } from '../random/random.js';
import type { CalendarDate } from '../time/calendar.js';
import type { Prosumer } from './prosumer.js';
import type { WelfareTally } from './welfare-tally.js';
import type { ZonePrices } from './zone-prices.js';

const FN = 'runSimulation';
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The agents' bidding in a run: each interval, every prosumer's agent bids on its forecast and
 * its zone's price history, and its orders go to the market (and, when market efficiency needs
 * them again, to the welfare tally). Holds what is the same for every agent of an interval (set
 * once by {@link AgentBids.begin}) and what the built-in strategies are handed.
 */
export class AgentBids implements OrderSink {
  /** Wh bid to buy and offered to sell in the interval so far. */
  demandWh = 0;
  supplyWh = 0;
  /** Each prosumer's built-in strategy's writer, by index; undefined for a strategy of the user's. */
  private readonly writers: (WriteOrders | undefined)[];
  /**
   * The built-in strategies read their context and state during the call and keep neither (they
   * are pure functions of them): they get one context and state object per run, overwritten for
   * every agent, and write their orders straight into this sink ({@link AgentBids.order}), instead
   * of two fresh objects per agent and interval and an array and object per order. A strategy of
   * the user's gets fresh objects, as always.
   */
  private readonly agentCtx: Writable<AgentContext>;
  private readonly agentState: { netForecastWh: number } = { netForecastWh: 0 };
  private readonly agentStorageState: { netForecastWh: number; storage: StorageView };
  /** The order being submitted, overwritten for every order: the market keeps nothing of its input. */
  private readonly submitted: MarketStepsOrderInput = { id: '', participant: '', deliveryStart: 0, side: 'buy', priceTicks: 0, quantitySteps: 0 };
  /** The interval: its assets' view, number, slot of the day, start, market, tariff and order ids' part (`/<interval>:`). */
  private interval: AssetContext | undefined = undefined;
  private k = 0;
  private slot = 0;
  private start = 0;
  private market: Market | undefined = undefined;
  private retailTicks = 0;
  private feedInTicks = 0;
  private idPart = '';
  /** The agent whose orders {@link AgentBids.order} takes, and the number of its next one. */
  private bidder = 0;
  private bidderOrders = 0;
  /**
   * Each prosumer's order ids by order number, `<participant>/<n>`, made on first use and reused
   * every interval: an id built per order (`<participant>/<interval>/<n>`) was three strings made
   * and one flattened per order for the market to hash, some 30 million a district year, and
   * their garbage. The market refuses only the id of an open order, and every order of an
   * interval is finished (cleared, or expired with its book) once the run has processed the
   * interval's gate closure, which it does before the next interval's bids
   * ({@link AgentBids.gateProcessed}).
   */
  private readonly ids: string[][];
  /** Whether this interval's orders take the reused ids (else `<participant>/<interval>:<n>`). */
  private reuse = false;
  /** The market on which orders with reused ids may still be open (their gate not processed yet). */
  private reusedOpenOn: Market | undefined = undefined;

  constructor(
    private readonly prosumers: readonly Prosumer[],
    /** Each prosumer's zone price history, by index. */
    private readonly historyOf: readonly ZonePrices[],
    private readonly welfare: WelfareTally,
    /** The run's first local date: what the shared context holds until the first interval. */
    local: CalendarDate,
    /**
     * Whether order ids may be reused from interval to interval: only where no user code sees
     * them (a built-in mechanism). A custom mechanism reads every order's id, and sees each id of
     * a run once, as before the reuse.
     */
    private readonly reuseIds = true,
  ) {
    this.writers = prosumers.map((p) => BUILT_IN_WRITERS.get(p.def.strategy));
    this.ids = prosumers.map(() => []);
    this.agentStorageState = { netForecastWh: 0, storage: { storedWh: 0, maxChargeWh: 0, maxDischargeWh: 0, mustChargeWh: 0, roundTripPpm: 0 } };
    this.agentCtx = {
      interval: 0,
      local,
      durationMs: 0,
      retailTicks: 0,
      feedInTicks: 0,
      priceForecastTicks: undefined,
      recentPricesTicks: [],
      rng: createRandom(0),
    };
  }

  /** Every agent bids for interval `k` (slot `slot` of its day, starting at `start`) on `market`. */
  bidAll(market: Market, interval: AssetContext, k: number, slot: number, start: number, retailTicks: number, feedInTicks: number): void {
    this.market = market;
    this.interval = interval;
    this.k = k;
    this.slot = slot;
    this.start = start;
    this.retailTicks = retailTicks;
    this.feedInTicks = feedInTicks;
    // Reused ids only where none of them can be open: on another market (the run's previous day)
    // or after the gate of the interval that last used them; and only with a built-in mechanism
    // (see reuseIds). Otherwise (a custom mechanism; or, never in a run, which processes every
    // interval's gate before the next one bids, ids that may still be open) ids of their own for
    // the interval: their last '/' is followed by `<interval>:<n>`, never by digits alone, so they
    // cannot equal a reused id of any participant.
    this.reuse = this.reuseIds && this.reusedOpenOn !== market;
    if (this.reuse) this.reusedOpenOn = market;
    else this.idPart = `/${k}:`;
    this.demandWh = 0;
    this.supplyWh = 0;
    // What every built-in agent of the interval is told alike, written once.
    const c = this.agentCtx;
    c.interval = k;
    c.local = interval.local;
    c.durationMs = interval.durationMs;
    c.retailTicks = retailTicks;
    c.feedInTicks = feedInTicks;
    const n = this.prosumers.length;
    for (let i = 0; i < n; i++) this.bid(i);
  }

  /**
   * Tells the bids that `market` has processed the gate closure of the interval they last bid for:
   * every order with a reused id is finished there, so the next interval may use the ids again.
   */
  gateProcessed(market: Market): void {
    if (this.reusedOpenOn === market) this.reusedOpenOn = undefined;
  }

  /**
   * Prosumer `i`'s agent bids on its forecast and its zone's price history. (A method of its own,
   * small and called a thousand times an interval, is optimised at once; inside a long function
   * this loop ran unoptimised for much of the run.)
   */
  private bid(i: number): void {
    const interval = this.interval as AssetContext;
    const p = this.prosumers[i] as Prosumer;
    const storage = p.storageView(interval);
    const history = this.historyOf[i] as ZonePrices;
    const netForecastWh = p.forecastWh;
    const write = this.writers[i];
    this.bidder = i;
    this.bidderOrders = 0;
    if (write !== undefined) {
      const c = this.agentCtx;
      c.priceForecastTicks = history.bySlot[this.slot];
      c.recentPricesTicks = history.recent;
      c.rng = p.agentRng;
      let state: AgentState;
      if (storage === undefined) {
        this.agentState.netForecastWh = netForecastWh;
        state = this.agentState;
      } else {
        this.agentStorageState.netForecastWh = netForecastWh;
        this.agentStorageState.storage = storage;
        state = this.agentStorageState;
      }
      write(c, state, this);
      return;
    }
    const ctx: AgentContext = {
      interval: this.k,
      local: interval.local,
      durationMs: interval.durationMs,
      retailTicks: this.retailTicks,
      feedInTicks: this.feedInTicks,
      priceForecastTicks: history.bySlot[this.slot],
      recentPricesTicks: history.recent,
      rng: p.agentRng,
    };
    const state: AgentState = storage === undefined ? { netForecastWh } : { netForecastWh, storage };
    for (const o of p.def.strategy.orders(ctx, state)) this.order(o.side, o.priceTicks, o.quantityWh);
  }

  /**
   * Checks and submits an order of the agent that is bidding, and adds its Wh to the interval's
   * demand or supply (the sink of the built-in strategies, see {@link AgentBids.agentCtx}).
   */
  order(side: 'buy' | 'sell', priceTicks: number, quantityWh: number): void {
    const p = this.prosumers[this.bidder] as Prosumer;
    checkOrder(side, priceTicks, quantityWh, this.feedInTicks, this.retailTicks, p.def.id, p.def.strategy.name);
    const n = this.bidderOrders++;
    const id = this.reuse ? this.reusedId(p, n) : `${p.def.id}${this.idPart}${n}`;
    // The market counts in the scenario's price tick and (by default) 0.001 kWh: Wh.
    const order = this.submitted;
    order.id = id;
    order.participant = p.def.id;
    order.deliveryStart = this.start;
    order.side = side;
    order.priceTicks = priceTicks;
    order.quantitySteps = quantityWh;
    (this.market as Market).submitSteps(order);
    // Only a mechanism that is not efficient needs the orders again (market efficiency).
    if (this.welfare.wantsOrders) this.welfare.order(id, p.def.id, p.def.zone, side === 'buy', priceTicks, quantityWh);
    if (side === 'buy') this.demandWh += quantityWh;
    else this.supplyWh += quantityWh;
  }

  /** The bidding agent's reused id of its order number `n` (see {@link AgentBids.ids}). */
  private reusedId(p: Prosumer, n: number): string {
    const own = this.ids[this.bidder] as string[];
    return own[n] ?? (own[n] = `${p.def.id}/${n}`);
  }
}

/** A strategy of the user's must keep to the band and to whole positive Wh. */
function checkOrder(sideIn: 'buy' | 'sell', priceTicks: number, quantityWh: number, feedInTicks: number, retailTicks: number, id: string, strategy: string): void {
  const side: unknown = sideIn; // a user's strategy may return anything
  if (
    (side !== 'buy' && side !== 'sell') ||
    !Number.isSafeInteger(quantityWh) ||
    quantityWh <= 0 ||
    !Number.isSafeInteger(priceTicks) ||
    priceTicks < feedInTicks ||
    priceTicks > retailTicks
  ) {
    fail(ErrorCode.INVALID_ARGUMENT, FN, `strategy '${strategy}' of '${id}' returned an invalid order (sides 'buy'/'sell', whole positive Wh, prices within the band)`);
  }
}
