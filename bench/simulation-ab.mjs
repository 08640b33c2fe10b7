// Two builds of the library in one process, warm, district runs alternated (docs/simulation.md,
// "Sixth round"): npm run build, then
//   node bench/simulation-ab.mjs <other checkout, built> [days per run, default 4] [pairs, default 10]
// On a machine shared with other work, runs of separate processes vary by 5 to 30 % and weigh the
// JIT's warm-up heavily; here both builds are warm and share the machine's state pair by pair (the
// order alternates). Prints each pair's CPU seconds and the median ratio this checkout / other.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [other, daysArg, pairsArg] = process.argv.slice(2);
if (other === undefined) throw new Error('usage: node bench/simulation-ab.mjs <other checkout, built> [days] [pairs]');
const days = Number(daysArg ?? 4);
const pairs = Number(pairsArg ?? 10);
const load = async (dir) => (await import(pathToFileURL(resolve(dir, 'dist/index.js')).href)).runSimulation;
const runOther = await load(other);
const runThis = await load(resolve(import.meta.dirname, '..'));

/** CPU seconds of one district run, and its traded energy (the two builds must agree). */
function timed(run) {
  const cpu = process.cpuUsage();
  const result = run({ scenario: 'district', days, seed: 1 });
  const used = process.cpuUsage(cpu);
  return { seconds: (used.user + used.system) / 1e6, traded: result.totals.p2pTradedKWh };
}

timed(runOther);
timed(runThis);
const ratios = [];
let sumOther = 0;
let sumThis = 0;
for (let i = 0; i < pairs; i++) {
  // a: the other build, b: this one; the one run first alternates.
  let a;
  let b;
  if (i % 2 === 0) {
    a = timed(runOther);
    b = timed(runThis);
  } else {
    b = timed(runThis);
    a = timed(runOther);
  }
  if (a.traded !== b.traded) throw new Error(`the builds disagree: ${a.traded} against ${b.traded} kWh traded`);
  sumOther += a.seconds;
  sumThis += b.seconds;
  ratios.push(b.seconds / a.seconds);
  console.log(`pair ${i + 1}: other ${a.seconds.toFixed(2)} s, this ${b.seconds.toFixed(2)} s CPU, ratio ${(b.seconds / a.seconds).toFixed(3)}`);
}
const sorted = ratios.sort((x, y) => x - y);
const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(`district, ${days} days a run, ${pairs} pairs: median CPU ratio this / other ${median.toFixed(3)}; CPU summed: other ${sumOther.toFixed(2)} s, this ${sumThis.toFixed(2)} s`);
