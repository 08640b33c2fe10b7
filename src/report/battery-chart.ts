import type { SimulationResult } from '../simulation/simulation-result.js';
import { downsampleNote, type ChartFigure } from './chart-figure.js';
import { chartLayout, LEGEND_LEFT, LEGEND_TOP, plotWidth } from './chart-layout.js';
import { downsampleMinMax } from './downsample.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { seriesColour, seriesDashed } from './palette.js';
import type { ResolvedReportOptions } from './report-options.js';
import { linearScale, type NiceTicks } from './scale.js';
import { plotNote, timeAxis, valueAxis } from './svg-axes.js';
import { linePath, svgChart } from './svg-elements.js';
import { legend } from './svg-legend.js';
import { formatUtcOffset, timeTicks, type IntervalTimeline } from './time-axis.js';

const PLOT_HEIGHT = 220;
const PERCENT_TICKS: NiceTicks = { min: 0, max: 1, step: 0.25, decimals: 0, values: [0, 0.25, 0.5, 0.75, 1] };

/**
 * Chart (b): the state of charge of each stationary battery, 0 to 100%, one line per battery
 * in the order of the result. Undefined svg when the scenario has no battery.
 */
export function batteryChart(result: SimulationResult, options: ResolvedReportOptions, timeline: IntervalTimeline): ChartFigure {
  const title = 'Battery state of charge';
  const soc = result.series.batterySoc;
  const ids = Object.keys(soc);
  const n = result.series.time.length;
  if (ids.length === 0) {
    return { id: 'figure-battery', heading: title, svg: undefined, caption: 'This scenario has no stationary battery.' };
  }
  const key = legend(
    ids.map((id, i) => ({ label: id, colour: seriesColour(i), swatch: seriesDashed(i) ? ('dashed' as const) : ('line' as const) })),
    LEGEND_LEFT,
    LEGEND_TOP,
    plotWidth(false),
  );
  const layout = chartLayout(key.height, false, PLOT_HEIGHT);
  const { plot } = layout;
  const y = linearScale([0, 1], [plot.top + plot.height, plot.top]);
  const x = linearScale([0, Math.max(1, n)], [plot.left, plot.left + plot.width]);
  let body = key.markup;
  body += valueAxis(plot, { side: 'left', scale: y, ticks: PERCENT_TICKS, title: 'State of charge', format: (v) => `${v * 100}%` }, layout.width);
  body += timeAxis(plot, x, timeTicks(timeline), `Local time (${formatUtcOffset(result.utcOffsetMinutes)})`);
  if (n === 0) body += plotNote(plot, 'No intervals in this run');
  const width = n > options.maxPoints ? 1 : 1.6;
  ids.forEach((id, i) => {
    const values = soc[id] ?? [];
    const dash = seriesDashed(i) ? ' stroke-dasharray="6 3"' : '';
    const d = linePath(downsampleMinMax(values, options.maxPoints).map((p) => ({ x: x.map(p.index + 0.5), y: p.value === null ? null : y.map(p.value) })));
    if (d !== '') {
      body += `<path data-series="soc" d="${d}" fill="none" stroke="${seriesColour(i)}" stroke-width="${width}"${dash} stroke-linejoin="round" stroke-linecap="round"><title>${escapeHtml(id)}</title></path>`;
    }
  });
  const svg = svgChart({
    id: 'chart-battery',
    width: layout.width,
    height: layout.height,
    title,
    description: `State of charge from 0 to 100% of ${formatNumber(ids.length, 0)} stationary ${ids.length === 1 ? 'battery' : 'batteries'} over ${formatNumber(n, 0)} intervals.`,
    body,
  });
  const caption =
    `State of charge of each stationary battery per interval, from empty (0%) to full (100%).` +
    downsampleNote(n, options.maxPoints);
  return { id: 'figure-battery', heading: title, svg, caption };
}
