import type { SimulationResult } from '../simulation/simulation-result.js';
import { escapeHtml } from './escape-html.js';
import type { FigureFormat } from './figure-format.js';
import { formatNumber } from './format-number.js';
import { marketAxes } from './market-chart.js';
import { marketPanels, type MarketSeries } from './market-panels.js';
import type { ResolvedReportOptions } from './report-options.js';
import { dayStartMs, formatDayMonth, formatUtcOffset, localDay, timeTicks, type IntervalTimeline } from './time-axis.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The intervals of one local day: `[first, end)` into the series. */
export interface DaySlice {
  /** The local day (days since the epoch, local calendar). */
  readonly day: number;
  /** Its first interval's index. */
  readonly first: number;
  /** One past its last interval's index. */
  readonly end: number;
}

/** The run's intervals cut at local midnight, in order (a partial first or last day included). */
export function daySlices(timeline: IntervalTimeline): DaySlice[] {
  const out: DaySlice[] = [];
  for (let i = 0; i < timeline.count; ) {
    const day = localDay(timeline, i);
    let end = i + 1;
    while (end < timeline.count && localDay(timeline, end) === day) end++;
    out.push({ day, first: i, end });
    i = end;
  }
  return out;
}

/**
 * The per-day view: one market chart per local day (bids, asks and local trades above, the
 * clearing price as steps below), each under a `<details>` whose summary gives the day's traded
 * energy and volume-weighted price, the first open. No script: a reader opens the days they want,
 * and the page prints. Every day shares the axes of the whole run's chart, so days compare at a
 * glance. At most `options.dayViews` days are drawn (the caption says when there are more); none
 * when an interval does not divide a day.
 */
export function dayViews(result: SimulationResult, options: ResolvedReportOptions, f: FigureFormat, timeline: IntervalTimeline): string {
  const heading = '<h3>Day by day</h3>';
  const perDay = 1440 / result.intervalMinutes;
  const slices = daySlices(timeline);
  if (!Number.isInteger(perDay) || options.dayViews === 0 || slices.length === 0) {
    const why = slices.length === 0 ? 'No intervals in this run.' : options.dayViews === 0 ? 'Day charts are turned off (option dayViews: 0).' : `${result.intervalMinutes}-minute intervals do not divide a day: no day charts.`;
    return `<figure id="figure-days">${heading}<p class="empty">${escapeHtml(why)}</p></figure>`;
  }
  const axes = marketAxes(result);
  const shown = slices.slice(0, options.dayViews);
  const s = result.series;
  const days = shown.map((slice, k) => {
    const cut = <T>(xs: readonly T[]): T[] => xs.slice(slice.first, slice.end);
    const series: MarketSeries = { demandKWh: cut(s.demandKWh), supplyKWh: cut(s.supplyKWh), p2pTradedKWh: cut(s.p2pTradedKWh), price: cut(s.price) };
    const localStart = dayStartMs(slice.day);
    const label = `${WEEKDAYS[new Date(localStart).getUTCDay()] ?? ''} ${formatDayMonth(localStart)} ${new Date(localStart).getUTCFullYear()}`;
    // Where the day's first interval starts, in intervals from local midnight (a run may start mid-day).
    const offset = (timeline.startMs + slice.first * timeline.intervalMs + timeline.offsetMs - localStart) / timeline.intervalMs;
    const svg = marketPanels({
      id: `chart-day-${k + 1}`,
      title: `Market on ${label}`,
      description: `Bids, asks and energy traded locally in kWh per interval, and the clearing price in ${axes.priceUnit} held over each interval, on ${label}.`,
      series,
      offset,
      span: perDay,
      timeTicks: timeTicks({ startMs: localStart - timeline.offsetMs, intervalMs: timeline.intervalMs, offsetMs: timeline.offsetMs, count: perDay }),
      timeTitle: `Local time on ${label} (${formatUtcOffset(result.utcOffsetMinutes)})`,
      energyTitle: 'kWh per interval',
      energyTicks: axes.energyTicks,
      priceTicks: axes.priceTicks,
      priceUnit: axes.priceUnit,
      tariff: result.tariff,
      priceDecimals: options.priceDecimals,
      energyHeight: 150,
      priceHeight: 90,
      maxPoints: options.maxPoints,
    });
    let traded = 0;
    let value = 0;
    let priced = 0;
    for (let i = 0; i < series.price.length; i++) {
      const q = series.p2pTradedKWh[i] ?? 0;
      const p = series.price[i];
      traded += q;
      if (p !== null && p !== undefined && q > 0) {
        value += p * q;
        priced += q;
      }
    }
    const partial = slice.end - slice.first < perDay ? ` (${formatNumber(slice.end - slice.first, 0)} of ${formatNumber(perDay, 0)} intervals)` : '';
    const summary = `${escapeHtml(label)}${escapeHtml(partial)}: traded ${f.energy(traded)}, average price ${f.price(priced === 0 ? null : value / priced)}`;
    return `<details class="day" data-day="${k + 1}"${k === 0 ? ' open' : ''}><summary>${summary}</summary>${svg}</details>`;
  });
  const more =
    slices.length > shown.length
      ? ` The first ${formatNumber(shown.length, 0)} of the run's ${formatNumber(slices.length, 0)} days are drawn; the option dayViews draws more (the chart above covers them all).`
      : '';
  const caption =
    'One market chart per local day, on the same axes as the chart of the whole run: bids and asks (energy offered to buy and to sell) ' +
    'and the energy traded locally above, the clearing price as steps below. Open a day to see it; the summary gives the energy traded ' +
    `that day and its volume-weighted price.${more}`;
  return `<figure id="figure-days">${heading}<p class="figure-note">${escapeHtml(caption)}</p>${days.join('')}</figure>`;
}
