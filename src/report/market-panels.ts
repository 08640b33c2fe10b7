import type { NiceTicks } from './scale.js';
import type { PlotArea } from './chart-layout.js';
import { CHART_WIDTH, LEGEND_LEFT, LEGEND_TOP, plotWidth } from './chart-layout.js';
import { downsampleMinMax } from './downsample.js';
import { formatNumber } from './format-number.js';
import { COLOURS } from './palette.js';
import { linearScale } from './scale.js';
import { plotNote, timeAxis, valueAxis } from './svg-axes.js';
import { areaPath, linePath, stepPath, svgChart, svgLine } from './svg-elements.js';
import { legend } from './svg-legend.js';
import type { TimeTick } from './time-axis.js';

/** The market's series over the intervals a chart shows (one entry per interval). */
export interface MarketSeries {
  /** Bids: the energy offered to buy, kWh. */
  readonly demandKWh: readonly number[];
  /** Asks: the energy offered to sell, kWh. */
  readonly supplyKWh: readonly number[];
  /** Traded locally, kWh. */
  readonly p2pTradedKWh: readonly number[];
  /** The clearing price, or null when nothing traded. */
  readonly price: readonly (number | null)[];
}

/** Everything one market chart (an energy panel above a price panel) is drawn from. */
export interface MarketPanelsInput {
  /** The svg's id. */
  readonly id: string;
  /** Accessible title and description (plain text). */
  readonly title: string;
  readonly description: string;
  /** The series; `offset` places the first of them on the x axis. */
  readonly series: MarketSeries;
  /** Position (in intervals) of the series' first interval on the x axis. */
  readonly offset: number;
  /** Intervals the x axis spans. */
  readonly span: number;
  /** Ticks of the time axis (positions in intervals from the axis' start) and its title. */
  readonly timeTicks: readonly TimeTick[];
  readonly timeTitle: string;
  /** The energy axis' ticks and title, and the price axis' ticks and unit (shared by the day charts of a run). */
  readonly energyTicks: NiceTicks;
  readonly energyTitle: string;
  readonly priceTicks: NiceTicks;
  readonly priceUnit: string;
  /** The tariffs drawn as reference lines, and their decimals in the legend. */
  readonly tariff: { readonly retailPrice: number; readonly feedInPrice: number };
  readonly priceDecimals: number;
  /** Panel heights: energy above, price below. */
  readonly energyHeight: number;
  readonly priceHeight: number;
  /** The most points drawn per line. */
  readonly maxPoints: number;
}

/** Room between the energy panel's bottom and the price panel's top. */
const PANEL_GAP = 22;
const BOTTOM_MARGIN = 50;
const LEGEND_GAP = 14;

/** The legend's labels: what each series of the market chart is (bids and asks named as such). */
export function marketLegend(tariff: MarketPanelsInput['tariff'], priceDecimals: number) {
  return [
    { label: 'Bids (energy offered to buy)', colour: COLOURS.consumption, swatch: 'line' },
    { label: 'Asks (energy offered to sell)', colour: COLOURS.generation, swatch: 'line' },
    { label: 'Traded locally', colour: COLOURS.localTrades, swatch: 'area' },
    { label: 'Clearing price (held for the interval)', colour: COLOURS.price, swatch: 'line' },
    { label: `Retail tariff ${formatNumber(tariff.retailPrice, priceDecimals)}`, colour: COLOURS.retail, swatch: 'dashed' },
    { label: `Feed-in tariff ${formatNumber(tariff.feedInPrice, priceDecimals)}`, colour: COLOURS.feedIn, swatch: 'dashed' },
  ] as const;
}

/**
 * One market chart: on top, bids and asks (the energy offered to buy and to sell) as lines and
 * the energy traded locally as an area, in kWh per interval; below, in its own panel on its own
 * axis, the clearing price as a step line (a price holds for its whole interval) between the
 * retail and feed-in tariffs, dashed. Both panels share the time axis, labelled under the price.
 * The price line breaks where nothing traded.
 */
