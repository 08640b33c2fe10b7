import type { ChartFigure } from './chart-figure.js';
import { extent } from './chart-figure.js';
import { chartLayout, LEGEND_LEFT, LEGEND_TOP, plotWidth } from './chart-layout.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';
import { linearScale, niceTicks } from './scale.js';
import { bandAxis, plotNote, valueAxis } from './svg-axes.js';
import { coord, svgChart } from './svg-elements.js';
import { legend } from './svg-legend.js';

/** One series of a grouped bar chart: a bar in every group. */
export interface BarSeries {
  /** Its name in `data-series`. */
  readonly name: string;
  /** Its legend label. */
  readonly label: string;
  /** Its colour. */
  readonly colour: string;
  /** Its value in each group. */
  readonly values: readonly number[];
}

/** What a grouped bar chart shows. */
export interface GroupedBars {
  /** The figure's and the svg's ids. */
  readonly figureId: string;
  readonly chartId: string;
  /** Heading, accessible description and caption (plain text). */
  readonly title: string;
  readonly description: string;
  readonly caption: string;
  /** The groups' labels, in order (plain text, escaped when drawn). */
  readonly groups: readonly string[];
  readonly series: readonly BarSeries[];
  /** Axis titles, the unit in each bar's tooltip, and the decimals shown there. */
  readonly valueTitle: string;
  readonly groupTitle: string;
  readonly unit: string;
  readonly decimals: number;
  readonly plotHeight: number;
}

/** Room a group label needs before labels of narrow groups are skipped. */
const LABEL_WIDTH = 80;

/**
 * A chart of one group of bars per label (a feeder, a period), one bar per series, on a value
 * axis from 0; every bar has a `<title>` (its group, series and value) that a browser shows on
 * hover. Labels longer than fit are cut with an ellipsis on the axis (the full text stays in the
 * bars' titles).
 */
export function groupedBarChart(c: GroupedBars): ChartFigure {
  const key = legend(c.series.map((s) => ({ label: s.label, colour: s.colour, swatch: 'bar' as const })), LEGEND_LEFT, LEGEND_TOP, plotWidth(false));
  const layout = chartLayout(key.height, false, c.plotHeight);
  const { plot } = layout;
  const bottom = plot.top + plot.height;
  const groups = c.groups.length;
  const range = extent(c.series.map((s) => s.values)) ?? [0, 0];
  const ticks = niceTicks(Math.min(0, range[0]), Math.max(0, range[1]));
  const y = linearScale([ticks.min, ticks.max], [bottom, plot.top]);
  const y0 = y.map(0);
  let body = key.markup;
  body += valueAxis(plot, { side: 'left', scale: y, ticks, title: c.valueTitle }, layout.width);
  const groupWidth = plot.width / Math.max(1, groups);
  const barWidth = Math.min(28, (groupWidth * 0.8) / Math.max(1, c.series.length));
  const groupPad = (groupWidth - barWidth * c.series.length) / 2;
  const labelEvery = Math.max(1, Math.ceil(LABEL_WIDTH / groupWidth));
  const maxChars = Math.max(4, Math.floor((groupWidth * labelEvery) / 7) - 1);
  const labels: { x: number; label: string }[] = [];
  c.groups.forEach((group, g) => {
    const gx = plot.left + g * groupWidth;
    if (g % labelEvery === 0) labels.push({ x: gx + groupWidth / 2, label: group.length > maxChars ? `${group.slice(0, maxChars - 1)}\u2026` : group });
    body += `<g class="bars" data-group="${g}">`;
    c.series.forEach((s, k) => {
      const value = s.values[g] ?? 0;
      const top = Math.min(y.map(value), y0);
      const tip = `${group}: ${s.label.toLowerCase()} ${formatNumber(value, c.decimals)} ${c.unit}`;
      body +=
        `<rect data-series="${s.name}" x="${coord(gx + groupPad + k * barWidth)}" y="${coord(top)}" ` +
        `width="${coord(barWidth)}" height="${coord(Math.abs(y.map(value) - y0))}" fill="${s.colour}"><title>${escapeHtml(tip)}</title></rect>`;
    });
    body += '</g>';
  });
  body += bandAxis(plot, labels, c.groupTitle);
  if (groups === 0) body += plotNote(plot, 'Nothing to show');
  const svg = svgChart({ id: c.chartId, width: layout.width, height: layout.height, title: c.title, description: c.description, body });
  return { id: c.figureId, heading: c.title, svg, caption: c.caption };
}
