import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, ManualClock, MemoryStore, WattError } from '../../src/index.js';

const assets = { VND: '1', kWh: '0.001' };

/** A seeded stream of ledger commands covering every kind (some refused on purpose). */
function drive(ledger: Ledger, n: number, clock?: ManualClock): void {
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  ledger.openAccount({ id: 'a', asset: 'VND', owner: 'a' });
  ledger.openAccount({ id: 'b', asset: 'VND' });
  for (let i = 0; i < n; i++) {
    clock?.advance(1000);
    switch (i % 6) {
      case 0:
        ledger.transfer({ id: `d${i}`, from: 'bank', to: 'a', amount: 100 + i, memo: 'deposit' });
        break;
      case 1:
        ledger.transfer({ id: `p${i}`, from: 'a', to: 'b', amount: '7', pending: true });
        break;
      case 2:
        ledger.postPending(`p${i - 1}`, 3);
        break;
      case 3:
        ledger.batch([{ from: 'a', to: 'b', amount: 1 }, { from: 'b', to: 'a', amount: 1 }], { id: `batch${i}` });
        break;
      case 4:
        ledger.execute([
          { kind: 'transfer', id: `x${i}`, from: 'bank', to: 'b', amount: 5, pending: true },
          { kind: 'void', id: `x${i}` },
        ]);
        break;
      default:
        ledger.transfer({ id: `d${i - 5}`, from: 'bank', to: 'a', amount: 100 + i - 5, memo: 'deposit' }); // a retry: exists
        expect(() => ledger.transfer({ id: `big${i}`, from: 'a', to: 'b', amount: 1e12 })).toThrow(WattError);
    }
  }
}

describe('Ledger.open', () => {
  it('counts accepted commands in sequence, not refused ones', () => {
    const ledger = new Ledger({ assets });
    drive(ledger, 12);
    expect(ledger.sequence).toBe(3 + 12);
  });

  it('recovers from the journal to the same state hash and sequence, with the journalled times', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock(1_000);
    const ledger = await Ledger.open({ assets, clock, store });
    drive(ledger, 30, clock);
    await ledger.close();
    const reference = new Ledger({ assets, clock: new ManualClock(1_000) });
    drive(reference, 30, reference['s'].clock as ManualClock);
    expect(ledger.stateHash()).toBe(reference.stateHash());
    // Recovery reads no clock: this clock is far in the future and never read during replay.
    const later = new ManualClock(9e12);
    const again = await Ledger.open({ assets, clock: later, store });
    expect(again.sequence).toBe(ledger.sequence);
    expect(again.stateHash()).toBe(ledger.stateHash());
    again.transfer({ id: 'after', from: 'bank', to: 'a', amount: 1 });
    expect(again.transferInfo('after')).toBeDefined();
    expect(again.journal().at(-1)?.time).toBe(9e12);
    await again.close();
  });

  it('recovers from a checkpoint plus the journal after it', async () => {
    const store = new MemoryStore();
    const ledger = await Ledger.open({ assets, store });
    drive(ledger, 20);
    await ledger.checkpoint();
    expect(store.held.length).toBe(0);
    ledger.transfer({ id: 'late', from: 'bank', to: 'b', amount: 9 });
    await ledger.close();
    expect(store.held.map((r) => r.sequence)).toEqual([ledger.sequence]);
    const again = await Ledger.open({ assets, store });
    expect(again.sequence).toBe(ledger.sequence);
    expect(again.stateHash()).toBe(ledger.stateHash());
    expect(store.recovery).toEqual({ checkpointSequence: ledger.sequence - 1, lastSequence: ledger.sequence, tornBytes: 0 });
    await again.close();
  });

  it('a ledger with a store reaches the same state hash as one without', async () => {
    const plain = new Ledger({ assets });
    const durable = await Ledger.open({ assets, store: new MemoryStore() });
    drive(plain, 24);
    drive(durable, 24);
    expect(durable.stateHash()).toBe(plain.stateHash());
    expect(durable.sequence).toBe(plain.sequence);
    await durable.close();
  });

  it('refuses commands after close, keeps reading, and closing twice is harmless', async () => {
    const store = new MemoryStore();
    const ledger = await Ledger.open({ assets, store });
    ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
    await ledger.close();
    await ledger.close();
    const hash = ledger.stateHash();
    for (const call of [
      () => ledger.openAccount({ id: 'x', asset: 'VND' }),
      () => ledger.transfer({ id: 't', from: 'bank', to: 'x', amount: 1 }),
      () => ledger.batch([]),
      () => ledger.execute([]),
      () => ledger.postPending('t'),
      () => ledger.voidPending('t'),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: ErrorCode.STORE_CLOSED }) as Error);
    }
    expect(() => ledger.transfer({ id: 't', from: 'bank', to: 'x', amount: 1 })).toThrow(/^Ledger\.transfer: /);
    await expect(ledger.flush()).rejects.toMatchObject({ code: ErrorCode.STORE_CLOSED });
    expect(ledger.stateHash()).toBe(hash);
    expect(ledger.hasAccount('bank')).toBe(true);
  });

  it('refuses a second writer, another kind and other options', async () => {
    const store = new MemoryStore();
    const ledger = await Ledger.open({ assets, store });
    await expect(Ledger.open({ assets, store })).rejects.toMatchObject({ code: ErrorCode.STORE_LOCKED });
    await ledger.close();
    await expect(Ledger.open({ assets: { VND: '1' }, store })).rejects.toMatchObject({ code: ErrorCode.STORE_MISMATCH, message: expect.stringMatching(/^Ledger\.open: .*assets/) as string });
    // The capacity is a hint, not part of the state.
    await (await Ledger.open({ assets, store, capacity: 10 })).close();
  });

  it('refuses a store that is not one, and bad options before touching the store', async () => {
    await expect(Ledger.open({ assets, store: {} as never })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    const store = new MemoryStore();
    await expect(Ledger.open({ assets: { VND: '-1' }, store })).rejects.toBeInstanceOf(WattError);
    await (await Ledger.open({ assets, store })).close();
  });

  it('flush resolves after a group is written; many commands make one group', async () => {
    const store = new MemoryStore();
    let writes = 0;
    const append = store.append.bind(store);
    store.append = (records) => {
      writes++;
      return append(records);
    };
    const ledger = await Ledger.open({ assets, store });
    drive(ledger, 50);
    await ledger.flush();
    expect(writes).toBe(1);
    expect(store.held.length).toBe(ledger.sequence);
    await ledger.close();
  });

  it('a failed write rejects flush with STORE_FAILED and refuses later commands', async () => {
    const store = new MemoryStore();
    const ledger = await Ledger.open({ assets, store });
    store.append = () => Promise.reject(new Error('disk full'));
    ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
    await expect(ledger.flush()).rejects.toMatchObject({ code: ErrorCode.STORE_FAILED, message: expect.stringContaining('disk full') as string });
    expect(() => ledger.openAccount({ id: 'x', asset: 'VND' })).toThrow(expect.objectContaining({ code: ErrorCode.STORE_FAILED }) as Error);
    await expect(ledger.close()).rejects.toMatchObject({ code: ErrorCode.STORE_FAILED });
    // The store is released: reopening recovers what was written (nothing).
    const fresh = new MemoryStore();
    store.append = (records) => fresh.append(records);
    const again = await Ledger.open({ assets, store });
    expect(again.sequence).toBe(0);
    await again.close();
  });
});
