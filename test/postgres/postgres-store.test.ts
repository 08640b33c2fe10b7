import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, Market, type WattError } from '../../src/index.js';
import { openPostgresStore } from '../../src/postgres.js';
import { streamClock, streamOptions, streamStep } from '../helpers/market-stream.js';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.js';

const assets = { VND: '1' };
let server: PostgresServer | undefined;
beforeAll(async () => {
  server = await startPostgres('postgres store');
}, 120_000);
afterAll(() => server?.stop());

const url = (): string => server!.connectionString;
const store = (name: string): ReturnType<typeof openPostgresStore> => openPostgresStore({ connectionString: url(), name });

/** The in-memory market through the same stream, up to `sequence`; returns it and the next step. */
function reference(seed: number, sequence: number): { market: Market; next: number; clock: ReturnType<typeof streamClock> } {
  const clock = streamClock();
  const market = new Market(streamOptions(clock));
  let i = 0;
  while (market.sequence < sequence) streamStep(market, clock, seed, i++);
  return { market, next: i, clock };
}

describe('openPostgresStore (a real PostgreSQL server)', () => {
  it('journals, checkpoints and recovers a ledger', async (ctx) => {
    if (server === undefined) return ctx.skip();
    const ledger = await Ledger.open({ assets, store: await store('ledger-1') });
    ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
    ledger.openAccount({ id: 'a', asset: 'VND' });
    for (let i = 0; i < 50; i++) ledger.transfer({ id: `t${i}`, from: 'bank', to: 'a', amount: i + 1 });
    await ledger.flush();
    await ledger.checkpoint();
    ledger.transfer({ id: 'last', from: 'bank', to: 'a', amount: 1 });
    await ledger.close();
    await ledger.close();
    const s = await store('ledger-1');
    const again = await Ledger.open({ assets, store: s });
    expect(again.sequence).toBe(53);
    expect(again.stateHash()).toBe(ledger.stateHash());
    expect(s.recovery).toEqual({ checkpointSequence: 52, lastSequence: 53, tornBytes: 0 });
    await again.close();
  });

  it('a market recovers the state hash of its journal', async (ctx) => {
    if (server === undefined) return ctx.skip();
    const clock = streamClock();
    const market = await Market.open({ ...streamOptions(clock), store: await store('market-1') });
    for (let i = 0; i < 300; i++) streamStep(market, clock, 11, i);
    await market.close();
    const again = await Market.open({ ...streamOptions(streamClock()), store: await store('market-1') });
    expect(again.stateHash()).toBe(market.stateHash());
    await again.close();
  });

  it('refuses a second writer, another kind, other options and a failing connection string', async (ctx) => {
    if (server === undefined) return ctx.skip();
    const first = await store('shared');
    await expect(store('shared')).rejects.toMatchObject({ code: ErrorCode.STORE_LOCKED, message: expect.stringMatching(/^openPostgresStore: /) as string });
    const ledger = await Ledger.open({ assets, store: first });
    ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
    await ledger.flush();
    // A writer that ignores the lock: its rows collide on the primary key (name, sequence).
    const intruder = new pg.Client({ connectionString: url() });
    await intruder.connect();
    await intruder.query("INSERT INTO wattmarket_journal (name, sequence, payload) VALUES ('shared', 2, '{}')");
    await intruder.end();
    ledger.openAccount({ id: 'a', asset: 'VND' });
    await expect(ledger.flush()).rejects.toMatchObject({ code: ErrorCode.STORE_FAILED });
    expect(() => ledger.openAccount({ id: 'b', asset: 'VND' })).toThrow(expect.objectContaining({ code: ErrorCode.STORE_FAILED }) as Error);
    await ledger.close().catch(() => undefined);
    await expect(Market.open({ ...streamOptions(streamClock()), store: await store('shared') })).rejects.toMatchObject({ code: ErrorCode.STORE_MISMATCH });
    await expect(Ledger.open({ assets: { VND: '10' }, store: await store('shared') })).rejects.toMatchObject({ code: ErrorCode.STORE_MISMATCH });
    const port = Number(new URL(url()).port);
    await expect(openPostgresStore({ connectionString: `postgres://wm@127.0.0.1:${port === 1 ? 2 : 1}/postgres`, name: 'x' })).rejects.toMatchObject({
      code: ErrorCode.STORE_UNAVAILABLE,
      message: expect.stringMatching(/^openPostgresStore: .*check the connection string/) as string,
    });
    await expect(openPostgresStore({ connectionString: url(), name: '' })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  it('loses no acknowledged command when the connection drops mid-group or the server crashes', async (ctx) => {
    if (server === undefined) return ctx.skip();
    for (let round = 0; round < 6; round++) {
      const seed = 500 + round;
      const name = `crash-${round}`;
      const clock = streamClock();
      const s = await store(name);
      const market = await Market.open({ ...streamOptions(clock), store: s });
      let acked = 0;
      let failure: WattError | undefined;
      const flushes: Promise<void>[] = [];
      for (let i = 0; i < 400 && failure === undefined; i++) {
        try {
          streamStep(market, clock, seed, i);
        } catch (e) {
          failure = e as WattError; // refused after the store failed
          break;
        }
        if (i % 13 === 0) {
          const sequence = market.sequence;
          flushes.push(market.flush().then(() => void (acked = Math.max(acked, sequence)), (e: unknown) => void (failure = e as WattError)));
        }
        if (i === 150 + round * 20) {
          if (round % 2 === 0) {
            // Drop the store's connection from the server side while groups are in flight.
            const admin = new pg.Client({ connectionString: url() });
            await admin.connect();
            await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
            await admin.end();
          } else {
            server.crashRestart();
          }
        }
        if (i % 32 === 0) await new Promise((r) => setImmediate(r));
      }
      await Promise.all(flushes);
      expect(failure?.code).toMatch(/^STORE_(UNAVAILABLE|FAILED)$/);
      await market.close().catch(() => undefined);
      const again = await Market.open({ ...streamOptions(streamClock()), store: await store(name) });
      expect(again.sequence).toBeGreaterThanOrEqual(acked);
      expect(again.sequence).toBeLessThanOrEqual(market.sequence);
      const ref = reference(seed, again.sequence);
      expect(again.stateHash()).toBe(ref.market.stateHash());
      again.registerParticipant({ id: 'after' });
      await again.close();
    }
  }, 120_000);
});
