import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, ManualClock } from '../../src/index.js';
import type { LedgerSnapshot } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';

function sample(): Ledger {
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock: new ManualClock(7) });
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  ledger.openAccount({ id: 'alice', asset: 'VND', owner: 'alice' });
  ledger.openAccount({ id: 'bob', asset: 'VND' });
  ledger.openAccount({ id: 'grid', asset: 'kWh', allowNegative: true });
  ledger.openAccount({ id: 'roof', asset: 'kWh', owner: 'roof' });
  ledger.transfer({ id: 'seed', from: 'bank', to: 'alice', amount: 1000, memo: 'deposit, "cash"\nline 2' });
  ledger.transfer({ id: 'hold', from: 'alice', to: 'bob', amount: 300, pending: true });
  ledger.postPending('hold', 200);
  ledger.transfer({ id: 'hold2', from: 'alice', to: 'bob', amount: 50, pending: true });
  ledger.voidPending('hold2');
  ledger.batch([{ id: 'e1', from: 'grid', to: 'roof', amount: '1.5' }], { id: 'meter-1' });
  return ledger;
}

describe('Ledger journal', () => {
  it('numbers entries from 1 and records kind, accounts, amounts, memo, time and batch', () => {
    const entries = sample().journal();
    expect(entries.map((e) => [e.sequence, e.kind, e.transferId, e.amount.toString(), e.released.toString()])).toEqual([
      [1, 'transfer', 'seed', '1000', '0'],
      [2, 'pending', 'hold', '300', '0'],
      [3, 'post', 'hold', '200', '100'],
      [4, 'pending', 'hold2', '50', '0'],
      [5, 'void', 'hold2', '50', '50'],
      [6, 'transfer', 'e1', '1.5', '0'],
    ]);
    expect(entries[5]).toMatchObject({ debitAccount: 'grid', creditAccount: 'roof', asset: 'kWh', amountSteps: 1500, batchId: 'meter-1', time: 7 });
    expect(sample().journal({ from: 2, to: 3 }).map((e) => e.sequence)).toEqual([2, 3]);
    expect(sample().journal({ from: 5, to: 99 }).map((e) => e.sequence)).toEqual([5, 6]);
    expect(sample().journal({ from: 50 })).toEqual([]);
    for (const range of [{ from: 0 }, { to: -1 }, { from: 1.5 }, { from: 3, to: 2 }, { from: '1' }]) {
      expectWattError(() => sample().journal(range as never), ErrorCode.INVALID_RANGE, { fnName: 'Ledger.journal' });
    }
    expectWattError(() => sample().journal({ start: 1 } as never), ErrorCode.INVALID_ARGUMENT);
  });

  it('exports JSON lines and RFC 4180 CSV', () => {
    const ledger = sample();
    const lines = ledger.exportJournal('jsonl').split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('');
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toEqual({
      sequence: 1, kind: 'transfer', transferId: 'seed', debitAccount: 'bank', creditAccount: 'alice', asset: 'VND',
      amount: '1000', amountSteps: 1000, released: '0', releasedSteps: 0, memo: 'deposit, "cash"\nline 2', time: 7,
    });
    expect(JSON.parse(lines[5]!)).toMatchObject({ amount: '1.5', amountSteps: 1500, batchId: 'meter-1' });
    const csv = ledger.exportJournal('csv', { from: 1, to: 1 });
    expect(csv).toBe(
      'sequence,kind,transfer_id,debit_account,credit_account,asset,amount,amount_steps,released,released_steps,memo,time,batch_id\r\n' +
        '1,transfer,seed,bank,alice,VND,1000,1000,0,0,"deposit, ""cash""\nline 2",7,\r\n',
    );
    expectWattError(() => ledger.exportJournal('xml' as never), ErrorCode.INVALID_OPTION);
  });

  it('gives statements with opening balance, running balance and available, and closing balance', () => {
    const s = sample().statement('alice', { from: 2 });
    expect(s.openingBalance.toString()).toBe('1000');
    expect(s.lines.map((l) => [l.sequence, l.kind, l.side, l.counterparty, l.change.toString(), l.balance.toString(), l.available.toString()])).toEqual([
      [2, 'pending', 'debit', 'bob', '0', '1000', '700'],
      [3, 'post', 'debit', 'bob', '-200', '800', '800'],
      [4, 'pending', 'debit', 'bob', '0', '800', '750'],
      [5, 'void', 'debit', 'bob', '0', '800', '800'],
    ]);
    expect(s.closingBalance.toString()).toBe('800');
    expect(s.totalDebits.toString()).toBe('200');
    expect(s.totalCredits.toString()).toBe('0');
    const full = sample().statement('bob');
    expect(full.lines.map((l) => l.change.toString())).toEqual(['0', '200', '0', '0']);
    expect(full.closingBalance.toString()).toBe('200');
    const empty = sample().statement('alice', { from: 6 });
    expect(empty.lines).toEqual([]);
    expect(empty.openingBalance.toString()).toBe('800');
  });

  it('verifies balances as a fold over the journal, and finds a corrupted balance', () => {
    const ledger = sample();
    expect(ledger.verify()).toEqual({ ok: true, entries: 6, mismatches: [], problems: [] });
    // Corrupt the state behind the ledger's back: the fold must notice.
    const state = (ledger as unknown as { s: { balance: Float64Array } }).s;
    state.balance[1] = (state.balance[1] ?? 0) + 1;
    const report = ledger.verify();
    expect(report.ok).toBe(false);
    expect(report.mismatches).toHaveLength(1);
    expect(report.mismatches[0]).toMatchObject({ account: 'alice', field: 'balance' });
    expect(report.problems.some((p) => p.includes('sum to 1 steps'))).toBe(true);
  });

  it('snapshots to deep-frozen plain data and restores an equal ledger', () => {
    const ledger = sample();
    const snap = ledger.snapshot();
    expect(Object.isFrozen(snap)).toBe(true);
    expect(Object.isFrozen(snap.entries[0])).toBe(true);
    expect(snap.version).toBe(1);
    const copy = Ledger.restore(JSON.parse(JSON.stringify(snap)) as LedgerSnapshot);
    expect(copy.stateHash()).toBe(ledger.stateHash());
    expect(copy.exportJournal('csv')).toBe(ledger.exportJournal('csv'));
    expect(copy.batchTransferIds('meter-1')).toEqual(['e1']);
    // The restored ledger keeps working, and idempotency survives the restore.
    expect(copy.transfer({ id: 'seed', from: 'bank', to: 'alice', amount: 1000, memo: 'deposit, "cash"\nline 2' }).status).toBe('exists');
    expect(() => copy.postPending('hold')).toThrow(/already posted/);
  });

  it('refuses a malformed or inconsistent snapshot with INVALID_SNAPSHOT', () => {
    const good = JSON.parse(JSON.stringify(sample().snapshot())) as Record<string, unknown> & { entries: Record<string, unknown>[]; accounts: Record<string, unknown>[] };
    const variants: ((s: typeof good) => unknown)[] = [
      () => null,
      () => 'x',
      (s) => ({ ...s, version: 2 }),
      (s) => ({ ...s, format: 'other' }),
      (s) => ({ ...s, extra: 1 }),
      (s) => ({ ...s, assets: [{ code: 'VND', step: '0' }] }),
      (s) => ({ ...s, accounts: [...s.accounts, s.accounts[0]] }),
      (s) => ({ ...s, entries: s.entries.slice(1) }),
      (s) => ({ ...s, entries: [{ ...s.entries[0], amount: '100' }, ...s.entries.slice(1)] }), // then the pending overdraws alice
      (s) => ({ ...s, entries: [{ ...s.entries[0], amount: '-1' }, ...s.entries.slice(1)] }),
      (s) => ({ ...s, entries: [s.entries[0], { ...s.entries[1], debitAccount: 'bob', creditAccount: 'alice' }, ...s.entries.slice(2)] }),
      (s) => ({ ...s, entries: [...s.entries, { ...s.entries[2], sequence: 7 }] }),
      (s) => ({ ...s, entries: s.entries.map((e, i) => (i === 2 ? { ...e, released: '99' } : e)) }),
      (s) => ({ ...s, entries: s.entries.map((e, i) => (i === 0 ? { ...e, kind: 'mint' } : e)) }),
      (s) => ({ ...s, entries: s.entries.map((e, i) => (i === 0 ? { ...e, time: 1.5 } : e)) }),
      (s) => ({ ...s, entries: s.entries.map((e, i) => (i === 0 ? { ...e, batchId: 'nope' } : e)) }),
      (s) => ({ ...s, batches: [{ id: 'meter-1', transfers: ['ghost'] }] }),
      (s) => ({ ...s, batches: 5 }),
    ];
    for (const make of variants) {
      expectWattError(() => Ledger.restore(make(good) as never), ErrorCode.INVALID_SNAPSHOT, { fnName: 'Ledger.restore' });
    }
  });

  it('round-trips any ledger built by random transfers through snapshot and restore', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.integer({ min: 1, max: 30 }), fc.constantFrom(0, 1, 2)), { maxLength: 40 }), (moves) => {
        const ledger = new Ledger({ assets: { X: '0.01' } });
        for (const id of ['a', 'b', 'c', 'd']) ledger.openAccount({ id, asset: 'X', allowNegative: id === 'a' });
        moves.forEach(([f, t, amount, kind], i) => {
          const from = 'abcd'[f]!;
          const to = 'abcd'[t]!;
          try {
            ledger.transfer({ id: `t${i}`, from, to, amount: amount / 100, pending: kind > 0 });
            if (kind === 2) ledger.postPending(`t${i}`, amount / 200 >= 0.01 ? Math.floor(amount / 2) / 100 : undefined);
          } catch {
            // refused moves are part of the history too: they must leave no trace
          }
        });
        const copy = Ledger.restore(JSON.parse(JSON.stringify(ledger.snapshot())) as LedgerSnapshot);
        expect(copy.stateHash()).toBe(ledger.stateHash());
        expect(copy.verify().ok).toBe(true);
      }),
      { numRuns: runs(100) },
    );
  });
});
