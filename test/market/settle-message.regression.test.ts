import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ManualClock, Market, WattError } from '../../src/index.js';
import { DAY, fund, MIN, Q } from './market-helpers.js';

// Second review: settle's read step copies a non-finite Decimal as the text
// 'NaN' (settle-readings.ts plainValue), so the refusal no longer names the value as before the
// read step (0d19c66: `net NaN is not finite`, `net Infinity is not finite`).

function market(): Market {
  const clock = new ManualClock(DAY - 60 * MIN);
  const m = new Market({ clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, collateral: false, energyCollateral: false, mode: 'auction' });
  fund(m, ['a']);
  m.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 1 });
  clock.set(DAY + Q);
  m.advanceTo(DAY + Q);
  return m;
}

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof WattError) return `${e.code} ${e.message}`;
    throw e;
  }
  return 'accepted';
}

describe('review2: settle refusal messages for a non-finite Decimal', () => {
  it('R2-10: the message names the Decimal as before (NaN unquoted, Infinity as Infinity)', () => {
    expect(message(() => market().settle(DAY, [{ participant: 'a', net: new Decimal(NaN) }]))).toBe('INVALID_QUANTITY Market.settle: meter reading 0: net NaN is not finite');
    expect(message(() => market().settle(DAY, [{ participant: 'a', net: new Decimal(Infinity) }]))).toBe('INVALID_QUANTITY Market.settle: meter reading 0: net Infinity is not finite');
  });
});
