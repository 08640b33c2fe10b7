import type { LedgerSnapshot } from '../ledger/ledger-snapshot.js';
import type { OrderBookSnapshot } from '../order-book/book-snapshot.js';

// The data shape of a market snapshot, apart from the code that takes and restores one (which
// works on the market's internal core and stays out of the public declarations).

/** The format tag of a {@link MarketSnapshot}. */
export const MARKET_SNAPSHOT_FORMAT = 'wattmarket/market';
/** The version of {@link MarketSnapshot} this library writes and reads. */
export const MARKET_SNAPSHOT_VERSION = 1;

/** An order's collateral in a {@link MarketSnapshot}, in the ledger's steps. */
export interface MarketSnapshotReservation {
  /** The order id. */
  readonly orderId: string;
  /** The participant. */
  readonly owner: string;
  /** `'buy'` (money held) or `'sell'` (energy held). */
  readonly side: 'buy' | 'sell';
  /** Limit price, ticks. */
  readonly limit: number;
  /** Open quantity, energy steps. */
  readonly open: number;
  /** Held by the pending transfer, steps of the reserved asset. */
  readonly held: number;
  /** The number of the current pending transfer's id (`collateral/<order>/<number>`). */
  readonly number: number;
}

/** A participant in a {@link MarketSnapshot}. */
export interface MarketSnapshotParticipant {
  /** Its id. */
  readonly id: string;
  /** Its zone. */
  readonly zone: string;
}

/** An open order in a {@link MarketSnapshot}. */
export interface MarketSnapshotOrder {
  /** Its id. */
  readonly id: string;
  /** Its participant. */
  readonly participant: string;
  /** Its product's zone index and interval start. */
  readonly zone: number;
  /** Its product's interval start, ms. */
  readonly start: number;
  /** Its side. */
  readonly side: 'buy' | 'sell';
  /** Limit price, ticks; null for a market order. */
  readonly priceTicks: number | null;
  /** Open quantity, quantity steps. */
  readonly lots: number;
  /** Where it waits. */
  readonly venue: 'book' | 'sealed';
  /** Arrival number. */
  readonly seq: number;
  /** Its collateral, or null. */
  readonly reservation: MarketSnapshotReservation | null;
}

/** A trade in a {@link MarketSnapshot}: its integers (see `TradeRecord`). */
export interface MarketSnapshotTrade {
  /** Number in its product, from 1. */
  readonly number: number;
  /** Buy order id. */
  readonly buyOrderId: string;
  /** Sell order id. */
  readonly sellOrderId: string;
  /** Buyer. */
  readonly buyer: string;
  /** Seller. */
  readonly seller: string;
  /** Quantity steps. */
  readonly lots: number;
  /** Buyer price, ticks. */
  readonly buyerTicks: number;
  /** Seller price, ticks. */
  readonly sellerTicks: number;
  /** Zone fee, ticks. */
  readonly feeTicks: number;
  /** Money already posted by collateral, money steps. */
  readonly buyerPrepaid: number;
  /** Congestion rent per kWh inside its spread, ticks (present only when not 0). */
  readonly rentTicks?: number;
}

/** A product in a {@link MarketSnapshot}. */
export interface MarketSnapshotProduct {
  /** Its phase. */
  readonly phase: 'open' | 'call' | 'closed';
  /** Its book, when it has one. */
  readonly book: OrderBookSnapshot | null;
  /** Sealed order ids, in the auction's order. */
  readonly sealed: readonly string[];
  /** Ids of the orders its auction cleared. */
  readonly cleared: readonly string[];
  /** Its trades, in order. */
  readonly trades: readonly MarketSnapshotTrade[];
}

/** A delivery interval in a {@link MarketSnapshot}. */
export interface MarketSnapshotInterval {
  /** Its start, ms. */
  readonly start: number;
  /** Whether its gate has been processed. */
  readonly closed: boolean;
  /** Whether it is settled. */
  readonly settled: boolean;
  /** Its products by zone index (null where none). */
  readonly products: readonly (MarketSnapshotProduct | null)[];
  /**
   * Lots moved so far per link, `[from * zones + to]` by zone index (a market with link
   * capacities, once the interval traded): what is left of each link is its capacity minus this.
   */
  readonly linkUse?: readonly number[];
}

/**
 * A market's state as plain JSON-serialisable data (numbers, strings, booleans, arrays, objects),
 * from {@link Market.snapshot}; {@link Market.restore} rebuilds a market with the same state hash.
 * Auction results (`Market.auctionResult`) and settlement results are not kept: the trades and
 * the settled flags are.
 */
export interface MarketSnapshot {
  /** Always {@link MARKET_SNAPSHOT_FORMAT}. */
  readonly format: string;
  /** {@link MARKET_SNAPSHOT_VERSION}. */
  readonly version: number;
  /** The options hash of the market (as in its journal's init entry). */
  readonly optionsHash: string;
  /** The hash of the ledger the market was given, before it opened its accounts (part of the options hash). */
  readonly initialLedgerHash: string;
  /** The market's sequence number. */
  readonly sequence: number;
  /** The market's processed time, ms. */
  readonly time: number;
  /** The time of the market's last command, ms (the market's time never goes back before it); absent in older snapshots: `time`. */
  readonly lastCommandTime?: number;
  /** The next order arrival number. */
  readonly arrivals: number;
  /** Participants (the utility's too), in registration order. */
  readonly participants: readonly MarketSnapshotParticipant[];
  /** Open orders, in arrival order. */
  readonly orders: readonly MarketSnapshotOrder[];
  /** Intervals held, in the market's order. */
  readonly intervals: readonly MarketSnapshotInterval[];
  /** Starts of settled intervals forgotten by prune. */
  readonly prunedSettled: readonly number[];
  /** The ledger. */
  readonly ledger: LedgerSnapshot;
}
