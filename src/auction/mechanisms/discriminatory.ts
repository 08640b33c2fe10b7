import { asFraction } from '../fraction.js';
import { crossLots } from '../lot-ladder.js';
import type { AuctionMechanism, MechanismAllocation, MechanismContext } from '../mechanism.js';
import type { NormalisedOrders } from '../normalised-orders.js';
import { clearZonal } from '../zonal/clear-zonal.js';
import { lotInterval, tradeBestLots } from './lot-kit.js';

/**
 * The k-double auction, discriminatory (Chatterjee and Samuelson 1983): the uniform allocation,
 * with bids walked high to low against asks low to high and every paired piece trading at
 * `ask + k * (bid - ask)` (k = 1 is pay-as-bid, k = 0 pay-as-ask), the offset rounded half-up.
 * Buyer and seller price of a piece are equal (plus the fee with zones), so it is strongly
 * budget-balanced.
 */
export const discriminatoryMechanism: AuctionMechanism = Object.freeze({
  name: 'discriminatory',
  properties: Object.freeze({
    individuallyRational: true,
    budgetBalance: 'strong',
    truthful: 'no',
    efficient: true,
    uniformPricing: false,
  } as const),
  supports: Object.freeze({ zones: true, zonalFees: true, capacities: true }),
  clear(orders: NormalisedOrders, context: MechanismContext): MechanismAllocation {
    if (context.zones.length > 0) return clearZonal(orders, context, 'discriminatory');
    const crossing = crossLots(orders.bids, orders.asks, 0);
    const pricing = { kind: 'split', k: asFraction(context.k), fee: 0 } as const;
    return tradeBestLots(orders, crossing.lots, context, pricing, undefined, lotInterval(orders, crossing, 0));
  },
});
