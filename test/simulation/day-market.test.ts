import { describe, expect, it } from 'vitest';
import { campusScenario, Ledger } from '../../src/index.js';
import { ledgerState } from '../../src/ledger/ledger.js';
import { accountIndex, postStepLegs, StepLegs } from '../../src/ledger/step-legs.js';
import { makeMarket, nextLedgerCapacity } from '../../src/simulation/day-market.js';
import { resolveScenario } from '../../src/simulation/resolve-scenario.js';
import { ManualClock } from '../../src/time/clock.js';

/** A ledger with `rows` journal rows, made with room for `capacity`. */
function ledgerWith(rows: number, capacity?: number): Ledger {
  const l = new Ledger({ assets: { VND: '1' }, ...(capacity === undefined ? {} : { capacity }) });
  l.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  l.openAccount({ id: 'a', asset: 'VND' });
  const legs = new StepLegs(rows);
  for (let i = 0; i < rows; i++) legs.push(accountIndex(l, 'bank') as number, accountIndex(l, 'a') as number, 1);
  postStepLegs(l, legs, 'B', 'test');
  return l;
}

describe('nextLedgerCapacity', () => {
  it('keeps the room while a day fits it with a quarter to spare, and has none before a first ledger', () => {
    expect(nextLedgerCapacity({ ledger: undefined }, undefined)).toBeUndefined();
    expect(nextLedgerCapacity({ ledger: undefined }, 500)).toBe(500);
    expect(nextLedgerCapacity({ ledger: ledgerWith(400, 4_000) }, 500)).toBe(500);
  });

  it("raises an outgrown room to the ledger's own room when that has the margin: the next ledger takes its rows over", () => {
    // 800 rows want 1,000 rows of room; the ledger has 4,000.
    expect(nextLedgerCapacity({ ledger: ledgerWith(800, 4_000) }, 500)).toBe(4_000);
    expect(nextLedgerCapacity({ ledger: ledgerWith(800, 4_000) }, undefined)).toBe(4_000);
  });

  it('raises an outgrown room by half again over the rows when the ledger has no margin', () => {
    // 1,000 rows in columns grown to 1,024: 1,250 wanted.
    expect(nextLedgerCapacity({ ledger: ledgerWith(1_000) }, 500)).toBe(1_500);
  });
});

describe('makeMarket', () => {
  const s = resolveScenario(campusScenario());
  const clock = new ManualClock(s.startMs);
  const readingsPerDay = s.participants.length * 96;

  it("gives a run's first ledger room for four rows per reading of the day, and each next ledger the rows of the one before", () => {
    const days: { ledger: Ledger | undefined } = { ledger: undefined };
    makeMarket(s, s.zones, 'uniform', undefined, clock, undefined, undefined, days);
    const first = days.ledger as Ledger;
    expect(ledgerState(first).transferFrom.length).toBe(4 * readingsPerDay);
    expect(ledgerState(first).entryKind.length).toBe(4 * readingsPerDay);
    const columns = ledgerState(first).transferFrom;
    const capacity = nextLedgerCapacity(days, undefined);
    expect(capacity).toBe(4 * readingsPerDay); // no rows yet: the room is kept
    const market = makeMarket(s, s.zones, 'uniform', undefined, clock, capacity, undefined, days);
    expect(days.ledger).not.toBe(first);
    expect(ledgerState(days.ledger as Ledger).transferFrom).toBe(columns);
    expect(market.ledger.journalLength).toBe(0);
  });

  it("gives a run's first ledger the room asked for when there is one", () => {
    const days: { ledger: Ledger | undefined } = { ledger: undefined };
    makeMarket(s, s.zones, 'uniform', undefined, clock, 3_000, undefined, days);
    expect(ledgerState(days.ledger as Ledger).transferFrom.length).toBe(3_000);
  });
});
