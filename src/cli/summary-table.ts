import type { SimulationResult } from '../simulation/simulation-result.js';
import type { NetworkResult } from '../simulation/network-result.js';

const n0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const n1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A plain-text summary of a run: energy flows, local trading, prices and savings by type. */
export function summaryTable(r: SimulationResult): string {
  const t = r.totals;
  const c = r.currency;
  const lines: string[] = [];
  const localStart = new Date(Date.parse(r.start) + r.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  lines.push(`${r.scenario}: ${r.days} day(s) from ${localStart} (local), seed ${String(r.seed)}, mechanism ${r.mechanism}, ${r.participants.length} participants`);
  lines.push('');
  lines.push('Energy (kWh)');
  const rows: [string, number][] = [
    ['generation', t.generationKWh],
    ['consumption', t.consumptionKWh],
    ['bought from the utility', t.gridImportKWh],
    ['sold to the utility', t.gridExportKWh],
    ['traded locally', t.p2pTradedKWh],
    ['storage change', t.storageDeltaKWh],
    ['losses', t.lossesKWh],
  ];
  for (const [label, v] of rows) lines.push(`  ${label.padEnd(26)} ${n1.format(v).padStart(14)}`);
  lines.push(`  ${'self-sufficiency'.padEnd(26)} ${`${n1.format(t.selfSufficiency * 100)} %`.padStart(14)}`);
  lines.push(`  ${'self-consumption'.padEnd(26)} ${`${n1.format(t.selfConsumption * 100)} %`.padStart(14)}`);
  lines.push(`  ${'peak import'.padEnd(26)} ${`${n1.format(t.peakGridImportKW)} kW`.padStart(14)}`);
  lines.push('');
  lines.push(`Prices (${c}/kWh)`);
  lines.push(`  ${'average local price'.padEnd(26)} ${(t.averageLocalPrice === null ? '-' : n0.format(t.averageLocalPrice)).padStart(14)}`);
  lines.push(`  ${'utility retail / feed-in'.padEnd(26)} ${`${n0.format(r.tariff.retailPrice)} / ${n0.format(r.tariff.feedInPrice)}`.padStart(14)}`);
  lines.push('');
  lines.push(`Costs (${c})`);
  lines.push(`  ${'community, local market'.padEnd(26)} ${n0.format(t.communityNetCost).padStart(14)}`);
  lines.push(`  ${'community, utility only'.padEnd(26)} ${n0.format(t.baselineCommunityNetCost).padStart(14)}`);
  const pct = t.baselineCommunityNetCost === 0 ? 0 : (100 * t.communitySaving) / Math.abs(t.baselineCommunityNetCost);
  lines.push(`  ${'saving'.padEnd(26)} ${n0.format(t.communitySaving).padStart(14)}  (${n1.format(pct)} %)`);
  lines.push(`  ${'grid fees paid'.padEnd(26)} ${n0.format(t.gridFees).padStart(14)}`);
  lines.push('');
  lines.push(`Saving by participant type (${c})`);
  lines.push(`  ${'type'.padEnd(16)} ${'n'.padStart(3)} ${'local market'.padStart(14)} ${'utility only'.padStart(14)} ${'saving'.padStart(12)}`);
  for (const b of r.byType) {
    lines.push(`  ${b.type.padEnd(16)} ${String(b.participants).padStart(3)} ${n0.format(b.netCost).padStart(14)} ${n0.format(b.baselineNetCost).padStart(14)} ${n0.format(b.saving).padStart(12)}`);
  }
  if (t.evShortfallKWh > 0 || t.missedSwaps > 0 || t.unservedKWh > 0 || t.curtailedKWh > 0) {
    lines.push('');
    lines.push(`Service: EV shortfall ${n1.format(t.evShortfallKWh)} kWh, missed swaps ${t.missedSwaps}, unserved ${n1.format(t.unservedKWh)} kWh, curtailed ${n1.format(t.curtailedKWh)} kWh`);
  }
  if (r.network !== undefined) lines.push('', ...networkLines(r.network, c));
  return `${lines.join('\n')}\n`;
}

/**
 * One line per mechanism: the figures that differ between mechanisms, and how each cleared its
 * feeders (`clearings`, in the same order). When they cleared differently (one jointly, one per
 * feeder) the rows are marked: their difference mixes the mechanism with the market's extent.
 */
export function comparisonTable(results: readonly SimulationResult[], clearings?: readonly string[]): string {
  const mixed = clearings !== undefined && new Set(clearings).size > 1;
  const lines = [`  ${'mechanism'.padEnd(16)} ${'traded kWh'.padStart(12)} ${'avg price'.padStart(10)} ${'welfare'.padStart(14)} ${'saving'.padStart(14)}${clearings === undefined ? '' : `  ${'clearing'.padEnd(12)}`}`];
  for (const [i, r] of results.entries()) {
    const t = r.totals;
    const clearing = clearings?.[i];
    const mark = mixed ? ' *' : '';
    lines.push(
      `  ${r.mechanism.padEnd(16)} ${n1.format(t.p2pTradedKWh).padStart(12)} ${(t.averageLocalPrice === null ? '-' : n0.format(t.averageLocalPrice)).padStart(10)} ${n0.format(t.welfare).padStart(14)} ${n0.format(t.communitySaving).padStart(14)}${clearing === undefined ? '' : `  ${clearing.padEnd(12)}${mark}`}`,
    );
  }
  const note = mixed
    ? '\n  * confounded: these mechanisms cleared the feeders differently (jointly vs each feeder apart), so their\n    difference mixes the mechanism with the market\'s extent; compare with: wattmarket sweep --clearing per-feeder\n'
    : '';
  return `Mechanisms compared on the same scenario and seed (${results[0]?.currency ?? ''})\n${lines.join('\n')}\n${note}`;
}

/** The network section of the summary: link flows and congestion, transformers, netting. */
function networkLines(net: NetworkResult, currency: string): string[] {
  const lines = ['Network (kWh; hours at the limit)'];
  for (const l of net.links) {
    lines.push(`  ${`link ${l.from} -> ${l.to}`.padEnd(26)} ${n1.format(l.flowKWh).padStart(14)}  (${n1.format(l.congestionHours)} h congested)`);
  }
  for (const t of net.transformers) {
    if (t.importLimitKWh === null && t.exportLimitKWh === null) continue;
    lines.push(`  ${`transformer ${t.zone}`.padEnd(26)} ${`${n1.format(t.importKWh)} in / ${n1.format(t.exportKWh)} out`.padStart(14)}  (${n1.format(t.importLimitHours)} h / ${n1.format(t.exportLimitHours)} h)`);
  }
  lines.push(`  ${'curtailed PV'.padEnd(26)} ${n1.format(net.curtailedPvKWh).padStart(14)}  (utility only: ${n1.format(net.baselineCurtailedPvKWh)})`);
  lines.push(`  ${'unserved load'.padEnd(26)} ${n1.format(net.unservedLoadKWh).padStart(14)}  (utility only: ${n1.format(net.baselineUnservedLoadKWh)})`);
  if (net.imbalanceNetting.mode !== 'off') {
    lines.push(`  ${`netting (${net.imbalanceNetting.mode})`.padEnd(26)} ${n1.format(net.imbalanceNetting.nettedKWh).padStart(14)}  (saving ${n0.format(net.imbalanceNetting.saving)} ${currency})`);
  }
  return lines;
}
