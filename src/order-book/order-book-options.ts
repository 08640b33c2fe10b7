import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { formatSteps } from '../units/from-steps.js';
import { createStep, type Step } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkKnownKeys, checkObject, checkOneOf } from '../validation/checks.js';
import { STP_ALLOW, STP_CANCEL_BOTH, STP_CANCEL_MAKER, STP_CANCEL_TAKER } from './engine-codes.js';
import type { SelfTradeMode } from './order-types.js';

/**
 * Options of {@link OrderBook}. All optional.
 *
 * @example
 * ```ts
 * new OrderBook({ priceTick: '1', quantityStep: '0.001', selfTrade: 'cancel-maker', priceBand: { min: 0, max: 5000 } });
 * ```
 */
export interface OrderBookOptions {
  /** The price grid: every price must be a whole multiple of it. Default `'0.0001'`. */
  priceTick?: DecimalInput;
  /** The quantity grid in kWh: every quantity must be a whole multiple of it. Default `'0.001'` (1 Wh). */
  quantityStep?: DecimalInput;
  /** What happens when an order would trade with a resting order of the same owner. Default `'cancel-taker'`. */
  selfTrade?: SelfTradeMode;
  /**
   * The prices the book accepts, both ends included (for example the feed-in tariff to the
   * retail tariff). A limit price outside is refused with INVALID_PRICE (reason OUT_OF_RANGE).
   * Default: no bound. The book works for any prices without one; the band is a guard.
   */
  priceBand?: PriceBand;
}

/** A closed price interval for {@link OrderBookOptions.priceBand}; either end may be left open. */
export interface PriceBand {
  /** The lowest price accepted (on the tick). Default: no lower bound. */
  min?: DecimalInput;
  /** The highest price accepted (on the tick). Default: no upper bound. */
  max?: DecimalInput;
}

/** The self-trade modes, in the order of their STP_* codes. */
export const SELF_TRADE_MODES: readonly SelfTradeMode[] = Object.freeze(['allow', 'cancel-taker', 'cancel-maker', 'cancel-both']);
const STP_CODES = [STP_ALLOW, STP_CANCEL_TAKER, STP_CANCEL_MAKER, STP_CANCEL_BOTH];
const OPTION_KEYS = ['priceTick', 'quantityStep', 'selfTrade', 'priceBand'];
const BAND_KEYS = ['min', 'max'];

/** {@link OrderBookOptions} with the defaults filled in and the values parsed. */
export interface ResolvedBookOptions {
  readonly priceTick: Step;
  readonly quantityStep: Step;
  readonly selfTrade: SelfTradeMode;
  /** The STP_* code of `selfTrade`. */
  readonly stp: number;
  /** The band in ticks; -Infinity when open. */
  readonly bandMin: number;
  /** The band in ticks; +Infinity when open. */
  readonly bandMax: number;
}

/** Resolves and checks the options once. `fn` names the public function in error messages. */
export function resolveBookOptions(options: unknown, fn: string): ResolvedBookOptions {
  const o = options === undefined ? {} : checkObject(options, fn, 'options');
  checkKnownKeys(o, OPTION_KEYS, fn, 'option');
  const priceTick = createStep((o['priceTick'] ?? '0.0001') as DecimalInput, fn, 'priceTick');
  const quantityStep = createStep((o['quantityStep'] ?? '0.001') as DecimalInput, fn, 'quantityStep');
  const selfTrade = checkOneOf(o['selfTrade'], SELF_TRADE_MODES, 'cancel-taker', fn, 'selfTrade');
  let bandMin = -Infinity;
  let bandMax = Infinity;
  if (o['priceBand'] !== undefined) {
    const band = o['priceBand'];
    if (typeof band !== 'object' || band === null || Array.isArray(band)) {
      fail(ErrorCode.INVALID_OPTION, fn, 'priceBand must be an object { min?, max? }');
    }
    const b = band as Record<string, unknown>;
    checkKnownKeys(b, BAND_KEYS, fn, 'priceBand field');
    const spec = valueSpec(fn, 'priceBand', ErrorCode.INVALID_OPTION, 'any', 'tick');
    if (b['min'] !== undefined) bandMin = toSteps(b['min'], priceTick, spec);
    if (b['max'] !== undefined) bandMax = toSteps(b['max'], priceTick, spec);
    if (bandMin > bandMax) {
      const text = `priceBand min ${formatSteps(bandMin, priceTick)} is above max ${formatSteps(bandMax, priceTick)}`;
      fail(ErrorCode.INVALID_OPTION, fn, text, 'OUT_OF_RANGE');
    }
  }
  const stp = STP_CODES[SELF_TRADE_MODES.indexOf(selfTrade)] as number;
  return Object.freeze({ priceTick, quantityStep, selfTrade, stp, bandMin, bandMax });
}
