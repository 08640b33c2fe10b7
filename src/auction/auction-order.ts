import type { DecimalInput } from '../units/decimal-input.js';

/**
 * One sealed order of a call auction: a bid (`'buy'`) or an ask (`'sell'`) of `quantity` kWh
 * at a limit `price` per kWh. Extra fields are ignored, so application orders can be passed
 * as they are.
 */
export interface AuctionOrder {
  /** Unique within the auction; a non-empty string. */
  readonly id: string;
  /** The trader; a non-empty string. Fills and trades name it. */
  readonly owner: string;
  /** `'buy'` for a bid, `'sell'` for an ask. */
  readonly side: 'buy' | 'sell';
  /** Limit price per kWh, on the price tick; may be zero or negative. */
  readonly price: DecimalInput;
  /** kWh, positive, on the quantity step. */
  readonly quantity: DecimalInput;
  /**
   * The order's grid zone, one of the zones of `options.zones.fees`; omitted, it is
   * `options.zones.defaultZone`. Only allowed when the auction has zones.
   */
  readonly zone?: string | undefined;
}
