// What `npm run demo` runs: one week of the built-in campus scenario (a university campus in
// southern Vietnam modelled on the VIETPULSE pilot), printed as a summary table, with the results
// written as JSON, CSV and an HTML report with charts.
// Run: npm run demo
import { writeFileSync } from 'node:fs';
import { runCli } from '../src/cli/run-cli.js';

const code = await runCli(
  ['simulate', '--scenario', 'campus', '--days', '7', '--seed', '1', '--json', 'campus-week.json', '--csv', 'campus-week.csv', '--report', 'campus-week.html'],
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    writeFile: (path, text) => {
      writeFileSync(path, text, 'utf8');
      console.log(`wrote ${path}${path.endsWith('.html') ? ' (open it in a browser: charts of demand, supply and price, battery state of charge, daily flows)' : ''}`);
    },
    interactive: process.stderr.isTTY,
    now: () => performance.now(),
  },
  'demo',
);
process.exitCode = code;
