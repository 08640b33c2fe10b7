// Zonal clearing with link capacities through the built package: 100,000 orders in 10 zones
// (zones z0..z4 with cheap supply, z5..z9 with dear supply, a fee of 0.01 between zones), every
// link limited to 500 kWh so that the links out of the cheap zones bind. The anchor, measured in
// the same process, is the same orders cleared with the same fees and no capacities.
// Run: npm run bench:zonal (builds first; node --expose-gc so every timed run starts collected).
import { clearAuction, createRandom } from 'wattmarket';

const N = 100_000;
const Z = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const rng = createRandom('bench-zonal');
const zones = Array.from({ length: Z }, (_, i) => `z${i}`);

const orders = new Array(N);
for (let i = 0; i < N; i++) {
  const bid = i % 2 === 0;
  const z = rng.nextInt(0, Z - 1);
  const cheap = z < Z / 2;
  const cents = bid ? rng.nextInt(15, 300) : cheap ? rng.nextInt(0, 120) : rng.nextInt(80, 250);
  const wh = rng.nextInt(1, 20_000);
  orders[i] = { id: `o${i}`, owner: `p${i % 5000}`, side: bid ? 'buy' : 'sell', price: cents / 100, quantity: wh / 1000, zone: zones[z] };
}
const fees = Object.fromEntries(zones.map((y) => [y, Object.fromEntries(zones.map((z) => [z, y === z ? 0 : '0.01']))]));
const capacity = Object.fromEntries(zones.map((y) => [y, Object.fromEntries(zones.filter((z) => z !== y).map((z) => [z, 500]))]));
const plain = { priceTick: '0.01', zones: { fees } };
const capped = { priceTick: '0.01', zones: { fees, capacity } };

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
const rows = [];
function row(name, fn) {
  const t = time(fn);
  rows.push([name, t.best, t.median]);
}
row('anchor: zones and fees, no capacities (volume, zone prices)', () => {
  const r = clearAuction(orders, plain);
  sink += r.volume.toNumber() + r.zonePrices.length;
});
row('with capacities (volume, zone prices)', () => {
  const r = clearAuction(orders, capped);
  sink += r.volume.toNumber() + r.zonePrices.length;
});
row('anchor, reading trades and welfare', () => {
  const r = clearAuction(orders, plain);
  sink += r.trades.length + r.welfare.toNumber();
});
row('with capacities, reading trades, welfare, flows, rent', () => {
  const r = clearAuction(orders, capped);
  sink += r.trades.length + r.welfare.toNumber() + r.flows.length + r.congestionRent.toNumber();
});

const a = clearAuction(orders, plain);
const c = clearAuction(orders, capped);
const full = c.flows.filter((f) => f.congested).length;
console.log(`zonal clearing, ${N.toLocaleString('en')} orders in ${Z} zones, ${RUNS} runs (best / median ms)`);
for (const [name, best, median] of rows) console.log(`${name.padEnd(62)} ${best.toFixed(1).padStart(8)} ${median.toFixed(1).padStart(8)}`);
console.log(`ratio with capacities / anchor (best): ${(rows[1][1] / rows[0][1]).toFixed(2)}x; reading everything: ${(rows[3][1] / rows[2][1]).toFixed(2)}x`);
console.log(`volume ${a.volume} kWh without capacities, ${c.volume} kWh with; ${full} of ${c.flows.length} flowing links full; congestion rent ${c.congestionRent}`);
if (sink === 0.5) console.log('');
