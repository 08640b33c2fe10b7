import type { NormalisedSide } from './normalised-orders.js';
import { ExactSum } from '../units/exact-sum.js';

/**
 * Where the demand and supply curves cross, at the level of lots. Conceptually every order is
 * expanded into lots (never materialised): bids' lots from the highest price down, asks' lots
 * from the lowest up, ties by input position. `lots` is K, the largest k with b_k - fee >= s_k:
 * the efficient (and the largest crossable) number of lots. Positions are in the sorted sides.
 */
export interface LotCrossing {
  /** K. */
  readonly lots: number;
  /** Position of the bid holding lot K, or -1 when K = 0. */
  readonly bidLast: number;
  /** Position of the ask holding lot K, or -1 when K = 0. */
  readonly askLast: number;
  /** Position of the bid holding lot K + 1, or -1 when there is none. */
  readonly bidNext: number;
  /** Position of the ask holding lot K + 1, or -1 when there is none. */
  readonly askNext: number;
}

/**
 * Walks the two sides against each other in O(orders). `fee` (ticks per kWh, same for every
 * pair) is subtracted from every bid: a bid crosses an ask when `bid - fee >= ask`.
 */
export function crossLots(bids: NormalisedSide, asks: NormalisedSide, fee: number): LotCrossing {
  const bp = bids.price;
  const ap = asks.price;
  const nb = bids.count;
  const na = asks.count;
  let i = 0;
  let j = 0;
  let bidLeft = nb > 0 ? (bids.quantity[0] as number) : 0;
  let askLeft = na > 0 ? (asks.quantity[0] as number) : 0;
  let lots = 0;
  let bidLast = -1;
  let askLast = -1;
  while (i < nb && j < na && (bp[i] as number) - fee >= (ap[j] as number)) {
    const t = bidLeft < askLeft ? bidLeft : askLeft;
    lots += t;
    bidLast = i;
    askLast = j;
    bidLeft -= t;
    askLeft -= t;
    if (bidLeft === 0 && ++i < nb) bidLeft = bids.quantity[i] as number;
    if (askLeft === 0 && ++j < na) askLeft = asks.quantity[j] as number;
  }
  return { lots, bidLast, askLast, bidNext: i < nb ? i : -1, askNext: j < na ? j : -1 };
}

/**
 * The largest welfare the orders allow with a constant fee: sum over k <= K of
 * (b_k - fee - s_k), in ticks times lots, exactly.
 */
export function maxLotWelfare(bids: NormalisedSide, asks: NormalisedSide, fee: number): bigint {
  const sum = new ExactSum();
  const bp = bids.price;
  const ap = asks.price;
  let i = 0;
  let j = 0;
  let bidLeft = bids.count > 0 ? (bids.quantity[0] as number) : 0;
  let askLeft = asks.count > 0 ? (asks.quantity[0] as number) : 0;
  while (i < bids.count && j < asks.count && (bp[i] as number) - fee >= (ap[j] as number)) {
    const t = bidLeft < askLeft ? bidLeft : askLeft;
    sum.addProduct((bp[i] as number) - fee - (ap[j] as number), t);
    bidLeft -= t;
    askLeft -= t;
    if (bidLeft === 0 && ++i < bids.count) bidLeft = bids.quantity[i] as number;
    if (askLeft === 0 && ++j < asks.count) askLeft = asks.quantity[j] as number;
  }
  return sum.value();
}
