import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { BookEngine } from './book-engine.js';
import type { SideLevels } from './price-levels.js';

/** One price level in {@link BookDepth}. */
export interface DepthLevel {
  /** The level's price. */
  readonly price: Decimal;
  /** The total open quantity resting at that price, in kWh. */
  readonly quantity: Decimal;
  /** The number of orders resting at that price. */
  readonly orders: number;
}

/** The aggregated book from {@link OrderBook.depth}: fresh arrays, best price first on each side. */
export interface BookDepth {
  /** Bid levels, best (highest) price first. */
  bids: DepthLevel[];
  /** Ask levels, best (lowest) price first. */
  asks: DepthLevel[];
}

/** The best `max` levels of `side`. */
export function sideDepth(engine: BookEngine, side: SideLevels, max: number): DepthLevel[] {
  const { levels, units } = engine;
  const out: DepthLevel[] = [];
  for (let i = side.length - 1; i >= 0 && out.length < max; i--) {
    const lv = side.levels[i] as number;
    out.push({
      price: fromSteps(levels.price[lv] as number, units.priceTick),
      quantity: fromSteps(levels.quantity[lv] as number, units.quantityStep),
      orders: levels.count[lv] as number,
    });
  }
  return out;
}
