import type { Decimal } from 'decimal.js';
import type { Step } from '../units/step.js';
import { stepsDecimal } from './market-trade.js';
import type { MarketSubmitResult, MarketTrade } from './market-types.js';

/** A result with no trades. */
export const NO_TRADES: readonly MarketTrade[] = Object.freeze([]);

/**
 * What submit and amend return: integers inside, Decimals built on first read.
 *
 * Its fields are declared and assigned in the constructor rather than written as class fields:
 * a class field is defined (`Object.defineProperty` semantics), which V8 runs as a separate
 * initializer per object, and one of these is made per order (the profile of the district
 * simulation showed the initializer). The fields and their order are as before.
 */
export class SubmitView implements MarketSubmitResult {
  declare readonly orderId: string;
  declare readonly product: string;
  declare readonly status: MarketSubmitResult['status'];
  declare readonly trades: readonly MarketTrade[];
  private declare readonly filledLots: number;
  private declare readonly remainingLots: number;
  private declare readonly step: Step;
  private declare f: Decimal | undefined;
  private declare r: Decimal | undefined;

  constructor(orderId: string, product: string, status: MarketSubmitResult['status'], trades: readonly MarketTrade[], filledLots: number, remainingLots: number, step: Step) {
    this.orderId = orderId;
    this.product = product;
    this.status = status;
    this.trades = trades;
    this.filledLots = filledLots;
    this.remainingLots = remainingLots;
    this.step = step;
    this.f = undefined;
    this.r = undefined;
  }

  get filled(): Decimal {
    return (this.f ??= stepsDecimal(this.filledLots, this.step));
  }

  get remaining(): Decimal {
    return (this.r ??= stepsDecimal(this.remainingLots, this.step));
  }

  /** Plain data with exact decimal strings, for JSON and logs. */
  toJSON(): Record<string, unknown> {
    return { orderId: this.orderId, product: this.product, status: this.status, trades: this.trades, filled: this.filled.toString(), remaining: this.remaining.toString() };
  }
}
