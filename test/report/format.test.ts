import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape-html.js';
import { formatNumber, formatPercent, formatSigned } from '../../src/report/format-number.js';
import { runs } from '../helpers/expect-watt-error.js';
import { unescapeHtml } from './html-check.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('plain text, 2,204 VND')).toBe('plain text, 2,204 VND');
  });

  it('leaves no special character and round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', ';', '#', 'l', 't') }), (a, b) => {
        for (const s of [a, b, a + b]) {
          const e = escapeHtml(s);
          expect(e).not.toMatch(/[<>"']/);
          expect(e.replace(/&(lt|gt|quot|amp|#39);/g, '')).not.toContain('&');
          expect(unescapeHtml(e)).toBe(s);
        }
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes the decimals', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(-1234567, 0)).toBe('-1,234,567');
    expect(formatNumber(999.95, 1)).toBe('1,000.0');
    expect(formatNumber(12, 2)).toBe('12.00');
    expect(formatNumber(0, 0)).toBe('0');
    expect(formatNumber(100, 0)).toBe('100');
    expect(formatNumber(1000, 0)).toBe('1,000');
  });

  it('never shows a minus sign on a rounded zero', () => {
    expect(formatNumber(-0.0001, 2)).toBe('0.00');
    expect(formatNumber(-0, 0)).toBe('0');
  });

  it('shows a dash, never NaN, for a value that is not finite', () => {
    expect(formatNumber(NaN, 1)).toBe('\u2013');
    expect(formatNumber(Infinity, 1)).toBe('\u2013');
    expect(formatPercent(NaN, 1)).toBe('\u2013');
  });

  it('formats shares as percentages and changes with their sign', () => {
    expect(formatPercent(0.4567, 1)).toBe('45.7%');
    expect(formatSigned(1234.5, 1)).toBe('+1,234.5');
    expect(formatSigned(-5, 0)).toBe('-5');
    expect(formatSigned(0.01, 0)).toBe('0');
  });

  it('reads back as the value rounded to its decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const text = formatNumber(x, d);
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
        expect(Number(text.replace(/,/g, ''))).toBe(Number(x.toFixed(d)) + 0);
      }),
      { numRuns: runs(1000) },
    );
  });
});
