import type { Decimal } from 'decimal.js';
import { ErrorCode } from '../errors/error-codes.js';
import { checkOneOf } from '../validation/checks.js';
import type { DecimalInput } from './decimal-input.js';
import { formatSteps, fromSteps } from './from-steps.js';
import { createStep, type Step } from './step.js';
import { toSteps, valueSpec, type ValueSpec } from './to-steps.js';

const SIGNS = ['positive', 'non-negative', 'any'] as const;

/** Options of {@link DecimalGrid}. */
export interface DecimalGridOptions {
  /** Which signs `toSteps` accepts (default `'any'`). */
  sign?: 'positive' | 'non-negative' | 'any';
  /** The value's name in error messages (default `'value'`). */
  name?: string;
}

/**
 * A grid of decimal values spaced by one step: converts between `DecimalInput` and integer step
 * counts, exactly, in both directions. The order book, auction and ledger use the same
 * conversion inside; a custom mechanism or agent uses this class to speak their integers.
 *
 * @example
 * ```ts
 * const ticks = new DecimalGrid('0.0001');
 * ticks.toSteps('1850.25'); // 18502500
 * ticks.toSteps(0.1);       // 1000: a number means the decimal it prints as
 * ticks.fromSteps(1234).toString(); // '0.1234'
 * ticks.toSteps('0.12345'); // throws WattError INVALID_ARGUMENT (reason OFF_STEP)
 * ```
 */
export class DecimalGrid {
  /** The step as exact plain decimal text. */
  readonly stepText: string;
  private readonly step: Step;
  private readonly spec: ValueSpec;

  /**
   * @param step - the spacing of the grid, a positive decimal with at most 15 decimal places.
   * @param options - see {@link DecimalGridOptions}.
   * @throws WattError INVALID_STEP for a bad step; INVALID_OPTION for a bad option.
   */
  constructor(step: DecimalInput, options: DecimalGridOptions = {}) {
    const sign = checkOneOf(options.sign, SIGNS, 'any', 'DecimalGrid', 'sign');
    this.step = createStep(step, 'DecimalGrid', 'step');
    this.stepText = this.step.text;
    this.spec = valueSpec('DecimalGrid.toSteps', options.name ?? 'value', ErrorCode.INVALID_ARGUMENT, sign, 'step');
  }

  /**
   * The exact number of steps in `value`: `value = result * step`.
   * @throws WattError INVALID_ARGUMENT, with a reason, for a value that is not a finite decimal,
   *   is off the grid, has a sign the grid refuses, or is beyond the safe integer range.
   */
  toSteps(value: DecimalInput): number {
    return toSteps(value, this.step, this.spec);
  }

  /** `steps * step` as an exact `Decimal`. `steps` may be a bigint for products. */
  fromSteps(steps: number | bigint): Decimal {
    return fromSteps(steps, this.step);
  }

  /** `steps * step` as exact plain decimal text, e.g. `'0.1234'`. */
  format(steps: number | bigint): string {
    return formatSteps(steps, this.step);
  }
}
