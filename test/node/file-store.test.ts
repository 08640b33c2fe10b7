import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, Ledger } from '../../src/index.js';
import { openFileStore } from '../../src/node.js';

const assets = { VND: '1' };
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wm-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function filled(dir: string, n: number, checkpointAt?: number): Promise<Ledger> {
  const ledger = await Ledger.open({ assets, store: await openFileStore(dir) });
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  ledger.openAccount({ id: 'a', asset: 'VND' });
  for (let i = 0; i < n; i++) {
    ledger.transfer({ id: `t${i}`, from: 'bank', to: 'a', amount: i + 1 });
    if (i % 7 === 0) await ledger.flush();
    if (i === checkpointAt) await ledger.checkpoint();
  }
  await ledger.close();
  return ledger;
}

const segments = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.wal')).sort();

describe('openFileStore', () => {
  it('journals, recovers and checkpoints a ledger in a directory', async () => {
    const dir = join(tempDir(), 'nested', 'ledger');
    const ledger = await filled(dir, 40);
    const again = await Ledger.open({ assets, store: await openFileStore(dir) });
    expect(again.sequence).toBe(42);
    expect(again.stateHash()).toBe(ledger.stateHash());
    await again.checkpoint();
    again.transfer({ id: 'after', from: 'bank', to: 'a', amount: 5 });
    await again.close();
    const names = readdirSync(dir);
    expect(names.filter((n) => n.endsWith('.ckpt'))).toEqual(['checkpoint-0000000000000042.ckpt']);
    const third = await Ledger.open({ assets, store: await openFileStore(dir) });
    expect(third.sequence).toBe(43);
    expect(third.stateHash()).toBe(again.stateHash());
    await third.close();
  });

  it('drops the segments before a checkpoint', async () => {
    const dir = tempDir();
    const ledger = await Ledger.open({ assets, store: await openFileStore(dir, { segmentBytes: 200 }) });
    ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
    ledger.openAccount({ id: 'a', asset: 'VND' });
    for (let i = 0; i < 30; i++) {
      ledger.transfer({ id: `t${i}`, from: 'bank', to: 'a', amount: 1 });
      await ledger.flush();
    }
    const before = segments(dir).length;
    expect(before).toBeGreaterThan(5);
    await ledger.checkpoint();
    ledger.transfer({ id: 'last', from: 'bank', to: 'a', amount: 1 });
    await ledger.close();
    expect(segments(dir).length).toBeLessThanOrEqual(2);
    const again = await Ledger.open({ assets, store: await openFileStore(dir, { segmentBytes: 200 }) });
    expect(again.stateHash()).toBe(ledger.stateHash());
    await again.close();
  });

  it('drops every segment when a checkpoint covers the last record, so recovery walks no covered record', async () => {
    const dir = tempDir();
    const ledger = await filled(dir, 20);
    expect(segments(dir)).toEqual(['journal-0000000000000001.wal']);
    const again = await Ledger.open({ assets, store: await openFileStore(dir) });
    await again.checkpoint();
    await again.close();
    // Before: the last segment stayed (no segment after it began inside the checkpoint).
    expect(segments(dir)).toEqual([]);
    const third = await Ledger.open({ assets, store: await openFileStore(dir) });
    expect(third.sequence).toBe(22);
    expect(third.stateHash()).toBe(ledger.stateHash());
    third.transfer({ id: 'after', from: 'bank', to: 'a', amount: 5 });
    await third.close();
    expect(segments(dir)).toEqual(['journal-0000000000000023.wal']);
    const fourth = await Ledger.open({ assets, store: await openFileStore(dir) });
    expect(fourth.sequence).toBe(23);
    expect(fourth.stateHash()).toBe(third.stateHash());
    await fourth.close();
  });

  it('drops and reports a torn last record, then goes on appending', async () => {
    const dir = tempDir();
    const ledger = await filled(dir, 10);
    const last = join(dir, segments(dir).at(-1)!);
    const size = statSync(last).size;
    truncateSync(last, size - 3); // the last record's write was cut short
    const store = await openFileStore(dir);
    const again = await Ledger.open({ assets, store });
    expect(again.sequence).toBe(ledger.sequence - 1);
    expect(store.recovery.tornBytes).toBeGreaterThan(0);
    expect(store.recovery.lastSequence).toBe(ledger.sequence - 1);
    again.transfer({ id: 'next', from: 'bank', to: 'a', amount: 1 });
    await again.close();
    const third = await Ledger.open({ assets, store: await openFileStore(dir) });
    expect(third.sequence).toBe(ledger.sequence);
    expect(third.transferInfo('next')).toBeDefined();
    await third.close();
  });

  it('treats trailing zeros (a write whose data never reached the disk) as torn', async () => {
    const dir = tempDir();
    const ledger = await filled(dir, 5);
    appendFileSync(join(dir, segments(dir).at(-1)!), Buffer.alloc(100));
    const again = await Ledger.open({ assets, store: await openFileStore(dir) });
    expect(again.sequence).toBe(ledger.sequence);
    await again.close();
  });

  it('refuses a bad checksum before the end with STORE_CORRUPT', async () => {
    const dir = tempDir();
    await filled(dir, 10);
    const file = join(dir, segments(dir)[0]!);
    const bytes = readFileSync(file);
    bytes[40] = bytes[40]! ^ 0x10;
    writeFileSync(file, bytes);
    await expect(Ledger.open({ assets, store: await openFileStore(dir) })).rejects.toMatchObject({ code: ErrorCode.STORE_CORRUPT, message: expect.stringMatching(/^Ledger\.open: .*checksum.*backup/) as string });
    // The failed open released the lock.
    await (await openFileStore(dir)).close();
  });

  it('refuses a gap in sequence numbers with STORE_CORRUPT', async () => {
    const dir = tempDir();
    const ledger = await Ledger.open({ assets, store: await openFileStore(dir, { segmentBytes: 1 }) });
    ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
    await ledger.flush();
    ledger.openAccount({ id: 'a', asset: 'VND' });
    await ledger.flush();
    ledger.openAccount({ id: 'b', asset: 'VND' });
    await ledger.close();
    expect(segments(dir)).toHaveLength(3);
    rmSync(join(dir, segments(dir)[1]!));
    await expect(Ledger.open({ assets, store: await openFileStore(dir) })).rejects.toMatchObject({ code: ErrorCode.STORE_CORRUPT, message: expect.stringContaining('gap') as string });
  });

  it('refuses a store of another kind or other options with STORE_MISMATCH', async () => {
    const dir = tempDir();
    await filled(dir, 2);
    await expect(Ledger.open({ assets: { VND: '10' }, store: await openFileStore(dir) })).rejects.toMatchObject({ code: ErrorCode.STORE_MISMATCH, message: expect.stringContaining("option 'assets'") as string });
    const { Market, ManualClock } = await import('../../src/index.js');
    await expect(Market.open({ clock: new ManualClock(0), tariff: { retailPrice: 2000, feedInPrice: 500 }, store: await openFileStore(dir) })).rejects.toMatchObject({
      code: ErrorCode.STORE_MISMATCH,
      message: expect.stringMatching(/^Market\.open: .*holds a ledger, not a market/) as string,
    });
  });

  it('refuses a second writer with STORE_LOCKED and takes over a stale lock', async () => {
    const dir = tempDir();
    const store = await openFileStore(dir);
    await expect(openFileStore(dir)).rejects.toMatchObject({ code: ErrorCode.STORE_LOCKED, message: expect.stringMatching(/^openFileStore: .*in use by process/) as string });
    const ledger = await Ledger.open({ assets, store });
    await expect(Ledger.open({ assets, store })).rejects.toMatchObject({ code: ErrorCode.STORE_LOCKED });
    await ledger.close();
    // A lock left by a process that no longer runs (pid 2^22 + 1 is above Linux's pid_max default).
    writeFileSync(join(dir, 'LOCK'), `${2 ** 22 + 1}\n`);
    await (await openFileStore(dir)).close();
  });

  it('refuses a directory that cannot be written with STORE_UNWRITABLE', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    await expect(openFileStore(join(file, 'store'))).rejects.toMatchObject({ code: ErrorCode.STORE_UNWRITABLE, message: expect.stringMatching(/^openFileStore: .*write access/) as string });
    await expect(openFileStore('')).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });
});
