import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/error-codes.js';
import { WattError } from '../../src/errors/watt-error.js';
import { createStep } from '../../src/units/step.js';
import { slowToSteps, toSteps, valueSpec, type ValueSpec } from '../../src/units/to-steps.js';
import { runs } from '../helpers/expect-watt-error.js';

// toSteps takes fast paths for plain numbers and short decimal strings (no Decimal, no BigInt,
// no string built) and falls back to the exact path for anything they do not settle. The fast
// paths must only skip work: on every input, the same steps or the same refusal (code, reason
// and message) as the exact path alone.

const SPECS: readonly ValueSpec[] = [
  valueSpec('clearAuction', 'price', ErrorCode.INVALID_PRICE, 'any', 'tick'),
  valueSpec('clearAuction', 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step'),
  valueSpec('Ledger.transfer', 'amount', ErrorCode.INVALID_AMOUNT, 'non-negative', 'step'),
];
const STEPS = ['0.01', '0.001', '0.005', '1', '5', '0.0001', '0.000000000000001', '0.25', '100'].map((t) => createStep(t, 'test', 'step'));

type Outcome = { steps: number } | { code: string; reason: string | undefined; message: string };
function outcome(f: () => number): Outcome {
  try {
    const steps = f();
    // -0 and 0 are both 0 steps, but neither path may return -0.
    return { steps: Object.is(steps, -0) ? Number.NaN : steps };
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
    return { code: e.code, reason: e.reason, message: e.message };
  }
}

/** Decimal text the fast string path reads, and much it must leave to the exact path. */
const textArb: fc.Arbitrary<string> = fc.oneof(
  // Plain decimals, up to 17 characters and beyond, with 0..20 decimals.
  fc.tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,20}$/), fc.option(fc.stringMatching(/^[0-9]{0,20}$/))).map(([s, i, f]) => (f === null ? s + i : `${s}${i}.${f}`)),
  // Non-canonical and edge forms.
  fc.constantFrom('-0', '+0', '-0.00', '0.', '.5', '-.5', '00012.50', '1.', '.', '', '-', '+', '1e3', '1E-2', '2.5e-1', '1e21', '1e-7', '-1e+2', ' 1', '1 ', '1_0', '0x10', 'Infinity', '-Infinity', 'NaN', '9007199254740991', '9007199254740992', '90071992547409.91', '1.000000000000000000001', '٣', '１'),
  // Exponent forms.
  fc.tuple(fc.stringMatching(/^-?[0-9]{1,6}(\.[0-9]{1,6})?$/), fc.constantFrom('e', 'E'), fc.integer({ min: -30, max: 30 })).map(([m, e, x]) => `${m}${e}${x}`),
  // Anything at all.
  fc.string({ maxLength: 20 }),
);

/** Numbers of every kind: on and off the grid, at the fast path's limits, negative zero, non-finite. */
const numberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).chain((n) => fc.constantFrom(1, 10, 100, 1000, 1e4, 1e15).map((d) => n / d)),
  fc.double(),
  fc.double({ min: -1e17, max: 1e17, noNaN: true }),
  fc.constantFrom(-0, 0, 0.1, 0.3, 0.1 + 0.2, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 49, 2 ** 49 + 1, -(2 ** 49) - 1, 2 ** 53, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).chain((n) => fc.constantFrom(1, 100, 1e15).map((d) => n / d)),
);

const inputArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: numberArb },
  { weight: 4, arbitrary: textArb },
  { weight: 1, arbitrary: numberArb.map((n) => new Decimal(n)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, {}, [], 10n) },
);

describe('toSteps: the fast paths against the exact path', () => {
  it('give the same steps or the same refusal on random inputs, steps and signs', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...STEPS), fc.constantFrom(...SPECS), (value, step, spec) => {
        expect(outcome(() => toSteps(value, step, spec))).toEqual(outcome(() => slowToSteps(value, step, spec)));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('agree on the same value given as a number and as the text it prints as', () => {
    fc.assert(
      fc.property(numberArb, fc.constantFrom(...STEPS), fc.constantFrom(...SPECS), (n, step, spec) => {
        const asNumber = outcome(() => toSteps(n, step, spec));
        expect(asNumber).toEqual(outcome(() => slowToSteps(n, step, spec)));
        const asText = outcome(() => toSteps(String(n), step, spec));
        if ('steps' in asNumber) expect(asText).toEqual(asNumber);
        else if ('code' in asText) expect([asText.code, asText.reason]).toEqual([asNumber.code, asNumber.reason]);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('agree on the edge cases named in the fast path', () => {
    const tick = createStep('0.01', 'test', 'tick');
    for (const spec of SPECS) {
      for (const value of [-0, '-0', '-0.00', 0.07, 0.1 + 0.2, 1e21, '1e21', 1e-7, 2 ** 49 / 100, (2 ** 49 + 1) / 100, '0.005', '12345678901234.56', '123456789012345.67', '+1.50', '01.50', '1.', '.5', 'abc', '']) {
        expect(outcome(() => toSteps(value, tick, spec))).toEqual(outcome(() => slowToSteps(value, tick, spec)));
      }
    }
  });
});
