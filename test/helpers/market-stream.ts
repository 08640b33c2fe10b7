import { ManualClock, WattError, type Market, type MarketOptions } from '../../src/index.js';

/** 2025-04-07 00:00 UTC. */
export const DAY = Date.UTC(2025, 3, 7);
const MIN = 60_000;

/** The options of the markets the durability tests drive (continuous trading, so orders trade). */
export function streamOptions(clock: ManualClock): MarketOptions {
  return { clock, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, mode: 'continuous', zones: ['main', 'north'] };
}

/** A new clock at the stream's start. */
export const streamClock = (): ManualClock => new ManualClock(DAY - 60 * MIN);

/** A 32-bit hash of (seed, i, k): the stream's randomness depends on the step alone, not on earlier steps. */
function rand(seed: number, i: number, k: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35) ^ Math.imul(k + 7, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const PARTICIPANTS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];

/**
 * Carries out step `i` of the seeded stream on `market`: sets the clock (one minute every 20
 * steps), then registers, deposits, submits, cancels, amends or advances. Returns whether the
 * market accepted it (a refused command throws a WattError, caught here, and changes nothing).
 */
export function streamStep(market: Market, clock: ManualClock, seed: number, i: number): boolean {
  const time = DAY - 60 * MIN + Math.floor(i / 20) * MIN;
  if (clock.now() < time) clock.set(time);
  const r = (k: number): number => rand(seed, i, k);
  try {
    if (i < PARTICIPANTS.length * 2) {
      const p = PARTICIPANTS[i >> 1] as string;
      if (i % 2 === 0) market.registerParticipant({ id: p, zone: i % 4 === 0 ? 'north' : 'main' });
      else market.deposit({ id: `init-${p}`, participant: p, amount: 5_000_000 });
      return true;
    }
    const p = PARTICIPANTS[r(1) % PARTICIPANTS.length] as string;
    const kind = r(2) % 100;
    // Delivery intervals from an hour after the clock, so they are open.
    const start = DAY + (Math.floor((time - DAY) / (15 * MIN)) + 5 + (r(3) % 8)) * 15 * MIN;
    if (kind < 70) {
      market.submit({
        id: `o${i}`,
        participant: p,
        deliveryStart: start,
        side: r(4) % 2 === 0 ? 'buy' : 'sell',
        price: 1200 + (r(5) % 400),
        quantity: ((1 + (r(6) % 2000)) / 1000).toFixed(3),
      });
    } else if (kind < 85) {
      market.cancel(`o${i - 1 - (r(7) % 40)}`);
    } else if (kind < 92) {
      market.amend(`o${i - 1 - (r(7) % 40)}`, { quantity: ((1 + (r(8) % 500)) / 1000).toFixed(3) });
    } else if (kind < 97) {
      market.deposit({ id: `top-${i}`, participant: p, amount: 1000 + (r(9) % 10_000) });
    } else {
      market.advanceTo(time);
    }
    return true;
  } catch (e) {
    if (e instanceof WattError) return false;
    throw e;
  }
}
