import type { SimulationResult } from '../simulation/simulation-result.js';
import { batteryChart } from './battery-chart.js';
import type { ChartFigure } from './chart-figure.js';
import { dailyFlowsChart } from './daily-flows-chart.js';
import { dayViews } from './day-views.js';
import { escapeHtml } from './escape-html.js';
import { feederChart, feederRows, feederTable } from './feeder-section.js';
import { figureFormat } from './figure-format.js';
import { formatNumber } from './format-number.js';
import { marketChart } from './market-chart.js';
import { networkSection } from './network-chart.js';
import { participantTable, typeTable } from './participant-tables.js';
import { resolveReportOptions, type ReportOptions, type ResolvedReportOptions } from './report-options.js';
import { REPORT_CSS } from './report-style.js';
import { keyFigures, summaryTables } from './summary-tables.js';
import { formatDateTime, formatUtcOffset, type IntervalTimeline } from './time-axis.js';
import { validateResult } from './validate-result.js';

// Records each chart's laid-out size for checks in a headless browser (option layoutProbe):
// "<id>:<rendered w>x<h>:<svg bbox w>x<h>:<union of the data marks' bboxes w>x<h>", space separated.
const LAYOUT_PROBE =
  '(function(){var o=[];document.querySelectorAll("svg[data-chart]").forEach(function(s){' +
  'var r=s.getBoundingClientRect(),b=s.getBBox(),x0=1/0,y0=1/0,x1=-1/0,y1=-1/0;' +
  's.querySelectorAll("[data-series]").forEach(function(e){var c=e.getBBox();' +
  'x0=Math.min(x0,c.x);y0=Math.min(y0,c.y);x1=Math.max(x1,c.x+c.width);y1=Math.max(y1,c.y+c.height)});' +
  'var R=Math.round,w=x1>x0?R(x1-x0):0,h=y1>y0?R(y1-y0):0;' +
  'o.push(s.id+":"+R(r.width)+"x"+R(r.height)+":"+R(b.width)+"x"+R(b.height)+":"+w+"x"+h)});' +
  'document.body.setAttribute("data-chart-boxes",o.join(" "))})();';

/**
 * Renders a simulation's results as one self-contained HTML5 page: a header (scenario,
 * description, period, seed, mechanism, tariff band), headline figures, summary tables (energy
 * flows, the local market, the community's cost against the utility-only baseline), a table of
 * the saving by participant type, inline SVG charts (bids, asks and local trades per interval
 * with the clearing price as a step line in its own panel; the same per local day; battery state
 * of charge; daily energy flows), the feeders' totals (a table and a chart), a table of every
 * participant, and a footer on how the figures were produced.
 *
 * The page needs nothing else: the CSS is inline, the charts are plain SVG drawn by the browser
 * without any script, and a Content-Security-Policy forbids every network request, so it opens
 * from a file anywhere. Every text taken from the result (ids, types, descriptions) is escaped.
 * Series longer than `maxPoints` are downsampled for drawing by keeping the lowest and highest
 * value of each run of intervals (peaks stay visible), and the captions say so: a year of
 * 15-minute intervals gives a page of a few hundred kilobytes. The same result and options give
 * the same page, byte for byte: nothing reads the clock.
 *
 * @param result - a simulation's results, as the simulation returns them or as read back from
 *   its JSON. Fields the report does not know are ignored.
 * @param options - see {@link ReportOptions}.
 * @returns the page, starting with `<!DOCTYPE html>`.
 * @throws WattError INVALID_ARGUMENT when `result` is not a well-formed result (a missing or
 *   non-finite figure, series of different lengths, a state of charge outside [0, 1]); the
 *   message names the field. INVALID_OPTION for an unknown option or a bad option value.
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { renderReport, type SimulationResult } from 'wattmarket';
 *
 * // A result as `wattmarket simulate --json out.json` writes it.
 * const result = JSON.parse(readFileSync('out.json', 'utf8')) as SimulationResult;
 * writeFileSync('report.html', renderReport(result, { title: 'Campus, one week' }));
 * ```
 */
