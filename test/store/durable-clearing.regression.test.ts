import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, ManualClock, Market, MemoryStore, type AuctionMechanism } from '../../src/index.js';
import { closeGateArmed, DAY, fund, MIN, nestingMechanism, placeCrossingPair } from '../market/market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Third review: a custom mechanism runs inside a durable market's advanceTo,
// between the gate's clearing and its application (MarketCore.clearingGate refuses its commands).

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };

async function run(nested: (m: Market) => void, collateral: boolean): Promise<{ store: MemoryStore; live: string; held: number; opts: object }> {
  const ref: { market?: Market; armed: boolean } = { armed: false };
  const store = new MemoryStore();
  const clock = new ManualClock(DAY - 60 * MIN);
  const opts = { tariff: TARIFF, priceTick: 1, collateral, energyCollateral: false, mode: 'auction' as const, mechanism: nestingMechanism(ref, nested) };
  const market = await Market.open({ clock, store, ...opts });
  ref.market = market;
  fund(market, ['a', 'b']);
  closeGateArmed(market, clock, ref);
  expect(market.trades(DAY).length).toBeGreaterThan(0);
  await market.flush();
  const live = market.stateHash();
  const held = store.held.length;
  await market.close();
  return { store, live, held, opts };
}

async function reopened(store: MemoryStore, opts: object): Promise<string> {
  const again = await Market.open({ clock: new ManualClock(DAY - 5 * MIN), store, ...(opts as { tariff: typeof TARIFF }) });
  const hash = again.stateHash();
  await again.close();
  return hash;
}

describe('review3: a durable market whose custom mechanism calls back into it', () => {
  for (const collateral of [false, true]) {
    it(`collateral ${String(collateral)}: nested commands are refused, nothing is stored for them, recovery reaches the live hash`, async () => {
      const codes: (string | undefined)[] = [];
      const baseline = await run(() => undefined, collateral);
      const { store, live, held, opts } = await run((m) => {
        codes.push(codeOf(() => m.deposit({ id: 'x', participant: 'a', amount: 1 })));
        codes.push(codeOf(() => m.cancel('b1')));
        codes.push(codeOf(() => m.registerParticipant({ id: 'zz' })));
        codes.push(codeOf(() => m.prune(DAY)));
        codes.push(codeOf(() => m.settle(DAY, [])));
      }, collateral);
      expect(codes).toEqual(['MECHANISM_FAILED', 'MECHANISM_FAILED', 'MECHANISM_FAILED', 'MECHANISM_FAILED', 'MECHANISM_FAILED']);
      expect(held).toBe(baseline.held);
      expect(live).toBe(baseline.live);
      expect(await reopened(store, opts)).toBe(live);
    });

    it(`collateral ${String(collateral)}: read-only methods work inside the mechanism`, async () => {
      const seen: unknown[] = [];
      await run((m) => {
        seen.push(m.order('b1')?.id, m.product('main', DAY).id, m.depth('main', DAY) === undefined ? 'none' : 'depth', m.trades(DAY).length, typeof m.stateHash(), m.journal().length >= 0, m.sequence);
      }, collateral);
      expect(seen[0]).toBe('b1');
      expect(seen[4]).toBe('string');
    });

    it(`R3-1: collateral ${String(collateral)}: a checkpoint taken by the mechanism (mid-advance) recovers to the live state`, async () => {
      const pending: Promise<void>[] = [];
      const { store, live, opts } = await run((m) => {
        pending.push(m.checkpoint().catch(() => undefined));
      }, collateral);
      await Promise.all(pending);
      expect(await reopened(store, opts)).toBe(live);
    });
  }

  it('R3-2: a snapshot asked for by the mechanism (mid-advance) is refused MECHANISM_FAILED; the gate clears and the journal replays', () => {
    const ref: { market?: Market; armed: boolean } = { armed: false };
    let refused: string | undefined;
    const opts = { tariff: TARIFF, priceTick: 1, journal: true, mode: 'auction' as const, mechanism: nestingMechanism(ref, (m) => { refused = codeOf(() => m.snapshot()); }) };
    const clock = new ManualClock(DAY - 60 * MIN);
    const market = new Market({ clock, ...opts });
    ref.market = market;
    fund(market, ['a', 'b']);
    closeGateArmed(market, clock, ref);
    expect(refused).toBe('MECHANISM_FAILED');
    expect(market.trades(DAY).length).toBeGreaterThan(0);
    const replayed = Market.replay(market.journal(), opts);
    expect(replayed.stateHash()).toBe(market.stateHash());
  });
});

