import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/errors/describe-value.js';
import { ErrorCode } from '../../src/errors/error-codes.js';
import { inertInput } from '../../src/units/inert-input.js';
import { createStep } from '../../src/units/step.js';
import { toSteps, valueSpec } from '../../src/units/to-steps.js';
import { catchWattError, runs } from '../helpers/expect-watt-error.js';

const TICK = createStep('0.01', 'test', 'tick');
const PRICE = valueSpec('Market.submit', 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const QTY = valueSpec('Market.submit', 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step');

/** A Decimal in a Proxy that counts its traps. */
function counted(d: Decimal): { value: Decimal; traps: () => number } {
  let traps = 0;
  const value = new Proxy(d, {
    get(target, key) {
      traps++;
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    getPrototypeOf(target) {
      traps++;
      return Reflect.getPrototypeOf(target);
    },
  });
  return { value, traps: () => traps };
}

/** What toSteps gives: the steps, or the refusal's code, reason and message. */
function outcome(value: unknown, spec = PRICE): unknown {
  let steps: number | undefined;
  const e = catchWattError(() => (steps = toSteps(value, TICK, spec)));
  return e === undefined ? steps : { code: e.code, reason: e.reason, message: e.message };
}

const decimalText = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => `${n / 1000}`),
  fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -40, max: 40 })).map(([m, e]) => `${m}e${e}`),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '0', '-0', '1e400', '123456789012345678901234567890'),
);

describe('inertInput', () => {
  it('primitives pass through unchanged', () => {
    for (const v of [1, 'x', undefined, null, true, 10n]) expect(inertInput(v)).toBe(v);
  });

  it('property: a Decimal (in a Proxy or not) made inert gives toSteps the same steps or the same refusal, and the snapshot runs no user code', () => {
    fc.assert(
      fc.property(decimalText, fc.boolean(), (text, positive) => {
        const d = new Decimal(text);
        const spec = positive ? QTY : PRICE;
        const { value, traps } = counted(d);
        const snapshot = inertInput(value);
        const after = traps();
        expect(outcome(snapshot, spec)).toEqual(outcome(d, spec));
        expect(describeValue(snapshot)).toBe(describeValue(d));
        expect(traps()).toBe(after);
      }),
      { numRuns: runs(300) },
    );
  });

  it('an object that is no number keeps its description and stays NOT_A_NUMBER', () => {
    for (const v of [{}, [], { toString: () => 'seven' }, Object.create(null) as object, () => 1]) {
      const snapshot = inertInput(v);
      expect(describeValue(snapshot)).toBe(describeValue(v));
      expect(outcome(snapshot)).toEqual(outcome(v));
    }
  });
});
