import type { SimulationResult } from '../simulation/simulation-result.js';
import type { ChartFigure } from './chart-figure.js';
import { escapeHtml } from './escape-html.js';
import type { FigureFormat } from './figure-format.js';
import { groupedBarChart } from './grouped-bars.js';
import { COLOURS } from './palette.js';
import type { ResolvedReportOptions } from './report-options.js';

/** One feeder's totals as the report shows them. */
export interface FeederRow {
  readonly zone: string;
  readonly participants: number;
  readonly generationKWh: number;
  readonly consumptionKWh: number;
  readonly boughtKWh: number;
  readonly soldKWh: number;
  /** Null for a result from before feeders' cross-feeder trades were recorded. */
  readonly boughtFromOtherZonesKWh: number | null;
  readonly soldToOtherZonesKWh: number | null;
  readonly gridImportKWh: number;
  readonly gridExportKWh: number;
  readonly netCost: number;
  readonly baselineNetCost: number;
}

/**
 * The feeders' totals: the result's `zones` when it has them, otherwise (a result written before
 * they existed) summed from its participants by zone in order of first appearance, without the
 * cross-feeder figures, which only the run saw.
 */
export function feederRows(result: SimulationResult): FeederRow[] {
  if (result.zones !== undefined) return result.zones.map((z) => ({ ...z }));
  const rows = new Map<string, { -readonly [K in keyof FeederRow]: FeederRow[K] }>();
  for (const p of result.participants) {
    let r = rows.get(p.zone);
    if (r === undefined) {
      r = { zone: p.zone, participants: 0, generationKWh: 0, consumptionKWh: 0, boughtKWh: 0, soldKWh: 0, boughtFromOtherZonesKWh: null, soldToOtherZonesKWh: null, gridImportKWh: 0, gridExportKWh: 0, netCost: 0, baselineNetCost: 0 };
      rows.set(p.zone, r);
    }
    r.participants++;
    r.generationKWh += p.generationKWh;
    r.consumptionKWh += p.consumptionKWh;
    r.boughtKWh += p.boughtKWh;
    r.soldKWh += p.soldKWh;
    r.gridImportKWh += p.gridImportKWh;
    r.gridExportKWh += p.gridExportKWh;
    r.netCost += p.netCost;
    r.baselineNetCost += p.baselineNetCost;
  }
  return [...rows.values()];
}

/** The table of the feeders: flows, local trades (and those across feeders), utility trades, costs; a total row. */
export function feederTable(result: SimulationResult, rows: readonly FeederRow[], f: FigureFormat): string {
  const maybe = (v: number | null): string => (v === null ? '\u2014' : f.energy(v));
  const sum = (g: (r: FeederRow) => number | null): number | null => (rows.some((r) => g(r) === null) ? null : rows.reduce((a, r) => a + (g(r) ?? 0), 0));
  const head = ['Feeder', 'Participants', 'Generation', 'Consumption', 'Bought locally', 'of which from other feeders', 'Sold locally', 'of which to other feeders', 'Grid import', 'Grid export', 'Net cost', 'Saving'];
  const cells = (r: FeederRow): string =>
    `<td class="num">${f.count(r.participants)}</td>` +
    [r.generationKWh, r.consumptionKWh, r.boughtKWh].map((v) => `<td class="num">${f.energy(v)}</td>`).join('') +
    `<td class="num">${maybe(r.boughtFromOtherZonesKWh)}</td><td class="num">${f.energy(r.soldKWh)}</td><td class="num">${maybe(r.soldToOtherZonesKWh)}</td>` +
    `<td class="num">${f.energy(r.gridImportKWh)}</td><td class="num">${f.energy(r.gridExportKWh)}</td>` +
    `<td class="num">${f.money(r.netCost)}</td><td class="num">${f.moneyChange(r.baselineNetCost - r.netCost)}</td>`;
  const body = rows.map((r) => `<tr data-zone="${escapeHtml(r.zone)}"><th scope="row">${escapeHtml(r.zone)}</th>${cells(r)}</tr>`).join('');
  const t = result.totals;
  const total: FeederRow = {
    zone: 'All feeders',
    participants: result.participants.length,
    generationKWh: t.generationKWh,
    consumptionKWh: t.consumptionKWh,
    boughtKWh: t.p2pTradedKWh,
    soldKWh: t.p2pTradedKWh,
    boughtFromOtherZonesKWh: sum((r) => r.boughtFromOtherZonesKWh),
    soldToOtherZonesKWh: sum((r) => r.soldToOtherZonesKWh),
    gridImportKWh: t.gridImportKWh,
    gridExportKWh: t.gridExportKWh,
    netCost: t.communityNetCost,
    baselineNetCost: t.baselineCommunityNetCost,
  };
  const th = head.map((h, i) => `<th scope="col"${i >= 1 ? ' class="num"' : ''}>${h}</th>`).join('');
  return (
    `<div class="scroll"><table class="data compact" id="feeder-table"><caption>Energy and cost by feeder (zone): local trades, trades across feeders and with the utility (${f.currency})</caption>` +
    `<thead><tr>${th}</tr></thead><tbody>${body}</tbody><tfoot><tr class="total"><th scope="row">All feeders</th>${cells(total)}</tr></tfoot></table></div>`
  );
}

/** A group of bars per feeder: generation, consumption, bought and sold locally, grid import and export. */
export function feederChart(rows: readonly FeederRow[], options: ResolvedReportOptions): ChartFigure {
  return groupedBarChart({
    figureId: 'figure-feeders',
    chartId: 'chart-feeders',
    title: 'Energy by feeder',
    description: `Generation, consumption, energy bought and sold locally, grid import and grid export in kWh over the run, one group of bars per feeder, ${rows.length} feeders.`,
    caption:
      'Each feeder\u2019s flows over the whole run: generation and consumption of its participants, what they bought and sold locally ' +
      '(from and to any feeder), and what they bought from and sold to the utility.',
    groups: rows.map((r) => r.zone),
    series: [
      { name: 'generation', label: 'Generation', colour: COLOURS.generation, values: rows.map((r) => r.generationKWh) },
      { name: 'consumption', label: 'Consumption', colour: COLOURS.consumption, values: rows.map((r) => r.consumptionKWh) },
      { name: 'bought', label: 'Bought locally', colour: COLOURS.localTrades, values: rows.map((r) => r.boughtKWh) },
      { name: 'sold', label: 'Sold locally', colour: COLOURS.sold, values: rows.map((r) => r.soldKWh) },
      { name: 'grid-import', label: 'Grid import', colour: COLOURS.gridImport, values: rows.map((r) => r.gridImportKWh) },
      { name: 'grid-export', label: 'Grid export', colour: COLOURS.gridExport, values: rows.map((r) => r.gridExportKWh) },
    ],
    valueTitle: 'kWh over the run',
    groupTitle: 'Feeder (zone)',
    unit: 'kWh',
    decimals: options.energyDecimals,
    plotHeight: 240,
  });
}