export function marketPanels(input: MarketPanelsInput): string {
  const key = legend(marketLegend(input.tariff, input.priceDecimals), LEGEND_LEFT, LEGEND_TOP, plotWidth(false));
  const left = LEGEND_LEFT;
  const width = plotWidth(false);
  const top = LEGEND_TOP + key.height + LEGEND_GAP;
  const energyPlot: PlotArea = { left, top, width, height: input.energyHeight };
  const pricePlot: PlotArea = { left, top: top + input.energyHeight + PANEL_GAP, width, height: input.priceHeight };
  const height = pricePlot.top + pricePlot.height + BOTTOM_MARGIN;
  const s = input.series;
  const n = s.price.length;
  // A day's last interval may run past midnight (intervals not aligned to it): the axis covers it.
  const span = Math.max(1, input.span, input.offset + n);
  const x = linearScale([0, span], [left, left + width]);
  const energy = linearScale([input.energyTicks.min, input.energyTicks.max], [energyPlot.top + energyPlot.height, energyPlot.top]);
  const price = linearScale([input.priceTicks.min, input.priceTicks.max], [pricePlot.top + pricePlot.height, pricePlot.top]);

  let body = key.markup;
  body += valueAxis(energyPlot, { side: 'left', scale: energy, ticks: input.energyTicks, title: input.energyTitle }, CHART_WIDTH);
  body += valueAxis(pricePlot, { side: 'left', scale: price, ticks: input.priceTicks, title: `Price (${input.priceUnit})` }, CHART_WIDTH);
  // The energy panel gets the time grid and a base line; its labels are the price panel's.
  const energyBottom = energyPlot.top + energyPlot.height;
  for (const tick of input.timeTicks) body += svgLine(x.map(tick.position), energyPlot.top, x.map(tick.position), energyBottom, `stroke="${COLOURS.grid}"`);
  body += svgLine(left, energyBottom, left + width, energyBottom, `stroke="${COLOURS.axis}"`);
  body += timeAxis(pricePlot, x, input.timeTicks, input.timeTitle);
  if (n === 0) return frame(input, height, body + plotNote(energyPlot, 'No intervals in this run'));

  const at = (index: number): number => x.map(input.offset + index + 0.5);
  const edge = (index: number): number => x.map(input.offset + index);
  const intervalWidth = Math.max(3, width / span);
  const traded = downsampleMinMax(s.p2pTradedKWh, input.maxPoints).map((p) => ({ x: at(p.index), y: energy.map(p.value ?? 0) }));
  body += `<path data-series="traded" d="${areaPath(traded, energy.map(0))}" fill="${COLOURS.localTrades}" fill-opacity="0.3" stroke="${COLOURS.localTrades}" stroke-width="1"/>`;
  // A downsampled line zigzags between each bucket's extremes: thinner strokes keep it legible.
  const thin = n > input.maxPoints ? 0.6 : 1;
  const line = (name: string, values: readonly number[], colour: string): string => {
    const d = linePath(downsampleMinMax(values, input.maxPoints).map((p) => ({ x: at(p.index), y: p.value === null ? null : energy.map(p.value) })), intervalWidth);
    return d === '' ? '' : `<path data-series="${name}" d="${d}" fill="none" stroke="${colour}" stroke-width="${1.6 * thin}" stroke-linejoin="round" stroke-linecap="round"/>`;
  };
  body += line('demand', s.demandKWh, COLOURS.consumption);
  body += line('supply', s.supplyKWh, COLOURS.generation);
  const right = left + width;
  body += svgLine(left, price.map(input.tariff.retailPrice), right, price.map(input.tariff.retailPrice), `data-series="retail" stroke="${COLOURS.retail}" stroke-width="1.5" stroke-dasharray="6 4"`);
  body += svgLine(left, price.map(input.tariff.feedInPrice), right, price.map(input.tariff.feedInPrice), `data-series="feed-in" stroke="${COLOURS.feedIn}" stroke-width="1.5" stroke-dasharray="6 4"`);
  // Each drawn price holds from its interval's start to the next drawn point's (every interval
  // when nothing is downsampled; a bucket's extremes otherwise). A step takes two points, so the
  // prices are downsampled to half the points: the line keeps to maxPoints like the others.
  const points = downsampleMinMax(s.price, priceValues(input.maxPoints));
  const steps = stepPath(
    points.map((p, k) => ({ x0: edge(p.index), x1: edge(points[k + 1]?.index ?? n), y: p.value === null ? null : price.map(p.value) })),
  );
  if (steps !== '') body += `<path data-series="price" d="${steps}" fill="none" stroke="${COLOURS.price}" stroke-width="${1.4 * thin}" stroke-linejoin="miter"/>`;
  if (s.price.every((p) => p === null)) body += plotNote(pricePlot, 'No local trades: no clearing price');
  return frame(input, height, body);
}

function frame(input: MarketPanelsInput, height: number, body: string): string {
  return svgChart({ id: input.id, width: CHART_WIDTH, height, title: input.title, description: input.description, body });
}

/** How many prices a step line draws at most: each takes two points, and a line at most `maxPoints`. */
export function priceValues(maxPoints: number): number {
  return Math.max(2, Math.floor(maxPoints / 2));
}
