import { Decimal } from 'decimal.js';
import { formatSteps, fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import type { MarketTrade } from './market-types.js';

/** The price tick and quantity step a trade's integers are counted in. */
export interface TradeUnits {
  readonly priceTick: Step;
  readonly quantityStep: Step;
}

/**
 * A trade held in integers, with its Decimals built on first read. `buyerPrepaid` is the money
 * (in money steps) that collateral already moved into escrow for it; settlement credits it.
 */
export class TradeRecord implements MarketTrade {
  private q: Decimal | undefined;
  private bp: Decimal | undefined;
  private sp: Decimal | undefined;
  private f: Decimal | undefined;
  private text: string | undefined;
  /** Money already posted to the clearing account for this trade by collateral, money steps. */
  buyerPrepaid = 0;
  /**
   * Congestion rent per kWh inside buyerPrice - sellerPrice, ticks: the part beyond the fee of
   * an auction trade across a full link (0 otherwise); settlement pays it to the congestion account.
   */
  rentTicks = 0;

  constructor(
    /** The trade's number in its product, from 1: the id is `<product>#<number>`. */
    readonly number: number,
    readonly product: string,
    readonly deliveryStart: number,
    readonly buyOrderId: string,
    readonly sellOrderId: string,
    readonly buyer: string,
    readonly seller: string,
    /** Quantity, steps. */
    readonly lots: number,
    /** Buyer price, ticks. */
    readonly buyerTicks: number,
    /** Seller price, ticks. */
    readonly sellerTicks: number,
    /** Zone fee, ticks. */
    readonly feeTicks: number,
    private readonly units: TradeUnits,
  ) {}

  /** `<product id>#<number>`, built on first read. */
  get id(): string {
    return (this.text ??= `${this.product}#${this.number}`);
  }

  get quantity(): Decimal {
    return (this.q ??= stepsDecimal(this.lots, this.units.quantityStep));
  }

  get buyerPrice(): Decimal {
    return (this.bp ??= stepsDecimal(this.buyerTicks, this.units.priceTick));
  }

  get sellerPrice(): Decimal {
    return (this.sp ??= stepsDecimal(this.sellerTicks, this.units.priceTick));
  }

  get fee(): Decimal {
    return (this.f ??= stepsDecimal(this.feeTicks, this.units.priceTick));
  }

  /** Plain data with exact decimal strings, for JSON and logs. */
  toJSON(): Record<string, string | number> {
    return {
      id: this.id,
      product: this.product,
      deliveryStart: this.deliveryStart,
      buyOrderId: this.buyOrderId,
      sellOrderId: this.sellOrderId,
      buyer: this.buyer,
      seller: this.seller,
      quantity: formatSteps(this.lots, this.units.quantityStep),
      buyerPrice: formatSteps(this.buyerTicks, this.units.priceTick),
      sellerPrice: formatSteps(this.sellerTicks, this.units.priceTick),
      fee: formatSteps(this.feeTicks, this.units.priceTick),
    };
  }
}

/**
 * `steps * step` as a Decimal, exactly: from {@link stepsInput}'s number when it has one (a
 * Decimal made from a number takes the decimal the number prints as, which is exact there), which
 * costs a fraction of formatting the text in bigint.
 */
export function stepsDecimal(steps: number, step: Step): Decimal {
  return step.multiple === 1 && Math.abs(steps) < 2 ** 49 ? new Decimal(steps / step.scale) : fromSteps(steps, step);
}

/**
 * An integer count of `step`s as a `DecimalInput` that the parsers take without building a
 * Decimal: a number when it prints as the exact decimal (most values), else exact text.
 */
export function stepsInput(steps: number, step: Step): number | string {
  if (step.multiple === 1 && Math.abs(steps) < 2 ** 49) return steps / step.scale;
  return formatSteps(steps, step);
}
