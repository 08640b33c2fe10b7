import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { fromSteps } from '../units/from-steps.js';
import type { MarketConfig } from './market-config.js';
import type { MarketCore } from './market-core.js';
import type { ParsedOrder } from './order-intake.js';

/**
 * The market's collateral rules: whether an order's reservation fits the participant's available
 * money or energy, and the reservation itself. Both take the amount from the reservation engine
 * ({@link Reservations.amountFor}), in the ledger's own steps, so a check that passes is a
 * reservation that succeeds, whatever steps the ledger has.
 */
export class MarketFunds {
  constructor(
    private readonly config: MarketConfig,
    private readonly core: MarketCore,
  ) {}

  /** Throws INSUFFICIENT_FUNDS when the order's reservation would not fit (counting `held` already reserved for it). */
  check(order: ParsedOrder, held: number, fn: string): void {
    const collateral = this.core.collateral;
    const p = order.participant;
    if (collateral === undefined || p.utility) return;
    const ledger = this.config.ledger;
    if (order.side === 'buy') {
      if (!this.config.collateral) return;
      const amount = collateral.amountFor('buy', this.core.energySteps(order.lots), this.limitOf(order));
      const credit = this.config.participantCredit;
      // NaN (past the safe integers) cannot be reserved at all: refused even on credit, before anything changes.
      if (Number.isNaN(amount) || amount > Number.MAX_SAFE_INTEGER) {
        fail(credit ? ErrorCode.BALANCE_OVERFLOW : ErrorCode.INSUFFICIENT_FUNDS, fn, `participant '${p.id}': the order's collateral is more than can be held exactly`);
      }
      // On credit a buy is not checked against the money available (see MarketOptions.participantCredit).
      if (credit) return;
      const available = ledger.availableSteps(p.money) + held;
      if (amount > available) {
        const step = collateral.cfg.moneyStep;
        fail(ErrorCode.INSUFFICIENT_FUNDS, fn, `participant '${p.id}' has ${fromSteps(available, step).toString()} ${this.config.currency.code} available; the order needs ${fromSteps(amount, step).toString()}`);
      }
    } else if (this.config.energyCollateral && this.core.energySteps(order.lots) > ledger.availableSteps(p.energy) + held) {
      fail(ErrorCode.INSUFFICIENT_FUNDS, fn, `participant '${p.id}' holds too little energy for the order`);
    }
  }

  /** Reserves collateral for an order that passed {@link check}; returns its slot, -1 for none. */
  reserve(order: ParsedOrder, fn: string): number {
    const collateral = this.core.collateral;
    if (collateral === undefined || order.participant.utility) return -1;
    const buy = order.side === 'buy';
    if (buy ? !this.config.collateral : !this.config.energyCollateral) return -1;
    const p = order.participant;
    return collateral.reserve(order.id, p.id, order.side, this.core.energySteps(order.lots), buy ? this.limitOf(order) : 0, fn, buy ? p.moneyIndex : p.energyIndex);
  }

  /** A buy's price limit in ticks: a market order may pay up to the retail price. */
  private limitOf(order: ParsedOrder): number {
    return Number.isNaN(order.priceTicks) ? this.config.retailTicks : order.priceTicks;
  }
}
