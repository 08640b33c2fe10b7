import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, ErrorCode } from '../../src/index.js';
import { createStep } from '../../src/units/step.js';
import { toSteps, valueSpec } from '../../src/units/to-steps.js';
import { catchWattError, runs } from '../helpers/expect-watt-error.js';

// parseOrders converts plain numbers on a fast path of its own and falls back to toSteps for
// anything else: whatever the numbers, it must accept and refuse exactly as toSteps does (then
// the 2^50-tick bound of clearing), with the same codes, reasons and messages.
const TICK = createStep('0.01', 't', 'tick');
const STEP = createStep('0.001', 't', 'quantity step');
const PRICE = valueSpec('clearAuction', 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const QUANTITY = valueSpec('clearAuction', 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'quantity step');

const numberArb = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000),
  fc.constantFrom(-0, 0, 1e-7, 0.1 + 0.2, 0.29, 2 ** 49 / 100, 2 ** 51 / 100, 2 ** 60, 1e300, Number.NaN, Infinity, -Infinity),
  fc.double(),
);

describe('parseOrders with plain numbers', () => {
  it('refuses exactly what toSteps refuses, with its code, reason and message, and accepts the rest', () => {
    fc.assert(
      fc.property(numberArb, numberArb, fc.boolean(), (price, quantity, buy) => {
        const orders = [
          { id: 'a', owner: 'x', side: buy ? ('sell' as const) : ('buy' as const), price: 1, quantity: 1 },
          { id: 'b', owner: 'y', side: buy ? ('buy' as const) : ('sell' as const), price, quantity },
        ];
        const got = catchWattError(() => clearAuction(orders, { priceTick: '0.01', quantityStep: '0.001' }));
        const expected = catchWattError(() => {
          toSteps(price, TICK, PRICE);
          toSteps(quantity, STEP, QUANTITY);
        });
        if (expected !== undefined) {
          expect([got?.code, got?.reason]).toEqual([expected.code, expected.reason]);
          expect(got?.message).toBe(expected.message.replace('clearAuction: ', 'clearAuction: order 1 (id "b"): '));
          return;
        }
        const ticks = toSteps(price, TICK, PRICE);
        if (Math.abs(ticks) > 2 ** 50) expect([got?.code, got?.reason]).toEqual(['INVALID_PRICE', 'TOO_LARGE']);
        else expect(got).toBeUndefined();
      }),
      { numRuns: runs(1000) },
    );
  });
});
