import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, WattError } from '../../src/index.js';
import { accountIndex, postStepLegs, recycleLedgerRows, StepLegs } from '../../src/ledger/step-legs.js';
import { runs } from '../helpers/expect-watt-error.js';

// v0 may go negative (the bank); v1..v3 may not. k* hold another asset.
function ledger(): Ledger {
  const l = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
  l.openAccount({ id: 'v0', asset: 'VND', allowNegative: true });
  for (const id of ['v1', 'v2', 'v3']) l.openAccount({ id, asset: 'VND' });
  l.openAccount({ id: 'k1', asset: 'kWh' });
  l.transfer({ id: 'seed', from: 'v0', to: 'v1', amount: 50 });
  return l;
}

type Leg = [from: string, to: string, steps: number];

function outcome(f: () => unknown): string {
  try {
    return `ok ${String(f())}`;
  } catch (e) {
    if (e instanceof WattError) return `${e.code} ${e.message.replace(/^[\w.]+: /, '')}`;
    throw e;
  }
}

describe('postStepLegs', () => {
  it('posts a new batch of legs without ids exactly as Ledger.batch posts the same transfers (the column path)', () => {
    const leg = fc.tuple(fc.constantFrom('v0', 'v1', 'v2', 'v3', 'k1'), fc.constantFrom('v0', 'v1', 'v2', 'v3', 'k1'), fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constantFrom(0, -1, 1.5)));
    fc.assert(
      fc.property(fc.array(fc.array(leg, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (batches, lookalike) => {
        const viaSteps = ledger();
        const viaBatch = ledger();
        // An explicit id that looks like a leg of batch B0: the column path must leave such a batch to the general one.
        if (lookalike) for (const l of [viaSteps, viaBatch]) l.transfer({ id: 'B0/1', from: 'v0', to: 'v2', amount: 3 });
        batches.forEach((list: Leg[], b) => {
          const legs = new StepLegs(2);
          for (const [from, to, steps] of list) legs.push(accountIndex(viaSteps, from) as number, accountIndex(viaSteps, to) as number, steps);
          const transfers = list.map(([from, to, steps]) => ({ from, to, amount: steps }));
          const a = outcome(() => postStepLegs(viaSteps, legs, `B${b}`, 'Ledger.batch'));
          const e = outcome(() => viaBatch.batch(transfers, { id: `B${b}` }).filter((r) => r.status === 'created').length);
          // Amounts off the step grid are refused by both, with messages of their own kind.
          if (list.some(([, , s]) => !Number.isInteger(s) || s <= 0)) expect(a.split(' ')[0]).toBe(e.split(' ')[0]);
          else expect(a).toBe(e);
          expect(viaSteps.stateHash()).toBe(viaBatch.stateHash());
          expect(viaSteps.journal()).toEqual(viaBatch.journal());
        });
      }),
      { numRuns: runs(200) },
    );
  });

  it('refuses a leg in the middle of a new batch, naming it, and changes nothing', () => {
    const l = ledger();
    const before = l.stateHash();
    const legs = new StepLegs(2);
    const v = (id: string): number => accountIndex(l, id) as number;
    legs.push(v('v1'), v('v2'), 30);
    legs.push(v('v1'), v('v3'), 30); // v1 holds 50: 20 left after the first leg
    legs.push(v('v0'), v('v1'), 5);
    expect(outcome(() => postStepLegs(l, legs, 'B', 'test'))).toMatch(/^INSUFFICIENT_FUNDS transfer 1 refused: account 'v1' has 20 available; transfer 'B\/1' needs 30$/);
    expect(l.stateHash()).toBe(before);
    expect(l.hasBatch('B')).toBe(false);
  });
});

describe('postStepLegs on the column path', () => {
  it('refuses as Ledger.batch does, and changes nothing, when a leg fails on balances the legs before it moved, with reservations and near-limit balances', () => {
    // The column path applies each leg to the balances as it checks it and undoes them when a
    // later leg is refused: the legs here reuse a few accounts, some with pending debits or
    // credits outstanding, some a step or two below the largest balance.
    const MAX = Number.MAX_SAFE_INTEGER;
    const make = (): Ledger => {
      const l = new Ledger({ assets: { VND: '1' } });
      l.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
      l.openAccount({ id: 'bank2', asset: 'VND', allowNegative: true });
      for (const id of ['a', 'b', 'c']) l.openAccount({ id, asset: 'VND' });
      l.transfer({ id: 'fund-a', from: 'bank', to: 'a', amount: 40 });
      l.transfer({ id: 'fund-b', from: 'bank', to: 'b', amount: 20 });
      l.transfer({ id: 'hold-a', from: 'a', to: 'c', amount: 15, pending: true });
      l.transfer({ id: 'fill-c', from: 'bank2', to: 'c', amount: MAX - 30 });
      return l;
    };
    const names = ['bank', 'bank2', 'a', 'b', 'c'];
    const leg = fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names), fc.integer({ min: 1, max: 30 }));
    fc.assert(
      fc.property(fc.array(fc.array(leg, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), (batches) => {
        const viaSteps = make();
        const viaBatch = make();
        batches.forEach((list, b) => {
          const legs = new StepLegs(2);
          for (const [from, to, steps] of list) legs.push(accountIndex(viaSteps, from) as number, accountIndex(viaSteps, to) as number, steps);
          const a = outcome(() => postStepLegs(viaSteps, legs, `B${b}`, 'Ledger.batch'));
          const e = outcome(() => viaBatch.batch(list.map(([from, to, amount]) => ({ from, to, amount })), { id: `B${b}` }).length);
          expect(a).toBe(e);
          expect(viaSteps.stateHash()).toBe(viaBatch.stateHash());
          for (const id of names) expect(viaSteps.balance(id).toString()).toBe(viaBatch.balance(id).toString());
        });
        expect(viaSteps.journal()).toEqual(viaBatch.journal());
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('postStepLegs regression', () => {
  it('names a refused leg without an id by its derived id, not by an id of an earlier call (defect: stale scratch id)', () => {
    const l = ledger(); // its last call was the transfer 'seed'
    const legs = new StepLegs(2);
    const v0 = accountIndex(l, 'v0') as number;
    legs.push(v0, v0, 1);
    expect(outcome(() => postStepLegs(l, legs, 'B', 'test'))).toBe("SAME_ACCOUNT transfer 0 refused: transfer 'B/0' moves from account 'v0' to itself");
  });
});

describe('recycleLedgerRows', () => {
  it('gives a new ledger the rows of an old one, zeroed: it then ends as a fresh ledger would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.boolean()), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 3000 }), (moves, capacity) => {
        const post = (l: Ledger): void => {
          moves.forEach(([amount, batch], i) => {
            if (batch) {
              const legs = new StepLegs(2);
              legs.push(accountIndex(l, 'v0') as number, accountIndex(l, 'v2') as number, amount);
              legs.push(accountIndex(l, 'v2') as number, accountIndex(l, 'v3') as number, amount);
              postStepLegs(l, legs, `b${i}`, 'test');
            } else {
              l.transfer({ id: `t${i}`, from: 'v0', to: 'v1', amount, pending: i % 3 === 0 });
            }
          });
        };
        const old = ledger();
        post(old);
        const fresh = new Ledger({ assets: { VND: '1', kWh: '0.001' }, capacity });
        const reused = new Ledger({ assets: { VND: '1', kWh: '0.001' }, capacity });
        recycleLedgerRows(reused, old);
        for (const l of [fresh, reused]) {
          l.openAccount({ id: 'v0', asset: 'VND', allowNegative: true });
          for (const id of ['v1', 'v2', 'v3']) l.openAccount({ id, asset: 'VND' });
          post(l);
          post(l); // retries: the same transfers again
        }
        expect(reused.stateHash()).toBe(fresh.stateHash());
        expect(reused.journal()).toEqual(fresh.journal());
        expect(reused.verify()).toEqual(fresh.verify());
      }),
      { numRuns: runs(60) },
    );
  });

  it('posts batches that outgrow the row columns and the shared batch lists exactly as Ledger.batch does, with or without a clock', () => {
    // Batches of up to 700 legs: the first grows the columns past their 1,024 rows in one go, and
    // their transfer lists fill one shared list column after another.
    for (const clock of [undefined, { now: () => 5_000 }]) {
      const make = (): Ledger => {
        const l = new Ledger({ assets: { VND: '1' }, ...(clock === undefined ? {} : { clock }) });
        l.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
        for (let i = 0; i < 20; i++) l.openAccount({ id: `a${i}`, asset: 'VND', allowNegative: true });
        return l;
      };
      const viaSteps = make();
      const viaBatch = make();
      for (let b = 0; b < 12; b++) {
        const n = b === 0 ? 700 : 1 + ((b * 97) % 400);
        const legs = new StepLegs(4);
        const transfers: { from: string; to: string; amount: number }[] = [];
        for (let i = 0; i < n; i++) {
          const from = i % 2 === 0 ? 'bank' : `a${i % 20}`;
          const to = i % 2 === 0 ? `a${(i * 7) % 20}` : 'bank';
          legs.push(accountIndex(viaSteps, from) as number, accountIndex(viaSteps, to) as number, 1 + (i % 13));
          transfers.push({ from, to, amount: 1 + (i % 13) });
        }
        expect(postStepLegs(viaSteps, legs, `B${b}`, 'test')).toBe(n);
        viaBatch.batch(transfers, { id: `B${b}` });
        expect(viaSteps.batchTransferIds(`B${b}`)).toEqual(Array.from({ length: n }, (_, i) => `B${b}/${i}`));
      }
      expect(viaSteps.stateHash()).toBe(viaBatch.stateHash());
      expect(viaSteps.journal()).toEqual(viaBatch.journal());
      for (let b = 0; b < 12; b++) expect(viaSteps.batchTransferIds(`B${b}`)).toEqual(viaBatch.batchTransferIds(`B${b}`));
      expect(viaSteps.verify().ok).toBe(true);
    }
  });
});

describe('postStepLegs all or nothing', () => {
  // Accounts: b0..b2 may go negative (banks; b2 funded big), p0..p2 may not, big sits a step below the largest
  // balance, k0 holds another asset. A batch of good legs with one bad leg put anywhere in it.
  const MAX = Number.MAX_SAFE_INTEGER;
  const VND = ['b0', 'b1', 'b2', 'p0', 'p1', 'p2', 'big'];
  const make = (clocked: boolean): Ledger => {
    // A clock that stands still: the refused call reads it, the twin's does not.
    const now = Date.UTC(2025, 0, 1);
    const l = new Ledger({ assets: { VND: '1', kWh: '0.001' }, ...(clocked ? { clock: { now: () => now } } : {}) });
    for (const id of ['b0', 'b1', 'b2']) l.openAccount({ id, asset: 'VND', allowNegative: true });
    for (const id of ['p0', 'p1', 'p2', 'big']) l.openAccount({ id, asset: 'VND' });
    l.openAccount({ id: 'k0', asset: 'kWh' });
    l.batch([{ from: 'b0', to: 'p0', amount: 100 }, { from: 'b0', to: 'p1', amount: 100 }, { from: 'b2', to: 'big', amount: MAX - 1 }], { id: 'seed' });
    l.transfer({ id: 'hold', from: 'p1', to: 'p2', amount: 30, pending: true });
    return l;
  };
  // Good legs only ever move money out of a bank into p0 or p2 (or between banks): they cannot fail.
  const good = fc.tuple(fc.constantFrom('b0', 'b1'), fc.constantFrom('b0', 'b1', 'p0', 'p2'), fc.integer({ min: 1, max: 50 })).filter(([f, t]) => f !== t);
  type Bad = (v: (id: string) => number) => [number, number, number];
  const bad: fc.Arbitrary<[string, Bad]> = fc.constantFrom<[string, Bad]>(
    ['UNKNOWN_ACCOUNT', () => [-1, 0, 1]],
    ['UNKNOWN_ACCOUNT', (v) => [v('b0'), 99, 1]],
    ['SAME_ACCOUNT', (v) => [v('p0'), v('p0'), 1]],
    ['ASSET_MISMATCH', (v) => [v('b0'), v('k0'), 1]],
    ['INVALID_AMOUNT', (v) => [v('b0'), v('p0'), 0]],
    ['INVALID_AMOUNT', (v) => [v('b0'), v('p0'), -3]],
    ['INVALID_AMOUNT', (v) => [v('b0'), v('p0'), 1.5]],
    ['INVALID_AMOUNT', (v) => [v('b0'), v('p0'), Number.NaN]],
    ['INVALID_AMOUNT', (v) => [v('b0'), v('p0'), MAX + 1]],
    // p1 holds 100 with 30 reserved: 71 is more than it has available whatever went before.
    ['INSUFFICIENT_FUNDS', (v) => [v('p1'), v('b0'), 71]],
    ['BALANCE_OVERFLOW', (v) => [v('b0'), v('big'), 2]],
  );
  it('refuses a batch with one bad leg anywhere (on the column path or the general one) and leaves balances, counts, journal and state hash as they were', () => {
    fc.assert(
      fc.property(fc.array(good, { minLength: 0, maxLength: 12 }), bad, fc.nat(), fc.boolean(), fc.boolean(), fc.boolean(), (list, [code, which], at, clocked, named, retried) => {
        const l = make(clocked);
        const twin = make(clocked);
        const v = (id: string): number => accountIndex(l, id) as number;
        const legs = new StepLegs(2);
        const position = at % (list.length + 1);
        const all: [number, number, number][] = list.map(([f, t, a]) => [v(f), v(t), a]);
        all.splice(position, 0, which(v));
        // An own id on a leg sends the batch down the general path.
        all.forEach(([f, t, a], i) => legs.push(f, t, a, named && i === 0 ? 'own-0' : undefined));
        // A batch id used before with other legs: the general path.
        const batchId = retried ? 'seed' : 'B';
        const before = { hash: l.stateHash(), sequence: l.sequence, journal: l.journal(), balances: [...VND, 'k0'].map((id) => l.balance(id).toString()), hasB: l.hasBatch('B') };
        const result = outcome(() => postStepLegs(l, legs, batchId, 'Ledger.batch'));
        // (A batch id used before is refused as a conflict or for its bad leg, whichever is found first.)
        if (retried) expect(['TRANSFER_CONFLICT', code]).toContain(result.split(' ')[0]);
        else expect(result).toMatch(new RegExp(`^${code} transfer ${position} refused: `));
        expect(l.stateHash()).toBe(before.hash);
        expect(l.sequence).toBe(before.sequence);
        expect(l.journal()).toEqual(before.journal);
        expect([...VND, 'k0'].map((id) => l.balance(id).toString())).toEqual(before.balances);
        expect(l.hasBatch('B')).toBe(before.hasB);
        // What the refused batch left in the columns past the rows is never seen: the next batch
        // posts exactly as on a ledger that never saw the refused one.
        const next = new StepLegs(2);
        for (const [f, t, a] of list) next.push(v(f), v(t), a);
        next.push(v('b1'), v('p2'), 7);
        const twinNext = new StepLegs(2);
        for (let i = 0; i < next.count; i++) twinNext.push(next.from[i] as number, next.to[i] as number, next.amount[i] as number);
        expect(outcome(() => postStepLegs(l, next, 'C', 'Ledger.batch'))).toBe(outcome(() => postStepLegs(twin, twinNext, 'C', 'Ledger.batch')));
        expect(l.stateHash()).toBe(twin.stateHash());
        expect(l.journal()).toEqual(twin.journal());
        expect(l.batchTransferIds('C')).toEqual(twin.batchTransferIds('C'));
      }),
      { numRuns: runs(300) },
    );
  });
});
