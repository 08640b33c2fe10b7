import { describe, expect, it } from 'vitest';
import { campusMarket, DAY, fund, MIN } from './market-helpers.js';

// Review of 42cd83b (feat/perf8): MarketCore.heard became a flag per event. These pin what the
// review checked: names of Object.prototype passed to on() change no flag and break no event,
// and a listener that adds a listener of another event while events are emitted makes that
// event heard from the next command on (the same as with the old single flag: what a command
// queues is decided when it queues it).
describe('review perf8: per-event listener flags', () => {
  it("names of Object.prototype ('__proto__', 'constructor', 'hasOwnProperty', 'toString') are no events: no flag set, events still heard", () => {
    const { market } = campusMarket();
    const on = (market as unknown as { on: (e: string, f: () => void) => void }).on.bind(market);
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']) on(name, () => undefined);
    const heard = (market as unknown as { core: { heard: Record<string, boolean> } }).core.heard;
    expect(Object.getPrototypeOf(heard)).toBe(Object.prototype);
    expect(Object.keys(heard)).toHaveLength(10);
    expect(Object.values(heard).some((v) => v)).toBe(false);
    const seen: string[] = [];
    market.on('participantRegistered', (e) => seen.push(e.participant));
    fund(market, ['a'], 0);
    expect(seen).toEqual(['a']);
  });

  it('a listener adding a listener of another event during a flush: heard from the next command', () => {
    const { market, clock } = campusMarket();
    fund(market, ['a', 'b']);
    const trades: string[] = [];
    const cancelled: string[] = [];
    const cleared: string[][] = [];
    market.once('orderAccepted', () => {
      market.on('trade', (t) => trades.push(t.buyer));
      market.once('orderCancelled', (e) => cancelled.push(e.orderId));
      market.on('auctionCleared', (e) => cleared.push([...e.products]));
    });
    market.submit({ id: 's1', participant: 'a', deliveryStart: DAY, side: 'sell', price: 900, quantity: 2 });
    market.submit({ id: 'b1', participant: 'b', deliveryStart: DAY, side: 'buy', price: 1000, quantity: 1 });
    market.submit({ id: 'b2', participant: 'b', deliveryStart: DAY, side: 'buy', price: 800, quantity: 1 });
    expect(market.cancel('b2')).toBe(true);
    clock.set(DAY - 5 * MIN);
    market.advanceTo(DAY - 5 * MIN);
    expect(trades).toEqual(['b']);
    // The once listener heard the user's cancel; the unfilled rest of s1 found nobody listening.
    expect(cancelled).toEqual(['b2']);
    expect(cleared).toEqual([['main@2025-04-07T00:00:00.000Z']]);
  });
});
