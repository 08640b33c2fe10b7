import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/index.js';
import type { SimulationResult } from '../../src/index.js';
import { buildResult, type FixtureOptions } from './fixtures.js';
import { coordinateProblems, seriesPaths, svgBlocks, textsOfClass, unescapeHtml, wellFormedProblems } from './html-check.js';

const CHARTS = ['chart-market', 'chart-battery', 'chart-daily'] as const;

/** Everything that must hold for any page, whatever the result. */
function expectSoundPage(html: string): void {
  expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
  expect(wellFormedProblems(html)).toEqual([]);
  // No resource is fetched from anywhere: no src or href attribute, no url() or @import, and
  // (the fixtures' texts hold no address) no scheme at all.
  expect(html).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
  expect(html).not.toMatch(/url\(|@import|https?:\/\/|\/\/[a-z]/i);
  for (const block of svgBlocks(html)) {
    expect(coordinateProblems(block)).toEqual([]);
    expect(block.markup).toMatch(/<title id="[^"]+">[^<]+<\/title>/);
  }
  expect(html).not.toMatch(/NaN|Infinity|undefined/);
}

function dayCharts(n: number): string[] {
  return Array.from({ length: n }, (_, d) => `chart-day-${d + 1}`);
}

function chart(html: string, id: string): string {
  const block = svgBlocks(html).find((b) => b.id === id);
  if (block === undefined) throw new Error(`no ${id}`);
  return block.markup;
}

describe('renderReport', () => {
  it('renders a week as a sound page with all three charts, axes and legends', () => {
    const html = renderReport(buildResult({ days: 7, participants: 55 }));
    expectSoundPage(html);
    expect(svgBlocks(html).map((b) => b.id)).toEqual(['chart-market', ...dayCharts(7), 'chart-battery', 'chart-daily', 'chart-feeders']);
    for (const id of CHARTS) {
      const svg = chart(html, id);
      expect(textsOfClass(svg, 'tick').length).toBeGreaterThanOrEqual(4);
      expect(textsOfClass(svg, 'axis-title').length).toBeGreaterThanOrEqual(2);
      expect(textsOfClass(svg, 'legend').length).toBeGreaterThanOrEqual(2);
    }
    const market = chart(html, 'chart-market');
    expect(seriesPaths(market).map((p) => p.series)).toEqual(['traded', 'demand', 'supply', 'price']);
    for (const p of seriesPaths(market)) expect(p.d.length).toBeGreaterThan(100);
    expect(market).toContain('data-series="retail"');
    expect(market).toContain('data-series="feed-in"');
    expect(market).toContain('stroke-dasharray');
    expect(textsOfClass(market, 'axis-title')).toEqual(['kWh per 15-minute interval', 'Price (VND/kWh)', 'Local time (UTC+07:00)']);
    expect(textsOfClass(market, 'tick')).toContain('8 Apr');
    expect(seriesPaths(chart(html, 'chart-battery'))).toHaveLength(2);
    expect(textsOfClass(chart(html, 'chart-battery'), 'tick')).toEqual(expect.arrayContaining(['0%', '50%', '100%']));
    expect([...chart(html, 'chart-daily').matchAll(/<rect data-series=/g)]).toHaveLength(7 * 5);
  });

  it('shows the header, the summary, the type table and the footer', () => {
    const r = buildResult({ days: 2 });
    const html = renderReport(r);
    expect(html).toContain('<title>campus simulation report</title>');
    for (const text of ['Scenario', 'Seed', 'Mechanism', 'uniform', 'Tariff band', '671 to 2,204 VND/kWh', '2 days from 7 Apr 2025, 00:00']) {
      expect(html).toContain(text);
    }
    for (const label of ['Generation', 'Consumption', 'Grid import', 'Grid export', 'Traded locally', 'Storage change', 'Storage losses',
      'Curtailed solar', 'Local volume', 'Average local price', 'Retail tariff', 'Feed-in tariff', 'Self-sufficiency', 'Self-consumption',
      'Peak grid import', 'Welfare', 'Net cost with local trading', 'Utility-only baseline', 'Saving']) {
      expect(html).toContain(`<th scope="row">${label}`);
    }
    const t = r.totals;
    expect(html).toContain(`${(Math.round(t.generationKWh * 10) / 10).toLocaleString('en-US', { minimumFractionDigits: 1 })} kWh`);
    expect(html).toContain('12.5 kWh'); // curtailed
    for (const type of r.byType) expect(html).toContain(`<tr><th scope="row">${type.type}</th>`);
    expect(html).toContain('All participants');
    expect(html).toMatch(/<footer>.*seed 1.*reproduce every figure.*<\/footer>/s);
  });

  it('formats figures with thousands separators and the currency\u2019s decimals', () => {
    const base = buildResult({ days: 1 });
    const r: SimulationResult = { ...base, totals: { ...base.totals, communityNetCost: 1234567.6, welfare: 9876543.21 } };
    expect(renderReport(r)).toContain('1,234,568 VND');
    const eur = renderReport({ ...r, currency: 'EUR', tariff: { retailPrice: 0.3125, feedInPrice: 0.08 } });
    expect(eur).toContain('1,234,567.60 EUR');
    expect(eur).toContain('0.3125 EUR/kWh');
    expect(renderReport(r, { moneyDecimals: 3, energyDecimals: 0, priceDecimals: 2 })).toContain('1,234,567.600 VND');
  });

  it('escapes every text taken from the result', () => {
    const evil = `<img src=x onerror="alert('x')"> & <script>`;
    const r = buildResult({
      days: 1,
      scenario: `campus ${evil}`,
      description: `desc ${evil}`,
      ids: [`id ${evil}`],
      types: [`type ${evil}`],
      batteryIds: [`battery <b> & "x" 'y'`, 'b"2'],
    });
    const html = renderReport(r, { title: `title ${evil}` });
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|on[a-z]+)=/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; &lt;script&gt;');
    const legendTexts = textsOfClass(chart(html, 'chart-battery'), 'legend');
    expect(legendTexts).toEqual([`battery <b> & "x" 'y'`, 'b"2']);
    expect(unescapeHtml(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '')).toBe(`title ${evil}`);
  });

  it('renders without batteries, without trades and with null prices', () => {
    const none = renderReport(buildResult({ days: 2, batteries: 0 }));
    expectSoundPage(none);
    expect(svgBlocks(none).map((b) => b.id)).toEqual(['chart-market', ...dayCharts(2), 'chart-daily', 'chart-feeders']);
    expect(none).toContain('This scenario has no stationary battery.');

    const empty = renderReport(buildResult({ days: 2, emptyTrades: true }));
    expectSoundPage(empty);
    const market = chart(empty, 'chart-market');
    expect(seriesPaths(market).map((p) => p.series)).toEqual(['traded', 'demand', 'supply']);
    expect(market).toContain('No local trades: no clearing price');
    expect(empty).toContain('nothing traded locally');

    const gappy = renderReport(buildResult({ days: 2, nullPriceShare: 0.5 }));
    expectSoundPage(gappy);
    const price = seriesPaths(chart(gappy, 'chart-market')).find((p) => p.series === 'price');
    expect(price?.d.match(/M/g)?.length).toBeGreaterThan(5);
  });

  it('renders a run with no intervals and no participants', () => {
    const html = renderReport(buildResult({ days: 0, participants: 0, batteries: 1 }));
    expectSoundPage(html);
    expect(html).toContain('No intervals in this run');
    expect(html).toContain('All 0 participants');
  });

  it('renders constant series as flat lines', () => {
    const html = renderReport(buildResult({ days: 1, constant: 5 }));
    expectSoundPage(html);
    const demand = seriesPaths(chart(html, 'chart-market')).find((p) => p.series === 'demand');
    const ys = new Set([...(demand?.d ?? '').matchAll(/,(-?[\d.]+)/g)].map((m) => m[1]));
    expect(ys.size).toBe(1);
  });

  it('handles a single interval, hourly and 5-minute intervals, and a negative offset', () => {
    // With the local days each run touches (1.5 days from 10:15 local: two).
    for (const [o, days] of [
      [{ days: 1 / 96 }, 1],
      [{ days: 3, intervalMinutes: 60 }, 3],
      [{ days: 1, intervalMinutes: 5 }, 1],
      [{ days: 2, utcOffsetMinutes: -300, start: '2025-01-01T05:00:00.000Z' }, 2],
      [{ days: 1.5, start: '2025-04-07T03:15:00.000Z' }, 2],
    ] satisfies [FixtureOptions, number][]) {
      const html = renderReport(buildResult(o));
      expectSoundPage(html);
      expect(svgBlocks(html).map((b) => b.id)).toEqual(['chart-market', ...dayCharts(days), 'chart-battery', 'chart-daily', 'chart-feeders']);
    }
    expect(renderReport(buildResult({ days: 1.5, start: '2025-04-07T03:15:00.000Z' }))).toContain('covers only part of a day');
  });

  it('keeps a year small: lines downsampled, days grouped into weeks, captions saying so', () => {
    const r = buildResult({ days: 365, participants: 55, batteries: 2 });
    const html = renderReport(r);
    expectSoundPage(html);
    expect(html.length).toBeLessThan(500_000);
    for (const id of ['chart-market', 'chart-battery']) {
      for (const p of seriesPaths(chart(html, id))) expect(p.d.split(/[ M]+/).filter(Boolean).length).toBeLessThanOrEqual(2000);
    }
    expect(html).toContain('at most 2,000 of its 35,040 points');
    expect([...chart(html, 'chart-daily').matchAll(/<g class="bars"/g)]).toHaveLength(53);
    expect(html).toContain('Energy flows per 7 days');
    const small = renderReport(r, { maxPoints: 100, participantTable: false, dayViews: 0 });
    expect(small.length).toBeLessThan(html.length / 2);
    expect(small).not.toContain('id="participants"');
  });

  it('is deterministic and leaves its input untouched', () => {
    const r = buildResult({ days: 3 });
    const copy = structuredClone(r);
    const frozen = deepFreeze(structuredClone(r));
    const a = renderReport(r);
    expect(renderReport(frozen)).toBe(a);
    expect(r).toEqual(copy);
  });

  it('adds the layout probe script and its CSP only when asked', () => {
    const r = buildResult({ days: 1 });
    expect(renderReport(r)).not.toContain('<script');
    expect(renderReport(r)).toContain("script-src 'none'");
    const probed = renderReport(r, { layoutProbe: true });
    expect(probed).toContain('<script>');
    expect(probed).toContain("script-src 'unsafe-inline'");
    expect(wellFormedProblems(probed)).toEqual([]);
  });

  it('renders a result that went through JSON, ignoring fields it does not know', () => {
    const r = JSON.parse(JSON.stringify({ ...buildResult({ days: 1 }), extra: { future: true } })) as SimulationResult;
    expectSoundPage(renderReport(r));
  });
});

describe('renderReport regressions', () => {
  it('regression: figures of subnormal size render (fast-check counter-example: toFixed asked for 308 decimals)', () => {
    const base = buildResult({ days: 1 / 96, batteries: 0, participants: 0 });
    const r: SimulationResult = {
      ...base,
      tariff: { retailPrice: 2.800000000000005e-308, feedInPrice: 0 },
      series: { ...base.series, p2pTradedKWh: [2.800000000000005e-308], price: [null] },
    };
    expectSoundPage(renderReport(r));
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
