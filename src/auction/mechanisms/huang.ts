import { crossLots } from '../lot-ladder.js';
import { I32, SCRATCH } from '../scratch.js';
import type { AuctionMechanism, MechanismAllocation, MechanismContext } from '../mechanism.js';
import type { NormalisedOrders, NormalisedSide } from '../normalised-orders.js';
import { fillArrays, filledAllocation, tradeBestLots, uniformFee } from './lot-kit.js';

/**
 * Huang, Scheller-Wolf and Sycara (2002), "Design of a multi-unit double auction e-market":
 * truthful for traders of any quantity with one value per unit.
 *
 * The demand and supply step curves cross on the step of one buy order and one sell order: the
 * orders holding lot K, the last efficient lot (bids net of a constant grid fee). Those two
 * marginal orders set the prices and do not trade: every buyer pays the marginal bid's price,
 * every seller receives the marginal ask's price (b >= s, so the surplus is never negative).
 * The orders ranked before them (by price, ties by input position) trade. The side with more
 * quantity (the long side) is rationed to the other side's total by equal reduction, as in the
 * paper: every long-side order gives up the same quantity c, an order smaller than c dropping
 * out entirely. In whole lots: c is the smallest integer with sum(max(0, q - c)) <= short side,
 * and the lots still missing go one each to the orders with q >= c, earliest input first.
 * Neither rule looks at a trading order's price, which is why reporting the true price is a
 * dominant strategy. The `rationing` option does not apply.
 */
export const huangMechanism: AuctionMechanism = Object.freeze({
  name: 'huang',
  properties: Object.freeze({
    individuallyRational: true,
    budgetBalance: 'weak',
    truthful: 'multi-unit',
    efficient: false,
    uniformPricing: true,
  } as const),
  supports: Object.freeze({ zones: true, zonalFees: false, capacities: false }),
  clear(orders: NormalisedOrders, context: MechanismContext): MechanismAllocation {
    const fee = uniformFee(context);
    const { bids, asks } = orders;
    const c = crossLots(bids, asks, fee);
    if (c.lots === 0) return tradeBestLots(orders, 0, context, { kind: 'fixed', buyer: 0, seller: 0 });
    const buyerPrice = bids.price[c.bidLast] as number;
    const sellerPrice = asks.price[c.askLast] as number;
    const bidTotal = prefixTotal(bids, c.bidLast);
    const askTotal = prefixTotal(asks, c.askLast);
    const volume = Math.min(bidTotal, askTotal);
    if (volume === 0) return tradeBestLots(orders, 0, context, { kind: 'fixed', buyer: 0, seller: 0 });
    const { bidFill, askFill } = fillArrays(orders);
    equalReduction(bids, c.bidLast, bidTotal, volume, orders.ids.length, bidFill);
    equalReduction(asks, c.askLast, askTotal, volume, orders.ids.length, askFill);
    const pricing = { kind: 'fixed', buyer: buyerPrice, seller: sellerPrice } as const;
    return filledAllocation(orders, bidFill, askFill, volume, pricing, fee === 0 && buyerPrice === sellerPrice ? buyerPrice : undefined);
  },
});

function prefixTotal(side: NormalisedSide, end: number): number {
  let total = 0;
  for (let p = 0; p < end; p++) total += side.quantity[p] as number;
  return total;
}

/**
 * Fills positions [0, end) with `volume` of their `total` lots by equal reduction (see above).
 * The remainder lots go by input position, which within the trading set is not the sorted order.
 */
function equalReduction(side: NormalisedSide, end: number, total: number, volume: number, inputCount: number, out: Float64Array): void {
  const q = side.quantity;
  if (volume === total) {
    for (let p = 0; p < end; p++) out[p] = q[p] as number;
    return;
  }
  // given(c) = sum(max(0, q - c)) falls as c grows; find the smallest c with given(c) <= volume.
  let lo = 0;
  let hi = 0;
  for (let p = 0; p < end; p++) if ((q[p] as number) > hi) hi = q[p] as number;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (given(q, end, mid) <= volume) hi = mid;
    else lo = mid + 1;
  }
  const cut = lo;
  let extra = volume - given(q, end, cut);
  for (let p = 0; p < end; p++) out[p] = Math.max(0, (q[p] as number) - cut);
  if (extra === 0) return;
  // Orders with q >= cut would get one more lot at cut - 1; there are more of them than `extra`.
  // They get it in input order: index them by input position (no comparison sort) and scan.
  SCRATCH.enter();
  try {
    const byInput = SCRATCH.int32(I32.BY_INPUT, inputCount);
    byInput.fill(-1);
    for (let p = 0; p < end; p++) if ((q[p] as number) >= cut) byInput[side.input[p] as number] = p;
    for (let i = 0; i < inputCount && extra > 0; i++) {
      const p = byInput[i] as number;
      if (p < 0) continue;
      out[p] = (out[p] as number) + 1;
      extra--;
    }
  } finally {
    SCRATCH.leave();
  }
}

function given(q: Float64Array, end: number, cut: number): number {
  let sum = 0;
  for (let p = 0; p < end; p++) {
    const v = (q[p] as number) - cut;
    if (v > 0) sum += v;
  }
  return sum;
}
