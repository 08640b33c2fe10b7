import { MoneyScale } from '../settlement/money-scale.js';
import type { MarketConfig } from './market-config.js';
import type { ParsedOrder } from './order-intake.js';

/** The scale {@link fundsNeeded} computes with: the market's tick, quantity step and currency step. */
export function fundsScale(config: MarketConfig): MoneyScale {
  return new MoneyScale(config.priceTick, config.quantityStep, config.currency.step);
}

/**
 * The money a buy order reserves, in money steps: price x quantity rounded up, exactly as the
 * collateral computes it (nothing for a price of zero or less; a market order at the retail price,
 * the most it can pay).
 */
export function fundsNeeded(config: MarketConfig, scale: MoneyScale, order: ParsedOrder): number {
  const price = Number.isNaN(order.priceTicks) ? config.retailTicks : order.priceTicks;
  if (price <= 0) return 0;
  // NaN (beyond the safe integers) compares false with any balance: the caller refuses it.
  const needed = scale.valueN(price, order.lots, 'ceil');
  return Number.isNaN(needed) ? Infinity : needed;
}
