import { describe, expect, it } from 'vitest';
import { areaPath, coord, linePath, svgChart } from '../../src/report/svg-elements.js';
import { legend } from '../../src/report/svg-legend.js';
import { wellFormedProblems } from './html-check.js';

describe('svg elements', () => {
  it('writes coordinates to a tenth, without a minus zero', () => {
    expect(coord(12.345)).toBe('12.3');
    expect(coord(-0.04)).toBe('0');
    expect(coord(100)).toBe('100');
  });

  it('breaks a line at every gap and draws a lone point as a dot', () => {
    const d = linePath([
      { x: 0, y: 1 },
      { x: 1, y: 2 },
      { x: 2, y: null },
      { x: 3, y: 4 },
      { x: 4, y: null },
      { x: 5, y: 6 },
      { x: 6, y: 7 },
    ]);
    expect(d).toBe('M0,1 1,2 M3,4 3,4 M5,6 6,7');
    expect(linePath([{ x: 10, y: 5 }, { x: 11, y: null }], 4)).toBe('M8,5 12,5');
    expect(linePath([])).toBe('');
    expect(linePath([{ x: 1, y: null }])).toBe('');
  });

  it('closes an area down to its base line', () => {
    expect(areaPath([{ x: 1, y: 5 }, { x: 2, y: 3 }], 10)).toBe('M1,10 1,5 2,3 2,10Z');
    expect(areaPath([], 10)).toBe('');
  });

  it('wraps a long legend into rows that fit and escapes its labels', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ label: `battery <${i}> & "co"`, colour: '#000', swatch: 'line' as const }));
    const l = legend(items, 76, 18, 300);
    expect(l.height).toBeGreaterThan(40);
    expect(l.markup).not.toContain('<0>');
    expect(l.markup).toContain('battery &lt;0&gt; &amp; &quot;co&quot;');
    const xs = [...l.markup.matchAll(/<text x="([\d.]+)"/g)].map((m) => Number(m[1]));
    for (const x of xs) expect(x).toBeLessThan(76 + 300);
  });

  it('cuts a very long legend label, keeping the full text in a title', () => {
    const label = 'x'.repeat(200);
    const l = legend([{ label, colour: '#000', swatch: 'bar' }], 0, 0, 900);
    expect(l.markup).toContain(`<title>${label}</title>`);
    expect(l.markup).toContain('\u2026');
  });

  it('gives a chart an accessible title and description, escaped', () => {
    const svg = svgChart({ id: 'c', width: 100, height: 50, title: 'A <b> title', description: 'd & e', body: '' });
    expect(svg).toContain('<title id="c-title">A &lt;b&gt; title</title>');
    expect(svg).toContain('<desc id="c-desc">d &amp; e</desc>');
    expect(wellFormedProblems(svg)).toEqual([]);
  });
});
