import { describe, expect, it } from 'vitest';
import { ErrorCode, ManualClock, Market, MemoryStore } from '../../src/index.js';
import { DAY, streamClock, streamOptions, streamStep } from '../helpers/market-stream.js';

describe('Market.open', () => {
  it('a market with a store reaches the same state hash and sequence as one without', async () => {
    const c1 = streamClock();
    const plain = new Market(streamOptions(c1));
    const c2 = streamClock();
    const durable = await Market.open({ ...streamOptions(c2), store: new MemoryStore() });
    for (let i = 0; i < 400; i++) expect(streamStep(durable, c2, 7, i)).toBe(streamStep(plain, c1, 7, i));
    expect(plain.sequence).toBeGreaterThan(200);
    expect(plain.sequence).toBeLessThan(400); // some were refused
    expect(durable.sequence).toBe(plain.sequence);
    expect(durable.stateHash()).toBe(plain.stateHash());
    await durable.close();
  });

  it('recovers from its journal to the same state hash, reading no clock, and goes on', async () => {
    const store = new MemoryStore();
    const clock = streamClock();
    const market = await Market.open({ ...streamOptions(clock), store });
    clock.advance(10 * 60_000); // the first command comes later than the market was made
    for (let i = 0; i < 300; i++) streamStep(market, clock, 3, i);
    await market.close();
    const hash = market.stateHash();
    const late = new ManualClock(DAY + 86_400_000 * 3);
    let reads = 0;
    const counting = { now: () => (reads++, late.now()) };
    const again = await Market.open({ ...streamOptions(late), clock: counting, store });
    expect(reads).toBe(0);
    expect(again.sequence).toBe(market.sequence);
    expect(again.stateHash()).toBe(hash);
    again.registerParticipant({ id: 'late' });
    expect(again.sequence).toBe(market.sequence + 1);
    expect(again.journal().at(-1)?.time).toBe(late.now());
    await again.close();
  });

  it('recovers from a checkpoint (the market snapshot) plus the commands after it', async () => {
    const store = new MemoryStore();
    const clock = streamClock();
    const market = await Market.open({ ...streamOptions(clock), store });
    for (let i = 0; i < 150; i++) streamStep(market, clock, 5, i);
    await market.checkpoint();
    const checkpointed = market.sequence;
    for (let i = 150; i < 200; i++) streamStep(market, clock, 5, i);
    await market.close();
    expect(store.held[0]?.sequence).toBeGreaterThan(1);
    const again = await Market.open({ ...streamOptions(streamClock()), store });
    expect(again.stateHash()).toBe(market.stateHash());
    // Recovery restored the snapshot and replayed only what came after it.
    expect(again.journal().length).toBe(market.sequence - checkpointed);
    await again.close();
  });

  it('keeps no journal in memory with journal: false, and still recovers from its store', async () => {
    const store = new MemoryStore();
    const clock = streamClock();
    const market = await Market.open({ ...streamOptions(clock), journal: false, store });
    for (let i = 0; i < 120; i++) streamStep(market, clock, 9, i);
    await market.checkpoint();
    for (let i = 120; i < 160; i++) streamStep(market, clock, 9, i);
    await market.close();
    expect(market.journal()).toEqual([]);
    const again = await Market.open({ ...streamOptions(streamClock()), journal: false, store });
    expect(again.sequence).toBe(market.sequence);
    expect(again.stateHash()).toBe(market.stateHash());
    await again.close();
    // The journal switch shapes no state: the same store opens with the journal on.
    const journalled = await Market.open({ ...streamOptions(streamClock()), store });
    expect(journalled.stateHash()).toBe(market.stateHash());
    await journalled.close();
  });

  it('refuses commands after close (STORE_CLOSED), keeps reading; closing twice is harmless', async () => {
    const clock = streamClock();
    const market = await Market.open({ ...streamOptions(clock), store: new MemoryStore() });
    market.registerParticipant({ id: 'a' });
    await market.close();
    await market.close();
    expect(() => market.registerParticipant({ id: 'b' })).toThrow(expect.objectContaining({ code: ErrorCode.STORE_CLOSED, message: expect.stringMatching(/^Market\.registerParticipant: /) as string }) as Error);
    expect(() => market.advanceTo(clock.now() + 1)).toThrow(expect.objectContaining({ code: ErrorCode.STORE_CLOSED }) as Error);
    expect(market.participants().map((p) => p.id)).toEqual(['a']);
    expect(market.sequence).toBe(1);
  });

  it('refuses a ledger option, other options and a store of a ledger', async () => {
    const store = new MemoryStore();
    const clock = streamClock();
    const { Ledger } = await import('../../src/index.js');
    await expect(Market.open({ ...streamOptions(clock), ledger: new Ledger({ assets: { VND: '1', kWh: '0.001' } }), store })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    await (await Market.open({ ...streamOptions(clock), store })).close();
    await expect(Market.open({ ...streamOptions(clock), horizonMinutes: 720, store })).rejects.toMatchObject({ code: ErrorCode.STORE_MISMATCH, message: expect.stringContaining("option 'horizonMinutes'") as string });
    await expect(Ledger.open({ assets: { VND: '1' }, store })).rejects.toMatchObject({ code: ErrorCode.STORE_MISMATCH });
    await expect(Market.open({ ...streamOptions(clock), clock: 5 as never, store })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
  });
});
