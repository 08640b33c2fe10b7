// Your own data: two homes whose consumption and solar generation come from 15-minute meter
// readings (CSV files of average kW per interval) under a time-of-use tariff (a CSV of retail and
// feed-in prices per interval), read from examples/scenarios/two-homes/. Then the same homes from
// a script, with an inline series and the flat tariff instead, to compare.
// Run: npx tsx examples/measured-data.ts
// Prints:
//   two-homes, 2 days, time-of-use tariff (retail up to 3266 VND/kWh):
//     house-1   net cost    9547 VND (utility only: 9903 VND)
//     house-2   net cost   41660 VND (utility only: 44548 VND)
//     traded locally 3.136 kWh, community saving 3244 VND
//   two-homes, 2 days, flat tariff, house-2 PV measured (retail up to 2204 VND/kWh):
//     house-1   net cost    9975 VND (utility only: 10012 VND)
//     house-2   net cost   25702 VND (utility only: 25783 VND)
//     traded locally 0.076 kWh, community saving 118 VND
import { fileURLToPath } from 'node:url';
import { deriveScenario, runSimulation, type Scenario } from '../src/index.js';
import { loadScenarioFile } from '../src/node.js';

// CSV paths in the scenario are relative to the scenario file; loadScenarioFile reads them and
// checks every value (a negative or missing value, an unknown field: an error naming file and line).
const file = fileURLToPath(new URL('./scenarios/two-homes/scenario.json', import.meta.url));
const measured: Scenario = loadScenarioFile(file);

function show(title: string, scenario: Scenario): void {
  const r = runSimulation({ scenario, days: 2, seed: 1 });
  console.log(`${title} (retail up to ${r.tariff.retailPrice} ${r.currency}/kWh):`);
  for (const p of r.participants) {
    console.log(`  ${p.id.padEnd(9)} net cost ${String(p.netCost).padStart(7)} ${r.currency} (utility only: ${p.baselineNetCost} ${r.currency})`);
  }
  console.log(`  traded locally ${r.totals.p2pTradedKWh} kWh, community saving ${r.totals.communitySaving} ${r.currency}`);
}

show('two-homes, 2 days, time-of-use tariff', measured);

// The same homes under EVN's flat average tariff, and house-2's model PV replaced by a measured
// series written inline: a Scenario in TypeScript takes series as arrays (numbers, or decimal
// strings for exact values), one value per 15-minute interval from the start.
const sunny = Array.from({ length: 192 }, (_, k) => {
  const hour = (k % 96) / 4 + 0.125;
  return hour < 6 || hour > 18 ? '0' : (3 * Math.sin((Math.PI * (hour - 6)) / 12)).toFixed(3);
});
const flat = deriveScenario(measured, (s) => {
  s.tariff.retailPrice = 2204;
  s.tariff.feedInPrice = 671;
  const house2 = s.participants.find((p) => p.id === 'house-2');
  if (house2 !== undefined) house2.pv = { series: sunny };
});
show('two-homes, 2 days, flat tariff, house-2 PV measured', flat);
