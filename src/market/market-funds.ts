import { MoneyScale } from '../settlement/money-scale.js';
import type { MarketConfig } from './market-config.js';
import type { ParsedOrder } from './order-intake.js';

/**
 * The money a buy order reserves, in the ledger's money steps: price x quantity rounded up,
 * exactly as the collateral computes it (nothing for a price of zero or less; a market order at
 * the retail price, the most it can pay). `scale` and `energySteps` are the ledger's, as the
 * collateral's are, so this check and the reservation agree whatever steps the ledger has.
 */
export function fundsNeeded(config: MarketConfig, scale: MoneyScale, order: ParsedOrder, energySteps: number): number {
  const price = Number.isNaN(order.priceTicks) ? config.retailTicks : order.priceTicks;
  if (price <= 0) return 0;
  // NaN (beyond the safe integers) compares false with any balance: the caller refuses it.
  const needed = scale.valueN(price, energySteps, 'ceil');
  return Number.isNaN(needed) ? Infinity : needed;
}
