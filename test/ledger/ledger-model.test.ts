import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, WattError } from '../../src/index.js';
import { accountIndex, postStepLegs, StepLegs } from '../../src/ledger/step-legs.js';
import { runs } from '../helpers/expect-watt-error.js';
import { ModelError, NaiveLedger } from './naive-ledger.js';

// Accounts: v* hold VND (step 1), k* hold kWh (step 0.001); v0 and k0 may go negative (the bank
// and the grid), the others may not.
const STEPS = { VND: '1', kWh: '0.001' };
const ACCOUNTS = [
  ['v0', 'VND', true], ['v1', 'VND', false], ['v2', 'VND', false], ['v3', 'VND', false],
  ['k0', 'kWh', true], ['k1', 'kWh', false], ['k2', 'kWh', false],
] as const;
// A few ids look like the derived id of a batch leg (`<batch id>/<n>`), so explicit and derived
// ids meet: an explicit id must find a derived leg and the other way round, in and across calls.
const IDS = [...Array.from({ length: 40 }, (_, i) => `t${i}`), 'B1/0', 'B1/1', 'B2/2', 'S1/0', 'S1/1', 'B1/01'];
// 'new' stands for a batch id not used before (N1, N2, ...), so batches are applied, not only refused as reused ids.
const BATCH_IDS = ['B1', 'B2', 'B3', 'S1', 'S2', 'new', 'new', 'new'] as const;

type Amount = { steps: number; form: 'number' | 'string' | 'decimal' } | { raw: unknown };
type Leg = {
  id: string | undefined;
  from: string | number;
  to: string | number;
  amount: Amount;
  memo: string | undefined | 7;
  pending: boolean | 'yes' | undefined;
  extra: boolean;
};
type Op =
  | { kind: 'transfer'; leg: Leg }
  | { kind: 'retry'; pick: number; change: 'none' | 'amount' | 'memo' | 'to' | 'pending' }
  | { kind: 'post'; pick: number; amount: Amount | undefined; known: boolean }
  | { kind: 'void'; pick: number; known: boolean }
  | { kind: 'batch'; legs: Leg[]; retries: number[]; batchId: string | undefined }
  | { kind: 'steps'; legs: StepLegInput[]; retries: number[]; batchId: string }
  | { kind: 'again'; change: 'none' | 'drop' | 'amount' | 'swap' }
  | { kind: 'execute'; legs: Leg[]; resolves: { pick: number; post: boolean }[] }
  | { kind: 'garbage'; value: unknown; target: 'transfer' | 'batch' | 'post' }
  | { kind: 'restore' };

/** A leg of the integer path: accounts by name (or a bad index), an amount in steps (or a bad one). */
type StepLegInput = { from: string | number; to: string | number; steps: number; id: string | undefined };

const amountArb: fc.Arbitrary<Amount> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ steps: fc.integer({ min: 1, max: 40 }), form: fc.constantFrom('number', 'string', 'decimal') }) },
  { weight: 4, arbitrary: fc.record({ steps: fc.integer({ min: 100, max: 5000 }), form: fc.constant('string') }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(0, -1, '0', NaN, Infinity, 'abc', '', ' 1', '0.0005', 1e300, true, null, undefined, {}, 10n).map((raw) => ({ raw })) },
);
// Mostly two accounts of one asset; now and then another asset, an unknown or an invalid id.
const pairArb: fc.Arbitrary<[string | number, string | number]> = fc
  .tuple(fc.constantFrom('v', 'k'), fc.nat(3), fc.nat(3), fc.nat(40))
  .map(([group, i, j, r]) => {
    const size = group === 'v' ? 4 : 3;
    const from = `${group}${i % size}`;
    const to = `${group}${(i + 1 + (j % (size - 1))) % size}`;
    if (r === 0) return [from, group === 'v' ? 'k1' : 'v1'];
    if (r === 1) return [from, 'nope'];
    if (r === 2) return [5, to];
    if (r === 3) return [from, from];
    return [from, to];
  });
