import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Ledger } from '../../src/index.js';
import { ledgerState } from '../../src/ledger/ledger.js';
import { buildCheckpoint } from '../../src/ledger/ledger-checkpoint.js';
import { LedgerState } from '../../src/ledger/ledger-state.js';
import { accountIndex, postStepLegs, recycleLedgerRows, StepLegs } from '../../src/ledger/step-legs.js';
import type { Clock } from '../../src/time/clock.js';
import { runs } from '../helpers/expect-watt-error.js';

const ASSETS = { VND: '1', kWh: '0.001' };

/** A clock that moves a second on each reading (undefined: a ledger without a clock). */
function ticking(start: number | undefined): Clock | undefined {
  if (start === undefined) return undefined;
  let now = start;
  return { now: () => (now += 1_000) };
}

function make(clock: Clock | undefined, capacity?: number): Ledger {
  return new Ledger({ assets: ASSETS, ...(clock === undefined ? {} : { clock }), ...(capacity === undefined ? {} : { capacity }) });
}

function open(l: Ledger): void {
  l.openAccount({ id: 'v0', asset: 'VND', allowNegative: true });
  for (const id of ['v1', 'v2', 'v3']) l.openAccount({ id, asset: 'VND' });
}

type Move = [amount: number, kind: 'legs' | 'plain' | 'pending' | 'post' | 'void'];

/**
 * Posts `moves` with ids starting with `prefix`: step legs (derived ids), plain and pending
 * transfers (own ids), posts and voids of the pending ones (not on a `retry`: they are done).
 */
function post(l: Ledger, moves: readonly Move[], prefix = '', retry = false): void {
  const pending: string[] = [];
  moves.forEach(([amount, kind], i) => {
    if (kind === 'legs') {
      const legs = new StepLegs(2);
      legs.push(accountIndex(l, 'v0') as number, accountIndex(l, 'v2') as number, amount);
      legs.push(accountIndex(l, 'v2') as number, accountIndex(l, 'v3') as number, amount);
      postStepLegs(l, legs, `${prefix}b${i}`, 'test');
    } else if (kind === 'plain' || kind === 'pending') {
      l.transfer({ id: `${prefix}t${i}`, from: 'v0', to: 'v1', amount, ...(kind === 'pending' ? { pending: true } : {}) });
      if (kind === 'pending') pending.push(`${prefix}t${i}`);
    } else {
      const id = pending.shift();
      if (id === undefined || retry) return;
      if (kind === 'post') l.postPending(id, 1);
      else l.voidPending(id);
    }
  });
}

const move = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom<Move[1]>('legs', 'plain', 'pending', 'post', 'void'));
const moves = fc.array(move, { minLength: 1, maxLength: 40 });

