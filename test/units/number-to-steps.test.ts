import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/error-codes.js';
import { createStep, type Step } from '../../src/units/step.js';
import { numberToSteps, toSteps, valueSpec } from '../../src/units/to-steps.js';
import { catchWattError, runs } from '../helpers/expect-watt-error.js';

// numberToSteps is the plain-number fast path that OrderBook.submit inlines and toSteps itself
// uses. It may decline (NaN) but must never give an answer the exact path would not give.

const PRICE = valueSpec('f', 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const MAX = Number.MAX_SAFE_INTEGER;
const Exact = Decimal.clone({ precision: 1000, toExpPos: 9e15, toExpNeg: -9e15 });

/** The number read as the decimal it prints as, divided by the step at 1,000 digits. */
function referenceSteps(value: number, step: Step): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const q = new Exact(String(value)).div(new Exact(step.text));
  if (!q.isInteger() || q.abs().gt(MAX)) return undefined;
  return q.toNumber() + 0;
}

const stepArb = fc
  .record({ decimals: fc.integer({ min: 0, max: 8 }), multiple: fc.constantFrom(1, 1, 2, 5, 25, 1000) })
  .map(({ decimals, multiple }) => createStep(new Exact(multiple).div(new Exact(10).pow(decimals)).toFixed(), 'test', 'step'));

const EDGES = [
  0, -0, 1e-7, -1e-7, 0.1 + 0.2, 0.3, 0.1, 0.0001, 0.00015, 0.1247, 12.5, 5e-324, -5e-324, 1e21, 1e300, -1e300,
  2 ** 49, 2 ** 49 + 1, 2 ** 53, MAX, -MAX, Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.125, 1.005, 4.35, 1 / 3,
];

// A number on the step's grid (n steps), the same plus or minus one ulp, or any double at all.
function valueArb(step: Step): fc.Arbitrary<number> {
  const onGrid = fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((n) => Number(new Exact(n).times(new Exact(step.text)).toString()));
  const nudged = onGrid.chain((v) => fc.constantFrom(v, nextUp(v), -nextUp(-v)));
  return fc.oneof(onGrid, nudged, fc.double(), fc.constantFrom(...EDGES));
}

function nextUp(v: number): number {
  if (Number.isNaN(v) || v === Infinity) return v;
  if (v === 0) return 5e-324;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, v > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

describe('numberToSteps (the fast path for plain numbers)', () => {
  it('agrees with the exact path whenever it answers, and never answers -0', () => {
    fc.assert(
      fc.property(
        stepArb.chain((step) => fc.tuple(fc.constant(step), valueArb(step))),
        ([step, value]) => {
          const fast = numberToSteps(value, step, 'any');
          const reference = referenceSteps(value, step);
          if (Number.isNaN(fast)) {
            // Declined: toSteps (the exact path behind it) decides, and gives the reference.
            const e = catchWattError(() => toSteps(value, step, PRICE));
            if (reference === undefined) expect(e?.code).toBe(ErrorCode.INVALID_PRICE);
            else expect(toSteps(value, step, PRICE)).toBe(reference);
            return;
          }
          expect(Object.is(fast, -0)).toBe(false);
          expect(fast).toBe(reference);
          expect(toSteps(value, step, PRICE)).toBe(fast);
        },
      ),
      { numRuns: runs(5000) },
    );
  });

  it('answers the plain decimal numbers a caller passes, and declines the rest', () => {
    const tick = createStep('0.0001', 't', 'tick');
    const step = createStep('0.001', 't', 'step');
    expect(numberToSteps(0.1247, tick, 'any')).toBe(1247);
    expect(numberToSteps(-0.1247, tick, 'any')).toBe(-1247);
    expect(numberToSteps(12.5, step, 'any')).toBe(12500);
    expect(Object.is(numberToSteps(-0, tick, 'any'), 0)).toBe(true);
    expect(numberToSteps(1e-7, tick, 'any')).toBeNaN(); // off the tick
    expect(numberToSteps(0.1 + 0.2, tick, 'any')).toBeNaN(); // 0.30000000000000004
    expect(numberToSteps(NaN, tick, 'any')).toBeNaN();
    expect(numberToSteps(Infinity, tick, 'any')).toBeNaN();
    expect(numberToSteps(1e300, tick, 'any')).toBeNaN(); // too large: the exact path says so
    expect(numberToSteps(0.015, createStep('0.005', 't', 'step'), 'any')).toBe(3);
    expect(numberToSteps(0.012, createStep('0.005', 't', 'step'), 'any')).toBeNaN();
  });
});
