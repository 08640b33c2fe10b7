import type { AllocationTrades, MechanismAllocation, TickInterval, ZoneTickPrices } from './mechanism.js';

/**
 * The allocation of a built-in mechanism: the fills it decided, and its trades paired only when
 * first read. Clearing a million orders decides fills in a few milliseconds; pairing them into
 * some hundreds of thousands of trades costs more, and is skipped when nobody reads the trades.
 */
export class BuiltAllocation implements MechanismAllocation {
  private paired: AllocationTrades | undefined;

  /**
   * @param bidFill - lots filled per bid position (kept by the result).
   * @param askFill - lots filled per ask position.
   * @param volume - lots traded: the sum of either fill array.
   * @param pair - builds the trades from the fills.
   */
  constructor(
    readonly bidFill: Float64Array,
    readonly askFill: Float64Array,
    readonly volume: number,
    private readonly pair: () => AllocationTrades,
    readonly price?: number,
    readonly interval?: TickInterval,
    readonly zonePrices?: readonly ZoneTickPrices[],
  ) {}

  /** The trades, paired on first read. */
  get trades(): AllocationTrades {
    return (this.paired ??= this.pair());
  }
}