const legArb: fc.Arbitrary<Leg> = fc
  .record({
    id: fc.oneof(
      { weight: 60, arbitrary: fc.constantFrom(...IDS) },
      { weight: 30, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant('') },
    ),
    pair: pairArb,
    amount: amountArb,
    memo: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: fc.constantFrom('m', 'x, "y"') }, { weight: 1, arbitrary: fc.constant(7 as const) }),
    pending: fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant('yes' as const) }),
    extra: fc.integer({ min: 0, max: 80 }).map((r) => r === 0),
  })
  .map(({ pair, ...rest }) => ({ ...rest, from: pair[0], to: pair[1] }));
const legWithExtraArb = legArb;
// Accounts by name, now and then by an index no account has (-1, 99): the integer path's own bad input.
const stepLegArb: fc.Arbitrary<StepLegInput> = fc
  .record({
    pair: pairArb,
    bad: fc.integer({ min: 0, max: 150 }),
    steps: fc.oneof(
      { weight: 60, arbitrary: fc.integer({ min: 1, max: 40 }) },
      { weight: 6, arbitrary: fc.integer({ min: 100, max: 5000 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, NaN, Infinity, 2 ** 53) },
    ),
    id: fc.oneof({ weight: 40, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: fc.constantFrom(...IDS) }, { weight: 1, arbitrary: fc.constant('') }),
  })
  .map(({ pair, bad, steps, id }) => ({ from: bad === 0 || typeof pair[0] === 'number' ? -1 : bad === 1 ? 99 : pair[0], to: pair[1], steps, id }));
const pickArb = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 30, arbitrary: legWithExtraArb.map((leg) => ({ kind: 'transfer' as const, leg })) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('retry' as const), pick: pickArb, change: fc.constantFrom('none', 'none', 'none', 'amount', 'memo', 'to', 'pending') }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('post' as const), pick: pickArb, amount: fc.option(amountArb, { nil: undefined }), known: fc.integer({ min: 0, max: 5 }).map((r) => r > 0) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: pickArb, known: fc.integer({ min: 0, max: 5 }).map((r) => r > 0) }) },
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      legs: fc.array(legWithExtraArb, { maxLength: 6 }),
      retries: fc.array(pickArb, { maxLength: 2 }),
      batchId: fc.option(fc.constantFrom(...BATCH_IDS), { nil: undefined }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('steps' as const),
      legs: fc.array(stepLegArb, { maxLength: 6 }),
      retries: fc.array(pickArb, { maxLength: 2 }),
      batchId: fc.constantFrom(...BATCH_IDS),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('execute' as const),
      legs: fc.array(legWithExtraArb, { maxLength: 4 }),
      resolves: fc.array(fc.record({ pick: pickArb, post: fc.boolean() }), { maxLength: 3 }),
    }),
  },
  // The last batch again (a retry of the whole batch), as it was or changed.
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('again' as const), change: fc.constantFrom('none', 'none', 'drop', 'amount', 'swap') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('garbage' as const), value: fc.constantFrom<unknown>(null, 5, 'x', [], [null], {}, { id: 't0' }), target: fc.constantFrom('transfer', 'batch', 'post') }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'restore' as const }) },
);

function encodeAmount(a: Amount, from: unknown): unknown {
  if ('raw' in a) return a.raw;
  const kwh = typeof from === 'string' && from.startsWith('k');
  const text = kwh ? new Decimal(a.steps).div(1000).toFixed() : String(a.steps);
  return a.form === 'string' ? text : a.form === 'decimal' ? new Decimal(text) : Number(text);
}

function encodeLeg(leg: Leg): Record<string, unknown> {
  const o: Record<string, unknown> = leg.id === undefined ? {} : { id: leg.id };
  o['from'] = leg.from;
  o['to'] = leg.to;
  o['amount'] = encodeAmount(leg.amount, leg.from);
  if (leg.memo !== undefined) o['memo'] = leg.memo;
  if (leg.pending !== undefined) o['pending'] = leg.pending;
  if (leg.extra) o['amout'] = 1;
  return o;
}

