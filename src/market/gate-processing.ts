import type { ProductInfo } from './market-types.js';
import { pinLedgerTime } from '../ledger/ledger-time-pin.js';
import { applyIntervalAuctions, clearIntervalAuctions, type ClearedGroup } from './auction-clearing.js';
import { closeBook, restingOrders } from './continuous-trading.js';
import type { MarketCore } from './market-core.js';

/**
 * Moves the market's processed time from where it is to `time`, carrying out, instant by
 * instant, every gate closure and call-phase start due in between, of the intervals the market
 * knows (those with products: an order was placed for them). The work grows with the intervals
 * the market holds, never with the length of the jump: a jump of a thousand years costs what a
 * jump of a minute costs. At the same instant gate closures come first, earlier intervals first.
 * `time` was validated by the caller (a market time, not before the market's time).
 */
export function processGates(core: MarketCore, time: number): void {
  const from = core.processed;
  const s = core.config.schedule;
  const steps: [number, 0 | 1, number][] = [];
  for (const [start, interval] of core.intervals) {
    if (interval.closed) continue;
    const gate = s.gateClosure(start);
    if (gate > from && gate <= time) steps.push([gate, 0, start]);
    if (s.callMs > 0) {
      const call = s.callStart(start);
      if (call > s.opensAt(start) && call > from && call <= time) steps.push([call, 1, start]);
    }
  }
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  for (let i = 0; i < steps.length; i++) {
    const [at, kind, start] = steps[i] as [number, 0 | 1, number];
    core.processed = at;
    try {
      if (kind === 0) closeGate(core, start);
      else startCallPhase(core, start);
    } catch (e) {
      // A gate closure that failed (a custom mechanism) did nothing (see closeGate). The steps
      // before it stay done, and the processed time stops just before it, so that a later
      // advanceTo carries it out rather than skipping it; with no step done, nothing changed.
      // Only a gate can fail, and a gate is the first step of its instant, so every step done
      // lies at or before `at - 1`: the caller journals the advance as far as that (docs/market.md).
      core.processed = i === 0 ? from : at - 1;
      throw e;
    }
  }
  core.processed = time;
}

/**
 * At gate closure: the auctions cleared first (a mechanism that fails then leaves the gate
 * undone: no event queued, no book closed), then the books' expiries, then the auctions applied.
 */
function closeGate(core: MarketCore, start: number): void {
  const { config } = core;
  const interval = core.intervals.get(start);
  if (interval === undefined) return;
  // The auctions run the mechanism, user code when it is a custom one: it sees the ledger
  // unpinned, so that a ledger call of its own (on a ledger it shares with the market) reads the
  // ledger's clock rather than taking this command's pinned time (see ledger-time-pin.ts).
  const pin = pinLedgerTime(config.ledger, undefined);
  const clearing = core.clearingGate;
  core.clearingGate = true;
  let cleared: readonly ClearedGroup[];
  try {
    cleared = clearIntervalAuctions(core, start);
  } finally {
    core.clearingGate = clearing;
    pinLedgerTime(config.ledger, pin);
  }
  if (core.listens('gateClosed')) {
    config.zones.forEach((zone, i) => {
      core.emit('gateClosed', { product: config.schedule.productId(zone, start), zone, deliveryStart: start, mode: config.modes[i] as ProductInfo['mode'] });
    });
  }
  for (const p of interval.products) {
    if (p !== undefined && p.mode === 'continuous') {
      closeBook(core, p);
      p.phase = 'closed';
    }
  }
  applyIntervalAuctions(core, start, cleared);
  interval.closed = true;
}

/** Starts the call phase of every product of an interval that trades continuously then by auction. */
function startCallPhase(core: MarketCore, start: number): void {
  const interval = core.intervals.get(start);
  if (interval === undefined) return;
  for (const p of interval.products) if (p !== undefined) startProductCall(core, p.zoneIndex, start);
}

/**
 * Starts the call phase of one product if it is due and has not started: its resting orders
 * leave the book and are sealed ahead of the orders sealed since (they arrived earlier: arrival
 * decides among equal prices). Called at the call start by {@link processGates}, and by any order
 * call for the product made after the call start, so that what happens to an order always
 * follows the phase its product is in at that moment.
 */
export function startProductCall(core: MarketCore, zoneIndex: number, start: number): void {
  // A product's mode is its zone's: most markets have no call phase at all, and every order
  // call asks, so the look-up of the product is made only where one can start.
  if (core.config.modes[zoneIndex] !== 'continuous-then-auction') return;
  const p = core.findProduct(zoneIndex, start);
  if (p === undefined || p.mode !== 'continuous-then-auction' || p.phase !== 'open') return;
  const moving = restingOrders(core, p);
  for (const order of moving) {
    p.book?.cancel(order.id);
    order.venue = 'sealed';
  }
  p.sealed.unshift(moving.map((o) => o.slot));
  p.book = undefined;
  p.bookSlots.length = 0;
  p.bookSeqs.length = 0;
  p.phase = 'call';
  core.emit('callPhaseStarted', { product: p.id, deliveryStart: start, sealedOrders: moving.length });
}
