import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { BookEngine } from './book-engine.js';
import type { Side } from './order-types.js';
import { FLAG_POST_ONLY, FLAG_SELL } from './order-store.js';

/**
 * A resting order as {@link OrderBook.order} shows it: a frozen copy taken at the call, not a
 * live view. `original = filled + quantity + cancelled` always holds.
 */
export interface RestingOrder {
  /** The order id. */
  readonly id: string;
  /** The owner. */
  readonly owner: string;
  /** The side. */
  readonly side: Side;
  /** The limit price. */
  readonly price: Decimal;
  /** The open (unfilled, resting) quantity, in kWh. */
  readonly quantity: Decimal;
  /** The quantity filled so far, in kWh. */
  readonly filled: Decimal;
  /** The quantity asked for in all: submitted plus every increase by amend, in kWh. */
  readonly original: Decimal;
  /** The quantity cancelled so far (by amends that lowered it), in kWh. */
  readonly cancelled: Decimal;
  /** Whether the order is post-only. */
  readonly postOnly: boolean;
}

/** The view of resting order `h`. */
export function restingOrderView(engine: BookEngine, h: number): RestingOrder {
  const { store, levels, units } = engine;
  const flags = store.flags[h] as number;
  const open = store.open[h] as number;
  const filled = store.filled[h] as number;
  const original = store.original[h] as number;
  const q = units.quantityStep;
  return Object.freeze({
    id: store.ids[h] as string,
    owner: store.owners[h] as string,
    side: (flags & FLAG_SELL) !== 0 ? 'sell' : 'buy',
    price: fromSteps(levels.price[store.level[h] as number] as number, units.priceTick),
    quantity: fromSteps(open, q),
    filled: fromSteps(filled, q),
    original: fromSteps(original, q),
    cancelled: fromSteps(original - filled - open, q),
    postOnly: (flags & FLAG_POST_ONLY) !== 0,
  });
}
