import { describe, expect, it } from 'vitest';
import { ErrorCode, ManualClock, Market, MemoryStore, WattError } from '../../src/index.js';

// Review finding 8: a market command's journal entry may carry `ledgerTime` (the ledger time its
// entries were stamped with). A durable market's recovery goes through the same replay path as
// Market.replay, so it accepts the field (stores written before it hold none) and refuses a bad one.

const DAY = Date.UTC(2025, 3, 7);
const TARIFF = { retailPrice: 2204, feedInPrice: 671 };

type Held = { sequence: number; payload: string }[];

async function storeWithDeposit(): Promise<{ store: MemoryStore; hash: string }> {
  const store = new MemoryStore();
  const market = await Market.open({ clock: new ManualClock(DAY), tariff: TARIFF, store });
  market.registerParticipant({ id: 'a' });
  market.deposit({ id: 'd', participant: 'a', amount: 5 });
  await market.close();
  return { store, hash: market.stateHash() };
}

/** Rewrites the stored deposit's record with `ledgerTime` set to `value`. */
function withLedgerTime(store: MemoryStore, value: unknown): void {
  const held = store.held as unknown as Held;
  const record = held.find((r) => (JSON.parse(r.payload) as { kind: string }).kind === 'deposit');
  if (record === undefined) throw new Error('no deposit stored');
  record.payload = JSON.stringify({ ...(JSON.parse(record.payload) as object), ledgerTime: value });
}

describe("a durable market's recovery and the journal's ledgerTime", () => {
  it('the own ledger of a durable market has no clock: its records hold no ledgerTime, and recover as before', async () => {
    const { store, hash } = await storeWithDeposit();
    expect(store.held.every((r) => !('ledgerTime' in (JSON.parse(r.payload) as object)))).toBe(true);
    const again = await Market.open({ clock: new ManualClock(DAY), tariff: TARIFF, store });
    expect(again.stateHash()).toBe(hash);
    await again.close();
  });

  it('recovers a record that carries a ledgerTime (a ledger without a clock stamps no time: the same state)', async () => {
    const { store, hash } = await storeWithDeposit();
    withLedgerTime(store, DAY + 5);
    const again = await Market.open({ clock: new ManualClock(DAY), tariff: TARIFF, store });
    expect(again.stateHash()).toBe(hash);
    await again.close();
  });

  it('refuses a record whose ledgerTime is no safe integer (STORE_CORRUPT)', async () => {
    const { store } = await storeWithDeposit();
    withLedgerTime(store, 'soon');
    const code = await Market.open({ clock: new ManualClock(DAY), tariff: TARIFF, store }).then(
      () => undefined,
      (e: unknown) => (e instanceof WattError ? e.code : String(e)),
    );
    expect(code).toBe(ErrorCode.STORE_CORRUPT);
  });
});
