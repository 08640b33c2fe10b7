// Simulation speed: 1,000 prosumers (the district scenario: 10 independent feeders) for one year
// of 15-minute intervals (35,040) through the full pipeline (agents, market clearing, delivery,
// settlement on a ledger, the utility-only baseline), split over worker threads by feeder; and a
// week of the campus (55 participants, feeders coupled by fees) on one thread.
// Run: npm run bench:simulation            (a year; BENCH_DAYS=30 for a shorter run)
import { availableParallelism } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { districtScenario, runSimulation } from 'wattmarket';
import { runSimulationParallel } from 'wattmarket/node';

const days = Number(process.env.BENCH_DAYS ?? 365);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const rows = [];

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
rows.push([`district, 1,000 prosumers, ${days} days, ${workers} worker thread(s)`, 1000, days * 96, s, year.totals.p2pTradedKWh]);

console.log(`Simulation speed (Node ${process.version}, ${availableParallelism()} cores)`);
console.log('| run | prosumers | intervals | seconds | prosumer-intervals/s | traded kWh |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, n, intervals, sec, traded] of rows) {
  console.log(`| ${name} | ${n.toLocaleString('en')} | ${intervals.toLocaleString('en')} | ${sec.toFixed(1)} | ${Math.round((n * intervals) / sec).toLocaleString('en')} | ${Math.round(traded).toLocaleString('en')} |`);
}
const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
console.log(
  `\nResident set size of the district run (${workers} worker thread(s)): peak ${mb(rssPeak)} MB sampled every 100 ms ` +
    `(${mb(rssBefore)} MB before it); process peak (maxRSS, campus run included) ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
