/**
 * Display formatting for the report. These are the only places figures are rounded, and only
 * for reading: the JSON result keeps the exact values. The grouping is done by hand rather than
 * by `Intl`, so a report is the same byte for byte on every machine and in every locale.
 */

/** A figure that cannot be shown (not finite): an en dash, never `NaN`. */
export const MISSING = '\u2013';

/**
 * `value` with `decimals` fixed decimals and a comma between thousands, e.g.
 * `formatNumber(1234567.891, 1)` is `'1,234,567.9'`; a rounded zero never shows a minus sign.
 */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return MISSING;
  // Beyond 1e21 toFixed switches to exponent form; no report figure gets there, but stay readable.
  if (Math.abs(value) >= 1e21) return String(value);
  // toFixed takes 0 to 100; callers pass 0 to 6 (options) or the ticks' few decimals.
  let text = value.toFixed(Math.min(20, Math.max(0, decimals)));
  let sign = '';
  if (text.startsWith('-')) {
    text = text.slice(1);
    if (/[1-9]/.test(text)) sign = '-';
  }
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  const fraction = point < 0 ? '' : text.slice(point);
  return sign + groupThousands(whole) + fraction;
}

function groupThousands(digits: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    out = digits.slice(start, end) + (out === '' ? '' : `,${out}`);
  }
  return out;
}

/** A share (0.4 is 40%) as a percentage with `decimals` decimals: `formatPercent(0.4567, 1)` is `'45.7%'`. */
export function formatPercent(share: number, decimals: number): string {
  if (!Number.isFinite(share)) return MISSING;
  return `${formatNumber(share * 100, decimals)}%`;
}

/** Like {@link formatNumber}, with a `+` in front of positive values (for changes and savings). */
export function formatSigned(value: number, decimals: number): string {
  const text = formatNumber(value, decimals);
  return value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}
