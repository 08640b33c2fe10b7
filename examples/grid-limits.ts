// The campus with its grid limits: feeder links and transformers that bind at some hours,
// what local trading relieves, and what community imbalance netting saves.
// Run: npx tsx examples/grid-limits.ts
import { runSimulation, scenarioByName } from '../src/index.js';

const days = 2;
const grid = runSimulation({ scenario: 'campus-grid', days, seed: 1 });
const net = grid.network;
if (net === undefined) throw new Error('campus-grid has network limits: its result has a network part');

console.log(`campus-grid, ${days} days, mechanism ${grid.mechanism}`);
console.log('\nFeeder links (capacity per 15-minute interval; energy over the run)');
for (const l of net.links) {
  const cap = l.capacityKWh === null ? 'unlimited' : `${l.capacityKWh} kWh`;
  console.log(`  ${`${l.from} -> ${l.to}`.padEnd(26)} ${cap.padStart(10)}  ${l.flowKWh.toFixed(1).padStart(9)} kWh  full ${l.congestionHours} h`);
}
console.log('\nTransformers (limits per interval; hours at each limit)');
for (const t of net.transformers) {
  console.log(`  ${t.zone.padEnd(12)} import ${String(t.importLimitKWh).padStart(5)} kWh (${t.importLimitHours} h)  export ${String(t.exportLimitKWh).padStart(5)} kWh (${t.exportLimitHours} h)`);
}
// Feeders that trade with each other first send less through their transformers.
console.log(`\nPV curtailed:  ${net.curtailedPvKWh.toFixed(1)} kWh with local trading, ${net.baselineCurtailedPvKWh.toFixed(1)} kWh with the utility only`);
console.log(`Load unserved: ${net.unservedLoadKWh.toFixed(1)} kWh with local trading, ${net.baselineUnservedLoadKWh.toFixed(1)} kWh with the utility only`);
console.log(`Congestion rent (to the network operator's congestion account): ${net.congestionRent} ${grid.currency}`);

// The same campus, its imbalances netted inside the community before the utility settles them.
const netted = runSimulation({ scenario: { ...scenarioByName('campus-grid'), imbalanceNetting: 'community' }, days, seed: 1 });
const n = netted.network?.imbalanceNetting;
console.log(`\nImbalance netting (community): ${n?.nettedKWh.toFixed(1)} kWh netted at the mid of retail and feed-in`);
console.log(`  community net cost ${grid.totals.communityNetCost} -> ${netted.totals.communityNetCost} ${grid.currency} (saving ${n?.saving} ${grid.currency})`);
