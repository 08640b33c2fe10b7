import type { Decimal } from 'decimal.js';
import type { MechanismProperties } from './mechanism.js';

/** One trade of an auction: a bid and an ask paired for some quantity. */
export interface AuctionTrade {
  /** The bid's id. */
  readonly buyOrderId: string;
  /** The ask's id. */
  readonly sellOrderId: string;
  /** The bid's owner. */
  readonly buyer: string;
  /** The ask's owner. */
  readonly seller: string;
  /** kWh traded. */
  readonly quantity: Decimal;
  /** Price per kWh the buyer pays. */
  readonly buyerPrice: Decimal;
  /** Price per kWh the seller receives. */
  readonly sellerPrice: Decimal;
  /** Grid fee per kWh between the seller's and the buyer's zone (0 without zones). */
  readonly fee: Decimal;
  /** The quantity as an integer count of the auction's quantity steps (exact, for integer arithmetic downstream). */
  readonly quantitySteps: number;
  /** The buyer's price as an integer count of price ticks. */
  readonly buyerPriceTicks: number;
  /** The seller's price as an integer count of price ticks. */
  readonly sellerPriceTicks: number;
  /** The fee as an integer count of price ticks. */
  readonly feeTicks: number;
  /** The buyer's zone, when the auction has zones. */
  readonly buyerZone: string | undefined;
  /** The seller's zone, when the auction has zones. */
  readonly sellerZone: string | undefined;
}

/** What one order got: `fills[i]` belongs to `orders[i]`. */
export interface AuctionFill {
  /** The order's id. */
  readonly orderId: string;
  /** The order's owner. */
  readonly owner: string;
  /** The order's side. */
  readonly side: 'buy' | 'sell';
  /** The order's zone, when the auction has zones. */
  readonly zone: string | undefined;
  /** kWh ordered. */
  readonly quantity: Decimal;
  /** kWh traded. */
  readonly filled: Decimal;
  /** kWh not traded. */
  readonly remaining: Decimal;
  /** What the buyer paid (its prices include grid fees) or the seller received, in all. */
  readonly amount: Decimal;
  /** The price per kWh of all its trades, when they share one; undefined when unfilled or mixed. */
  readonly price: Decimal | undefined;
}

/**
 * One step of an aggregated curve, for a chart: the demand curve gives, for each bid price from
 * the highest down, the kWh bid at that price or higher; the supply curve, for each ask price
 * from the lowest up, the kWh offered at that price or lower.
 */
export interface CurveStep {
  /** The price per kWh. */
  readonly price: Decimal;
  /** Cumulative kWh up to and including this price. */
  readonly quantity: Decimal;
}

/** An interval of prices per kWh, both ends included. */
export interface ClearingInterval {
  /** Its lowest price. */
  readonly low: Decimal;
  /** Its highest price. */
  readonly high: Decimal;
}

/** The prices of one zone when clearing prices by zone (uniform mechanism with zones). */
export interface ZonePrice {
  /** The zone. */
  readonly zone: string;
  /** What every buyer of the zone pays per kWh; undefined when it has no bids or no trade happened. */
  readonly buyerPrice: Decimal | undefined;
  /** What every seller of the zone receives per kWh; undefined when it has no asks or no trade happened. */
  readonly sellerPrice: Decimal | undefined;
  /** The range of market-clearing buyer prices of the zone, when it has one. */
  readonly buyerInterval: ClearingInterval | undefined;
  /** The range of market-clearing seller prices of the zone, when it has one. */
  readonly sellerInterval: ClearingInterval | undefined;
}

/**
 * The energy that moves on one link between zones in an auction with zones: sellers in `from`
 * selling to buyers in `to`.
 */
export interface ZoneFlow {
  /** The sellers' zone. */
  readonly from: string;
  /** The buyers' zone. */
  readonly to: string;
  /** kWh moved. */
  readonly quantity: Decimal;
  /** The link's capacity in kWh (`zones.capacity`), undefined when unlimited. */
  readonly capacity: Decimal | undefined;
  /** Whether the link is full (it has a capacity and the flow reaches it). */
  readonly congested: boolean;
  /**
   * What buyers across the link pay beyond the sellers' receipts and the fee, when it is full:
   * (buyer price - seller price - fee) x kWh over its trades; 0 on a link that is not full.
   */
  readonly congestionRent: Decimal;
}

/**
 * The outcome of {@link clearAuction}. Decimals are built on first read, so a result of a
 * million orders costs little until it is inspected.
 */
export interface AuctionResult {
  /** The mechanism's name. */
  readonly mechanism: string;
  /** What the mechanism guarantees. */
  readonly properties: MechanismProperties;
  /**
   * The single clearing price per kWh, where the mechanism has one and something traded: every
   * trade's buyer and seller price equal it. Undefined when nothing trades, with discriminatory
   * pricing, or when buyers and sellers pay different prices (truthful mechanisms' marginal
   * prices, grid fees).
   */
  readonly price: Decimal | undefined;
  /** Total kWh traded (0 when nothing trades). */
  readonly volume: Decimal;
  /** The trades, in the order the mechanism paired them. */
  readonly trades: readonly AuctionTrade[];
  /** Gains from trade at the orders' own limit prices, net of grid fees: sum of (bid - ask - fee) * kWh. */
  readonly welfare: Decimal;
  /**
   * Buyers' payments minus sellers' receipts minus grid fees minus congestion rent: 0 when
   * budget-balanced.
   */
  readonly surplus: Decimal;
  /**
   * Money left by trades on full links (link capacities) beyond their fees: the sum of the
   * `flows`' rents, owed to the network operator. Buyers' payments = sellers' receipts + fees +
   * congestion rent + surplus, exactly. 0 without capacities.
   */
  readonly congestionRent: Decimal;
  /**
   * The energy moved between zones per link (seller zone, then buyer zone, in name order), and
   * inside a zone whose own link has a capacity; links with no flow are left out. Empty
   * without zones.
   */
  readonly flows: readonly ZoneFlow[];
  /** Grid fees collected: sum of fee * kWh (0 without zones). */
  readonly fees: Decimal;
  /** Per order, in input order. */
  readonly fills: readonly AuctionFill[];
  /** The aggregated demand curve (all bids, limit prices), highest price first. */
  readonly demand: readonly CurveStep[];
  /** The aggregated supply curve (all asks, limit prices), lowest price first. */
  readonly supply: readonly CurveStep[];
  /**
   * The interval of market-clearing prices at the level of lots,
   * `[max(s_K, b_{K+1}), min(b_K, s_{K+1})]` (K the efficient number of lots), for auctions
   * without zones; undefined when nothing can trade. With zones see `zonePrices`.
   */
  readonly interval: ClearingInterval | undefined;
  /**
   * Per zone (sorted by name), when the mechanism prices by zone (uniform and discriminatory with
   * zones; discriminatory gives only the intervals); empty otherwise.
   */
  readonly zonePrices: readonly ZonePrice[];
}
