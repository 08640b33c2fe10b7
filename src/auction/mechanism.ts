import type { NormalisedOrders } from './normalised-orders.js';

/**
 * How an auction shares the lots of a price level that cannot all be filled.
 * - `'input-order'`: earlier orders (by position in the input) fill first.
 * - `'pro-rata'`: in proportion to quantity, in whole lots; the lots left over by rounding down
 *   go one each to the orders with the largest remainders, ties by input position.
 */
export type Rationing = 'input-order' | 'pro-rata';

/**
 * The properties a mechanism guarantees, as data a user can read and compare. By the
 * Myerson-Satterthwaite theorem no mechanism is at once efficient, individually rational,
 * truthful and budget-balanced, so every mechanism gives up at least one of them.
 */
export interface MechanismProperties {
  /**
   * No trader pays more than its bid or receives less than its ask, per unit, in every trade.
   * Verified on every allocation when true.
   */
  readonly individuallyRational: boolean;
  /**
   * `'strong'`: buyers' payments minus sellers' receipts equal the grid fees exactly (the
   * surplus is zero); `'weak'`: they are at least the fees (the surplus is never negative);
   * `'none'`: no promise. Verified on every allocation.
   */
  readonly budgetBalance: 'strong' | 'weak' | 'none';
  /**
   * Whether reporting one's true limit price is a dominant strategy: `'no'`; `'unit-traders'`
   * when every order holds one lot (a multi-lot trader can gain by shading the price of its
   * marginal lots); `'multi-unit'` for traders of any quantity with one value per unit (the
   * quantity reported truthfully). Not checkable on one auction; proven by the test suite for
   * the built-ins.
   */
  readonly truthful: 'no' | 'unit-traders' | 'multi-unit';
  /**
   * The allocation maximises welfare (gains from trade net of grid fees). Verified when the
   * allocation is verified (always for a custom mechanism; with `verify: true` for a built-in).
   */
  readonly efficient: boolean;
  /**
   * Every buyer pays the same price per kWh and every seller receives the same price per kWh
   * (before fees), so the result has one clearing price when they are equal.
   */
  readonly uniformPricing: boolean;
}

/**
 * What a mechanism can clear beyond plain orders in one zone, as data: clearAuction refuses
 * options a mechanism declares it does not support (INVALID_OPTION, naming the mechanism), and
 * runSimulation and Market ask it instead of listing mechanism names. Every field is optional.
 *
 * An undeclared `zones` or `zonalFees` counts as supported, because verification still holds
 * the allocation to the fees: every trade must cross net of its fee, and the fees count against
 * a declared budget balance and efficiency, so a mechanism that ignores fees fails with
 * MECHANISM_FAILED rather than breaking what it declares (one that declares neither budget
 * balance nor efficiency may run a deficit, which the result reports as a negative `surplus`;
 * see docs/api-stability.md). An undeclared `capacities` counts as **not** supported: a
 * mechanism written without links in mind honours none, so capacities are refused at the
 * boundary instead of failing on the first full link. New capabilities are added here as new
 * optional fields, each with its stated default.
 *
 * @example
 * ```ts
 * // The uniform mechanism under another name, declaring all it supports.
 * const mine: AuctionMechanism = { ...BUILT_IN_MECHANISMS.uniform, name: 'my-uniform', supports: { zones: true, zonalFees: true, capacities: true } };
 * ```
 */
export interface MechanismSupport {
  /**
   * Orders in several zones (`options.zones`) whose fee is the same for every zone pair, charged
   * per kWh traded. Default true.
   */
  readonly zones?: boolean | undefined;
  /**
   * Fees that differ between zone pairs: it trades across zones net of their fees (with a price
   * per zone). Without it, a run with such fees clears each zone apart. Default true.
   */
  readonly zonalFees?: boolean | undefined;
  /**
   * Link capacities between zones (`zones.capacity`): its trades never move more between two
   * zones than the link allows (verified), and with `efficient` it maximises welfare subject to
   * them (verified). Clearing refuses capacities for a mechanism that does not declare this.
   * Default **false**.
   */
  readonly capacities?: boolean | undefined;
}

/**
 * The trades of an allocation in integers, as parallel arrays of length at least `count`: trade
 * `t` moves `quantity[t]` lots from the ask at position `ask[t]` of {@link NormalisedOrders.asks}
 * to the bid at position `bid[t]` of {@link NormalisedOrders.bids}; the buyer pays
 * `buyerPrice[t]` ticks per kWh and the seller receives `sellerPrice[t]`. Plain arrays and typed
 * arrays both work; {@link AllocationBuilder} builds one.
 */
export interface AllocationTrades {
  /** The number of trades. */
  readonly count: number;
  /** Position of each trade's bid in `orders.bids`. */
  readonly bid: ArrayLike<number>;
  /** Position of each trade's ask in `orders.asks`. */
  readonly ask: ArrayLike<number>;
  /** Lots traded: a positive safe integer. */
  readonly quantity: ArrayLike<number>;
  /** Price per kWh the buyer pays, in ticks. */
  readonly buyerPrice: ArrayLike<number>;
  /** Price per kWh the seller receives, in ticks. */
  readonly sellerPrice: ArrayLike<number>;
}

/** A price interval in ticks, both ends included. */
export interface TickInterval {
  /** The lowest price, in ticks. */
  readonly low: number;
  /** The highest price, in ticks. */
  readonly high: number;
}

