import { describe, expect, it } from 'vitest';
import { ErrorCode, renderReport, WattError, type SimulationResult, type ZoneResult } from '../../src/index.js';
import { formatNumber } from '../../src/report/format-number.js';
import { buildResult } from './fixtures.js';
import { coordinateProblems, seriesPaths, svgBlocks, textsOfClass, unescapeHtml, wellFormedProblems } from './html-check.js';

function chart(html: string, id: string): string {
  const block = svgBlocks(html).find((b) => b.id === id);
  if (block === undefined) throw new Error(`no ${id}`);
  return block.markup;
}

/** The [x, y] pairs of a path's `d`, one list per `M` run. */
function runs(d: string): [number, number][][] {
  return d
    .split('M')
    .filter((r) => r.trim() !== '')
    .map((r) => [...r.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]));
}

/** The y attribute of a `<line data-series=...>`. */
function lineY(svg: string, series: string): number {
  return Number(new RegExp(`<line x1="[^"]*" y1="([^"]*)"[^>]*data-series="${series}"`).exec(svg)?.[1]);
}

/** A hand-made result of four 15-minute intervals starting at local midnight. */
function tiny(): SimulationResult {
  const base = buildResult({ days: 4 / 96, batteries: 0, participants: 2 });
  return {
    ...base,
    series: { ...base.series, price: [1000, null, 1500, 1500], p2pTradedKWh: [2, 0, 3, 1], demandKWh: [4, 1, 5, 2], supplyKWh: [3, 2, 3, 1] },
  };
}

/** The cells of a table row (header cell first), unescaped. */
function rowCells(html: string, rowStart: RegExp): string[] {
  const row = rowStart.exec(html);
  if (row === null) throw new Error(`no row ${String(rowStart)}`);
  const end = html.indexOf('</tr>', row.index);
  return [...html.slice(row.index, end).matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => unescapeHtml(m[1] ?? ''));
}

describe('renderReport: the market chart', () => {
  it('draws the price as steps held over each interval, in its own panel below the bids and asks', () => {
    const html = renderReport(tiny());
    const svg = chart(html, 'chart-market');
    expect(coordinateProblems(svgBlocks(html)[0]!)).toEqual([]);
    const price = seriesPaths(svg).find((p) => p.series === 'price')?.d ?? '';
    // The plot spans x 76 to 936 over 4 intervals: 215 units each. Interval 0 at 1000, a gap
    // (nothing traded), intervals 2 and 3 at 1500 (one level run, repeated points left out).
    const yRetail = lineY(svg, 'retail');
    const yFeedIn = lineY(svg, 'feed-in');
    const y = (p: number): number => Math.round((yFeedIn + ((p - 671) / (2204 - 671)) * (yRetail - yFeedIn)) * 10) / 10;
    const [first, second, ...rest] = runs(price);
    expect(rest).toEqual([]);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(3);
    expect(first?.map(([x]) => x)).toEqual([76, 291]);
    expect(second?.map(([x]) => x)).toEqual([506, 721, 936]);
    for (const [, py] of first ?? []) expect(py).toBeCloseTo(y(1000), 0);
    for (const [, py] of second ?? []) expect(py).toBeCloseTo(y(1500), 0);
    expect(new Set(second?.map(([, py]) => py)).size).toBe(1);
    // A change of price between two priced intervals is a vertical step, not a slope.
    const stepped = renderReport({ ...tiny(), series: { ...tiny().series, price: [1000, 2000, null, null] } });
    const d = runs(seriesPaths(chart(stepped, 'chart-market')).find((p) => p.series === 'price')?.d ?? '')[0] ?? [];
    expect(d.map(([x]) => x)).toEqual([76, 291, 291, 506]);
    expect(d[1]?.[1]).toBe(d[0]?.[1]);
    expect(d[2]?.[1]).toBe(d[3]?.[1]);
    expect(d[2]?.[1]).toBeLessThan(d[1]?.[1] ?? 0);
    // The price panel lies wholly below the energy panel.
    const energyYs = seriesPaths(svg)
      .filter((p) => p.series !== 'price')
      .flatMap((p) => runs(p.d).flat().map(([, py]) => py));
    const priceYs = runs(price).flat().map(([, py]) => py);
    expect(Math.min(...priceYs, yRetail, yFeedIn)).toBeGreaterThan(Math.max(...energyYs));
  });

  it('labels the offers as bids and asks and the price as held for the interval', () => {
    const svg = chart(renderReport(tiny()), 'chart-market');
    expect(textsOfClass(svg, 'legend')).toEqual([
      'Bids (energy offered to buy)',
      'Asks (energy offered to sell)',
      'Traded locally',
      'Clearing price (held for the interval)',
      'Retail tariff 2,204',
      'Feed-in tariff 671',
    ]);
    expect(textsOfClass(svg, 'axis-title')).toEqual(['kWh per 15-minute interval', 'Price (VND/kWh)', 'Local time (UTC+07:00)']);
  });
});

