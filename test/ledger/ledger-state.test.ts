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

  it("hands the old ledger's batch-list columns out again, skipping one too short for a batch", () => {
    const bigBatch = (l: Ledger, id: string, n: number): void => {
      const legs = new StepLegs(2);
      for (let i = 0; i < n; i++) legs.push(accountIndex(l, 'v0') as number, accountIndex(l, 'v1') as number, 1);
      postStepLegs(l, legs, id, 'test');
    };
    // The old ledger's lists fill a column of 1,024 entries, then one of 2,048.
    const old = make(undefined, 5_000);
    open(old);
    post(old, [[3, 'legs']]);
    bigBatch(old, 'old', 1_100);
    const short = (ledgerState(old).batchTransfers[0] as Int32Array).buffer;
    const long = (ledgerState(old).batchTransfers[1] as Int32Array).buffer;
    expect(long).not.toBe(short);
    const next = make(undefined);
    const fresh = make(undefined);
    recycleLedgerRows(next, old, 4_000);
    for (const l of [next, fresh]) {
      open(l);
      bigBatch(l, 'big', 1_500); // more than the first old column holds: it takes the second
      post(l, [[2, 'legs']]);
    }
    const lists = ledgerState(next).batchTransfers;
    expect((lists[0] as Int32Array).buffer).toBe(long);
    expect((lists[1] as Int32Array).buffer).toBe(long);
    expect(next.batchTransferIds('big')).toHaveLength(1_500);
    expect(next.batchTransferIds('b0')).toEqual(['b0/0', 'b0/1']);
    expect(next.stateHash()).toBe(fresh.stateHash());
    expect(next.journal()).toEqual(fresh.journal());
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
