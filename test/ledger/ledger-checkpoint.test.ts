import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, ManualClock, MemoryStore, WattError } from '../../src/index.js';
import { buildCheckpoint, LEDGER_CHECKPOINT_FORMAT, restoreCheckpoint, type LedgerCheckpoint } from '../../src/ledger/ledger-checkpoint.js';
import { ledgerState } from '../../src/ledger/ledger.js';

const assets = { VND: '1', kWh: '0.001' };

/** A seeded mix of every entry kind: transfers with memos, pendings posted and voided, batches with derived ids, refusals. */
function drive(ledger: Ledger, ops: readonly number[], clock?: ManualClock): void {
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  ledger.openAccount({ id: 'a', asset: 'VND', owner: 'alice' });
  ledger.openAccount({ id: 'b', asset: 'VND' });
  ledger.openAccount({ id: 'grid', asset: 'kWh', allowNegative: true });
  ledger.openAccount({ id: 'home', asset: 'kWh' });
  const open: string[] = [];
  ops.forEach((op, i) => {
    clock?.advance(1 + (op % 7));
    try {
      switch (op % 7) {
        case 0:
          ledger.transfer(op % 2 === 0 ? { id: `d${i}`, from: 'bank', to: 'a', amount: 1 + op, memo: 'deposit' } : { id: `d${i}`, from: 'bank', to: 'a', amount: 1 + op });
          break;
        case 1:
          ledger.transfer({ id: `p${i}`, from: 'a', to: 'b', amount: 1 + (op % 5), pending: true });
          open.push(`p${i}`);
          break;
        case 2:
          if (open.length > 0) ledger.postPending(open.shift() as string, op % 3);
          break;
        case 3:
          if (open.length > 0) ledger.voidPending(open.pop() as string);
          break;
        case 4:
          ledger.batch([{ from: 'grid', to: 'home', amount: '0.25' }, { from: 'bank', to: 'b', amount: 2 }], { id: `batch${i}` });
          break;
        case 5:
          ledger.transfer({ id: `a${i}`, from: 'a', to: 'b', amount: 1 + op }); // often refused: no funds
          break;
        default:
          ledger.execute([
            { kind: 'transfer', id: `x${i}`, from: 'bank', to: 'b', amount: 5, pending: true },
            { kind: 'post', id: `x${i}`, amount: 2 },
          ]);
      }
    } catch (e) {
      if (!(e instanceof WattError)) throw e;
    }
  });
}

function checkpointOf(ledger: Ledger): LedgerCheckpoint {
  return JSON.parse(JSON.stringify(buildCheckpoint(ledgerState(ledger)))) as LedgerCheckpoint;
}

const restore = (c: unknown, clock?: ManualClock): Ledger => restoreCheckpoint(c, clock, (h, o) => Ledger.restore(h, o), ledgerState);

function refused(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WattError);
    expect((e as WattError).message).toMatch(/^Ledger\.restore: /);
    return (e as WattError).code;
  }
  throw new Error('not refused');
}

