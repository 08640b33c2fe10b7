import { divide } from '../../units/rounding.js';
import { crossLots } from '../lot-ladder.js';
import type { AuctionMechanism, MechanismAllocation, MechanismContext } from '../mechanism.js';
import type { NormalisedOrders } from '../normalised-orders.js';
import { tradeBestLots, uniformFee } from './lot-kit.js';

/**
 * McAfee (1992), "A dominant strategy double auction", applied to lots. With K the efficient
 * number of lots, b and s the lots' prices (bids net of a constant grid fee):
 * p0 = (b_{K+1} + s_{K+1}) / 2, rounded half-even to the tick. If s_K <= p0 <= b_K, the best
 * K lots trade at p0; otherwise the best K - 1 lots trade, buyers paying b_K and sellers
 * receiving s_K (the marginal lot is taken from the marginal orders). Without a lot K + 1 on
 * either side p0 does not exist and the second case applies (the missing price taken as the
 * bound of the support, -infinity for bids and +infinity for asks).
 */
export const mcafeeMechanism: AuctionMechanism = Object.freeze({
  name: 'mcafee',
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
    const bp = orders.bids.price;
    const ap = orders.asks.price;
    const bK = (bp[c.bidLast] as number) - fee;
    const sK = ap[c.askLast] as number;
    if (c.bidNext >= 0 && c.askNext >= 0) {
      const sum = (bp[c.bidNext] as number) - fee + (ap[c.askNext] as number);
      const p0 = Number(divide(BigInt(sum), 2n, 'half-even'));
      if (sK <= p0 && p0 <= bK) {
        return tradeBestLots(orders, c.lots, context, { kind: 'fixed', buyer: p0 + fee, seller: p0 }, fee === 0 ? p0 : undefined);
      }
    }
    return tradeBestLots(orders, c.lots - 1, context, { kind: 'fixed', buyer: bK + fee, seller: sK }, fee === 0 && bK === sK ? sK : undefined);
  },
});
