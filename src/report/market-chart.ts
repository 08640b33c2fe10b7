import type { SimulationResult } from '../simulation/simulation-result.js';
import { downsampleNote, extent, type ChartFigure } from './chart-figure.js';
import { chartLayout, LEGEND_LEFT, LEGEND_TOP, plotWidth } from './chart-layout.js';
import { downsampleMinMax } from './downsample.js';
import { formatNumber } from './format-number.js';
import { COLOURS } from './palette.js';
import type { ResolvedReportOptions } from './report-options.js';
import { linearScale, niceTicks } from './scale.js';
import { plotNote, timeAxis, valueAxis } from './svg-axes.js';
import { areaPath, linePath, svgChart, svgLine } from './svg-elements.js';
import { legend } from './svg-legend.js';
import { formatUtcOffset, timeTicks, type IntervalTimeline } from './time-axis.js';

const PLOT_HEIGHT = 300;

/**
 * Chart (a): per interval, the demand and supply offered to the market and the energy traded
 * locally (kWh, left axis), and the clearing price (right axis) against the utility's retail
 * and feed-in tariffs, drawn as dashed reference lines. The price line breaks where nothing
 * traded.
 */
export function marketChart(result: SimulationResult, options: ResolvedReportOptions, timeline: IntervalTimeline): ChartFigure {
  const { series, tariff, currency } = result;
  const n = series.time.length;
  const items = [
    { label: 'Demand offered', colour: COLOURS.consumption, swatch: 'line' },
    { label: 'Supply offered', colour: COLOURS.generation, swatch: 'line' },
    { label: 'Traded locally', colour: COLOURS.localTrades, swatch: 'area' },
    { label: `Clearing price (right axis)`, colour: COLOURS.price, swatch: 'line' },
    { label: `Retail tariff ${formatNumber(tariff.retailPrice, options.priceDecimals)}`, colour: COLOURS.retail, swatch: 'dashed' },
    { label: `Feed-in tariff ${formatNumber(tariff.feedInPrice, options.priceDecimals)}`, colour: COLOURS.feedIn, swatch: 'dashed' },
  ] as const;
  const key = legend(items, LEGEND_LEFT, LEGEND_TOP, plotWidth(true));
  const layout = chartLayout(key.height, true, PLOT_HEIGHT);
  const { plot } = layout;
  const bottom = plot.top + plot.height;

  const energy = extent([series.demandKWh, series.supplyKWh, series.p2pTradedKWh]) ?? [0, 0];
  const leftTicks = niceTicks(Math.min(0, energy[0]), energy[1]);
  const left = linearScale([leftTicks.min, leftTicks.max], [bottom, plot.top]);
  const prices = extent([series.price, [tariff.retailPrice, tariff.feedInPrice]]) ?? [0, 0];
  const rightTicks = niceTicks(prices[0], prices[1]);
  const right = linearScale([rightTicks.min, rightTicks.max], [bottom, plot.top]);
  const x = linearScale([0, Math.max(1, n)], [plot.left, plot.left + plot.width]);
  const unit = `${currency}/kWh`;

  let body = key.markup;
  body += valueAxis(plot, { side: 'left', scale: left, ticks: leftTicks, title: `kWh per ${result.intervalMinutes}-minute interval` }, layout.width);
  body += valueAxis(plot, { side: 'right', scale: right, ticks: rightTicks, title: `Price (${unit})` }, layout.width);
  body += timeAxis(plot, x, timeTicks(timeline), `Local time (${formatUtcOffset(result.utcOffsetMinutes)})`);
  if (n === 0) {
    body += plotNote(plot, 'No intervals in this run');
  } else {
    const at = (index: number): number => x.map(index + 0.5);
    // A lone priced interval is drawn as a level dash across its interval (at least 3 units).
    const intervalWidth = Math.max(3, plot.width / n);
    const traded = downsampleMinMax(series.p2pTradedKWh, options.maxPoints).map((p) => ({ x: at(p.index), y: left.map(p.value ?? 0) }));
    body += `<path data-series="traded" d="${areaPath(traded, left.map(0))}" fill="${COLOURS.localTrades}" fill-opacity="0.3" stroke="${COLOURS.localTrades}" stroke-width="1"/>`;
    const line = (name: string, values: readonly (number | null)[], colour: string, y: (v: number) => number, width: number): string => {
      const d = linePath(
        downsampleMinMax(values, options.maxPoints).map((p) => ({ x: at(p.index), y: p.value === null ? null : y(p.value) })),
        intervalWidth,
      );
      return d === '' ? '' : `<path data-series="${name}" d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"/>`;
    };
    // A downsampled line zigzags between each bucket's extremes: thinner strokes keep it legible.
    const thin = n > options.maxPoints ? 0.6 : 1;
    body += line('demand', series.demandKWh, COLOURS.consumption, left.map, 1.6 * thin);
    body += line('supply', series.supplyKWh, COLOURS.generation, left.map, 1.6 * thin);
    body += svgLine(plot.left, right.map(tariff.retailPrice), plot.left + plot.width, right.map(tariff.retailPrice), `data-series="retail" stroke="${COLOURS.retail}" stroke-width="1.5" stroke-dasharray="6 4"`);
    body += svgLine(plot.left, right.map(tariff.feedInPrice), plot.left + plot.width, right.map(tariff.feedInPrice), `data-series="feed-in" stroke="${COLOURS.feedIn}" stroke-width="1.5" stroke-dasharray="6 4"`);
    body += line('price', series.price, COLOURS.price, right.map, 1.3 * thin);
    if (series.price.every((p) => p === null)) body += plotNote(plot, 'No local trades: no clearing price');
  }
  const title = 'Demand, supply and local price per interval';
  const svg = svgChart({
    id: 'chart-market',
    width: layout.width,
    height: layout.height,
    title,
    description: `Demand and supply offered and energy traded locally in kWh per interval, with the clearing price in ${unit} against the retail and feed-in tariffs, over ${formatNumber(n, 0)} intervals.`,
    body,
  });
  const caption =
    `Demand and supply offered to the market and the energy traded locally in each ${result.intervalMinutes}-minute interval ` +
    `(left axis, kWh), and the clearing price (right axis, ${unit}; the line breaks where nothing traded) between the ` +
    `utility's feed-in and retail tariffs (dashed).${downsampleNote(n, options.maxPoints)}`;
  return { id: 'figure-market', heading: title, svg, caption };
}
