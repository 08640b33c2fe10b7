import { describe, expect, it } from 'vitest';
import { Market, WattError, type MarketOptions } from '../../src/index.js';
import { takeReadings } from '../../src/market/settle-readings.js';
import { DAY, fund, MIN, Q } from './market-helpers.js';

// Second review: user code that still runs after the read step, i.e. once
// the clocks are read and the checks run (the rule of docs/market.md, "User code inside a
// command"), and memory the read step keeps. Each test fails on the reviewed code.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };

/** A market whose clock logs its reads into `log`, past the gate of DAY (settleable). */
function setup(log: string[]): Market {
  let t = DAY - 60 * MIN;
  const clock = { now: (): number => { log.push('clock'); return t; } };
  const opts: Omit<MarketOptions, 'clock'> = { tariff: TARIFF, priceTick: 1, collateral: false, energyCollateral: false, mode: 'auction' };
  const market = new Market({ clock, ...opts });
  fund(market, ['a', 'b']);
  market.submit({ id: 's', participant: 'a', deliveryStart: DAY, side: 'sell', price: 700, quantity: 1 });
  market.submit({ id: 'b', participant: 'b', deliveryStart: DAY, side: 'buy', price: 900, quantity: 1 });
  t = DAY + Q;
  market.advanceTo(DAY + Q);
  log.length = 0;
  return market;
}

/** An object whose conversion to a primitive is user code that logs 'user'. */
function primitive(log: string[], text: string): object {
  return {
    [Symbol.toPrimitive]: (): string => { log.push('user'); return text; },
  };
}

function code(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof WattError) return e.code;
    throw e;
  }
}

/** Whether user code ran after the command's first clock read. */
function userAfterClock(log: readonly string[]): boolean {
  const first = log.indexOf('clock');
  return first >= 0 && log.indexOf('user', first) > first;
}

describe('review2: user code after the read step', () => {
  it('R2-1: a Decimal-like price whose toString gives an object: its conversion runs in the checks (submit)', () => {
    const log: string[] = [];
    const market = setup(log);
    const price = { toStringTag: '[object Decimal]', isFinite: (): boolean => true, toString: (): unknown => primitive(log, '800') };
    code(() => market.submit({ id: 'x', participant: 'a', deliveryStart: DAY + 4 * Q, side: 'buy', price: price as never, quantity: 1 }));
    expect(log).toContain('clock');
    expect(userAfterClock(log)).toBe(false);
  });

  it("R2-2: settle: a reading's participant object is described (String) in the checks, after the clocks", () => {
    const log: string[] = [];
    const market = setup(log);
    expect(code(() => market.settle(DAY, [{ participant: primitive(log, 'a'), net: 1 }] as never))).toBe('INVALID_OWNER');
    expect(userAfterClock(log)).toBe(false);
  });

  it('R2-3: settleSteps: a netSteps object is described in the checks, after the clocks', () => {
    const log: string[] = [];
    const market = setup(log);
    expect(code(() => market.settleSteps(DAY, [{ participant: 'a', netSteps: primitive(log, '1') }] as never))).toBe('INVALID_QUANTITY');
    expect(userAfterClock(log)).toBe(false);
  });

  it('R2-4: settle: readings that are no array are described in the checks, after the clocks', () => {
    const log: string[] = [];
    const market = setup(log);
    expect(code(() => market.settle(DAY, primitive(log, 'x') as never))).toBe('INVALID_ARGUMENT');
    expect(userAfterClock(log)).toBe(false);
  });

  it("R2-5: settle: a Decimal-like net whose toString gives an object runs user code in the settlement's parse", () => {
    const log: string[] = [];
    const market = setup(log);
    const net = { toStringTag: '[object Decimal]', isFinite: (): boolean => true, toString: (): unknown => primitive(log, '1') };
    code(() => market.settle(DAY, [{ participant: 'a', net }, { participant: 'b', net: -1 }] as never));
    expect(userAfterClock(log)).toBe(false);
  });

  it('R2-6: settle: a sparse readings array is copied in full before the first check, and the per-market pool keeps the columns', () => {
    const log: string[] = [];
    const market = setup(log);
    const readings: unknown[] = [];
    readings.length = 2_000_000; // holes: refused at reading 0, as before
    expect(code(() => market.settle(DAY, readings as never))).toBeDefined();
    const core = (market as unknown as { core: Parameters<typeof takeReadings>[0] }).core;
    const copy = takeReadings(core);
    // 0d19c66 refused at the first hole without reading the rest; now 2e6 slots stay allocated
    // (a length of 2**32 - 1 makes settle loop 4e9 times and allocate without bound).
    expect(copy.items.length).toBeLessThan(1000);
  });
});
