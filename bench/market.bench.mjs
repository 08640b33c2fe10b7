// One Market holding a day of 96 intervals x 10 zones with 10,000 participants (1,000 per zone):
// every participant places one order per interval (960,000 orders), every product clears by call
// auction at its gate (960 clearings), and every interval settles against 10,000 meter readings.
// Reports the cost per order, per clearing and per settled interval, and the memory held: the
// garbage-collected heap, and beside it the typed arrays' buffers (outside the heap, so not in
// heapUsed: the order index's, the collateral's and the ledger's columns live there).
// Run: npm run bench:market (ZONES=2 MODES=auction for a smaller run, e.g. under a profiler)
import { ManualClock, Market, createRandom } from 'wattmarket';

const MIN = 60_000;
const Q = 15 * MIN;
const ZONES = Array.from({ length: Number(process.env.ZONES ?? 10) }, (_, i) => `feeder-${i}`);
const PER_ZONE = 1000;
const DAY = Date.UTC(2025, 3, 7);
const INTERVALS = 96;

function gc() {
  // Twice: the second full collection also finishes sweeping the array buffers the first one
  // freed, so the typed-array figure of one mode does not include the previous mode's market.
  if (globalThis.gc) {
    globalThis.gc();
    globalThis.gc();
  }
}

function run(mode) {
  const clock = new ManualClock(DAY - 10 * MIN); // every interval of the day is open (horizon one day)
  const market = new Market({ clock, zones: ZONES, tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1, mode, journal: false });
  const rng = createRandom(`bench-market-${mode}`);
  const people = [];
  for (const zone of ZONES) {
    for (let i = 0; i < PER_ZONE; i++) {
      const id = `${zone}/p${i}`;
      market.registerParticipant({ id, zone });
      market.deposit({ id: `open-${id}`, participant: id, amount: 50_000_000 });
      people.push(id);
    }
  }
  // Each participant is a buyer or a seller for the day (solar owners sell, the rest buy).
  const seller = people.map(() => rng.nextBoolean(0.4));
  gc();
  const before = process.memoryUsage();
  let orders = 0;
  let t = performance.now();
  for (let k = 0; k < INTERVALS; k++) {
    const start = DAY + k * Q;
    for (let i = 0; i < people.length; i++) {
      const sell = seller[i];
      const price = sell ? rng.nextInt(671, 1600) : rng.nextInt(1200, 2204);
      market.submit({ id: `o${k}-${i}`, participant: people[i], deliveryStart: start, side: sell ? 'sell' : 'buy', price, quantity: rng.nextInt(1, 3000) / 1000 });
      orders++;
    }
  }
  const submitMs = performance.now() - t;
  gc();
  const after = process.memoryUsage();
  const heapHeld = after.heapUsed - before.heapUsed;
  const buffersHeld = after.arrayBuffers - before.arrayBuffers;
  t = performance.now();
  clock.set(DAY + INTERVALS * Q);
  market.advanceTo(clock.now());
  const clearMs = performance.now() - t;
  let trades = 0;
  t = performance.now();
  for (let k = 0; k < INTERVALS; k++) {
    const start = DAY + k * Q;
    const net = new Map();
    for (const tr of market.trades(start)) {
      trades++;
      const q = tr.quantity.toNumber() * 1000;
      net.set(tr.seller, (net.get(tr.seller) ?? 0) + q);
      net.set(tr.buyer, (net.get(tr.buyer) ?? 0) - q);
    }
    const readings = people.map((p) => ({ participant: p, net: Math.round(net.get(p) ?? 0) / 1000 }));
    market.settle(start, readings);
  }
  const settleMs = performance.now() - t;
  return { mode, orders, submitMs, clearMs, settleMs, trades, heapHeld, buffersHeld, hash: market.stateHash() };
}

console.log(`Market at scale: ${INTERVALS} intervals x ${ZONES.length} zones, ${ZONES.length * PER_ZONE} participants, one order each per interval (Node ${process.version})`);
console.log('| mode | orders | µs per order | clearings | ms per clearing | trades | ms per settled interval (10,000 readings) | heap held by the day\'s open orders | typed-array buffers held (outside the heap) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const mode of (process.env.MODES ?? 'auction,continuous').split(',')) {
  const r = run(mode);
  const clearings = mode === 'auction' ? INTERVALS * ZONES.length : 0;
  const perClearing = clearings > 0 ? (r.clearMs / clearings).toFixed(2) : `(gates: ${r.clearMs.toFixed(0)} ms in all)`;
  console.log(`| ${mode} | ${r.orders.toLocaleString('en')} | ${((r.submitMs * 1000) / r.orders).toFixed(2)} | ${clearings} | ${perClearing} | ${r.trades.toLocaleString('en')} | ${(r.settleMs / INTERVALS).toFixed(1)} | ${(r.heapHeld / 1e6).toFixed(0)} MB | ${(r.buffersHeld / 1e6).toFixed(0)} MB |`);
}
