import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/error-codes.js';
import { formatSteps } from '../../src/units/from-steps.js';
import { createStep, type Step } from '../../src/units/step.js';
import { numberToSteps, toSteps, valueSpec } from '../../src/units/to-steps.js';
import { catchWattError, expectWattError, runs } from '../helpers/expect-watt-error.js';

const TICK = createStep('0.0001', 'test', 'tick');
const PRICE = valueSpec('OrderBook.submit', 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const QTY = valueSpec('OrderBook.submit', 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step');
const NON_NEG = valueSpec('f', 'fee', ErrorCode.INVALID_FEE, 'non-negative', 'step');
const MAX = Number.MAX_SAFE_INTEGER;

// A reference that knows nothing of the fast paths: decimal.js at 1,000 digits.
const Exact = Decimal.clone({ precision: 1000, toExpPos: 9e15, toExpNeg: -9e15 });
function referenceSteps(value: string, step: Step): number | 'OFF_STEP' | 'TOO_LARGE' {
  const q = new Exact(value).div(new Exact(step.text));
  if (!q.isInteger()) return 'OFF_STEP';
  if (q.abs().gt(MAX)) return 'TOO_LARGE';
  return q.toNumber() + 0;
}

const stepArb = fc
  .record({ decimals: fc.integer({ min: 0, max: 8 }), multiple: fc.constantFrom(1, 1, 2, 5, 25, 1000) })
  .map(({ decimals, multiple }) => createStep(formatUnitsText(multiple, decimals), 'test', 'step'));
function formatUnitsText(units: number, decimals: number): string {
  return new Exact(units).div(new Exact(10).pow(decimals)).toFixed();
}

describe('toSteps', () => {
  it('converts numbers, strings and Decimals to exact ticks', () => {
    expect(toSteps(0.1234, TICK, PRICE)).toBe(1234);
    expect(toSteps('0.1234', TICK, PRICE)).toBe(1234);
    expect(toSteps(new Decimal('0.1234'), TICK, PRICE)).toBe(1234);
    expect(toSteps('-5', TICK, PRICE)).toBe(-50000);
    expect(toSteps('+1850.25', TICK, PRICE)).toBe(18502500);
    expect(toSteps('1.5e3', TICK, PRICE)).toBe(15000000);
    expect(toSteps('.5', TICK, PRICE)).toBe(5000);
    expect(toSteps('5.', TICK, PRICE)).toBe(50000);
    expect(toSteps('0.12340000000000000000', TICK, PRICE)).toBe(1234);
    expect(toSteps(1e-4, TICK, PRICE)).toBe(1);
    expect(toSteps(1e18, createStep('1000', 't', 'step'), PRICE)).toBe(1e15);
  });

  it('reads a number as the decimal it prints as', () => {
    // 0.1 + 0.2 prints as 0.30000000000000004: not on a 0.0001 tick, so it is refused, never rounded.
    expectWattError(() => toSteps(0.1 + 0.2, TICK, PRICE), ErrorCode.INVALID_PRICE, { reason: 'OFF_STEP' });
    expect(toSteps(1.1, TICK, PRICE)).toBe(11000);
    expect(toSteps(-0, TICK, PRICE)).toBe(0);
    expect(Object.is(toSteps('-0', TICK, PRICE), 0)).toBe(true);
  });

  it('handles steps that are not powers of ten', () => {
    const five = createStep('0.005', 't', 'step');
    expect(toSteps('0.015', five, PRICE)).toBe(3);
    expect(toSteps(0.015, five, PRICE)).toBe(3);
    expectWattError(() => toSteps('0.012', five, PRICE), ErrorCode.INVALID_PRICE, { reason: 'OFF_STEP' });
    const thousand = createStep('1000', 't', 'step');
    expect(toSteps('25000', thousand, PRICE)).toBe(25);
    expectWattError(() => toSteps(25001, thousand, PRICE), ErrorCode.INVALID_PRICE, { reason: 'OFF_STEP' });
  });

  it('refuses every class of bad input with a code and a reason', () => {
    const notANumber: unknown[] = [
      '', 'abc', ' 1', '1 ', '1,5', '0x10', '1e', 'e5', '--1', '+-1', '1.2.3', '.', '-', '١',
      true, false, null, undefined, {}, [], [1], () => 1, Symbol('x'), 10n, new Date(0),
    ];
    for (const v of notANumber) {
      expectWattError(() => toSteps(v, TICK, PRICE), ErrorCode.INVALID_PRICE, { reason: 'NOT_A_NUMBER', fnName: 'OrderBook.submit' });
    }
    for (const v of [NaN, Infinity, -Infinity, 'NaN', 'Infinity', '-Infinity', new Decimal(NaN), new Decimal(Infinity)]) {
      expectWattError(() => toSteps(v, TICK, PRICE), ErrorCode.INVALID_PRICE, { reason: 'NOT_FINITE' });
    }
    for (const v of [0, '0', '-0', '0.000', new Decimal(0)]) {
      expectWattError(() => toSteps(v, TICK, QTY), ErrorCode.INVALID_QUANTITY, { reason: 'NOT_POSITIVE' });
    }
    for (const v of [-1, '-0.001', new Decimal('-5')]) {
      expectWattError(() => toSteps(v, TICK, QTY), ErrorCode.INVALID_QUANTITY, { reason: 'NEGATIVE' });
      expectWattError(() => toSteps(v, TICK, NON_NEG), ErrorCode.INVALID_FEE, { reason: 'NEGATIVE' });
    }
    expect(toSteps(0, TICK, NON_NEG)).toBe(0);
    for (const v of ['0.12345', 0.12345, new Decimal('0.00001'), '1e-5', '1e-100000000', 5e-324]) {
      expectWattError(() => toSteps(v, TICK, PRICE), ErrorCode.INVALID_PRICE, { reason: 'OFF_STEP' });
    }
    for (const v of ['1e30', 1e300, Number.MAX_VALUE, new Decimal('9e99999'), '1e100000000', '9'.repeat(401)]) {
      expectWattError(() => toSteps(v, TICK, PRICE), ErrorCode.INVALID_PRICE, { reason: 'TOO_LARGE' });
    }
  });

  it('formats the message as "function: field value is not a multiple of the tick"', () => {
    const e = expectWattError(() => toSteps('0.12345', TICK, PRICE), ErrorCode.INVALID_PRICE);
    expect(e.message).toBe('OrderBook.submit: price "0.12345" is not a multiple of the tick 0.0001');
  });

  it('is exact at the edges of the safe integer range', () => {
    const one = createStep('1', 't', 'step');
    expect(toSteps(String(MAX), one, PRICE)).toBe(MAX);
    expect(toSteps(String(-MAX), one, PRICE)).toBe(-MAX);
    expect(toSteps(MAX, one, PRICE)).toBe(MAX);
    expectWattError(() => toSteps('9007199254740992', one, PRICE), ErrorCode.INVALID_PRICE, { reason: 'TOO_LARGE' });
    expectWattError(() => toSteps(2 ** 53, one, PRICE), ErrorCode.INVALID_PRICE, { reason: 'TOO_LARGE' });
    expect(toSteps('900719925474.0991', TICK, PRICE)).toBe(MAX);
    expectWattError(() => toSteps('900719925474.0992', TICK, PRICE), ErrorCode.INVALID_PRICE, { reason: 'TOO_LARGE' });
    // 2^53 + 1 is not a double, but as text it is exact and must be refused, not rounded to 2^53.
    expectWattError(() => toSteps('9007199254740993', one, PRICE), ErrorCode.INVALID_PRICE, { reason: 'TOO_LARGE' });
  });

  it('round-trips every safe step count through its text and a Decimal', () => {
    fc.assert(
      fc.property(stepArb, fc.maxSafeInteger(), (step, n) => {
        const text = formatSteps(n, step);
        expect(toSteps(text, step, PRICE)).toBe(n);
        expect(toSteps(new Decimal(text), step, PRICE)).toBe(n);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('round-trips through a JS number whenever the number prints as the same decimal', () => {
    fc.assert(
      fc.property(stepArb, fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (step, n) => {
        const text = formatSteps(n, step);
        const asNumber = Number(text);
        if (new Exact(String(asNumber)).eq(new Exact(text))) {
          expect(toSteps(asNumber, step, PRICE)).toBe(n);
        } else {
          expect(catchWattError(() => toSteps(asNumber, step, PRICE))?.reason).toMatch(/OFF_STEP|TOO_LARGE/);
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it('agrees with a 1,000-digit reference on any double', () => {
    fc.assert(
      fc.property(stepArb, fc.double({ noNaN: true, noDefaultInfinity: true }), (step, x) => {
        const expected = referenceSteps(String(x), step);
        if (typeof expected === 'number') expect(toSteps(x, step, PRICE)).toBe(expected);
        else expect(catchWattError(() => toSteps(x, step, PRICE))?.reason).toBe(expected);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('agrees with a 1,000-digit reference on any decimal text, never rounding', () => {
    const textArb = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^\d{0,20}$/),
        fc.option(fc.stringMatching(/^\d{0,20}$/), { nil: undefined }),
        fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
      )
      .filter(([, int, frac]) => int.length + (frac ?? '').length > 0)
      .map(([sign, int, frac, exp]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : `e${exp}`}`);
    fc.assert(
      fc.property(stepArb, textArb, (step, text) => {
        const expected = referenceSteps(text, step);
        if (typeof expected === 'number') {
          expect(toSteps(text, step, PRICE)).toBe(expected);
          expect(toSteps(new Decimal(text), step, PRICE)).toBe(expected);
        } else {
          expect(catchWattError(() => toSteps(text, step, PRICE))?.reason).toBe(expected);
        }
      }),
      { numRuns: runs(3000) },
    );
  });
});

describe('createStep', () => {
  it('splits a step into decimals and an integer multiple', () => {
    expect(createStep('0.0001', 't', 'tick')).toMatchObject({ decimals: 4, multiple: 1, scale: 10000, text: '0.0001' });
    expect(createStep(0.005, 't', 'tick')).toMatchObject({ decimals: 3, multiple: 5 });
    expect(createStep('1000', 't', 'tick')).toMatchObject({ decimals: 0, multiple: 1000 });
    expect(createStep(new Decimal('2.50'), 't', 'tick')).toMatchObject({ decimals: 1, multiple: 25, text: '2.5' });
  });

  it('refuses steps that are not positive finite decimals', () => {
    for (const bad of [0, -1, '0', 'x', NaN, Infinity, null, '1e-16', '1e16']) {
      expectWattError(() => createStep(bad as never, 'Ledger', 'step'), ErrorCode.INVALID_STEP, { fnName: 'Ledger' });
    }
  });
});

describe('numberToSteps (the fast path for plain numbers)', () => {
  // The plain-number path that OrderBook.submit and the auction parse inline and toSteps itself
  // uses. It may decline (NaN) but must never give an answer the exact path would not give.

  // Values worth trying: on the grid, just off it, the awkward ones, and anything a double can be.
  const onGrid = (step: Step): fc.Arbitrary<number> => fc.integer({ min: -1e9, max: 1e9 }).map((n) => (n * step.multiple) / step.scale);
  const awkward = fc.constantFrom(-0, 0, 1e-7, 0.1 + 0.2, 0.3, 1.1, 0.015, 2 ** 49, 2 ** 53, 1e300, -1e300, Number.MIN_VALUE, Number.EPSILON, Number.NaN, Infinity, -Infinity, 0.29, 2.675);
  const valueArb = (step: Step): fc.Arbitrary<number> =>
    fc.oneof(onGrid(step), onGrid(step).map((v) => v * (1 + Number.EPSILON)), onGrid(step).map((v) => v + 1e-9), awkward, fc.double());

  it('gives what toSteps gives, or NaN exactly where toSteps has to decide on its exact path', () => {
    fc.assert(
      fc.property(
        stepArb.chain((step) => fc.tuple(fc.constant(step), valueArb(step))),
        fc.constantFrom(PRICE, QTY, NON_NEG),
        ([step, value], spec) => {
          const fast = numberToSteps(value, step, spec.sign);
          let general: number | undefined;
          const error = catchWattError(() => (general = toSteps(value, step, spec)));
          if (error !== undefined) expect(fast).toBeNaN();
          else if (!Number.isNaN(fast)) expect(Object.is(fast, general)).toBe(true);
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  // Against decimal.js rather than toSteps: numbers exactly on a grid of up to 2^40 steps, the same
  // one ulp off, and the edges of the doubles.
  const EDGE_NUMBERS = [
    0, -0, 1e-7, -1e-7, 0.1 + 0.2, 0.3, 0.1, 0.0001, 0.00015, 0.1247, 12.5, 5e-324, -5e-324, 1e21, 1e300, -1e300,
    2 ** 49, 2 ** 49 + 1, 2 ** 53, MAX, -MAX, Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.125, 1.005, 4.35, 1 / 3,
  ];
  const exactGridArb = (step: Step): fc.Arbitrary<number> => {
    const grid = fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((n) => Number(new Exact(n).times(new Exact(step.text)).toString()));
    const nudged = grid.chain((v) => fc.constantFrom(v, nextUp(v), -nextUp(-v)));
    return fc.oneof(grid, nudged, fc.double(), fc.constantFrom(...EDGE_NUMBERS));
  };

  it('agrees with decimal.js whenever it answers, and never answers -0', () => {
    fc.assert(
      fc.property(
        stepArb.chain((step) => fc.tuple(fc.constant(step), exactGridArb(step))),
        ([step, value]) => {
          const fast = numberToSteps(value, step, 'any');
          const reference = Number.isFinite(value) ? referenceSteps(String(value), step) : 'NOT_FINITE';
          if (Number.isNaN(fast)) {
            // Declined: toSteps (the exact path behind it) decides, and gives the reference.
            const e = catchWattError(() => toSteps(value, step, PRICE));
            if (typeof reference === 'number') expect(toSteps(value, step, PRICE)).toBe(reference);
            else expect(e?.code).toBe(ErrorCode.INVALID_PRICE);
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

  it('takes the fast path for the usual values and never gives negative zero', () => {
    const cent = createStep('0.01', 'test', 'tick');
    const wh = createStep('0.001', 'test', 'step');
    expect(numberToSteps(0.29, cent, 'any')).toBe(29);
    expect(numberToSteps(-2.5, cent, 'any')).toBe(-250);
    expect(numberToSteps(0.1247, TICK, 'any')).toBe(1247);
    expect(numberToSteps(-0.1247, TICK, 'any')).toBe(-1247);
    expect(numberToSteps(12.5, wh, 'any')).toBe(12500);
    expect(Object.is(numberToSteps(-0, cent, 'any'), 0)).toBe(true);
    expect(numberToSteps(0, cent, 'positive')).toBeNaN();
    expect(numberToSteps(-1, cent, 'non-negative')).toBeNaN();
    expect(numberToSteps(0.1 + 0.2, cent, 'any')).toBeNaN(); // 0.30000000000000004
    expect(numberToSteps(1e-7, cent, 'any')).toBeNaN(); // off the tick
    expect(numberToSteps(Number.NaN, cent, 'any')).toBeNaN();
    expect(numberToSteps(Infinity, cent, 'any')).toBeNaN();
    expect(numberToSteps(1e300, TICK, 'any')).toBeNaN(); // too large: the exact path says so
    expect(numberToSteps(0.015, createStep('0.005', 'test', 'tick'), 'any')).toBe(3);
    expect(numberToSteps(0.012, createStep('0.005', 'test', 'tick'), 'any')).toBeNaN();
  });
});

/** The next double above `v` (below it for a negative `v`'s mirror: -nextUp(-v)). */
function nextUp(v: number): number {
  if (Number.isNaN(v) || v === Infinity) return v;
  if (v === 0) return 5e-324;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, v > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}
