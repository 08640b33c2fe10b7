// Call-auction clearing through the built package: 1,000,000 orders (500k bids, 500k asks,
// prices on a 0.01 tick, quantities in Wh given as kWh) against a plain Float64Array sort of
// 1,000,000 keys measured in the same process; and 10,000 auctions of 100 orders each, a
// simulation's load. Validation (duplicate ids included) is part of every timing.
// Run: npm run bench:auction (builds first; runs node with --expose-gc so that every timed run
// starts from a collected heap and pays only for its own garbage).
import { clearAuction, createRandom } from 'wattmarket';

const N = 1_000_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const rng = createRandom('bench-auction');

/** Orders of a day-ahead-like market: bids around 0.15..3.00, asks around 0.00..2.50, 1 Wh..20 kWh. */
function market(n, prefix, asText) {
  const orders = new Array(n);
  for (let i = 0; i < n; i++) {
    const bid = i % 2 === 0;
    const cents = bid ? rng.nextInt(15, 300) : rng.nextInt(0, 250);
    const wh = rng.nextInt(1, 20_000);
    const price = cents / 100;
    const quantity = wh / 1000;
    orders[i] = {
      id: `${prefix}${i}`,
      owner: `p${i % 5000}`,
      side: bid ? 'buy' : 'sell',
      price: asText ? price.toFixed(2) : price,
      quantity: asText ? quantity.toFixed(3) : quantity,
    };
  }
  return orders;
}

function time(fn) {
  const samples = [];
  for (let r = 0; r < RUNS; r++) {
    collect();
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { best: samples[0], median: samples[Math.floor(samples.length / 2)] };
}

let sink = 0;
const keys = new Float64Array(N);
const sortTime = time(() => {
  for (let i = 0; i < N; i++) keys[i] = rng.nextFloat();
  keys.sort();
  sink += keys[0];
});
// The key fill is not part of the peer's work: time it alone and take it off.
const fillTime = time(() => {
  for (let i = 0; i < N; i++) keys[i] = rng.nextFloat();
  sink += keys[1];
});
const sortBest = sortTime.best - fillTime.best;
const sortMedian = sortTime.median - fillTime.median;

// Each market is built just before its rows and dropped after them, so every row runs with one
// million-order market alive: with both alive (as before 2026-12) each collection walked twice
// the heap, which the numbers rows paid for although the strings were not theirs.
let numbers = market(N, 'o', false);
const OPTIONS = { priceTick: '0.01' };

const rows = [['Float64Array sort of 1M keys (peer)', sortBest, sortMedian]];
function row(name, fn) {
  const t = time(fn);
  rows.push([name, t.best, t.median]);
}
row('clearAuction uniform, 1M orders (numbers)', () => {
  const r = clearAuction(numbers, OPTIONS);
  sink += r.volume.toNumber() + (r.price?.toNumber() ?? 0);
});
row('  ... and read all trades and the welfare', () => {
  const r = clearAuction(numbers, OPTIONS);
  sink += r.trades.length + r.welfare.toNumber();
});
for (const mechanism of ['discriminatory', 'mcafee', 'trade-reduction', 'huang']) {
  row(`clearAuction ${mechanism}, 1M orders`, () => {
    const r = clearAuction(numbers, { ...OPTIONS, mechanism });
    sink += r.volume.toNumber();
  });
}
numbers = undefined;
let strings = market(N, 's', true);
row('clearAuction uniform, 1M orders (decimal strings)', () => {
  const r = clearAuction(strings, OPTIONS);
  sink += r.volume.toNumber();
});
strings = undefined;

// A simulation's load: 10,000 small auctions of 100 orders each.
const small = Array.from({ length: 10_000 }, (_, a) => market(100, `a${a}-`, false));
const smallRows = [];
for (const [name, read] of [
  ['uniform, price and volume', (r) => r.volume.toNumber() + (r.price?.toNumber() ?? 0)],
  ['uniform, and every trade', (r) => r.trades.reduce((s, t) => s + t.quantity.toNumber(), 0)],
  ['huang, price and volume', (r) => r.volume.toNumber()],
]) {
  const mechanism = name.split(',')[0];
  const t = time(() => {
    for (const orders of small) sink += read(clearAuction(orders, { ...OPTIONS, mechanism }));
  });
  smallRows.push([name, t.best, t.median]);
}

console.log(`Call auction, Node ${process.version}, best and median of ${RUNS} runs${typeof globalThis.gc === 'function' ? ' (heap collected before each run)' : ''}`);
console.log('');
console.log('| 1,000,000 orders | best ms | median ms | best vs sort |');
console.log('|---|---:|---:|---:|');
for (const [name, best, median] of rows) console.log(`| ${name} | ${best.toFixed(1)} | ${median.toFixed(1)} | ${(best / sortBest).toFixed(2)}x |`);
console.log('');
console.log('| 10,000 auctions of 100 orders | best ms | median ms | us per auction |');
console.log('|---|---:|---:|---:|');
for (const [name, best, median] of smallRows) console.log(`| ${name} | ${best.toFixed(1)} | ${median.toFixed(1)} | ${((best * 1000) / 10_000).toFixed(1)} |`);
if (sink === 0.5) console.log(sink); // keep the work observable
