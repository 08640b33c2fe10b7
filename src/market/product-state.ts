import type { AuctionResult } from '../auction/auction-result.js';
import type { OrderBook } from '../order-book/order-book.js';
import type { SettlementResult } from '../settlement/settlement-result.js';
import type { ProductMode } from './market-types.js';
import type { TradeRecord } from './market-trade.js';
import { SealedOrders } from './sealed-orders.js';

/** One product: an interval in a zone. Created when the first order arrives. */
export class ProductState {
  book: OrderBook | undefined = undefined;
  /** Orders for the auction, in arrival order (the auction's tie rule). */
  readonly sealed = new SealedOrders();
  /**
   * Every order that entered this product's book, in arrival order, as (slot, seq) pairs: the
   * ones whose slot still holds that seq in the book are resting (see restingOrders).
   */
  readonly bookSlots: number[] = [];
  readonly bookSeqs: number[] = [];
  readonly trades: TradeRecord[] = [];
  phase: 'open' | 'call' | 'closed' = 'open';
  auction: AuctionResult | undefined = undefined;

  constructor(
    readonly id: string,
    readonly zone: string,
    readonly zoneIndex: number,
    readonly start: number,
    readonly mode: ProductMode,
    /** Its place in the market's product list. */
    readonly number: number,
  ) {}
}

/** One delivery interval across zones. */
export class IntervalState {
  readonly products: (ProductState | undefined)[];
  /** The settlement's result (not kept by a snapshot: see {@link settled}). */
  settlement: SettlementResult | undefined = undefined;
  /** Whether the interval is settled. */
  settled = false;
  closed = false;
  /**
   * Lots moved so far per link, `[from * zones + to]` by zone index, in a market with link
   * capacities (made at its first trade): each link's capacity minus this is what is left of it
   * for the interval. Trades only add to it; cancelling or amending an order gives nothing back.
   */
  linkUse: Float64Array | undefined = undefined;

  constructor(
    readonly start: number,
    zoneCount: number,
  ) {
    this.products = new Array<ProductState | undefined>(zoneCount).fill(undefined);
  }
}
