import type { SimulationResult } from '../simulation/simulation-result.js';
import { escapeHtml } from './escape-html.js';
import { share, type FigureFormat } from './figure-format.js';
import { formatNumber } from './format-number.js';

/** A bar in a table cell whose length is `value` against the largest magnitude in its column. */
function savingBar(value: number, largest: number): string {
  if (largest === 0 || value === 0) return '';
  const width = formatNumber((Math.abs(value) / largest) * 100, 1);
  return `<span class="bar ${value < 0 ? 'neg' : 'pos'}" style="width:${width}%"></span>`;
}

/** The net cost, baseline and saving of each participant type, and of the whole community. */
export function typeTable(result: SimulationResult, f: FigureFormat): string {
  const largest = result.byType.reduce((m, t) => Math.max(m, Math.abs(t.saving)), 0);
  const rows = result.byType
    .map((t) => {
      const pct = f.percent(share(t.saving, Math.abs(t.baselineNetCost)));
      return (
        `<tr><th scope="row">${escapeHtml(t.type)}</th><td class="num">${f.count(t.participants)}</td>` +
        `<td class="num">${f.money(t.netCost)}</td><td class="num">${f.money(t.baselineNetCost)}</td>` +
        `<td class="num">${f.moneyChange(t.saving)}</td><td class="num">${pct}</td><td class="bar-cell">${savingBar(t.saving, largest)}</td></tr>`
      );
    })
    .join('');
  const tt = result.totals;
  const all =
    `<tr class="total"><th scope="row">All participants</th><td class="num">${f.count(result.participants.length)}</td>` +
    `<td class="num">${f.money(tt.communityNetCost)}</td><td class="num">${f.money(tt.baselineCommunityNetCost)}</td>` +
    `<td class="num">${f.moneyChange(tt.communitySaving)}</td><td class="num">${f.percent(share(tt.communitySaving, Math.abs(tt.baselineCommunityNetCost)))}</td><td></td></tr>`;
  return (
    `<div class="scroll"><table class="data"><caption>Net cost by participant type, with local trading and with the utility alone (${f.currency})</caption>` +
    `<thead><tr><th scope="col">Type</th><th scope="col" class="num">Participants</th><th scope="col" class="num">Net cost</th>` +
    `<th scope="col" class="num">Utility only</th><th scope="col" class="num">Saving</th><th scope="col" class="num">Saving %</th><th scope="col"><span class="sr">Saving bar</span></th></tr></thead>` +
    `<tbody>${rows}</tbody><tfoot>${all}</tfoot></table></div>`
  );
}

/** Every participant's flows and costs, in scenario order. */
export function participantTable(result: SimulationResult, f: FigureFormat): string {
  const head = ['Participant', 'Type', 'Zone', 'Agent', 'Generation', 'Consumption', 'Bought locally', 'Sold locally', 'Grid import', 'Grid export', 'Net cost', 'Utility only', 'Saving'];
  const rows = result.participants
    .map(
      (p) =>
        `<tr><th scope="row">${escapeHtml(p.id)}</th><td>${escapeHtml(p.type)}</td><td>${escapeHtml(p.zone)}</td><td>${escapeHtml(p.agent)}</td>` +
        [p.generationKWh, p.consumptionKWh, p.boughtKWh, p.soldKWh, p.gridImportKWh, p.gridExportKWh].map((v) => `<td class="num">${f.energy(v)}</td>`).join('') +
        `<td class="num">${f.money(p.netCost)}</td><td class="num">${f.money(p.baselineNetCost)}</td>` +
        `<td class="num">${f.moneyChange(p.baselineNetCost - p.netCost)}</td></tr>`,
    )
    .join('');
  const th = head.map((h, i) => `<th scope="col"${i >= 4 ? ' class="num"' : ''}>${h}</th>`).join('');
  return (
    `<details><summary>All ${f.count(result.participants.length)} participants</summary>` +
    `<div class="scroll"><table class="data compact"><thead><tr>${th}</tr></thead><tbody>${rows}</tbody></table></div></details>`
  );
}
