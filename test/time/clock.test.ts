import { describe, expect, it } from 'vitest';
import { ErrorCode, ManualClock } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

describe('ManualClock', () => {
  it('moves only when told, and never backwards', () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
    clock.set(2_000);
    expect(clock.now()).toBe(2_000);
    expect(new ManualClock().now()).toBe(0);
  });

  it('refuses bad times and leaves the time as it was', () => {
    const clock = new ManualClock(1_000);
    expectWattError(() => clock.set(999), ErrorCode.INVALID_TIME, { fnName: 'ManualClock.set' });
    expectWattError(() => clock.set(1.5), ErrorCode.INVALID_TIME);
    expectWattError(() => clock.advance(-1), ErrorCode.INVALID_TIME, { fnName: 'ManualClock.advance' });
    expectWattError(() => clock.advance(Number.MAX_SAFE_INTEGER), ErrorCode.INVALID_TIME);
    expectWattError(() => new ManualClock(NaN), ErrorCode.INVALID_TIME, { fnName: 'ManualClock' });
    expect(clock.now()).toBe(1_000);
  });
});
