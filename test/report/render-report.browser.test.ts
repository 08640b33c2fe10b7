import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/index.js';
import { CHROMIUM, chromiumAvailable } from '../helpers/chromium.js';
import { buildResult } from './fixtures.js';

/** The DOM after load of a page, from headless Chromium with no network and a fresh profile. */
function dumpDom(html: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wattmarket-report-'));
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    return execFileSync(
      CHROMIUM,
      [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`, '--window-size=1200,2400', '--dump-dom', pathToFileURL(file).href,
      ],
      { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `id:rendered w x h:svg bbox w x h:data marks w x h` per chart, from the layout probe. */
function chartBoxes(dom: string): Map<string, number[]> {
  const attribute = /<body[^>]*\sdata-chart-boxes="([^"]*)"/.exec(dom)?.[1] ?? '';
  return new Map(
    attribute
      .split(' ')
      .filter(Boolean)
      .map((entry) => {
        const [id = '', ...boxes] = entry.split(':');
        return [id, boxes.flatMap((b) => b.split('x').map(Number))];
      }),
  );
}

describe.skipIf(!chromiumAvailable('renderReport in headless Chromium (test/report/render-report.browser.test.ts)'))('renderReport in headless Chromium', () => {
  it('lays out and draws every chart of a week, with nothing but the page itself', () => {
    const dom = dumpDom(renderReport(buildResult({ days: 7, participants: 55 }), { layoutProbe: true }));
    const boxes = chartBoxes(dom);
    const days = Array.from({ length: 7 }, (_, d) => `chart-day-${d + 1}`);
    expect([...boxes.keys()]).toEqual(['chart-market', ...days, 'chart-battery', 'chart-daily', 'chart-feeders']);
    for (const [id, [rw, rh, bw, bh, dw, dh]] of boxes) {
      // Rendered at the column width, with a drawing inside and data marks spanning most of the plot.
      expect(rw, id).toBeGreaterThan(600);
      expect(rh, id).toBeGreaterThan(200);
      expect(bw, id).toBeGreaterThan(600);
      expect(bh, id).toBeGreaterThan(200);
      expect(dw, id).toBeGreaterThan(500);
      expect(dh, id).toBeGreaterThan(50);
    }
  });

  it('draws a year and a run without batteries or trades', () => {
    const year = chartBoxes(dumpDom(renderReport(buildResult({ days: 365, batteries: 1 }), { layoutProbe: true })));
    expect(year.size).toBe(3 + 14 + 1);
    for (const [id, box] of year) for (const v of box) expect(v, id).toBeGreaterThan(0);
    const bare = chartBoxes(dumpDom(renderReport(buildResult({ days: 2, batteries: 0, emptyTrades: true }), { layoutProbe: true })));
    expect([...bare.keys()]).toEqual(['chart-market', 'chart-day-1', 'chart-day-2', 'chart-daily', 'chart-feeders']);
    for (const [id, [rw, rh]] of bare) expect((rw ?? 0) * (rh ?? 0), id).toBeGreaterThan(0);
  });
});
