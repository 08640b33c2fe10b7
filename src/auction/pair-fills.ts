import type { AllocationBuilder } from './allocation-builder.js';
import type { SortedRun } from './fill-best.js';
import { scaleBy, type Fraction } from './fraction.js';

/**
 * How each paired piece is priced.
 * - `fixed`: the buyer pays `buyer`, the seller receives `seller` (uniform prices).
 * - `split`: the seller receives `ask + k * (bid - fee - ask)`, the offset rounded half-up
 *   (it is never negative), and the buyer pays that plus `fee` (the k-double auction).
 */
export type PairPricing =
  | { readonly kind: 'fixed'; readonly buyer: number; readonly seller: number }
  | { readonly kind: 'split'; readonly k: Fraction; readonly fee: number };

/** Walks the filled orders of a run, best first, handing out their filled lots. */
export class FillCursor {
  private k: number;
  /** Position (in the side) of the current order, or -1 when the run is used up. */
  position = -1;
  /** Lots of the current order not yet handed out. */
  left = 0;

  constructor(
    private readonly run: SortedRun,
    private readonly fill: Float64Array,
  ) {
    this.k = run.from;
    this.advance();
  }

  /** Takes `lots` (at most `left`) from the current order. */
  take(lots: number): void {
    this.left -= lots;
    if (this.left === 0) {
      this.k++;
      this.advance();
    }
  }

  private advance(): void {
    const { positions, to } = this.run;
    for (; this.k < to; this.k++) {
      const p = positions === undefined ? this.k : (positions[this.k] as number);
      const f = this.fill[p] as number;
      if (f > 0) {
        this.position = p;
        this.left = f;
        return;
      }
    }
    this.position = -1;
    this.left = 0;
  }
}

/**
 * Pairs `lots` lots from the bid cursor with lots from the ask cursor, best with best, splitting
 * orders where needed, and adds each piece as a trade.
 */
export function pairFills(
  bids: FillCursor,
  asks: FillCursor,
  lots: number,
  bidPrice: Float64Array,
  askPrice: Float64Array,
  pricing: PairPricing,
  out: AllocationBuilder,
): void {
  let left = lots;
  while (left > 0 && bids.position >= 0 && asks.position >= 0) {
    let t = bids.left < asks.left ? bids.left : asks.left;
    if (left < t) t = left;
    const b = bids.position;
    const a = asks.position;
    if (pricing.kind === 'fixed') {
      out.add(b, a, t, pricing.buyer, pricing.seller);
    } else {
      const ask = askPrice[a] as number;
      const seller = ask + scaleBy((bidPrice[b] as number) - pricing.fee - ask, pricing.k, 'half-up');
      out.add(b, a, t, seller + pricing.fee, seller);
    }
    bids.take(t);
    asks.take(t);
    left -= t;
  }
}
