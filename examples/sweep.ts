// A small study: two mechanisms, two strategies of the plain participants, PV at half, full and
// double size, five seeds each, on the campus for two days, on every core. Both mechanisms clear
// each feeder apart (clearing: 'per-feeder'), so they are compared on the same footing. Prints the
// community saving per combination with its 95 % interval over seeds and writes the sweep as JSON,
// CSV and an HTML comparison report.
// Run: npx tsx examples/sweep.ts
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSweepReport, sweepToCsv } from '../src/index.js';
import { runSweep } from '../src/node.js';

const sweep = await runSweep({
  scenarios: ['campus'],
  days: 2,
  seeds: [1, 2, 3, 4, 5],
  mechanisms: ['uniform', 'huang'],
  strategies: ['default', 'zi-c'],
  variants: [
    { name: 'pv x0.5', scale: { pv: 0.5 } },
    { name: 'pv x1' },
    { name: 'pv x2', scale: { pv: 2 } },
  ],
  clearing: 'per-feeder',
  onProgress: (done, total) => process.stderr.write(`\r${done}/${total} runs`),
});
process.stderr.write('\n');

for (const row of sweep.summary) {
  const s = row.stats['communitySaving'];
  const interval = s?.ci95 ? `[${s.ci95[0].toFixed(0)}, ${s.ci95[1].toFixed(0)}]` : '';
  console.log(`${row.variant.padEnd(8)} ${row.mechanism.padEnd(8)} ${row.strategy.padEnd(8)} saving ${s?.mean.toFixed(0) ?? '-'} VND ${interval}  (${row.clearing})`);
}
const out = mkdtempSync(join(tmpdir(), 'wattmarket-sweep-'));
writeFileSync(join(out, 'sweep.json'), `${JSON.stringify(sweep, null, 2)}\n`);
writeFileSync(join(out, 'sweep.csv'), sweepToCsv(sweep));
writeFileSync(join(out, 'sweep.html'), renderSweepReport(sweep, 'Campus: mechanisms, strategies and PV size'));
console.log(`wrote sweep.json, sweep.csv and sweep.html in ${out}`);
