import { escapeHtml } from '../report/escape-html.js';
import { formatNumber } from '../report/format-number.js';
import { COLOURS, seriesColour } from '../report/palette.js';
import { REPORT_CSS } from '../report/report-style.js';
import { svgChart, svgLine, svgText } from '../report/svg-elements.js';
import type { SweepResult, SweepSummaryRow } from './sweep-types.js';

/** The figures the report charts, with their labels and display decimals. */
const CHARTED: readonly (readonly [string, string, number])[] = [
  ['communitySaving', 'Community saving (currency)', 0],
  ['p2pTradedKWh', 'Traded locally (kWh)', 1],
  ['welfare', 'Welfare at limit prices', 0],
  ['metrics.marketEfficiency', 'Market efficiency (welfare / efficient welfare)', 3],
  ['selfSufficiency', 'Self-sufficiency (share)', 3],
  ['metrics.localPriceMean', 'Mean local price (per kWh)', 1],
  ['metrics.localPriceSpread', 'Local price spread, sd (per kWh)', 1],
  ['metrics.shareGaining', 'Share of participants that gain', 3],
  ['metrics.savingGini', 'Gini coefficient of savings', 3],
  ['gridImportKWh', 'Bought from the utility (kWh)', 1],
  ['metrics.peakGridImportKW', 'Peak import (kW)', 1],
];

const WIDTH = 900;
const LABEL = 320;
const ROW = 26;

/**
 * A sweep's comparison report: one self-contained HTML page (inline CSS and SVG, no script, a
 * Content-Security-Policy that forbids every request) with a table of the combinations (how each
 * cleared its zones, and which comparisons are confounded) and, per charted figure, a chart of
 * its mean by combination (mechanism and strategy, and variant, scenario and k where they vary)
 * with the 95 % interval over seeds as a whisker. The same result gives the same page, byte for byte.
 *
 * @example
 * ```ts
 * writeFileSync('sweep.html', renderSweepReport(await runSweep(options)));
 * ```
 */
export function renderSweepReport(result: SweepResult, title = 'wattmarket sweep'): string {
  const rows = result.summary;
  const vary = (key: 'scenario' | 'variant' | 'k'): boolean => new Set(rows.map((r) => String(r[key]))).size > 1;
  // Once per report, not once per label: per label it is quadratic in the combinations.
  const [variants, scenarios, ks] = [vary('variant'), vary('scenario'), vary('k')];
  const label = (r: SweepSummaryRow): string =>
    [r.mechanism, r.strategy, ...(variants ? [r.variant] : []), ...(scenarios ? [r.scenario] : []), ...(ks ? [`k ${r.k ?? 'default'}`] : [])].join(' \u00b7 ');
  const confounded = rows.some((r) => r.confounded);
  const charts = CHARTED.map(([name, heading, decimals], i) => chart(rows, name, heading, decimals, label, i)).join('');
  const seeds = new Set(result.runs.map((r) => String(r.seed))).size;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="wattmarket renderSweepReport">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body><div class="page">',
    `<header><p class="eyebrow">wattmarket sweep report</p><h1>${escapeHtml(title)}</h1>` +
      `<p class="description">${formatNumber(result.runs.length, 0)} runs: ${formatNumber(rows.length, 0)} combinations over ${formatNumber(seeds, 0)} seeds. ` +
      'Each chart shows the mean over seeds and, as a whisker, its 95 % confidence interval (t-distribution).</p></header>',
    '<main>',
    `<section id="combinations"><h2>Combinations</h2>${confounded ? '<p><strong>Confounded comparisons:</strong> rows marked so cleared their feeders differently from other mechanisms of the same setting (jointly against each feeder apart), so their difference mixes the mechanism with the market&#39;s extent. Rerun with clearing per feeder (<code>--clearing per-feeder</code>) to compare on the same footing.</p>' : ''}${table(rows, label)}</section>`,
    `<section id="charts"><h2>Charts</h2>${charts}</section>`,
    '</main>',
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}

function table(rows: readonly SweepSummaryRow[], label: (r: SweepSummaryRow) => string): string {
  const head = '<tr><th>combination</th><th>clearing</th><th>seeds</th><th>saving (mean)</th><th>traded kWh (mean)</th><th>note</th></tr>';
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(label(r))}</td><td>${escapeHtml(r.clearing)}</td><td>${r.seeds}</td>` +
        `<td>${formatNumber(r.stats['communitySaving']?.mean ?? NaN, 0)}</td><td>${formatNumber(r.stats['p2pTradedKWh']?.mean ?? NaN, 1)}</td>` +
        `<td>${r.confounded ? 'confounded: clearing differs between mechanisms' : ''}</td></tr>`,
    )
    .join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function chart(rows: readonly SweepSummaryRow[], name: string, heading: string, decimals: number, label: (r: SweepSummaryRow) => string, index: number): string {
  const stats = rows.map((r) => r.stats[name] ?? null);
  // A loop, not Math.min(...values): a spread of one argument per value throws a RangeError
  // past about 125,000 values, and a sweep may have 500,000 combinations.
  let lo = 0;
  let hi = 0;
  let any = false;
  for (const s of stats) {
    if (s === null) continue;
    any = true;
    for (const v of [s.mean, ...(s.ci95 ?? [])]) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!any) return `<figure id="chart-${index}"><h3>${escapeHtml(heading)}</h3><p class="empty">No run has this figure.</p></figure>`;
  if (lo === hi) hi = lo + 1;
  const pad = (hi - lo) * 0.05;
  lo -= lo < 0 ? pad : 0;
  hi += pad;
  const plot = WIDTH - LABEL - 90;
  const x = (v: number): number => LABEL + ((v - lo) / (hi - lo)) * plot;
  const height = rows.length * ROW + 30;
  const parts: string[] = [svgLine(x(0), 4, x(0), height - 26, `stroke="${COLOURS.axis}"`)];
  rows.forEach((r, i) => {
    const y = 16 + i * ROW;
    const s = stats[i];
    parts.push(svgText(LABEL - 8, y + 4, label(r), `text-anchor="end" font-size="12" fill="${COLOURS.text}"`));
    if (s === null || s === undefined) return;
    const colour = seriesColour(i);
    if (s.ci95 !== null) parts.push(svgLine(x(s.ci95[0]), y, x(s.ci95[1]), y, `stroke="${colour}" stroke-width="2" data-series="ci"`));
    parts.push(`<circle cx="${x(s.mean).toFixed(1)}" cy="${y}" r="4" fill="${colour}" data-series="mean"/>`);
    parts.push(svgText(WIDTH - 84, y + 4, formatNumber(s.mean, decimals), `font-size="12" fill="${COLOURS.muted}"`));
  });
  parts.push(svgText(x(lo), height - 8, formatNumber(lo, decimals), `font-size="11" fill="${COLOURS.muted}"`));
  parts.push(svgText(x(hi), height - 8, formatNumber(hi, decimals), `text-anchor="end" font-size="11" fill="${COLOURS.muted}"`));
  const svg = svgChart({ id: `sweep-chart-${index}`, width: WIDTH, height, title: heading, description: `${heading}: mean over seeds with 95 % interval, per combination`, body: parts.join('') });
  return `<figure id="chart-${index}"><h3>${escapeHtml(heading)}</h3>${svg}<figcaption>${escapeHtml(`${heading}: dot at the mean over seeds, line from the lower to the upper end of the 95 % confidence interval (none with one seed).`)}</figcaption></figure>`;
}