export function renderReport(result: SimulationResult, options?: ReportOptions): string {
  const r = validateResult(result);
  const o = resolveReportOptions(options, r.scenario, r.currency);
  const timeline: IntervalTimeline = {
    startMs: Date.parse(r.start),
    intervalMs: r.intervalMinutes * 60_000,
    offsetMs: r.utcOffsetMinutes * 60_000,
    count: r.series.time.length,
  };
  const f = figureFormat(o, r.currency);
  const charts = [figure(marketChart(r, o, timeline)), dayViews(r, o, f, timeline), figure(batteryChart(r, o, timeline)), figure(dailyFlowsChart(r, o, timeline))];
  // The feeders' parts, in order: more per-feeder tables or charts (network flows, congestion)
  // are added to this list.
  const feeders = feederRows(r);
  const feederParts = [feederTable(r, feeders, f), figure(feederChart(feeders, o))];
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${o.layoutProbe ? "'unsafe-inline'" : "'none'"}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="wattmarket renderReport">',
    `<title>${escapeHtml(o.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    header(r, o),
    '<main>',
    `<section id="summary"><h2>Summary</h2>${keyFigures(r, f)}${summaryTables(r, f)}</section>`,
    `<section id="by-type"><h2>Saving by participant type</h2>${typeTable(r, f)}</section>`,
    `<section id="charts"><h2>Charts</h2>${charts.join('')}</section>`,
    `<section id="feeders"><h2>Feeders</h2>${feederParts.join('')}</section>`,
    networkSection(r, f),
    o.participantTable ? `<section id="participants"><h2>Participants</h2>${participantTable(r, f)}</section>` : '',
    '</main>',
    footer(r, o),
    '</div>',
    o.layoutProbe ? `<script>${LAYOUT_PROBE}</script>` : '',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function header(r: SimulationResult, o: ResolvedReportOptions): string {
  const startLocal = Date.parse(r.start) + r.utcOffsetMinutes * 60_000;
  const types = r.byType.length;
  const meta: [string, string][] = [
    ['Scenario', escapeHtml(r.scenario)],
    ['Period', `${escapeHtml(formatNumber(r.days, r.days % 1 === 0 ? 0 : 2))} ${r.days === 1 ? 'day' : 'days'} from ${escapeHtml(formatDateTime(startLocal))}`],
    ['Intervals', `${formatNumber(r.series.time.length, 0)} \u00d7 ${r.intervalMinutes} min (${escapeHtml(formatUtcOffset(r.utcOffsetMinutes))})`],
    ['Seed', escapeHtml(String(r.seed))],
    ['Mechanism', escapeHtml(r.mechanism)],
    ['Tariff band (feed-in to retail)', `${formatNumber(r.tariff.feedInPrice, o.priceDecimals)} to ${formatNumber(r.tariff.retailPrice, o.priceDecimals)} ${escapeHtml(r.currency)}/kWh`],
    ['Participants', `${formatNumber(r.participants.length, 0)} in ${formatNumber(types, 0)} ${types === 1 ? 'type' : 'types'}`],
  ];
  return (
    `<header><p class="eyebrow">wattmarket simulation report</p><h1>${escapeHtml(o.title)}</h1>` +
    (r.description === '' ? '' : `<p class="description">${escapeHtml(r.description)}</p>`) +
    `<dl class="meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl></header>`
  );
}

function figure(fig: ChartFigure): string {
  const body = fig.svg ?? `<p class="empty">${escapeHtml(fig.caption)}</p>`;
  const caption = fig.svg === undefined ? '' : `<figcaption>${escapeHtml(fig.caption)}</figcaption>`;
  return `<figure id="${fig.id}"><h3>${escapeHtml(fig.heading)}</h3>${body}${caption}</figure>`;
}

function footer(r: SimulationResult, o: ResolvedReportOptions): string {
  return (
    `<footer><p>Produced by wattmarket from a seeded simulation: scenario ${escapeHtml(r.scenario)}, seed ${escapeHtml(String(r.seed))}, ` +
    `${escapeHtml(formatNumber(r.days, r.days % 1 === 0 ? 0 : 2))} ${r.days === 1 ? 'day' : 'days'}, mechanism ${escapeHtml(r.mechanism)}. ` +
    'The simulation keeps energy in whole Wh and money in whole minor units, and reads neither the clock nor an unseeded ' +
    'random source, so the same scenario and seed reproduce every figure on this page exactly. Figures are rounded here ' +
    `for display only (energy to ${o.energyDecimals} ${o.energyDecimals === 1 ? 'decimal' : 'decimals'}); ` +
    'the JSON result holds them in full. This page is self-contained: its charts are inline SVG, and it loads no scripts, ' +
    `fonts or images from anywhere${o.layoutProbe ? ' (its one short inline script only measures the charts for automated checks)' : ''}.</p></footer>`
  );
}
