import type { PlotArea } from './chart-layout.js';
import { formatNumber } from './format-number.js';
import { COLOURS } from './palette.js';
import type { LinearScale, NiceTicks } from './scale.js';
import { coord, svgLine, svgText } from './svg-elements.js';
import type { TimeTick } from './time-axis.js';

/** A value axis on the left (with horizontal grid lines) or on the right of the plot. */
export interface ValueAxis {
  /** Which side. */
  readonly side: 'left' | 'right';
  /** The scale (domain: the ticks' range; range: the plot's bottom to top). */
  readonly scale: LinearScale;
  /** The ticks. */
  readonly ticks: NiceTicks;
  /** The axis title, e.g. `'kWh per interval'`. */
  readonly title: string;
  /** Tick label text; default: the value with thousands separators and the ticks' decimals. */
  readonly format?: (value: number) => string;
}

/**
 * A value axis: its line, tick labels (with grid lines across the plot for the left axis) and
 * its title, turned to read along the axis at the chart's outer edge.
 */
export function valueAxis(plot: PlotArea, axis: ValueAxis, chartWidth: number): string {
  const left = axis.side === 'left';
  const edge = left ? plot.left : plot.left + plot.width;
  const format = axis.format ?? ((v: number) => formatNumber(v, axis.ticks.decimals));
  let out = '';
  for (const value of axis.ticks.values) {
    const y = axis.scale.map(value);
    if (left) out += svgLine(plot.left, y, plot.left + plot.width, y, `stroke="${COLOURS.grid}"`);
    out += svgLine(edge, y, edge + (left ? -5 : 5), y, `stroke="${COLOURS.axis}"`);
    out += svgText(edge + (left ? -8 : 8), y, format(value), `class="tick" text-anchor="${left ? 'end' : 'start'}" dy="0.32em"`);
  }
  out += svgLine(edge, plot.top, edge, plot.top + plot.height, `stroke="${COLOURS.axis}"`);
  const tx = left ? 16 : chartWidth - 14;
  const ty = plot.top + plot.height / 2;
  out += svgText(tx, ty, axis.title, `class="axis-title" text-anchor="middle" transform="rotate(${left ? -90 : 90} ${coord(tx)} ${coord(ty)})"`);
  return out;
}

/** The x axis of a time series: tick marks, light vertical grid lines, labels and a title. */
export function timeAxis(plot: PlotArea, x: LinearScale, ticks: readonly TimeTick[], title: string): string {
  const bottom = plot.top + plot.height;
  let out = '';
  for (const tick of ticks) {
    const px = x.map(tick.position);
    out += svgLine(px, plot.top, px, bottom, `stroke="${COLOURS.grid}"`);
    out += svgLine(px, bottom, px, bottom + 5, `stroke="${COLOURS.axis}"`);
    out += svgText(px, bottom + 19, tick.label, 'class="tick" text-anchor="middle"');
  }
  out += svgLine(plot.left, bottom, plot.left + plot.width, bottom, `stroke="${COLOURS.axis}"`);
  out += svgText(plot.left + plot.width / 2, bottom + 42, title, 'class="axis-title" text-anchor="middle"');
  return out;
}

/** The x axis of a bar chart: a label under each labelled group, and a title. */
export function bandAxis(plot: PlotArea, labels: readonly { readonly x: number; readonly label: string }[], title: string): string {
  const bottom = plot.top + plot.height;
  let out = svgLine(plot.left, bottom, plot.left + plot.width, bottom, `stroke="${COLOURS.axis}"`);
  for (const { x, label } of labels) {
    out += svgLine(x, bottom, x, bottom + 5, `stroke="${COLOURS.axis}"`);
    out += svgText(x, bottom + 19, label, 'class="tick" text-anchor="middle"');
  }
  out += svgText(plot.left + plot.width / 2, bottom + 42, title, 'class="axis-title" text-anchor="middle"');
  return out;
}

/** A centred note inside an empty plot ("No trades in this run"). */
export function plotNote(plot: PlotArea, text: string): string {
  return svgText(plot.left + plot.width / 2, plot.top + plot.height / 2, text, 'class="note" text-anchor="middle"');
}
