import { crossLots } from '../lot-ladder.js';
import type { AuctionMechanism, MechanismAllocation, MechanismContext } from '../mechanism.js';
import type { NormalisedOrders } from '../normalised-orders.js';
import { tradeBestLots, uniformFee } from './lot-kit.js';

/**
 * Trade reduction (Babaioff and Nisan 2004, after McAfee 1992), applied to lots: with K the
 * efficient number of lots, the K-th (least valuable) lot pair is always dropped; the best
 * K - 1 lots trade, buyers paying b_K (net of a constant grid fee, which buyers pay on top) and
 * sellers receiving s_K. The marginal lot is taken from the marginal orders.
 */
export const tradeReductionMechanism: AuctionMechanism = Object.freeze({
  name: 'trade-reduction',
  properties: Object.freeze({
    individuallyRational: true,
    budgetBalance: 'weak',
    truthful: 'unit-traders',
    efficient: false,
    uniformPricing: true,
  } as const),
  supports: Object.freeze({ zones: true, zonalFees: false, capacities: false }),
  clear(orders: NormalisedOrders, context: MechanismContext): MechanismAllocation {
    const fee = uniformFee(context);
    const c = crossLots(orders.bids, orders.asks, fee);
    if (c.lots === 0) return tradeBestLots(orders, 0, context, { kind: 'fixed', buyer: 0, seller: 0 });
    const bK = (orders.bids.price[c.bidLast] as number) - fee;
    const sK = orders.asks.price[c.askLast] as number;
    return tradeBestLots(orders, c.lots - 1, context, { kind: 'fixed', buyer: bK + fee, seller: sK }, fee === 0 && bK === sK ? sK : undefined);
  },
});