/** The prices of one zone, in ticks, as a mechanism reports them. */
export interface ZoneTickPrices {
  /** The zone, as an index into {@link MechanismContext.zones}. */
  readonly zone: number;
  /** The price every buyer of the zone pays, when the zone has buy orders. */
  readonly buyerPrice: number | undefined;
  /** The price every seller of the zone receives, when the zone has sell orders. */
  readonly sellerPrice: number | undefined;
  /** The interval of market-clearing buyer prices of the zone, when it has one. */
  readonly buyerInterval: TickInterval | undefined;
  /** The interval of market-clearing seller prices of the zone, when it has one. */
  readonly sellerInterval: TickInterval | undefined;
}

/** What a mechanism returns: its trades, and its prices where it has them. */
export interface MechanismAllocation {
  /** The trades, in integers. */
  readonly trades: AllocationTrades;
  /**
   * The single clearing price in ticks, where the mechanism has one: then every trade's buyer
   * and seller price equal it (verified).
   */
  readonly price?: number | undefined;
  /** The interval of market-clearing prices the price was chosen from, where there is one. */
  readonly interval?: TickInterval | undefined;
  /** Zonal prices, when the auction has zones and the mechanism prices by zone (verified). */
  readonly zonePrices?: readonly ZoneTickPrices[] | undefined;
}

/** An exact fraction `numerator / denominator`. */
export interface ExactFraction {
  /** The numerator, at least 0. */
  readonly numerator: bigint;
  /** The denominator, at least 1. */
  readonly denominator: bigint;
}

/** Everything a mechanism needs besides the orders. */
export interface MechanismContext {
  /** The `k` option as an exact fraction in [0, 1] (reduced; the default is 1/2). */
  readonly k: ExactFraction;
  /** How to share a price level that cannot be filled completely. */
  readonly rationing: Rationing;
  /** Zone names, sorted; empty when the auction has no zones (then every order is in zone 0). */
  readonly zones: readonly string[];
  /** Number of zones the orders' `zone` indices range over: `max(1, zones.length)`. */
  readonly zoneCount: number;
  /**
   * Grid fees in ticks per kWh, row-major: `fees[askZone * zoneCount + bidZone]` is charged on
   * every kWh sold from `askZone` to `bidZone`. All zeros without zones.
   */
  readonly fees: Float64Array;
  /**
   * Link capacities in lots, row-major like `fees`: `capacity[askZone * zoneCount + bidZone]`
   * is the most that may be sold from `askZone` to `bidZone` (`Infinity`: unlimited).
   * Undefined when no link has a capacity (then every link is unlimited).
   */
  readonly capacity: Float64Array | undefined;
  /** The fee when every zone pair has the same one (0 without zones); otherwise undefined. */
  readonly constantFee: number | undefined;
  /** The price tick as decimal text, e.g. `'0.0001'`. */
  readonly priceTick: string;
  /** The quantity step (one lot) as decimal text, e.g. `'0.001'`. */
  readonly quantityStep: string;
}

/**
 * A double-auction mechanism: a function from normalised integer orders to trades, with the
 * properties it promises. Pass one as `options.mechanism` to {@link clearAuction}: it gets the
 * same validation, result shape and verification as the built-in ones, and a result that breaks
 * its declared properties throws `MECHANISM_FAILED`.
 *
 * @example
 * ```ts
 * // Pay-as-bid: every bid pays its own price, every ask receives its own (not budget-balanced
 * // in the sellers' favour, so declared 'weak').
 * const payAsBid: AuctionMechanism = {
 *   name: 'pay-as-bid',
 *   properties: { individuallyRational: true, budgetBalance: 'weak', truthful: 'no', efficient: true, uniformPricing: false },
 *   clear(orders) {
 *     const trades = new AllocationBuilder();
 *     let b = 0, a = 0, bLeft = orders.bids.quantity[0] ?? 0, aLeft = orders.asks.quantity[0] ?? 0;
 *     while (b < orders.bids.count && a < orders.asks.count && orders.bids.price[b]! >= orders.asks.price[a]!) {
 *       const lots = Math.min(bLeft, aLeft);
 *       trades.add(b, a, lots, orders.bids.price[b]!, orders.asks.price[a]!);
 *       if ((bLeft -= lots) === 0) bLeft = orders.bids.quantity[++b] ?? 0;
 *       if ((aLeft -= lots) === 0) aLeft = orders.asks.quantity[++a] ?? 0;
 *     }
 *     return { trades: trades.build() };
 *   },
 * };
 * clearAuction(orders, { mechanism: payAsBid });
 * ```
 */
export interface AuctionMechanism {
  /** The name reported as the result's `mechanism`. */
  readonly name: string;
  /** What the mechanism guarantees; verified on its allocations. */
  readonly properties: MechanismProperties;
  /** What it can clear beyond plain orders in one zone (zones, zonal fees, link capacities); see {@link MechanismSupport}. */
  readonly supports?: MechanismSupport | undefined;
  /**
   * Computes the allocation. It must not modify `orders`; it may return typed arrays it owns.
   * @param orders - the validated orders, in integers, each side sorted best first.
   * @param context - k, rationing, zones and fees.
   * @returns the trades and, where the mechanism has them, its prices.
   */
  clear(orders: NormalisedOrders, context: MechanismContext): MechanismAllocation;
}
