import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, DecimalGrid, ErrorCode } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

describe('DecimalGrid', () => {
  it('converts both ways exactly', () => {
    const ticks = new DecimalGrid('0.0001');
    expect(ticks.stepText).toBe('0.0001');
    expect(ticks.toSteps('1850.25')).toBe(18502500);
    expect(ticks.toSteps(0.1)).toBe(1000);
    expect(ticks.fromSteps(1234)).toBeInstanceOf(Decimal);
    expect(ticks.fromSteps(1234).toString()).toBe('0.1234');
    expect(ticks.format(-5)).toBe('-0.0005');
  });

  it('refuses off-grid values and signs the grid does not allow', () => {
    const lots = new DecimalGrid('0.001', { sign: 'positive', name: 'quantity' });
    const e = expectWattError(() => lots.toSteps('0.0015'), ErrorCode.INVALID_ARGUMENT, { reason: 'OFF_STEP', fnName: 'DecimalGrid.toSteps' });
    expect(e.message).toContain('quantity');
    expectWattError(() => lots.toSteps(0), ErrorCode.INVALID_ARGUMENT, { reason: 'NOT_POSITIVE' });
    expectWattError(() => new DecimalGrid('0'), ErrorCode.INVALID_STEP);
    expectWattError(() => new DecimalGrid('1', { sign: 'odd' as never }), ErrorCode.INVALID_OPTION);
  });

  it('round-trips any safe integer', () => {
    const grid = new DecimalGrid('0.005');
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => grid.toSteps(grid.fromSteps(n)) === n), { numRuns: runs(500) });
  });
});
