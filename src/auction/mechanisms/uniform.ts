import { asFraction, scaleBy } from '../fraction.js';
import { crossLots } from '../lot-ladder.js';
import type { AuctionMechanism, MechanismAllocation, MechanismContext } from '../mechanism.js';
import type { NormalisedOrders } from '../normalised-orders.js';
import { clearZonal } from '../zonal/clear-zonal.js';
import { lotInterval, tradeBestLots } from './lot-kit.js';

/**
 * Uniform price (pay-as-clear). Trades the efficient number of lots K (the largest volume the
 * orders allow); the price is `low + k * (high - low)` of the lot-level clearing interval
 * `[max(s_K, b_{K+1}), min(b_K, s_{K+1})]`, the offset rounded half-up (to the nearer tick, a
 * tie upwards), which keeps it inside the interval. With zones it clears by zonal prices (see
 * clearZonal).
 */
export const uniformMechanism: AuctionMechanism = Object.freeze({
  name: 'uniform',
  properties: Object.freeze({
    individuallyRational: true,
    budgetBalance: 'strong',
    truthful: 'no',
    efficient: true,
    uniformPricing: true,
  } as const),
  supports: Object.freeze({ zones: true, zonalFees: true, capacities: true }),
  clear(orders: NormalisedOrders, context: MechanismContext): MechanismAllocation {
    if (context.zones.length > 0) return clearZonal(orders, context, 'uniform');
    const crossing = crossLots(orders.bids, orders.asks, 0);
    const interval = lotInterval(orders, crossing, 0);
    if (interval === undefined) return tradeBestLots(orders, 0, context, { kind: 'fixed', buyer: 0, seller: 0 });
    const price = interval.low + scaleBy(interval.high - interval.low, asFraction(context.k), 'half-up');
    return tradeBestLots(orders, crossing.lots, context, { kind: 'fixed', buyer: price, seller: price }, price, interval);
  },
});