describe('LedgerState.adoptRows', () => {
  it('leaves a ledger made without room, given old rows and room, exactly as a fresh ledger, with or without clocks on either', () => {
    // The old rows are more than the new ledger's, so what the old run left in the columns that
    // are not zeroed (accounts, amounts, legs) lies under rows the new run appends.
    fc.assert(
      fc.property(moves, moves, fc.integer({ min: 1, max: 3000 }), fc.constantFrom(undefined, 10_000), fc.constantFrom(undefined, 90_000), (before, after, rows, oldClock, newClock) => {
        const old = make(ticking(oldClock));
        open(old);
        post(old, before, 'a');
        post(old, before, 'b');
        const fresh = make(ticking(newClock), rows);
        const reused = make(ticking(newClock));
        recycleLedgerRows(reused, old, rows);
        expect(ledgerState(reused).transferFrom.length).toBeGreaterThanOrEqual(rows);
        expect(ledgerState(reused).entryKind.length).toBeGreaterThanOrEqual(rows);
        for (const l of [fresh, reused]) {
          open(l);
          post(l, after);
          post(l, after, '', true); // retries: the same transfers again
        }
        expect(reused.stateHash()).toBe(fresh.stateHash());
        expect(reused.journal()).toEqual(fresh.journal());
        expect(reused.verify()).toEqual(fresh.verify());
        // Entry times as a checkpoint stores them: none at all for a ledger without a clock.
        expect(buildCheckpoint(ledgerState(reused))).toEqual(buildCheckpoint(ledgerState(fresh)));
      }),
      { numRuns: runs(80) },
    );
  });

  it('takes over the columns of the old ledger when they have the room, instead of its own fresh ones', () => {
    const old = make(undefined, 5_000);
    open(old);
    post(old, [[3, 'legs'], [2, 'pending'], [1, 'post']]);
    const columns = ledgerState(old);
    const from = columns.transferFrom;
    const kinds = columns.entryKind;
    const next = make(undefined);
    recycleLedgerRows(next, old, 4_000);
    expect(ledgerState(next).transferFrom).toBe(from);
    expect(ledgerState(next).entryKind).toBe(kinds);
    // Zeroed where appends leave zeros unwritten: the entry kinds (a pending, a post).
    expect(Array.from(kinds.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(columns.transferCount).toBe(0);
    expect(columns.transferFrom.length).toBe(0);
  });

  it('zeroes the columns appends leave unwritten only when the old ledger wrote into them (a pending, a post or a void)', () => {
    const cases: [Move[], boolean][] = [
      [[[3, 'legs'], [2, 'plain'], [1, 'legs']], false],
      [[[3, 'legs'], [2, 'pending'], [1, 'void']], true],
    ];
    for (const [moves, zeroes] of cases) {
      const old = make(undefined, 5_000);
      open(old);
      post(old, moves);
      const released = ledgerState(old).entryReleased;
      const fill = vi.spyOn(released, 'fill');
      const next = make(undefined);
      recycleLedgerRows(next, old, 4_000);
      expect(ledgerState(next).entryReleased).toBe(released);
      expect(fill).toHaveBeenCalledTimes(zeroes ? 1 : 0);
      const fresh = make(undefined);
      for (const l of [next, fresh]) {
        open(l);
        post(l, [[1, 'pending'], [1, 'post'], [2, 'legs']]);
      }
      expect(next.stateHash()).toBe(fresh.stateHash());
      expect(next.journal()).toEqual(fresh.journal());
    }
  });

  it('reads a batch stored as a range (no leg, entry-transfer or entry-amount links) on recycled columns exactly as the same batch listed', () => {
    // The old ledger writes every link column (Ledger.batch, the listed path) with other values
    // than the new one's rows will have; the new ledger's range batches leave those columns as
    // the old one left them, so any reader that read them directly would see stale links.
    const rangeLedger = (l: Ledger, id: string, amounts: readonly number[]): void => {
      const legs = new StepLegs(2);
      amounts.forEach((a, i) => legs.push(accountIndex(l, 'v0') as number, accountIndex(l, i % 2 === 0 ? 'v2' : 'v3') as number, a));
      expect(postStepLegs(l, legs, id, 'test')).toBe(amounts.length);
    };
    const listed = (l: Ledger, id: string, amounts: readonly number[]): void => {
      l.batch(amounts.map((amount, i) => ({ from: 'v0', to: i % 2 === 0 ? 'v2' : 'v3', amount })), { id });
    };
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (batches, clocked) => {
        const old = make(ticking(clocked ? 5 : undefined), 400);
        open(old);
        // Pending transfers and their posts make entries outnumber transfers, so an entry's
        // transfer and amount differ from those of the row of the same number.
        for (let k = 0; k < 30; k++) {
          old.transfer({ id: `op${k}`, from: 'v0', to: 'v1', amount: 5, pending: true });
          old.postPending(`op${k}`, 1);
          listed(old, `old${k}`, [7, 8, 9]);
        }
        old.transfer({ id: 'own', from: 'v0', to: 'v1', amount: 4 });
        const next = make(ticking(clocked ? 5 : undefined));
        recycleLedgerRows(next, old, 400);
        const fresh = make(ticking(clocked ? 5 : undefined));
        for (const l of [next, fresh]) open(l);
        batches.forEach((amounts, b) => {
          rangeLedger(next, `B${b}`, amounts);
          listed(fresh, `B${b}`, amounts);
          // A plain transfer between batches: ranges need not be adjacent.
          for (const l of [next, fresh]) l.transfer({ id: `p${b}`, from: 'v0', to: 'v1', amount: b + 1 });
        });
        expect(ledgerState(next).batchTransfers.rangeFirst(0)).toBeGreaterThanOrEqual(0);
        expect(ledgerState(fresh).batchTransfers.rangeFirst(0)).toBe(-1);
        expect(next.stateHash()).toBe(fresh.stateHash());
        expect(next.journal()).toEqual(fresh.journal());
        expect(next.exportJournal('csv')).toBe(fresh.exportJournal('csv'));
        expect(next.snapshot()).toEqual(fresh.snapshot());
        expect(buildCheckpoint(ledgerState(next))).toEqual(buildCheckpoint(ledgerState(fresh)));
        expect(next.verify()).toEqual(fresh.verify());
        for (const a of ['v0', 'v2', 'v3']) expect(next.statement(a)).toEqual(fresh.statement(a));
        batches.forEach((amounts, b) => {
          expect(next.batchTransferIds(`B${b}`)).toEqual(fresh.batchTransferIds(`B${b}`));
          const last = `B${b}/${amounts.length - 1}`;
          expect(next.transferInfo(last)?.id).toBe(last);
          expect(next.transferInfo(`B${b}/${amounts.length}`)).toBeUndefined();
          // A retry of the whole batch through the general path finds every leg of the range.
          expect(next.batch(amounts.map((amount, i) => ({ from: 'v0', to: i % 2 === 0 ? 'v2' : 'v3', amount })), { id: `B${b}` }).every((r) => r.status === 'exists')).toBe(true);
        });
        // A listed batch whose leg names a leg of a range batch by its id lists that transfer; its
        // own derived ids name nothing.
        for (const l of [next, fresh]) {
          const [first] = batches[0] as number[];
          expect(l.batch([{ id: 'B0/0', from: 'v0', to: 'v2', amount: first as number }], { id: 'X' })[0]?.status).toBe('exists');
          expect(l.transferInfo('X/0')).toBeUndefined();
        }
        expect(next.batchTransferIds('X')).toEqual(['B0/0']);
        expect(next.stateHash()).toBe(fresh.stateHash());
        const restored = Ledger.restore(next.snapshot());
        expect(restored.stateHash()).toBe(fresh.stateHash());
      }),
      { numRuns: runs(60) },
    );
  });

  it('makes fresh room when the old columns are shorter than the room asked for, leaving them', () => {
    const old = make(undefined, 1_024);
    open(old);
    post(old, [[3, 'legs']]);
    const from = ledgerState(old).transferFrom;
    const next = make(undefined);
    recycleLedgerRows(next, old, 3_000);
    expect(ledgerState(next).transferFrom).not.toBe(from);
    expect(ledgerState(next).transferFrom.length).toBe(3_000);
    expect(ledgerState(next).entryKind.length).toBe(3_000);
  });

  it('gives a ledger that already has rows only its room', () => {
    const old = make(undefined, 5_000);
    open(old);
    post(old, [[3, 'legs']]);
    const next = make(undefined);
    open(next);
    post(next, [[2, 'plain']]);
    const journal = next.journal();
    recycleLedgerRows(next, old, 2_000);
    expect(ledgerState(next).transferFrom.length).toBe(2_000);
    expect(next.journal()).toEqual(journal);
    expect(ledgerState(old).transferCount).toBe(2); // untouched: the old ledger keeps its rows (two legs)
  });

  it("reuses the old entry times for the new ledger's first timed entry, with NaN before it and no column until then", () => {
    const old = make(ticking(0), 2_000);
    open(old);
    post(old, [[3, 'legs'], [2, 'plain'], [1, 'legs']]);
    const times = ledgerState(old).entryTime;
    expect(times).toBeDefined();
    const next = make(ticking(50_000));
    recycleLedgerRows(next, old, 2_000);
    const s = ledgerState(next);
    expect(s.entryTime).toBeUndefined();
    open(next);
    expect(buildCheckpoint(s).times).toBeNull();
    post(next, [[4, 'plain'], [5, 'legs']]);
    expect(s.entryTime).toBe(times);
    expect(next.journal().map((e) => e.time)).toEqual([51_000, 52_000, 52_000]);
  });

  it('fills the reused entry times with NaN over the entries before the first timed one', () => {
    // Not reachable through a Ledger (a ledger with a clock times every entry), so on the state.
    const old = new LedgerState(undefined);
    for (let i = 0; i < 5; i++) old.addEntry(0, 0, 1, 0, 7_000 + i, 0);
    const times = old.entryTime;
    const next = new LedgerState(undefined);
    next.adoptRows(old);
    next.addEntry(0, 0, 1, 0, NaN, 0);
    next.addEntry(0, 0, 1, 0, NaN, 0);
    next.addEntry(0, 0, 1, 0, 9_000, 0);
    expect(next.entryTime).toBe(times);
    expect([0, 1, 2].map((i) => next.timeOf(i))).toEqual([NaN, NaN, 9_000]);
  });
});
