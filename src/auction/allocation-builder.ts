import type { AllocationTrades } from './mechanism.js';

/**
 * Collects the trades of a mechanism into the parallel typed arrays of {@link AllocationTrades},
 * growing as needed. The built-in mechanisms use it too.
 *
 * @example
 * ```ts
 * const trades = new AllocationBuilder();
 * trades.add(0, 0, 1500, 25000, 25000); // bid 0 buys 1500 lots from ask 0 at 25000 ticks
 * return { trades: trades.build() };
 * ```
 */
export class AllocationBuilder {
  private n = 0;
  private bids: Int32Array;
  private asks: Int32Array;
  private lots: Float64Array;
  private buyer: Float64Array;
  private seller: Float64Array;

  /** @param capacity - the number of trades to make room for at first (default 16). */
  constructor(capacity = 16) {
    const c = Math.max(1, Math.floor(capacity));
    [this.bids, this.asks, this.lots, this.buyer, this.seller] = columns(c);
  }

  /** The number of trades added so far. */
  get count(): number {
    return this.n;
  }

  /**
   * Adds a trade. Values are checked when the allocation is verified, not here.
   * @param bid - position of the bid in `orders.bids`.
   * @param ask - position of the ask in `orders.asks`.
   * @param lots - quantity in lots.
   * @param buyerPrice - ticks per kWh the buyer pays.
   * @param sellerPrice - ticks per kWh the seller receives.
   */
  add(bid: number, ask: number, lots: number, buyerPrice: number, sellerPrice: number): void {
    if (this.n === this.bids.length) this.grow();
    const i = this.n++;
    this.bids[i] = bid;
    this.asks[i] = ask;
    this.lots[i] = lots;
    this.buyer[i] = buyerPrice;
    this.seller[i] = sellerPrice;
  }

  /** The trades added so far, as views of the builder's arrays (no copy): add nothing after this. */
  build(): AllocationTrades {
    const n = this.n;
    return {
      count: n,
      bid: this.bids.subarray(0, n),
      ask: this.asks.subarray(0, n),
      quantity: this.lots.subarray(0, n),
      buyerPrice: this.buyer.subarray(0, n),
      sellerPrice: this.seller.subarray(0, n),
    };
  }

  private grow(): void {
    const [bids, asks, lots, buyer, seller] = columns(this.bids.length * 2);
    bids.set(this.bids);
    asks.set(this.asks);
    lots.set(this.lots);
    buyer.set(this.buyer);
    seller.set(this.seller);
    this.bids = bids;
    this.asks = asks;
    this.lots = lots;
    this.buyer = buyer;
    this.seller = seller;
  }
}

/**
 * The five columns for `c` trades in one ArrayBuffer (the Float64 ones first, 8-byte aligned):
 * one allocation outside the heap instead of five. Gate clearing pairs the trades of every small
 * auction it clears, and each ArrayBuffer costs an allocation the garbage collector tracks.
 */
function columns(c: number): [Int32Array, Int32Array, Float64Array, Float64Array, Float64Array] {
  const buffer = new ArrayBuffer(32 * c);
  return [new Int32Array(buffer, 24 * c, c), new Int32Array(buffer, 28 * c, c), new Float64Array(buffer, 0, c), new Float64Array(buffer, 8 * c, c), new Float64Array(buffer, 16 * c, c)];
}
