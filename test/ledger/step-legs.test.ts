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