describe('renderReport: the per-day view', () => {
  it('draws one chart per local day, the first open, with the day\u2019s traded energy and price', () => {
    const r = buildResult({ days: 3 });
    const html = renderReport(r);
    expect(wellFormedProblems(html)).toEqual([]);
    const days = [...html.matchAll(/<details class="day" data-day="(\d+)"( open)?><summary>([^<]*)<\/summary>/g)];
    expect(days.map((m) => m[1])).toEqual(['1', '2', '3']);
    expect(days.map((m) => m[2] !== undefined)).toEqual([true, false, false]);
    expect(svgBlocks(html).filter((b) => b.id.startsWith('chart-day-')).map((b) => b.id)).toEqual(['chart-day-1', 'chart-day-2', 'chart-day-3']);
    expect(days.map((m) => unescapeHtml(m[3] ?? '').split(':')[0])).toEqual(['Mon 7 Apr 2025', 'Tue 8 Apr 2025', 'Wed 9 Apr 2025']);
    // The fixture starts at local midnight: day d is intervals 96d to 96d + 95.
    days.forEach((m, d) => {
      const traded = r.series.p2pTradedKWh.slice(96 * d, 96 * d + 96).reduce((a, b) => a + b, 0);
      expect(unescapeHtml(m[3] ?? '')).toContain(`traded ${formatNumber(traded, 1)} kWh`);
      const svg = chart(html, `chart-day-${d + 1}`);
      expect(seriesPaths(svg).map((p) => p.series)).toEqual(['traded', 'demand', 'supply', 'price']);
      expect(textsOfClass(svg, 'tick')).toEqual(expect.arrayContaining(['03:00', '12:00', '21:00']));
    });
  });

  it('draws at most dayViews days and says so; none with dayViews 0; refuses a bad value', () => {
    const r = buildResult({ days: 3 });
    const two = renderReport(r, { dayViews: 2 });
    expect(svgBlocks(two).filter((b) => b.id.startsWith('chart-day-'))).toHaveLength(2);
    expect(two).toContain('The first 2 of the run&#39;s 3 days are drawn');
    const none = renderReport(r, { dayViews: 0 });
    expect(svgBlocks(none).some((b) => b.id.startsWith('chart-day-'))).toBe(false);
    expect(none).toContain('Day charts are turned off');
    for (const bad of [-1, 1.5, 'all', 3661]) {
      expect(() => renderReport(r, { dayViews: bad as number })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }));
    }
  });

  it('a run starting mid-day: its first day is partial and says so, every point inside its chart', () => {
    const html = renderReport(buildResult({ days: 1.5, start: '2025-04-07T03:15:00.000Z' }));
    expect(html).toMatch(/<summary>Mon 7 Apr 2025 \(55 of 96 intervals\): traded/);
    for (const b of svgBlocks(html)) expect(coordinateProblems(b)).toEqual([]);
  });
});

