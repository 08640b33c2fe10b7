import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { AllocationBuilder } from './allocation-builder.js';
import { asFraction, scaleBy } from './fraction.js';
import type { AuctionMechanism, MechanismAllocation, MechanismContext } from './mechanism.js';
import type { NormalisedOrders } from './normalised-orders.js';
import { verifyAllocation, type ClearedAllocation } from './verify-allocation.js';

/**
 * What clearing does with a participant's own bid and ask: `'allow'` lets them trade with each
 * other (a wash trade); `'prevent'` re-pairs them with other participants where it can and
 * leaves the rest untraded. See `docs/auction.md`, "Self-trade prevention".
 */
export type SelfTrade = 'allow' | 'prevent';

/**
 * Removes every trade whose buyer is its seller from a verified allocation, keeping the
 * mechanism's prices and declared properties:
 *
 * 1. A self trade of participant `P` is swapped against a trade in which `P` is on neither side:
 *    `(P's bid, P's ask) + (X's bid, Y's ask)` becomes `(P's bid, Y's ask) + (X's bid, P's ask)`
 *    for the smaller of the two quantities. Every order keeps its fill, and every piece keeps
 *    the buyer price of its bid's trade and the seller price of its ask's trade (a
 *    discriminatory auction prices each new pair by its own rule, `ask + k * (bid - fee - ask)`).
 *    A swap is made only when both new pairs cross net of their fees and the surplus of the two
 *    pieces stays exactly the same, so the volume, the welfare without zones, the surplus (budget
 *    balance) and individual rationality do not change.
 * 2. What no swap can place is the quantity `P` could only trade with itself: when no trade
 *    leaves `P` out, `P`'s bids plus asks fill more than the volume, by exactly that quantity.
 *    It is not traded: those lots of `P`'s bid and ask stay unfilled (`P` meets its own demand
 *    from its own supply behind the meter), and the volume and welfare drop by them.
 * 3. With link capacities, the lots left untraded still count as use of the link the mechanism
 *    put them on (`P`'s own supply reaches `P`'s own demand over it, and the prices were set with
 *    that link so used): a link the mechanism filled stays full, and the price gap of the trades
 *    on it stays congestion rent, not surplus. A swap is made only when the two new pieces take
 *    the links and the price gaps of the two old ones, so each link keeps its lots and its rent.
 *
 * The prices are those the mechanism set from every order. The result is verified again
 * (without efficiency, which the mechanism's own allocation was verified for) and, should that
 * fail, only the self trades are dropped and it is verified once more.
 * Work is O(trades x self trades) at worst, and nothing happens when there is no self trade.
 * @throws WattError MECHANISM_FAILED when neither form keeps the declared properties.
 */