/** Runs `real` and `model`; they must both succeed with equal results or both fail with one code. */
function same(real: () => unknown, model: () => unknown, ledger: Ledger): unknown {
  let expected: unknown;
  let expectedCode: string | undefined;
  try {
    expected = model();
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    expectedCode = e.code;
  }
  const before = ledger.stateHash();
  const sequence = ledger.sequence;
  let actual: unknown;
  let actualCode: string | undefined;
  try {
    actual = real();
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
    actualCode = e.code;
  }
  expect(actualCode).toBe(expectedCode);
  const outcome = actualCode ?? (actual === undefined ? 'undefined' : JSON.stringify(actual));
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if (expectedCode === undefined) {
    expect(actual).toEqual(expected);
  } else {
    // A refused call changes nothing.
    expect(ledger.stateHash()).toBe(before);
    expect(ledger.sequence).toBe(sequence);
  }
  return actualCode ?? actual;
}

/** How often the new paths were exercised (integer legs, derived ids), checked at the end. */
const kinds = new Map<string, number>();
function tally(kind: string): void {
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}

/** How often each result or error code was seen: the test checks the mix is rich. */
const outcomes = new Map<string, number>();

function checkInvariants(ledger: Ledger, model: NaiveLedger): void {
  const totals = new Map<string, bigint>();
  for (const [id, acc] of model.accounts) {
    const info = ledger.account(id);
    expect(BigInt(ledger.balanceSteps(id)), `balance of ${id}`).toBe(acc.balance);
    expect(BigInt(ledger.availableSteps(id)), `available of ${id}`).toBe(acc.balance - acc.pd);
    // The decimal form of each pair against the same model figure.
    const step = STEPS[acc.asset as 'VND'];
    expect(ledger.balance(id).toString(), `balance of ${id}`).toBe(new Decimal(acc.balance.toString()).mul(step).toString());
    expect(ledger.available(id).toString(), `available of ${id}`).toBe(new Decimal((acc.balance - acc.pd).toString()).mul(step).toString());
    expect(info.pendingCredits.toString()).toBe(new Decimal(acc.pc.toString()).mul(STEPS[acc.asset as 'VND']).toString());
    if (!acc.allowNegative) expect(ledger.availableSteps(id)).toBeGreaterThanOrEqual(0);
    totals.set(acc.asset, (totals.get(acc.asset) ?? 0n) + BigInt(ledger.balanceSteps(id)));
  }
  for (const total of totals.values()) expect(total).toBe(0n);
  expect(ledger.journalLength).toBe(model.journal);
}