describe('renderReport: feeders', () => {
  const zones: ZoneResult[] = [
    { zone: 'north', participants: 1, generationKWh: 10, consumptionKWh: 4, boughtKWh: 1, soldKWh: 6, boughtFromOtherZonesKWh: 0, soldToOtherZonesKWh: 5, gridImportKWh: 0.5, gridExportKWh: 1, netCost: -300, baselineNetCost: -100 },
    { zone: 'south', participants: 1, generationKWh: 2, consumptionKWh: 9, boughtKWh: 6, soldKWh: 1, boughtFromOtherZonesKWh: 5, soldToOtherZonesKWh: 0, gridImportKWh: 2.5, gridExportKWh: 0, netCost: 900, baselineNetCost: 1200 },
  ];

  it('shows each feeder\u2019s totals with its cross-feeder trades, and a total row of the community', () => {
    const base = buildResult({ days: 1, participants: 2 });
    const r: SimulationResult = { ...base, zones };
    const html = renderReport(r);
    expect(rowCells(html, /<tr data-zone="north">/)).toEqual(['north', '1', '10.0 kWh', '4.0 kWh', '1.0 kWh', '0.0 kWh', '6.0 kWh', '5.0 kWh', '0.5 kWh', '1.0 kWh', '-300 VND', '+200 VND']);
    expect(rowCells(html, /<tr data-zone="south">/)).toEqual(['south', '1', '2.0 kWh', '9.0 kWh', '6.0 kWh', '5.0 kWh', '1.0 kWh', '0.0 kWh', '2.5 kWh', '0.0 kWh', '900 VND', '+300 VND']);
    const t = r.totals;
    const e = (v: number): string => `${formatNumber(v, 1)} kWh`;
    expect(rowCells(html, /<tr class="total"><th scope="row">All feeders/)).toEqual([
      'All feeders', '2', e(t.generationKWh), e(t.consumptionKWh), e(t.p2pTradedKWh), '5.0 kWh', e(t.p2pTradedKWh), '5.0 kWh', e(t.gridImportKWh), e(t.gridExportKWh),
      `${formatNumber(t.communityNetCost, 0)} VND`, `+${formatNumber(t.communitySaving, 0)} VND`,
    ]);
    const svg = chart(html, 'chart-feeders');
    expect([...svg.matchAll(/<g class="bars" data-group="\d+">/g)]).toHaveLength(2);
    expect([...svg.matchAll(/<rect data-series=/g)]).toHaveLength(12);
    expect(svg).toContain('<title>south: bought locally 6.0 kWh</title>');
    expect(textsOfClass(svg, 'tick')).toEqual(expect.arrayContaining(['north', 'south']));
  });

  it('without result.zones (an older result): sums of the participants by zone, cross-feeder figures shown as unknown', () => {
    const r = buildResult({ days: 1, participants: 6 });
    const html = renderReport(r);
    for (const zone of ['academic', 'residential']) {
      const mine = r.participants.filter((p) => p.zone === zone);
      const cells = rowCells(html, new RegExp(`<tr data-zone="${zone}">`));
      const sum = (f: (p: (typeof mine)[number]) => number): string => `${formatNumber(mine.reduce((a, p) => a + f(p), 0), 1)} kWh`;
      expect(cells).toEqual([
        zone, String(mine.length), sum((p) => p.generationKWh), sum((p) => p.consumptionKWh), sum((p) => p.boughtKWh), '\u2014', sum((p) => p.soldKWh), '\u2014',
        sum((p) => p.gridImportKWh), sum((p) => p.gridExportKWh),
        `${formatNumber(mine.reduce((a, p) => a + p.netCost, 0), 0)} VND`, expect.stringMatching(/^[+\u2212-]?[\d,]+ VND$/),
      ]);
    }
  });

  it('escapes feeder names in the table, its attributes and the chart', () => {
    const evil = `<b onclick="x('y')">&amp;`;
    const r: SimulationResult = { ...buildResult({ days: 1, participants: 2 }), zones: [{ ...(zones[0] as ZoneResult), zone: evil }, zones[1] as ZoneResult] };
    const html = renderReport(r);
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).not.toContain('<b onclick');
    const escaped = '&lt;b onclick=&quot;x(&#39;y&#39;)&quot;&gt;&amp;amp;';
    expect(html).toContain(`<tr data-zone="${escaped}"><th scope="row">${escaped}</th>`);
    const svg = chart(html, 'chart-feeders');
    expect(svg).toContain(`<title>${escaped}: generation 10.0 kWh</title>`);
    expect(textsOfClass(svg, 'tick').some((t) => t.startsWith('<b onclick'))).toBe(true);
    for (const b of svgBlocks(html)) expect(coordinateProblems(b)).toEqual([]);
  });

  it('refuses malformed zones, naming the field', () => {
    const base = buildResult({ days: 1, participants: 2 });
    const bad = (z: unknown, match: RegExp): void => {
      let error: unknown;
      try {
        renderReport({ ...base, zones: z as ZoneResult[] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WattError);
      expect((error as WattError).code).toBe(ErrorCode.INVALID_ARGUMENT);
      expect((error as WattError).message).toMatch(match);
    };
    bad('x', /result\.zones/);
    bad([{ ...zones[0], zone: 5 }], /result\.zones\[0\]\.zone/);
    bad([zones[0], { ...zones[1], gridImportKWh: -1 }], /result\.zones\[1\]\.gridImportKWh/);
    bad([{ ...zones[0], netCost: Number.NaN }], /result\.zones\[0\]\.netCost/);
  });
});
