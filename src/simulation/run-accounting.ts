import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { divide, divideSafe, type RoundingMode } from '../units/rounding.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `total + amount` for money (or energy) in integer steps, refused with BALANCE_OVERFLOW when the
 * sum is not a safe integer. The market side's money goes through the ledger, which refuses a
 * balance past 2^53; the run's own sums (the utility-only baseline, the totals across days and
 * participants) are checked here the same way, so that no figure is rounded silently. A sum of
 * safe integers that is itself a safe integer is exact, so checking every partial sum is enough.
 * @throws WattError BALANCE_OVERFLOW naming `what`.
 */
export function addSteps(total: number, amount: number, what: string): number {
  const sum = total + amount;
  if (!Number.isSafeInteger(sum)) overflow(what);
  return sum;
}

/** The exact sum of `values` (integer steps), each partial sum checked as by {@link addSteps}. */
export function sumSteps(values: readonly number[], what: string): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum = addSteps(sum, values[i] as number, what);
  return sum;
}

/**
 * Refuses a run whose energy totals (`totals` of the community or a participant) pass 2^53 Wh.
 * Each interval's flows are safe integers and the totals only grow (all but the storage delta are
 * sums of non-negative terms), so a total that ever passed 2^53 ends past it: one check at the end
 * catches every inexact sum. Only a very large run gets there (about 10^16 Wh).
 * @throws WattError BALANCE_OVERFLOW naming the total.
 */
export function checkEnergyTotals(totals: object, whose: string): void {
  for (const [key, wh] of Object.entries(totals)) {
    if (!Number.isSafeInteger(wh)) overflow(`${whose} ${key}`);
  }
}

function overflow(what: string): never {
  return fail(ErrorCode.BALANCE_OVERFLOW, 'runSimulation', `${what} passes 2^53 steps, more than a number holds exactly: use a coarser money step or price tick, or a shorter run`);
}

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
    const ticksBig = BigInt(ticks);
    const amount = divide(ticksBig * BigInt(wh) * this.num, this.den, this.mode);
    if (amount > MAX_SAFE || amount < -MAX_SAFE) overflow("one interval's cost with the utility");
    return imbalanceWh < 0 ? Number(amount) : -Number(amount);
  }
}
