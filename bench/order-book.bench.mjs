// The order book against nodejs-order-book 10.1.1 on the same mixed workload, same process.
// Run: npm run bench:book   (builds first; node --expose-gc so heap figures are after a full GC)
//
// Workload (seeded): 1,000,000 limit orders around a mid price of 0.1250 per kWh on a 0.0001
// tick; side 50/50; price offset -3..+12 ticks from the mid (negative = towards the other
// side, about 20% of orders cross); sizes 1 to 100 lots of 0.5 kWh; cancel(order i - 2000) for
// every i >= 2000 (a no-op when that order already left the book); 5% of orders also cancel a
// random one of the previous 500. Prices and quantities are passed as decimal JS numbers
// (0.1247, 12.5) through the public API of each book.
import { OrderBook as PeerBook } from 'nodejs-order-book';
import { OrderBook, createRandom } from 'wattmarket';

const N = Number(process.env.BOOK_BENCH_ORDERS ?? 1_000_000);
const RESTING = Number(process.env.BOOK_BENCH_RESTING ?? 1_000_000);
const PASSES = Number(process.env.BOOK_BENCH_PASSES ?? 3);
const MID = 1250; // ticks of 0.0001
const LOT = 0.5;

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (npm run bench:book does)');
  process.exit(1);
}

// ---- workload ------------------------------------------------------------------------------
function makeWorkload(n, seed) {
  const rng = createRandom(seed);
  const ids = new Array(n);
  const sell = new Uint8Array(n);
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  const extraCancel = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    ids[i] = `o${i}`;
    const s = rng.nextUint32() & 1;
    const offset = rng.nextInt(-3, 12);
    sell[i] = s;
    price[i] = (s === 1 ? MID + offset : MID - offset) / 10000; // the decimal number, e.g. 0.1247
    size[i] = rng.nextInt(1, 100) * LOT;
    if (i > 0 && rng.nextInt(1, 100) <= 5) extraCancel[i] = i - rng.nextInt(1, Math.min(500, i));
  }
  return { n, ids, sell, price, size, extraCancel };
}

// ---- adapters: one call of the public API each ---------------------------------------------
const owners = Array.from({ length: 64 }, (_, i) => `p${i}`);
const ours = {
  name: 'wattmarket',
  create: () => new OrderBook(),
  submit: (book, w, i) =>
    book.submit({ id: w.ids[i], owner: owners[i & 63], side: w.sell[i] === 1 ? 'sell' : 'buy', price: w.price[i], quantity: w.size[i] }),
  cancel: (book, id) => book.cancel(id),
  size: (book) => book.size,
};
const peer = {
  name: 'nodejs-order-book',
  create: () => new PeerBook(),
  submit: (book, w, i) => book.limit({ id: w.ids[i], side: w.sell[i] === 1 ? 'sell' : 'buy', price: w.price[i], size: w.size[i] }),
  cancel: (book, id) => book.cancel(id),
  size: (book) => Object.keys(book.snapshot().bids).length, // not used on the hot path
};

function runThroughput(lib, w) {
  const book = lib.create();
  const { ids, extraCancel } = w;
  const t0 = performance.now();
  for (let i = 0; i < w.n; i++) {
    lib.submit(book, w, i);
    if (i >= 2000) lib.cancel(book, ids[i - 2000]);
    const j = extraCancel[i];
    if (j >= 0) lib.cancel(book, ids[j]);
  }
  return performance.now() - t0;
}

function runLatency(lib, w) {
  const book = lib.create();
  const { ids, extraCancel } = w;
  const all = new Float64Array(w.n * 3);
  const submits = new Float64Array(w.n);
  let k = 0;
  for (let i = 0; i < w.n; i++) {
    let t = performance.now();
    lib.submit(book, w, i);
    let u = performance.now();
    submits[i] = u - t;
    all[k++] = u - t;
    if (i >= 2000) {
      t = performance.now();
      lib.cancel(book, ids[i - 2000]);
      u = performance.now();
      all[k++] = u - t;
    }
    const j = extraCancel[i];
    if (j >= 0) {
      t = performance.now();
      lib.cancel(book, ids[j]);
      u = performance.now();
      all[k++] = u - t;
    }
  }
  return { all: percentiles(all.subarray(0, k)), submits: percentiles(submits) };
}

function percentiles(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))] * 1000; // us
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), p9999: at(0.9999), max: s[s.length - 1] * 1000 };
}

function heapNow() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

// Bytes per resting order: a fresh book filled with `count` non-crossing orders whose ids are
// made inside the measured window, so the id strings and the index entries count.
function bytesPerResting(lib, count) {
  const before = heapNow();
  const book = lib.create();
  for (let i = 0; i < count; i++) {
    const sell = (i & 1) === 1;
    const offset = 1 + (i % 500);
    const price = (sell ? MID + offset : MID - offset) / 10000;
    if (lib === ours) book.submit({ id: `m${i}`, owner: owners[i & 63], side: sell ? 'sell' : 'buy', price, quantity: 1 + (i % 100) * LOT });
    else book.limit({ id: `m${i}`, side: sell ? 'sell' : 'buy', price, size: 1 + (i % 100) * LOT });
  }
  const after = heapNow();
  if (lib === ours && book.size !== count) throw new Error(`expected ${count} resting orders, got ${book.size}`);
  const bytes = (after - before) / count;
  globalThis.__keep = book; // keep the book alive through the measurement
  globalThis.__keep = undefined;
  return bytes;
}

// ---- run -----------------------------------------------------------------------------------
const workload = makeWorkload(N, 'bench-book');
const warm = makeWorkload(200_000, 'bench-book-warmup');
const results = {};
for (const lib of [ours, peer]) {
  runThroughput(lib, warm); // JIT warm-up on a different workload
  let best = Infinity;
  for (let p = 0; p < PASSES; p++) {
    globalThis.gc();
    best = Math.min(best, runThroughput(lib, workload));
  }
  globalThis.gc();
  const latency = runLatency(lib, workload);
  results[lib.name] = { ms: best, ordersPerSecond: (N / best) * 1000, latency };
}
for (const lib of [ours, peer]) results[lib.name].bytes = bytesPerResting(lib, RESTING);

const a = results.wattmarket;
const b = results['nodejs-order-book'];
const f = (x, d = 2) => x.toFixed(d);
const int = (x) => Math.round(x).toLocaleString('en-US');
console.log(`Order book, ${int(N)} limit orders + cancels (Node ${process.version}, best of ${PASSES} passes; latency from one pass)`);
console.log('');
console.log('| measure | wattmarket | nodejs-order-book 10.1.1 | ratio |');
console.log('|---|---:|---:|---:|');
console.log(`| orders/s | ${int(a.ordersPerSecond)} | ${int(b.ordersPerSecond)} | ${f(a.ordersPerSecond / b.ordersPerSecond, 1)}x |`);
for (const [label, key] of [['p50', 'p50'], ['p99', 'p99'], ['p99.9', 'p999'], ['p99.99', 'p9999']]) {
  console.log(`| latency per call ${label} (us) | ${f(a.latency.all[key])} | ${f(b.latency.all[key])} | |`);
}
for (const [label, key] of [['p50', 'p50'], ['p99', 'p99'], ['p99.99', 'p9999']]) {
  console.log(`| latency per submit ${label} (us) | ${f(a.latency.submits[key])} | ${f(b.latency.submits[key])} | |`);
}
console.log(`| heap bytes per resting order (${int(RESTING)} resting) | ${f(a.bytes, 1)} | ${f(b.bytes, 1)} | |`);
