import type { Decimal } from 'decimal.js';
import { formatSteps, fromSteps } from '../units/from-steps.js';
import type { BookUnits, Side } from './order-types.js';

/**
 * One trade between an incoming (taker) order and a resting (maker) order, at the maker's price.
 * `JSON.stringify` writes the decimals as exact strings.
 */
export interface Trade {
  /** The book-wide trade number: 1 for the book's first trade, then one more per trade. */
  readonly sequence: number;
  /** The price per kWh: the resting (maker) order's price. */
  readonly price: Decimal;
  /** The quantity in kWh. */
  readonly quantity: Decimal;
  /** The price as an integer count of the book's price ticks (exact; for integer arithmetic downstream). */
  readonly priceTicks: number;
  /** The quantity as an integer count of the book's quantity steps. */
  readonly quantitySteps: number;
  /** The resting order's id. */
  readonly makerOrderId: string;
  /** The incoming order's id. */
  readonly takerOrderId: string;
  /** The buy order's id (the maker's or the taker's, by `takerSide`). */
  readonly buyOrderId: string;
  /** The sell order's id. */
  readonly sellOrderId: string;
  /** The buy order's owner. */
  readonly buyer: string;
  /** The sell order's owner. */
  readonly seller: string;
  /** The incoming order's side: `'buy'` when a bid lifted an ask, `'sell'` when an ask hit a bid. */
  readonly takerSide: Side;
}

/**
 * The one allocation per fill on the matching path. The Decimals are built on first read from
 * the integers: a decimal.js value costs about a microsecond, the whole fill about 30 ns.
 */
export class BookTrade implements Trade {
  // One slot for both lazy Decimals (price, quantity), so a trade costs 104 bytes, not 120.
  private decimals: [Decimal | undefined, Decimal | undefined] | undefined = undefined;

  constructor(
    readonly sequence: number,
    readonly priceTicks: number,
    readonly quantitySteps: number,
    readonly makerOrderId: string,
    readonly takerOrderId: string,
    readonly buyer: string,
    readonly seller: string,
    readonly takerSide: Side,
    private readonly units: BookUnits,
  ) {}

  get price(): Decimal {
    const d = (this.decimals ??= [undefined, undefined]);
    return (d[0] ??= fromSteps(this.priceTicks, this.units.priceTick));
  }

  get quantity(): Decimal {
    const d = (this.decimals ??= [undefined, undefined]);
    return (d[1] ??= fromSteps(this.quantitySteps, this.units.quantityStep));
  }

  get buyOrderId(): string {
    return this.takerSide === 'buy' ? this.takerOrderId : this.makerOrderId;
  }

  get sellOrderId(): string {
    return this.takerSide === 'sell' ? this.takerOrderId : this.makerOrderId;
  }

  /** Plain data with the decimals as exact strings, for `JSON.stringify` and logs. */
  toJSON(): Record<string, string | number> {
    return {
      sequence: this.sequence,
      price: formatSteps(this.priceTicks, this.units.priceTick),
      quantity: formatSteps(this.quantitySteps, this.units.quantityStep),
      makerOrderId: this.makerOrderId,
      takerOrderId: this.takerOrderId,
      buyOrderId: this.buyOrderId,
      sellOrderId: this.sellOrderId,
      buyer: this.buyer,
      seller: this.seller,
      takerSide: this.takerSide,
    };
  }

  /** `console.log` shows the trade as its plain data. */
  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, string | number> {
    return this.toJSON();
  }
}
