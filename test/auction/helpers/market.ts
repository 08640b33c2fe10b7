import fc from 'fast-check';
import { clearAuction, type AuctionOptions, type AuctionOrder, type AuctionResult } from '../../../src/index.js';

/** A small market in integers: price in ticks, quantity in lots (tick and step are both 1). */
export interface IntOrder {
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly quantity: number;
  readonly zone?: string;
}

/** The result of clearing an integer market, read back as integers. */
export interface IntResult {
  readonly result: AuctionResult;
  readonly price: number | undefined;
  readonly volume: number;
  readonly fills: number[];
  readonly trades: { buy: number; sell: number; quantity: number; buyerPrice: number; sellerPrice: number; fee: number }[];
  readonly welfare: number;
  readonly surplus: number;
  readonly fees: number;
}

export const MECHANISMS = ['uniform', 'discriminatory', 'mcafee', 'trade-reduction', 'huang'] as const;

/** Orders with ids o0, o1, ... and owners t0, t1, ... */
export function toOrders(market: readonly IntOrder[]): AuctionOrder[] {
  return market.map((o, i) => ({ id: `o${i}`, owner: `t${i}`, side: o.side, price: o.price, quantity: o.quantity, ...(o.zone === undefined ? {} : { zone: o.zone }) }));
}

/** Clears with tick 1 and step 1 and verification on, and reads the result back in integers. */
export function clearInts(market: readonly IntOrder[], options: AuctionOptions = {}): IntResult {
  const result = clearAuction(toOrders(market), { priceTick: 1, quantityStep: 1, verify: true, ...options });
  const index = (id: string): number => Number(id.slice(1));
  return {
    result,
    price: result.price === undefined ? undefined : result.price.toNumber(),
    volume: result.volume.toNumber(),
    fills: result.fills.map((f) => f.filled.toNumber()),
    trades: result.trades.map((t) => ({
      buy: index(t.buyOrderId),
      sell: index(t.sellOrderId),
      quantity: t.quantity.toNumber(),
      buyerPrice: t.buyerPrice.toNumber(),
      sellerPrice: t.sellerPrice.toNumber(),
      fee: t.fee.toNumber(),
    })),
    welfare: result.welfare.toNumber(),
    surplus: result.surplus.toNumber(),
    fees: result.fees.toNumber(),
  };
}

/** A random small market: 0..maxPerSide orders per side, prices in [minPrice, maxPrice]. */
export function marketArb(options: { maxPerSide?: number; minPrice?: number; maxPrice?: number; maxQuantity?: number; zones?: readonly string[] } = {}): fc.Arbitrary<IntOrder[]> {
  const { maxPerSide = 6, minPrice = -3, maxPrice = 12, maxQuantity = 5, zones } = options;
  const order = (side: 'buy' | 'sell'): fc.Arbitrary<IntOrder> =>
    fc.record({
      side: fc.constant(side),
      price: fc.integer({ min: minPrice, max: maxPrice }),
      quantity: fc.integer({ min: 1, max: maxQuantity }),
      ...(zones === undefined ? {} : { zone: fc.constantFrom(...zones) }),
    });
  return fc
    .tuple(
      fc.array(order('buy'), { maxLength: maxPerSide }),
      fc.array(order('sell'), { maxLength: maxPerSide }),
      fc.array(fc.boolean(), { minLength: 2 * maxPerSide, maxLength: 2 * maxPerSide }),
    )
    .map(([bids, asks, mix]) => interleave(bids, asks, mix));
}

// Bids and asks mixed in a random order, so input positions are not grouped by side.
function interleave(bids: IntOrder[], asks: IntOrder[], mix: boolean[]): IntOrder[] {
  const out: IntOrder[] = [];
  let b = 0;
  let a = 0;
  while (b < bids.length || a < asks.length) {
    const takeBid = a >= asks.length || (b < bids.length && mix[out.length] === true);
    out.push(takeBid ? (bids[b++] as IntOrder) : (asks[a++] as IntOrder));
  }
  return out;
}

/** k values worth trying: the ends, the middle, and awkward fractions. */
export const kArb = fc.constantFrom('0', '1', '0.5', '0.25', '0.3333', '0.7', 0.1, '0.999');
