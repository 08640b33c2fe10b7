/**
 * One side of an auction's orders after validation, in integers and sorted best first: bids by
 * price from high to low, asks from low to high, orders at the same price by their position in
 * the input (earlier first). Parallel typed arrays, so a mechanism over a million orders touches
 * no per-order object.
 */
export interface NormalisedSide {
  /** How many orders this side has; the arrays below have exactly this length. */
  readonly count: number;
  /** Limit prices in price ticks (safe integers, at most 2^50 in magnitude), best first. */
  readonly price: Float64Array;
  /** Quantities in lots (quantity steps): positive safe integers. */
  readonly quantity: Float64Array;
  /** Each order's position in the `orders` array given to `clearAuction`. */
  readonly input: Int32Array;
  /**
   * Each order's zone as an index into {@link MechanismContext.zones}; 0 for every order when
   * the auction has no zones.
   */
  readonly zone: Int32Array;
}

/**
 * The orders of one auction as a mechanism sees them: validated, in integer ticks and lots, each
 * side sorted best first. Positions in `bids` and `asks` are what an {@link AllocationTrades}
 * refers to.
 */
export interface NormalisedOrders {
  /** Buy orders, highest price first, ties by input position. */
  readonly bids: NormalisedSide;
  /** Sell orders, lowest price first, ties by input position. */
  readonly asks: NormalisedSide;
  /** Every order's id, by input position. */
  readonly ids: readonly string[];
  /** Every order's owner, by input position. */
  readonly owners: readonly string[];
}
