// Parse cost per value: DecimalInput -> integer ticks through the built package, for numbers,
// short strings and Decimals, against the obvious peer (decimal.js: construct, scale, check).
// Run: npm run bench:units
import { Bench } from 'tinybench';
import { Decimal, DecimalGrid, createRandom } from 'wattmarket';

const N = 1000;
const rng = createRandom('bench-units');
const ticks = Array.from({ length: N }, () => rng.nextInt(1, 9_999_999)); // 0.0001 .. 999.9999
const grid = new DecimalGrid('0.0001');
const numbers = ticks.map((t) => Number(grid.format(t)));
const strings = ticks.map((t) => grid.format(t));
const decimals = strings.map((s) => new Decimal(s));
const SCALE = new Decimal(10000);

let sink = 0;
const bench = new Bench({ time: 1000, warmupTime: 300 });
bench
  .add('wattmarket number', () => {
    for (let i = 0; i < N; i++) sink += grid.toSteps(numbers[i]);
  })
  .add('wattmarket string', () => {
    for (let i = 0; i < N; i++) sink += grid.toSteps(strings[i]);
  })
  .add('wattmarket Decimal', () => {
    for (let i = 0; i < N; i++) sink += grid.toSteps(decimals[i]);
  })
  .add('decimal.js peer (string)', () => {
    for (let i = 0; i < N; i++) {
      const d = new Decimal(strings[i]).mul(SCALE);
      if (!d.isInteger()) throw new Error('off tick');
      sink += d.toNumber();
    }
  });
await bench.run();

const nsPerValue = (name) => (bench.getTask(name).result.latency.mean * 1e6) / N;
const peer = nsPerValue('decimal.js peer (string)');
console.log(`Parse cost per value (${N} values per call, Node ${process.version})`);
console.log('| input | ns/value | vs decimal.js |');
console.log('|---|---:|---:|');
for (const task of bench.tasks) {
  const ns = nsPerValue(task.name);
  console.log(`| ${task.name} | ${ns.toFixed(1)} | ${(peer / ns).toFixed(1)}x |`);
}
if (sink === 0.5) console.log(sink); // keep the work observable
