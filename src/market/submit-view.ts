import type { Decimal } from 'decimal.js';
import type { Step } from '../units/step.js';
import { stepsDecimal } from './market-trade.js';
import type { MarketSubmitResult, MarketTrade } from './market-types.js';

/** A result with no trades. */
export const NO_TRADES: readonly MarketTrade[] = Object.freeze([]);

/** What submit and amend return: integers inside, Decimals built on first read. */
export class SubmitView implements MarketSubmitResult {
  private f: Decimal | undefined;
  private r: Decimal | undefined;

  constructor(
    readonly orderId: string,
    readonly product: string,
    readonly status: MarketSubmitResult['status'],
    readonly trades: readonly MarketTrade[],
    private readonly filledLots: number,
    private readonly remainingLots: number,
    private readonly step: Step,
  ) {}

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
