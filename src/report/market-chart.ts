import type { SimulationResult } from '../simulation/simulation-result.js';
import { downsampleNote, extent, type ChartFigure } from './chart-figure.js';
import { formatNumber } from './format-number.js';
import { marketPanels, priceValues } from './market-panels.js';
import type { ResolvedReportOptions } from './report-options.js';
import { niceTicks, type NiceTicks } from './scale.js';
import { formatUtcOffset, timeTicks, type IntervalTimeline } from './time-axis.js';

/** The axes every market chart of a result shares, so the day charts compare with each other and with the run's. */
export interface MarketAxes {
  readonly energyTicks: NiceTicks;
  readonly priceTicks: NiceTicks;
  readonly energyTitle: string;
  readonly priceUnit: string;
}

/** The shared axes: energy from 0 to the largest bid, ask or trade; prices covering both tariffs. */
export function marketAxes(result: SimulationResult): MarketAxes {
  const { series, tariff } = result;
  const energy = extent([series.demandKWh, series.supplyKWh, series.p2pTradedKWh]) ?? [0, 0];
  const prices = extent([series.price, [tariff.retailPrice, tariff.feedInPrice]]) ?? [0, 0];
  return {
    energyTicks: niceTicks(Math.min(0, energy[0]), energy[1]),
    priceTicks: niceTicks(prices[0], prices[1], 4),
    energyTitle: `kWh per ${result.intervalMinutes}-minute interval`,
    priceUnit: `${result.currency}/kWh`,
  };
}

/**
 * Chart (a), the market over the whole run, in two panels on one time axis: bids and asks (the
 * energy offered to buy and to sell) and the energy traded locally, in kWh per interval; below,
 * in its own panel, the clearing price as a step line (it holds for its whole interval) against
 * the utility's retail and feed-in tariffs, dashed. The price line breaks where nothing traded.
 */
export function marketChart(result: SimulationResult, options: ResolvedReportOptions, timeline: IntervalTimeline): ChartFigure {
  const n = result.series.time.length;
  const axes = marketAxes(result);
  const title = 'Bids, asks, local trades and the clearing price per interval';
  const svg = marketPanels({
    id: 'chart-market',
    title,
    description:
      `Top: bids (energy offered to buy), asks (energy offered to sell) and energy traded locally in kWh per interval. ` +
      `Bottom: the clearing price in ${axes.priceUnit}, held over each interval, against the retail and feed-in tariffs; over ${formatNumber(n, 0)} intervals.`,
    series: result.series,
    offset: 0,
    span: n,
    timeTicks: timeTicks(timeline),
    timeTitle: `Local time (${formatUtcOffset(result.utcOffsetMinutes)})`,
    energyTitle: axes.energyTitle,
    energyTicks: axes.energyTicks,
    priceTicks: axes.priceTicks,
    priceUnit: axes.priceUnit,
    tariff: result.tariff,
    priceDecimals: options.priceDecimals,
    energyHeight: 240,
    priceHeight: 150,
    maxPoints: options.maxPoints,
  });
  const caption =
    `Top panel: the bids (energy the participants offered to buy) and asks (energy they offered to sell) in each ` +
    `${result.intervalMinutes}-minute auction, and the energy traded locally (kWh). Bottom panel: the clearing price ` +
    `(${axes.priceUnit}; volume-weighted over feeders), drawn as steps because a price holds for its whole interval, with gaps ` +
    `where nothing traded, between the utility's feed-in and retail tariffs (dashed).${downsampleNote(n, options.maxPoints)}` +
    (n > priceValues(options.maxPoints)
      ? ` The price steps are drawn from at most ${formatNumber(priceValues(options.maxPoints), 0)} prices (each bucket's lowest and highest), each held until the next.`
      : '');
  return { id: 'figure-market', heading: title, svg, caption };
}
