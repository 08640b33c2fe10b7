import type { StorageView } from '../assets/asset.js';
import type { Random } from '../random/random.js';
import type { CalendarDate } from '../time/calendar.js';

/** One order an agent wants to place for the coming interval, in integers. */
export interface AgentOrder {
  /** 'buy' to import energy, 'sell' to export it. */
  readonly side: 'buy' | 'sell';
  /** Limit price in ticks of the market's price tick. */
  readonly priceTicks: number;
  /** Quantity in Wh (positive). */
  readonly quantityWh: number;
}

/** What an agent knows about the coming interval and the market. */
export interface AgentContext {
  /** Index of the interval since the start of the run. */
  readonly interval: number;
  /** Local calendar time of the interval's start. */
  readonly local: CalendarDate;
  /** Length of the interval, ms. */
  readonly durationMs: number;
  /** The utility's retail price for this interval (a measured tariff changes it), ticks: nobody should pay more. */
  readonly retailTicks: number;
  /** The utility's feed-in price for this interval, ticks: nobody should accept less. */
  readonly feedInTicks: number;
  /** The market's expected clearing price for this interval, ticks (undefined before any history). */
  readonly priceForecastTicks: number | undefined;
  /** Recent clearing prices, ticks, oldest first (for example the last day's). */
  readonly recentPricesTicks: readonly number[];
  /** This agent's own random stream. */
  readonly rng: Random;
}

/** What an agent knows about its own prosumer for the coming interval. */
export interface AgentState {
  /** Forecast consumption minus forecast generation, Wh: positive when it will need energy. */
  readonly netForecastWh: number;
  /** Its controllable asset, if it has one (battery, EV, swap station, heat store, a plug-in). */
  readonly storage?: StorageView;
}

/**
 * An agent's view of its storage at the start of the interval: defined with the asset plug-ins,
 * which produce it.
 */
export type { StorageView } from '../assets/asset.js';

/**
 * A bidding strategy: turns what an agent knows into orders for the coming interval. Strategies
 * are pure functions of their inputs and the random stream they are given, so a run is
 * reproducible. Bring your own by implementing this interface and naming it in the scenario.
 *
 * @example
 * ```ts
 * const alwaysMid: BiddingStrategy = {
 *   name: 'always-mid',
 *   orders(ctx, state) {
 *     const price = Math.floor((ctx.retailTicks + ctx.feedInTicks) / 2);
 *     if (state.netForecastWh > 0) return [{ side: 'buy', priceTicks: price, quantityWh: state.netForecastWh }];
 *     if (state.netForecastWh < 0) return [{ side: 'sell', priceTicks: price, quantityWh: -state.netForecastWh }];
 *     return [];
 *   },
 * };
 * ```
 */
export interface BiddingStrategy {
  /** A short name for reports. */
  readonly name: string;
  /** The orders for the coming interval; prices within [feedInTicks, retailTicks], quantities > 0. */
  orders(ctx: AgentContext, state: AgentState): readonly AgentOrder[];
}

/**
 * Where a built-in strategy writes its orders: one call per order, in the order its `orders`
 * returns them. Internal: the run loop takes a built-in's orders this way, without an array and
 * an object per order (a district year makes some 30 million).
 */
export interface OrderSink {
  order(side: 'buy' | 'sell', priceTicks: number, quantityWh: number): void;
}

/** A built-in strategy's orders written into a sink (internal, see {@link OrderSink}). */
export type WriteOrders = (ctx: AgentContext, state: AgentState, sink: OrderSink) => void;

/** The orders `write` writes, as a fresh array of fresh orders (what `orders` of a built-in returns). */
export function collectOrders(write: WriteOrders, ctx: AgentContext, state: AgentState): AgentOrder[] {
  const out: AgentOrder[] = [];
  write(ctx, state, {
    order(side, priceTicks, quantityWh) {
      out.push({ side, priceTicks, quantityWh });
    },
  });
  return out;
}