describe('ledger checkpoint (the compact form a store holds)', () => {
  it('restores to the very state: hash, snapshot and behaviour, with and without a clock', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(200), { maxLength: 120 }), fc.boolean(), (ops, timed) => {
        const clock = timed ? new ManualClock(1_000) : undefined;
        const ledger = new Ledger(clock === undefined ? { assets } : { assets, clock });
        drive(ledger, ops, clock);
        const back = restore(checkpointOf(ledger), clock);
        expect(back.stateHash()).toBe(ledger.stateHash());
        expect(back.snapshot()).toEqual(ledger.snapshot());
        expect(back.stateHash()).toBe(Ledger.restore(ledger.snapshot()).stateHash());
        // Ids (own and derived from a batch) are found after the restore: a retry is 'exists'.
        for (const l of [ledger, back]) l.transfer({ id: 'next', from: 'bank', to: 'a', amount: 3 });
        expect(back.stateHash()).toBe(ledger.stateHash());
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a damaged checkpoint with INVALID_SNAPSHOT, whatever the damage', () => {
    const ledger = new Ledger({ assets });
    drive(ledger, Array.from({ length: 60 }, (_, i) => (i * 37) % 200));
    const good = checkpointOf(ledger);
    expect(good.format).toBe(LEDGER_CHECKPOINT_FORMAT);
    const damaged: ((c: Record<string, unknown>) => void)[] = [
      (c) => (c['stateHash'] = '0000000000000000'),
      (c) => ((c['amounts'] as number[])[0] = (c['amounts'] as number[])[0] as number + 1), // balances differ: caught by the hash
      (c) => ((c['amounts'] as number[])[3] = 1e300),
      (c) => (c['kinds'] = `9${(c['kinds'] as string).slice(1)}`),
      (c) => (c['kinds'] = (c['kinds'] as string).slice(1)),
      (c) => ((c['idLengths'] as number[])[0] = 0),
      (c) => ((c['idLengths'] as number[])[0] = 1e9),
      (c) => (c['idText'] = `${c['idText'] as string}x`),
      (c) => (c['idText'] = `Z${(c['idText'] as string).slice(1)}`), // another id: caught by the hash
      (c) => {
        // The second transfer takes the first one's id.
        const lengths = c['idLengths'] as number[];
        const text = c['idText'] as string;
        const first = text.slice(0, lengths[0]);
        c['idText'] = first + first + text.slice((lengths[0] as number) + (lengths[1] as number));
        lengths[1] = lengths[0] as number;
      },
      (c) => ((c['from'] as number[])[0] = 99),
      (c) => ((c['refs'] as number[])[0] = 10_000),
      (c) => (c['refs'] = [...(c['refs'] as number[]), 0]),
      (c) => (c['amounts'] = 'x'),
      (c) => (c['times'] = [1]),
      (c) => (c['memos'] = [[0, 5]]),
      (c) => ((c['batchList'] as unknown[]).push(['batch4', [0]])),
      (c) => ((c['batches'] as number[][])[0] = [0, 500]),
      (c) => (c['batches'] = [[0, 1], [0, 1]]),
      (c) => (c['header'] = { ...(c['header'] as object), entries: [{}] }),
      (c) => (c['version'] = 2),
      (c) => delete c['stateHash'],
    ];
    for (const damage of damaged) {
      const c = structuredClone(good) as unknown as Record<string, unknown>;
      damage(c);
      expect(refused(() => restore(c))).toBe(ErrorCode.INVALID_SNAPSHOT);
    }
    expect(refused(() => restore(null))).toBe(ErrorCode.INVALID_SNAPSHOT);
    expect(restore(good).stateHash()).toBe(ledger.stateHash());
  });

  it('is what Ledger.open checkpoints now; a store holding an older, snapshot checkpoint still recovers', async () => {
    const store = new MemoryStore();
    const ledger = await Ledger.open({ assets, store });
    drive(ledger, Array.from({ length: 40 }, (_, i) => (i * 13) % 200));
    await ledger.checkpoint();
    await ledger.close();
    const latest = store['latest'] as { sequence: number; payload: string };
    expect((JSON.parse(latest.payload) as { format: string }).format).toBe(LEDGER_CHECKPOINT_FORMAT);
    const reopened = await Ledger.open({ assets, store });
    expect(reopened.stateHash()).toBe(ledger.stateHash());
    await reopened.close();
    // The form the previous version wrote: the public snapshot.
    store['latest'] = { sequence: latest.sequence, payload: JSON.stringify(ledger.snapshot()) };
    const again = await Ledger.open({ assets, store });
    expect(again.stateHash()).toBe(ledger.stateHash());
    await again.close();
  });

  it('a damaged compact checkpoint makes Ledger.open refuse the store with STORE_CORRUPT', async () => {
    const store = new MemoryStore();
    const ledger = await Ledger.open({ assets, store });
    drive(ledger, [0, 0, 1, 2]);
    await ledger.checkpoint();
    await ledger.close();
    const latest = store['latest'] as { sequence: number; payload: string };
    const c = JSON.parse(latest.payload) as Record<string, unknown>;
    (c['amounts'] as number[])[0] = 2;
    store['latest'] = { sequence: latest.sequence, payload: JSON.stringify(c) };
    await expect(Ledger.open({ assets, store })).rejects.toMatchObject({ code: ErrorCode.STORE_CORRUPT });
  });
});