describe('review3: a durable market closed by its mechanism in the middle of advanceTo', () => {
  it('R3-3: the advance either is refused (nothing changes) or is durable: the live state is what a reopen recovers', async () => {
    const ref: { market?: Market; armed: boolean } = { armed: false };
    const closing: Promise<void>[] = [];
    const store = new MemoryStore();
    const clock = new ManualClock(DAY - 60 * MIN);
    const opts = { tariff: TARIFF, priceTick: 1, mode: 'auction' as const, mechanism: nestingMechanism(ref, (m) => { closing.push(m.close()); }) };
    const market = await Market.open({ clock, store, ...opts });
    ref.market = market;
    fund(market, ['a', 'b']);
    placeCrossingPair(market);
    clock.set(DAY - 5 * MIN);
    ref.armed = true;
    const outcome = codeOf(() => market.advanceTo(DAY - 5 * MIN));
    await Promise.all(closing);
    const live = market.stateHash();
    const liveTrades = market.trades(DAY).length;
    const again = await Market.open({ clock: new ManualClock(DAY - 5 * MIN), store, ...opts });
    const recovered = again.trades(DAY).length;
    const hash = again.stateHash();
    await again.close();
    expect({ outcome: outcome ?? 'completed', liveTrades, recovered }).toEqual({ outcome: outcome ?? 'completed', liveTrades, recovered: liveTrades });
    expect(hash).toBe(live);
  });
});

describe('review3: a durable advance whose second gate fails on a nested refusal let through', () => {
  it('journals the advance as far as the first gate (stoppedBefore); reopen reaches the live hash, and the gate clears later', async () => {
    let calls = 0;
    const ref: { market?: Market } = {};
    const mechanism: AuctionMechanism = {
      name: 'second-fails',
      properties: BUILT_IN_MECHANISMS.uniform.properties,
      clear(orders, context) {
        if (ref.market !== undefined && ++calls === 2) ref.market.cancel('b2');
        return BUILT_IN_MECHANISMS.uniform.clear(orders, context);
      },
    };
    const store = new MemoryStore();
    const clock = new ManualClock(DAY - 60 * MIN);
    const opts = { tariff: TARIFF, priceTick: 1, collateral: true, mode: 'auction' as const, mechanism };
    const market = await Market.open({ clock, store, ...opts });
    fund(market, ['a', 'b']);
    for (const [k, start] of [[1, DAY], [2, DAY + 15 * MIN]] as const) {
      market.submit({ id: `s${k}`, participant: 'a', deliveryStart: start, side: 'sell', price: 700, quantity: 5 });
      market.submit({ id: `b${k}`, participant: 'b', deliveryStart: start, side: 'buy', price: 900, quantity: 3 });
    }
    ref.market = market;
    clock.set(DAY + 11 * MIN);
    expect(codeOf(() => market.advanceTo(DAY + 11 * MIN))).toBe('MECHANISM_FAILED');
    expect(market.trades(DAY).length).toBeGreaterThan(0);
    market.advanceTo(DAY + 11 * MIN);
    expect(market.trades(DAY + 15 * MIN).length).toBeGreaterThan(0);
    await market.flush();
    const live = market.stateHash();
    await market.close();
    delete ref.market;
    const again = await Market.open({ clock: new ManualClock(DAY + 11 * MIN), store, ...opts });
    expect(again.stateHash()).toBe(live);
    await again.close();
  });
});
