import { divide, type RoundingMode } from '../units/rounding.js';

/**
 * The money a participant pays the utility for an interval's deviation, in money steps, computed
 * exactly as settlement does: a shortfall at the retail price and a surplus at the feed-in price,
 * each product rounded by the settlement's rounding (half-even for charges and credits).
 */
export class UtilityPricing {
  /** money steps per (tick x Wh) = num / den */
  constructor(
    private readonly num: bigint,
    private readonly den: bigint,
    private readonly retailTicks: number,
    private readonly feedInTicks: number,
    private readonly mode: RoundingMode = 'half-even',
  ) {}

  /** The cost (positive: the participant pays) of an imbalance `imbalanceWh` (positive: surplus). */
  cost(imbalanceWh: number): number {
    if (imbalanceWh === 0) return 0;
    if (imbalanceWh < 0) return Number(divide(BigInt(this.retailTicks) * BigInt(-imbalanceWh) * this.num, this.den, this.mode));
    return -Number(divide(BigInt(this.feedInTicks) * BigInt(imbalanceWh) * this.num, this.den, this.mode));
  }
}