function run(ops: readonly Op[]): void {
  let ledger = new Ledger({ assets: STEPS });
  const model = new NaiveLedger(STEPS);
  for (const [id, asset, allowNegative] of ACCOUNTS) {
    ledger.openAccount({ id, asset, allowNegative });
    model.open(id, asset, allowNegative);
  }
  const seed = [
    { id: 's1', from: 'v0', to: 'v1', amount: 100 }, { id: 's2', from: 'v0', to: 'v2', amount: 60 },
    { id: 's3', from: 'k0', to: 'k1', amount: '0.1' }, { id: 's4', from: 'k0', to: 'k2', amount: '0.05' },
  ];
  same(() => ledger.batch(seed).map((r) => r.status), () => model.batch(seed), ledger);
  const created = (): [string, Record<string, unknown>][] => [...model.transfers].map(([id, t]) => [id, t.raw]);
  const pendingIds = (): string[] => [...model.transfers].filter(([, t]) => t.state === 'pending').map(([id]) => id);
  const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
  const target = (n: number, known: boolean): string => (known ? pick(pendingIds(), n) : undefined) ?? pick([...IDS, 'zz'], n)!;

  let fresh = 0;
  let last: { kind: 'batch'; legs: unknown[]; batchId: string | undefined } | { kind: 'steps'; legs: StepLegInput[]; batchId: string } | undefined;
  // Each returns whether the call was applied: 'again' repeats the last applied batch.
  const doBatch = (legs: unknown[], batchId: string | undefined): boolean => {
    const options = batchId === undefined ? undefined : { id: batchId };
    const result = same(() => ledger.batch(legs as never, options).map((r) => r.status), () => model.batch(legs, batchId), ledger);
    if (batchId !== undefined && Array.isArray(result)) {
      legs.forEach((l, n) => {
        if (typeof l === 'object' && l !== null && (l as { id?: unknown }).id === undefined) tally(`derived:${String(result[n])}`);
      });
    }
    return Array.isArray(result);
  };
  // The integer path against the same model: each leg is the transfer it stands for, with its id
  // derived from the batch unless it has one; the result is the number of legs created.
  const doSteps = (input: readonly StepLegInput[], batchId: string): boolean => {
    const legs = new StepLegs(2);
    const index = (a: string | number): number => (typeof a === 'number' ? a : accountIndex(ledger, a) ?? 99);
    for (const l of input) legs.push(index(l.from), index(l.to), l.steps, l.id);
    const transfers = input.map((l) => {
      const name = (a: string | number): string => (typeof a === 'number' ? 'nope' : a);
      const step = STEPS[typeof l.from === 'string' && l.from.startsWith('k') ? 'kWh' : 'VND'];
      const amount = Number.isFinite(l.steps) ? new Decimal(l.steps).mul(step).toFixed() : l.steps;
      return l.id === undefined ? { from: name(l.from), to: name(l.to), amount } : { id: l.id, from: name(l.from), to: name(l.to), amount };
    });
    const result = same(() => postStepLegs(ledger, legs, batchId, 'test'), () => model.batch(transfers, batchId).filter((x) => x === 'created').length, ledger);
    tally(typeof result === 'number' ? (result === 0 ? 'steps:0' : 'steps:created') : 'steps:refused');
    if (typeof result === 'string') tally(`steps:${result}`);
    return typeof result === 'number';
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'transfer': {
        const t = encodeLeg(op.leg);
        same(() => ledger.transfer(t as never).status, () => model.transfer(t), ledger);
        break;
      }
      case 'retry': {
        const found = pick(created(), op.pick);
        if (found === undefined) break;
        const t: Record<string, unknown> = { ...found[1] };
        if (op.change === 'amount') t['amount'] = 7777;
        if (op.change === 'memo') t['memo'] = 'changed';
        if (op.change === 'to') t['to'] = t['to'] === 'v3' ? 'v2' : 'v3';
        if (op.change === 'pending') t['pending'] = t['pending'] !== true;
        same(() => ledger.transfer(t as never).status, () => model.transfer(t), ledger);
        break;
      }
      case 'post': {
        const id = target(op.pick, op.known);
        const from = model.transfers.get(id)?.from ?? 'v1';
        const amount = op.amount === undefined ? undefined : encodeAmount(op.amount, from);
        const raw: Record<string, unknown> = amount === undefined ? { kind: 'post', id } : { kind: 'post', id, amount };
        same(() => ledger.postPending(id, amount as never), () => void model.atomic((m) => m.resolve(raw, false)), ledger);
        break;
      }
      case 'void': {
        const id = target(op.pick, op.known);
        same(() => ledger.voidPending(id), () => void model.atomic((m) => m.resolve({ kind: 'void', id }, true)), ledger);
        break;
      }
      case 'batch': {
        const legs: unknown[] = op.legs.map(encodeLeg);
        for (const r of op.retries) {
          const found = pick(created(), r);
          if (found !== undefined) legs.splice(r % (legs.length + 1), 0, found[1]);
        }
        const batchId = op.batchId === 'new' ? `N${++fresh}` : op.batchId;
        if (doBatch(legs, batchId)) last = { kind: 'batch', legs, batchId };
        break;
      }
      case 'execute': {
        const ops: unknown[] = op.legs.map((l) => ({ kind: 'transfer', ...encodeLeg(l) }));
        for (const r of op.resolves) {
          const pool = [...pendingIds(), ...op.legs.filter((l) => l.pending === true).map((l) => l.id)];
          const id = pick(pool, r.pick) ?? 't0';
          ops.splice(r.pick % (ops.length + 1), 0, r.post ? { kind: 'post', id } : { kind: 'void', id });
        }
        same(() => ledger.execute(ops as never).map((r) => r.status), () => model.execute(ops), ledger);
        break;
      }
      case 'steps': {
        const input: StepLegInput[] = [...op.legs];
        for (const r of op.retries) {
          const found = pick(created(), r);
          const raw = found?.[1];
          if (raw === undefined || raw['pending'] === true || raw['memo'] !== undefined || typeof raw['from'] !== 'string') continue;
          const steps = new Decimal(String(raw['amount'])).div(STEPS[raw['from'].startsWith('k') ? 'kWh' : 'VND']).toNumber();
          input.splice(r % (input.length + 1), 0, { from: raw['from'], to: raw['to'] as string, steps, id: raw['id'] as string });
        }
        const batchId = op.batchId === 'new' ? `N${++fresh}` : op.batchId;
        if (doSteps(input, batchId)) last = { kind: 'steps', legs: input, batchId };
        break;
      }
      case 'again': {
        if (last === undefined) break;
        const change = <T>(legs: readonly T[], amount: (leg: T) => T): T[] => {
          if (op.change === 'drop') return legs.slice(1);
          if (op.change === 'swap') return legs.length < 2 ? [...legs] : [legs[1]!, legs[0]!, ...legs.slice(2)];
          if (op.change === 'amount' && legs.length > 0) return [amount(legs[0]!), ...legs.slice(1)];
          return [...legs];
        };
        if (last.kind === 'batch') {
          doBatch(change(last.legs, (l) => (typeof l === 'object' && l !== null ? { ...l, amount: 3 } : l)), last.batchId);
        } else {
          doSteps(change(last.legs, (l) => ({ ...l, steps: l.steps + 1 })), last.batchId);
        }
        break;
      }
      case 'garbage': {
        const v = op.value;
        if (op.target === 'transfer') same(() => ledger.transfer(v as never), () => model.transfer(v), ledger);
        else if (op.target === 'batch') same(() => ledger.batch(v as never), () => model.batch(v), ledger);
        else {
          same(
            () => ledger.postPending(v as never),
            () => model.atomic((m) => m.resolve({ kind: 'post', id: v }, false)),
            ledger,
          );
        }
        break;
      }
      case 'restore': {
        const copy = Ledger.restore(JSON.parse(JSON.stringify(ledger.snapshot())) as never);
        expect(copy.stateHash()).toBe(ledger.stateHash());
        ledger = copy;
        break;
      }
    }
    checkInvariants(ledger, model);
  }
  expect(ledger.verify().ok).toBe(true);
}

describe('Ledger against a naive model', () => {
  it('agrees on every result, error code and balance, and a refused call changes nothing', () => {
    outcomes.clear();
    kinds.clear();
    fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }), (ops) => run(ops)), { numRuns: runs(150) });
    if (process.env['SHOW_OUTCOMES'] === '1') console.log(outcomes, kinds);
    // The generator must reach every class of outcome, or the comparison proves little.
    const codes = [...outcomes.keys()];
    for (const code of ['INVALID_ARGUMENT', 'INVALID_ID', 'UNKNOWN_ACCOUNT', 'SAME_ACCOUNT', 'ASSET_MISMATCH', 'INVALID_AMOUNT',
      'TRANSFER_CONFLICT', 'INSUFFICIENT_FUNDS', 'UNKNOWN_TRANSFER', 'TRANSFER_NOT_PENDING', '"created"', '"exists"', 'undefined']) {
      expect(codes, code).toContain(code);
    }
    // The integer path created legs, retried whole batches (0 created) and refused some.
    for (const kind of ['steps:0', 'steps:created', 'steps:refused', 'derived:created', 'derived:exists']) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(3);
  });
});
