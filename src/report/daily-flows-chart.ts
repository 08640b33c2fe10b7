import type { SimulationResult } from '../simulation/simulation-result.js';
import { extent, type ChartFigure } from './chart-figure.js';
import { chartLayout, LEGEND_LEFT, LEGEND_TOP, plotWidth } from './chart-layout.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { COLOURS } from './palette.js';
import { periodTotals } from './period-totals.js';
import type { ResolvedReportOptions } from './report-options.js';
import { linearScale, niceTicks } from './scale.js';
import { bandAxis, plotNote, valueAxis } from './svg-axes.js';
import { coord, svgChart } from './svg-elements.js';
import { legend } from './svg-legend.js';
import { dayStartMs, formatDayMonth, type IntervalTimeline } from './time-axis.js';

const PLOT_HEIGHT = 260;
// Room a tick label such as '30 Sep' needs, so labels of narrow groups skip some groups.
const LABEL_WIDTH = 56;

/**
 * Chart (c): the energy flows of each local day as a group of five bars (generation,
 * consumption, grid import, grid export, traded locally); for runs longer than 62 days each
 * group covers 7 days (or more), as the caption says. Every bar carries a `<title>` with its
 * period and value, which a browser shows on hover.
 */
export function dailyFlowsChart(result: SimulationResult, options: ResolvedReportOptions, timeline: IntervalTimeline): ChartFigure {
  const totals = periodTotals(result.series, timeline);
  const flows = [
    { name: 'generation', label: 'Generation', colour: COLOURS.generation, values: totals.generationKWh },
    { name: 'consumption', label: 'Consumption', colour: COLOURS.consumption, values: totals.consumptionKWh },
    { name: 'grid-import', label: 'Grid import', colour: COLOURS.gridImport, values: totals.gridImportKWh },
    { name: 'grid-export', label: 'Grid export', colour: COLOURS.gridExport, values: totals.gridExportKWh },
    { name: 'traded', label: 'Traded locally', colour: COLOURS.localTrades, values: totals.p2pTradedKWh },
  ] as const;
  const key = legend(
    flows.map((f) => ({ label: f.label, colour: f.colour, swatch: 'bar' as const })),
    LEGEND_LEFT,
    LEGEND_TOP,
    plotWidth(false),
  );
  const layout = chartLayout(key.height, false, PLOT_HEIGHT);
  const { plot } = layout;
  const bottom = plot.top + plot.height;
  const groups = totals.firstDay.length;
  const range = extent(flows.map((f) => f.values)) ?? [0, 0];
  const ticks = niceTicks(Math.min(0, range[0]), Math.max(0, range[1]));
  const y = linearScale([ticks.min, ticks.max], [bottom, plot.top]);
  const y0 = y.map(0);
  const perDay = totals.daysPerPeriod === 1;
  const periodName = perDay ? 'day' : `${totals.daysPerPeriod} days`;

  let body = key.markup;
  body += valueAxis(plot, { side: 'left', scale: y, ticks, title: perDay ? 'kWh per day' : `kWh per ${periodName}` }, layout.width);
  const groupWidth = plot.width / Math.max(1, groups);
  // Bars take 80% of their group, but no more than 28 units each: a run of a day or two
  // would otherwise get slabs a fifth of the chart wide.
  const barWidth = Math.min(28, (groupWidth * 0.8) / flows.length);
  const groupPad = (groupWidth - barWidth * flows.length) / 2;
  const labelEvery = Math.max(1, Math.ceil(LABEL_WIDTH / groupWidth));
  const labels: { x: number; label: string }[] = [];
  for (let p = 0; p < groups; p++) {
    const gx = plot.left + p * groupWidth;
    const dayLabel = formatDayMonth(dayStartMs(totals.firstDay[p] ?? 0));
    const periodLabel = perDay ? dayLabel : `${totals.daysPerPeriod} days from ${dayLabel}`;
    if (p % labelEvery === 0) labels.push({ x: gx + groupWidth / 2, label: dayLabel });
    body += `<g class="bars" data-period="${p}">`;
    flows.forEach((flow, k) => {
      const value = flow.values[p] ?? 0;
      const top = Math.min(y.map(value), y0);
      const height = Math.abs(y.map(value) - y0);
      const tip = `${periodLabel}: ${flow.label.toLowerCase()} ${formatNumber(value, options.energyDecimals)} kWh`;
      body +=
        `<rect data-series="${flow.name}" x="${coord(gx + groupPad + k * barWidth)}" y="${coord(top)}" ` +
        `width="${coord(barWidth)}" height="${coord(height)}" fill="${flow.colour}"><title>${escapeHtml(tip)}</title></rect>`;
    });
    body += '</g>';
  }
  body += bandAxis(plot, labels, perDay ? 'Local day' : `Local ${periodName}, by first day`);
  if (groups === 0) body += plotNote(plot, 'No intervals in this run');
  const title = perDay ? 'Daily energy flows' : `Energy flows per ${periodName}`;
  const svg = svgChart({
    id: 'chart-daily',
    width: layout.width,
    height: layout.height,
    title,
    description: `Generation, consumption, grid import, grid export and energy traded locally in kWh, one group of bars per ${periodName}, ${formatNumber(groups, 0)} groups.`,
    body,
  });
  const full = (totals.daysPerPeriod * 1440) / result.intervalMinutes;
  const partial = totals.intervals.some((count) => count < full);
  const caption =
    `Energy flows of the whole community per ${perDay ? 'local day' : `${periodName} (one group per ${periodName} from the first day, so a long run stays readable)`}: ` +
    `generation, consumption, import from and export to the utility, and energy traded locally.` +
    (partial ? ` The first or last group covers only part of a ${perDay ? 'day' : 'period'}.` : '');
  return { id: 'figure-daily', heading: title, svg, caption };
}