export function preventSelfTrades(
  cleared: ClearedAllocation,
  orders: NormalisedOrders,
  context: MechanismContext,
  mechanism: AuctionMechanism,
  builtIn: boolean,
): ClearedAllocation {
  const trades = cleared.source.trades;
  const { bids, asks, owners } = orders;
  const bidOwner = (b: number): string => owners[bids.input[b] as number] as string;
  const askOwner = (a: number): string => owners[asks.input[a] as number] as string;
  let any = false;
  for (let t = 0; t < trades.count && !any; t++) any = bidOwner(trades.bid[t] as number) === askOwner(trades.ask[t] as number);
  if (!any) return cleared;

  const B = Array.from({ length: trades.count }, (_, t) => trades.bid[t] as number);
  const A = Array.from({ length: trades.count }, (_, t) => trades.ask[t] as number);
  const Q = Array.from({ length: trades.count }, (_, t) => trades.quantity[t] as number);
  const BP = Array.from({ length: trades.count }, (_, t) => trades.buyerPrice[t] as number);
  const SP = Array.from({ length: trades.count }, (_, t) => trades.sellerPrice[t] as number);
  const Z = context.zoneCount;
  const fee = (b: number, a: number): number => context.fees[(asks.zone[a] as number) * Z + (bids.zone[b] as number)] as number;
  const split = builtIn && mechanism.name === 'discriminatory' ? asFraction(context.k) : undefined;
  // A new pair's prices: the discriminatory rule, or the bid's buyer price and the ask's seller price.
  const priced = (b: number, a: number, buyer: number, seller: number): [number, number] => {
    if (split === undefined) return [buyer, seller];
    const f = fee(b, a);
    const ask = asks.price[a] as number;
    const s = ask + scaleBy((bids.price[b] as number) - f - ask, split, 'half-up');
    return [s + f, s];
  };
  const crosses = (b: number, a: number): boolean => (bids.price[b] as number) - fee(b, a) >= (asks.price[a] as number);
  const capped = context.capacity !== undefined;
  const linkOf = (b: number, a: number): number => (asks.zone[a] as number) * Z + (bids.zone[b] as number);

  for (let s = 0; s < B.length; s++) {
    const p0 = bidOwner(B[s] as number);
    if (p0 !== askOwner(A[s] as number)) continue;
    for (let t = 0; t < B.length && (Q[s] as number) > 0; t++) {
      const bt = B[t] as number;
      const at = A[t] as number;
      if ((Q[t] as number) === 0 || bidOwner(bt) === p0 || askOwner(at) === p0) continue;
      const bs = B[s] as number;
      const as = A[s] as number;
      if (!crosses(bs, at) || !crosses(bt, as)) continue;
      const [bp1, sp1] = priced(bs, at, BP[s] as number, SP[t] as number);
      const [bp2, sp2] = priced(bt, as, BP[t] as number, SP[s] as number);
      const before = (BP[s] as number) - (SP[s] as number) - fee(bs, as) + (BP[t] as number) - (SP[t] as number) - fee(bt, at);
      const gap1 = bp1 - sp1 - fee(bs, at);
      const gap2 = bp2 - sp2 - fee(bt, as);
      if (gap1 + gap2 !== before) continue;
      // With capacities, each link must keep its lots and its money (what is rent stays rent):
      // the two new pieces take the links and price gaps of the two old ones, in some order.
      const gapS = (BP[s] as number) - (SP[s] as number) - fee(bs, as);
      if (capped && !sameLinks(linkOf(bs, at), gap1, linkOf(bt, as), linkOf(bs, as), gapS, linkOf(bt, at), before - gapS)) continue;
      const m = Math.min(Q[s] as number, Q[t] as number);
      Q[s] = (Q[s] as number) - m;
      Q[t] = (Q[t] as number) - m;
      B.push(bs, bt);
      A.push(at, as);
      Q.push(m, m);
      BP.push(bp1, bp2);
      SP.push(sp1, sp2);
    }
  }
  // Lots per link left untraded (the self lots): they still use the link (see the rule above).
  let withheld: Float64Array | undefined;
  const keep = (swapped: boolean): MechanismAllocation => {
    const out = new AllocationBuilder();
    withheld = capped ? new Float64Array(Z * Z) : undefined;
    const n = swapped ? B.length : trades.count;
    for (let t = 0; t < n; t++) {
      const b = swapped ? (B[t] as number) : (trades.bid[t] as number);
      const a = swapped ? (A[t] as number) : (trades.ask[t] as number);
      const q = swapped ? (Q[t] as number) : (trades.quantity[t] as number);
      if (q === 0) continue;
      if (bidOwner(b) === askOwner(a)) {
        if (withheld !== undefined) withheld[linkOf(b, a)] = (withheld[linkOf(b, a)] as number) + q;
        continue;
      }
      out.add(b, a, q, swapped ? (BP[t] as number) : (trades.buyerPrice[t] as number), swapped ? (SP[t] as number) : (trades.sellerPrice[t] as number));
    }
    return { trades: out.build(), price: cleared.price, interval: cleared.interval, zonePrices: cleared.zonePrices };
  };
  const never = (): bigint => 0n;
  try {
    const swapped = keep(true);
    return verifyAllocation(swapped, orders, context, mechanism, false, never, withheld);
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
  }
  try {
    const unswapped = keep(false);
    return verifyAllocation(unswapped, orders, context, mechanism, false, never, withheld);
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
    return fail(ErrorCode.MECHANISM_FAILED, 'clearAuction', `mechanism '${mechanism.name}': its self trades cannot be prevented while keeping its declared properties (${e.message})`);
  }
}

/**
 * Whether the new pieces (link1, gap1) and (link2, the rest) are the old pieces (linkS, gapS) and
 * (linkT, gapT) in some order; the gap sums are equal already, so the second gaps follow.
 */
function sameLinks(link1: number, gap1: number, link2: number, linkS: number, gapS: number, linkT: number, gapT: number): boolean {
  return (link1 === linkS && link2 === linkT && gap1 === gapS) || (link1 === linkT && link2 === linkS && gap1 === gapT);
}
