import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, WattError } from '../../src/index.js';
import { openFileStore } from '../../src/node.js';
import { runs } from '../helpers/expect-watt-error.js';
import { SimFs } from '../helpers/sim-fs.js';

const assets = { VND: '1' };
const DIR = '/store';

type Op = { kind: 'transfer'; from: number; to: number; amount: number } | { kind: 'flush' } | { kind: 'checkpoint' };
const ACCOUNTS = ['bank', 'a', 'b', 'c'];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('transfer' as const), from: fc.nat(3), to: fc.nat(3), amount: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'checkpoint' as const }) },
);

/** Applies one op's command (refused ones throw and change nothing). */
function apply(ledger: Ledger, op: Op, i: number): void {
  if (op.kind !== 'transfer') return;
  try {
    ledger.transfer({ id: `t${i}`, from: ACCOUNTS[op.from]!, to: ACCOUNTS[op.to]!, amount: op.amount });
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
  }
}

function open(ledger: Ledger, after: () => void = () => undefined): void {
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  after();
  for (const id of ACCOUNTS.slice(1)) {
    ledger.openAccount({ id, asset: 'VND' });
    after();
  }
}

/** The state hash an uncrashed run passes through at each sequence number. */
function referenceHashes(ops: readonly Op[]): string[] {
  const ledger = new Ledger({ assets });
  const hashes = [ledger.stateHash()];
  const step = (): void => {
    while (hashes.length <= ledger.sequence) hashes.push(ledger.stateHash());
  };
  open(ledger, step);
  ops.forEach((op, i) => {
    apply(ledger, op, i);
    step();
  });
  return hashes;
}

describe('file store on a simulated disk (lost unsynced writes, torn writes, flipped bytes)', () => {
  it('recovers a state an uncrashed run passed through, with every flushed command, or refuses with STORE_CORRUPT', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 60 }),
        fc.nat(60),
        fc.nat(12),
        fc.func(fc.nat()),
        fc.option(fc.record({ file: fc.nat(), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }), { nil: undefined }),
        fc.integer({ min: 40, max: 2000 }),
        async (ops, crashAt, ticks, keepOf, flip, segmentBytes) => {
          const hashes = referenceHashes(ops);
          const disk = new SimFs();
          const ledger = await Ledger.open({ assets, store: await openFileStore(DIR, { fs: disk, segmentBytes }) });
          open(ledger);
          let acknowledged = 0;
          const stop = Math.min(crashAt, ops.length);
          for (let i = 0; i < stop; i++) {
            const op = ops[i]!;
            apply(ledger, op, i);
            if (op.kind === 'flush') {
              const sequence = ledger.sequence;
              await ledger.flush();
              acknowledged = sequence;
            } else if (op.kind === 'checkpoint') {
              void ledger.checkpoint().catch(() => undefined);
            }
          }
          for (let t = 0; t < ticks; t++) await Promise.resolve();
          // The process dies here: in-flight writes are cut short or lost.
          const after = disk.afterCrash((n) => (n === 0 ? 0 : keepOf(n) % (n + 1)));
          let damaged = false;
          if (flip !== undefined) {
            const files = [...after.files.keys()].filter((p) => !p.endsWith('/LOCK')).sort();
            const path = files[flip.file % files.length];
            if (path !== undefined && after.files.get(path)!.durable.length > 0) {
              after.flip(path, flip.at, flip.mask);
              damaged = true;
            }
          }
          let recovered: Ledger;
          try {
            recovered = await Ledger.open({ assets, store: await openFileStore(DIR, { fs: after, segmentBytes }) });
          } catch (e) {
            expect(damaged, `refused an undamaged store: ${String(e)}`).toBe(true);
            expect(e).toBeInstanceOf(WattError);
            expect((e as WattError).code).toBe(ErrorCode.STORE_CORRUPT);
            return;
          }
          expect(recovered.sequence).toBeGreaterThanOrEqual(acknowledged);
          expect(recovered.sequence).toBeLessThanOrEqual(ledger.sequence);
          expect(recovered.stateHash()).toBe(hashes[recovered.sequence]);
          expect(recovered.verify().ok).toBe(true);
          // It goes on working.
          if (!recovered.hasAccount('bank')) recovered.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
          if (!recovered.hasAccount('a')) recovered.openAccount({ id: 'a', asset: 'VND' });
          recovered.transfer({ id: 'after-crash', from: 'bank', to: 'a', amount: 1 });
          await recovered.close();
        },
      ),
      { numRuns: runs(150, 3000) },
    );
  });
});
