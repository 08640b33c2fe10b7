import { describe, expect, it } from 'vitest';
import { Ledger, ManualClock, WattError } from '../../src/index.js';
import { pinLedgerTime, readLedgerClock } from '../../src/ledger/ledger-time-pin.js';

// The market reads its ledger's clock once per command and pins the reading (issue 16, "User code
// inside a command"): while pinned, the ledger stamps its entries with it and reads no clock.
class CountingClock extends ManualClock {
  reads = 0;
  override now(): number {
    this.reads++;
    return super.now();
  }
}

function make(): { ledger: Ledger; clock: CountingClock } {
  const clock = new CountingClock(1_000);
  const ledger = new Ledger({ assets: { VND: '1' }, clock });
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  ledger.openAccount({ id: 'a', asset: 'VND' });
  return { ledger, clock };
}

describe('ledger time pin (internal)', () => {
  it('stamps entries with the pinned time and reads no clock until unpinned', () => {
    const { ledger, clock } = make();
    const time = readLedgerClock(ledger, 'test');
    expect(time).toBe(1_000);
    clock.set(5_000);
    const reads = clock.reads;
    const previous = pinLedgerTime(ledger, time);
    expect(previous).toBeUndefined();
    ledger.transfer({ id: 't1', from: 'bank', to: 'a', amount: 10 });
    ledger.transfer({ id: 't2', from: 'bank', to: 'a', amount: 10 });
    expect(clock.reads).toBe(reads);
    pinLedgerTime(ledger, previous);
    ledger.transfer({ id: 't3', from: 'bank', to: 'a', amount: 10 });
    expect(clock.reads).toBe(reads + 1);
    expect(ledger.journal().map((e) => e.time)).toEqual([1_000, 1_000, 5_000]);
  });

  it('reads the clock past an outer pin, and restores it', () => {
    const { ledger, clock } = make();
    pinLedgerTime(ledger, 7);
    clock.set(9_000);
    expect(readLedgerClock(ledger, 'test')).toBe(9_000);
    ledger.transfer({ id: 't1', from: 'bank', to: 'a', amount: 1 });
    expect(ledger.journal().map((e) => e.time)).toEqual([7]);
  });

  it('refuses a clock that returns no safe integer (INVALID_TIME), and a ledger without a clock reads NaN', () => {
    const bad = new Ledger({ assets: { VND: '1' }, clock: { now: () => 1.5 } });
    expect(() => readLedgerClock(bad, 'test')).toThrow(WattError);
    expect(readLedgerClock(new Ledger({ assets: { VND: '1' } }), 'test')).toBeNaN();
  });
});
