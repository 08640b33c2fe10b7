// A single-thread district run for profiling (docs/simulation.md, "Where the time goes"):
//   npm run build && node --cpu-prof --cpu-prof-dir=prof bench/simulation-profile.mjs
// PROFILE_DAYS days (default 7) of the district (1,000 prosumers), seed 1, on this thread; prints
// wall and CPU seconds and the resident set size. Repeat it 2-3 times on a shared machine: the
// CPU seconds vary less than the wall clock under load.
import { runSimulation } from 'wattmarket';

const days = Number(process.env.PROFILE_DAYS ?? 7);
const t = performance.now();
const cpu0 = process.cpuUsage();
const result = runSimulation({ scenario: 'district', days, seed: 1 });
const wall = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  `district, 1,000 prosumers, ${days} days, 1 thread: ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU ` +
    `(user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}); traded ${result.totals.p2pTradedKWh} kWh; ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
