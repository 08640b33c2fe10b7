// Simulation speed: 1,000 prosumers (the district scenario: 10 independent feeders) for one year
// of 15-minute intervals (35,040) through the full pipeline (agents, market clearing, delivery,
// settlement on a ledger, the utility-only baseline), split over worker threads by feeder; and a
// week of the campus (55 participants, feeders coupled by fees) on one thread.
// Run: npm run bench:simulation            (a year; BENCH_DAYS=30 for a shorter run)
//
// The anchor: this shared VM's speed moves by a third within minutes, so the year is also given
// as a ratio against a fixed load measured in the same run, just before and just after it: as many
// threads as the year's workers, each sorting a Float64Array of 1,000,000 keys ANCHOR_SORTS times
// (the auction bench's peer, on every core at once). A slow minute slows both alike.
import { availableParallelism } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { Worker } from 'node:worker_threads';
import { districtScenario, runSimulation } from 'wattmarket';
import { runSimulationParallel } from 'wattmarket/node';

const days = Number(process.env.BENCH_DAYS ?? 365);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const rows = [];
const ANCHOR_SORTS = 4;

// Each thread fills its keys from its own linear congruential sequence (the same every run) and
// sorts them, ANCHOR_SORTS times, once told to go.
const ANCHOR_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.once('message', () => {
  const keys = new Float64Array(1_000_000);
  let x = workerData.seed >>> 0;
  let sink = 0;
  for (let r = 0; r < workerData.sorts; r++) {
    for (let i = 0; i < keys.length; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      keys[i] = x / 4294967296;
    }
    keys.sort();
    sink += keys[0];
  }
  parentPort.postMessage(sink);
});
parentPort.postMessage('ready');
`;

const nextMessage = (w) =>
  new Promise((done, failed) => {
    w.once('message', done);
    w.once('error', failed);
  });

/** Seconds from the go until every anchor thread is done (their start-up is not the anchor's load). */
async function anchor() {
  const threads = [];
  for (let w = 0; w < workers; w++) threads.push(new Worker(ANCHOR_CODE, { eval: true, workerData: { seed: w + 1, sorts: ANCHOR_SORTS } }));
  await Promise.all(threads.map(nextMessage));
  const finished = threads.map(nextMessage);
  const t0 = performance.now();
  for (const w of threads) w.postMessage('go');
  await Promise.all(finished);
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(threads.map((w) => w.terminate()));
  return seconds;
}

let t = performance.now();
const campus = runSimulation({ scenario: 'campus', days: 7, seed: 1 });
let s = (performance.now() - t) / 1000;
rows.push(['campus, 55 participants, 7 days, 1 thread', 55, 7 * 96, s, campus.totals.p2pTradedKWh]);

const scenario = districtScenario({ prosumers: 1000, feeders: 10 });
// Resident set size during the district run (issue 16): the workers are threads of this process,
// so the process's RSS covers them. Sampled while the main thread waits; the kernel's peak for the
// whole process (campus run included) comes from resourceUsage().maxRSS.
const rssBefore = process.memoryUsage.rss();
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}, 100);
const anchorBefore = await anchor();
t = performance.now();
let lastShown = 0;
const year = await runSimulationParallel({
  scenario,
  days,
  seed: 1,
  workers,
  onProgress: (done, total) => {
    const now = performance.now();
    if (process.stderr.isTTY && now - lastShown > 1000) {
      lastShown = now;
      process.stderr.write(`\r  district: ${((100 * done) / total).toFixed(0)}% `);
    }
  },
});
s = (performance.now() - t) / 1000;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
if (process.stderr.isTTY) process.stderr.write('\n');
const anchorAfter = await anchor();
rows.push([`district, 1,000 prosumers, ${days} days, ${workers} worker thread(s)`, 1000, days * 96, s, year.totals.p2pTradedKWh]);

console.log(`Simulation speed (Node ${process.version}, ${availableParallelism()} cores)`);
console.log('| run | prosumers | intervals | seconds | prosumer-intervals/s | traded kWh |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, n, intervals, sec, traded] of rows) {
  console.log(`| ${name} | ${n.toLocaleString('en')} | ${intervals.toLocaleString('en')} | ${sec.toFixed(1)} | ${Math.round((n * intervals) / sec).toLocaleString('en')} | ${Math.round(traded).toLocaleString('en')} |`);
}
const anchorMean = (anchorBefore + anchorAfter) / 2;
console.log(
  `\nAnchor (${workers} thread(s) at once, each sorting a Float64Array of 1,000,000 keys ${ANCHOR_SORTS} times): ` +
    `${anchorBefore.toFixed(2)} s just before the district run, ${anchorAfter.toFixed(2)} s just after; ` +
    `the district run took ${(s / anchorMean).toFixed(1)} anchors (${s.toFixed(1)} s / ${anchorMean.toFixed(2)} s)`,
);
const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
console.log(
  `\nResident set size of the district run (${workers} worker thread(s)): peak ${mb(rssPeak)} MB sampled every 100 ms ` +
    `(${mb(rssBefore)} MB before it); process peak (maxRSS, campus run included) ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
