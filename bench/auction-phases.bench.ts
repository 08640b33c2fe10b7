// Call-auction clearing of 1,000,000 orders split into its phases, against a plain Float64Array
// sort of 1,000,000 keys measured in the same process: parsing and validating the order objects
// (ids hashed, duplicate check), ordering both sides (by histogram where the price range allows,
// and forced by key for comparison), and the rest of the clearing (sides ordered, mechanism, the
// result's price and volume); and parts of the parse alone (the floor of reading the fields, hashing
// the ids, the duplicate check), then the public clearAuction call on the same orders. The phases
// use the library's internal steps, so this runs on the sources through tsx (the same esbuild
// transform the package build uses).
// Run: npm run bench:auction (after bench/auction.bench.mjs), or alone:
//   node --expose-gc --import tsx bench/auction-phases.bench.ts
import { resolveAuctionOptions } from '../src/auction/auction-options.js';
import { clearNormalised, normalise } from '../src/auction/clear-auction.js';
import { findDuplicateId } from '../src/auction/find-duplicate-id.js';
import { parseOrders } from '../src/auction/parse-orders.js';
import { SCRATCH } from '../src/auction/scratch.js';
import { forceSideOrdering, sortSide } from '../src/auction/sort-side.js';
import { hashString } from '../src/hashing/string-hash.js';
import { clearAuction, createRandom } from '../src/index.js';

const N = 1_000_000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const gc = (globalThis as { gc?: () => void }).gc;
const collect = typeof gc === 'function' ? gc : (): void => {};
const rng = createRandom('bench-auction');

/** The orders of bench/auction.bench.mjs: bids 0.15..3.00, asks 0.00..2.50 on a 0.01 tick, 1 Wh..20 kWh. */
function market(n: number): object[] {
  const orders = new Array<object>(n);
  for (let i = 0; i < n; i++) {
    const bid = i % 2 === 0;
    const cents = bid ? rng.nextInt(15, 300) : rng.nextInt(0, 250);
    orders[i] = { id: `o${i}`, owner: `p${i % 5000}`, side: bid ? 'buy' : 'sell', price: cents / 100, quantity: rng.nextInt(1, 20_000) / 1000 };
  }
  return orders;
}

interface Samples {
  best: number;
  median: number;
}
const stat = (s: number[]): Samples => {
  s.sort((a, b) => a - b);
  return { best: s[0] as number, median: s[Math.floor(s.length / 2)] as number };
};

let sink = 0;
const keys = new Float64Array(N);
const sortRuns: number[] = [];
const fillRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  collect();
  let t = performance.now();
  for (let i = 0; i < N; i++) keys[i] = rng.nextFloat();
  keys.sort();
  sortRuns.push(performance.now() - t);
  sink += keys[0] as number;
  collect();
  // The key fill is not part of the peer's work: time it alone and take it off.
  t = performance.now();
  for (let i = 0; i < N; i++) keys[i] = rng.nextFloat();
  fillRuns.push(performance.now() - t);
  sink += keys[1] as number;
}
const sortT = stat(sortRuns);
const fillT = stat(fillRuns);
const sort: Samples = { best: sortT.best - fillT.best, median: sortT.median - fillT.median };

const orders = market(N);
const o = resolveAuctionOptions({ priceTick: '0.01' });
const parse: number[] = [];
const clear: number[] = [];
const total: number[] = [];
const sidesCounting: number[] = [];
const sidesKeyed: number[] = [];
const touch: number[] = [];
const hashing: number[] = [];
const duplicates: number[] = [];
const publicCall: number[] = [];
const hashes = new Int32Array(N);
for (let r = 0; r < RUNS; r++) {
  // A floor for any parse: read the five fields of every order object, validate nothing.
  collect();
  const t = performance.now();
  let n = 0;
  for (let i = 0; i < N; i++) {
    const x = orders[i] as { id: string; owner: string; side: string; price: number; quantity: number };
    n += x.id.length + x.owner.length + x.side.length + x.price + x.quantity;
  }
  touch.push(performance.now() - t);
  sink += n;
  collect();
  const t0 = performance.now();
  const parsed = parseOrders(orders, o.priceTick, o.quantityStep, o.zones);
  const t1 = performance.now();
  const result = clearNormalised(o, normalise(parsed));
  sink += result.volume.toNumber() + (result.price?.toNumber() ?? 0);
  const t2 = performance.now();
  parse.push(t1 - t0);
  clear.push(t2 - t1);
  total.push(t2 - t0);
  // Ordering the sides alone, on each path (the parsed columns are still valid: nothing parsed since).
  for (const [mode, into] of [['auto', sidesCounting], ['keyed', sidesKeyed]] as const) {
    forceSideOrdering(mode);
    const t = performance.now();
    sink += sortSide(parsed, true).count + sortSide(parsed, false).count;
    into.push(performance.now() - t);
  }
  forceSideOrdering('auto');
  // Parts of the parse alone: hashing every id, and the duplicate check on those hashes (in a
  // scratch level of its own, so the parsed columns above stay as they are).
  collect();
  let h = performance.now();
  for (let i = 0; i < N; i++) hashes[i] = hashString((orders[i] as { id: string }).id);
  hashing.push(performance.now() - h);
  sink += hashes[7] as number;
  h = performance.now();
  SCRATCH.enter();
  try {
    sink += findDuplicateId(parsed.ids, hashes) === undefined ? 1 : 0;
  } finally {
    SCRATCH.leave();
  }
  duplicates.push(performance.now() - h);
  // The public call on the same orders, from a collected heap: options resolved, parse, clear and
  // the result object, as bench/auction.bench.mjs times it through the built package.
  collect();
  h = performance.now();
  const whole = clearAuction(orders as never, { priceTick: '0.01' });
  sink += whole.volume.toNumber() + (whole.price?.toNumber() ?? 0);
  publicCall.push(performance.now() - h);
}

const rows: [string, Samples][] = [
  ['Float64Array sort of 1M keys (peer)', sort],
  ['parse and clear, uniform (numbers)', stat(total)],
  ['  parse: validate, convert, hash ids, duplicate check', stat(parse)],
  ['  clear: order sides, mechanism, price and volume', stat(clear)],
  ['  of which: order both sides by histogram (auto)', stat(sidesCounting)],
  ['  for comparison: order both sides by key (radix)', stat(sidesKeyed)],
  ['floor: read the five fields of every order object', stat(touch)],
  ['  part of the parse: read and hash every id, alone', stat(hashing)],
  ['  part of the parse: duplicate check on the hashes', stat(duplicates)],
  ['clearAuction, the public call on the same orders', stat(publicCall)],
];
console.log(`Call auction phases, 1,000,000 orders, Node ${process.version}, best and median of ${RUNS} runs${typeof gc === 'function' ? ' (heap collected before each run)' : ''}`);
console.log('');
console.log('| 1,000,000 orders | best ms | median ms | best vs sort | median vs sort |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, t] of rows) {
  console.log(`| ${name} | ${t.best.toFixed(1)} | ${t.median.toFixed(1)} | ${(t.best / sort.best).toFixed(2)}x | ${(t.median / sort.median).toFixed(2)}x |`);
}
if (sink === 0.5) console.log(sink); // keep the work observable
