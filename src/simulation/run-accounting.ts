import { divide, divideSafe, type RoundingMode } from '../units/rounding.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

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
    private retailTicks: number,
    private feedInTicks: number,
    private readonly mode: RoundingMode = 'half-even',
  ) {
    const safe = num <= MAX_SAFE && den <= MAX_SAFE;
    this.numN = safe ? Number(num) : NaN;
    this.denN = safe ? Number(den) : NaN;
  }

  // The same scale as numbers when both are safe integers; NaN otherwise, which sends every cost
  // down the bigint path.
  private readonly numN: number;
  private readonly denN: number;

  /** Sets the prices of the interval to come (a measured tariff changes them; a flat one never does). */
  setPrices(retailTicks: number, feedInTicks: number): void {
    this.retailTicks = retailTicks;
    this.feedInTicks = feedInTicks;
  }

  /** The cost (positive: the participant pays) of an imbalance `imbalanceWh` (positive: surplus). */
  cost(imbalanceWh: number): number {
    if (imbalanceWh === 0) return 0;
    // Numbers while the product is a safe integer (so exact, the rounding done by divideSafe),
    // which it is for any realistic interval; bigint otherwise, with the same result.
    const ticks = imbalanceWh < 0 ? this.retailTicks : this.feedInTicks;
    const wh = Math.abs(imbalanceWh);
    if (Math.abs(ticks) * wh * this.numN <= Number.MAX_SAFE_INTEGER) {
      const amount = divideSafe(ticks * wh * this.numN, this.denN, this.mode);
      return imbalanceWh < 0 ? amount : -amount;
    }
    if (imbalanceWh < 0) return Number(divide(BigInt(this.retailTicks) * BigInt(-imbalanceWh) * this.num, this.den, this.mode));
    return -Number(divide(BigInt(this.feedInTicks) * BigInt(imbalanceWh) * this.num, this.den, this.mode));
  }
}
