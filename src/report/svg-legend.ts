import { escapeHtml } from './escape-html.js';
import { coord, svgText } from './svg-elements.js';

/** How a legend entry's swatch looks: like its series. */
export type LegendSwatch = 'line' | 'dashed' | 'area' | 'bar';

/** One legend entry. */
export interface LegendItem {
  /** The series' name (plain text; escaped when drawn). */
  readonly label: string;
  /** Its colour. */
  readonly colour: string;
  /** Its swatch. */
  readonly swatch: LegendSwatch;
}

/** A legend laid out in rows. */
export interface Legend {
  /** The markup. */
  readonly markup: string;
  /** Its height, for the chart layout. */
  readonly height: number;
}

const ROW_HEIGHT = 20;
const SWATCH = 22;
const GAP = 6;
const ITEM_GAP = 22;
// Average advance of a 12-unit sans-serif glyph, a little generous so estimates never overlap.
const CHAR_WIDTH = 7;
const MAX_LABEL_CHARS = 48;

/**
 * A legend starting at (`x`, `y`), wrapping into rows that fit `maxWidth`. Text width is
 * estimated (no font metrics without a browser), generously, and very long labels are cut with
 * an ellipsis (the full text stays in a `<title>`), so entries never overlap.
 */
export function legend(items: readonly LegendItem[], x: number, y: number, maxWidth: number): Legend {
  let markup = '';
  let cx = x;
  let row = 0;
  for (const item of items) {
    const label = item.label.length > MAX_LABEL_CHARS ? `${item.label.slice(0, MAX_LABEL_CHARS - 1)}\u2026` : item.label;
    const width = SWATCH + GAP + label.length * CHAR_WIDTH;
    if (cx > x && cx + width > x + maxWidth) {
      row++;
      cx = x;
    }
    const cy = y + row * ROW_HEIGHT;
    markup += `<g class="legend-item">${label === item.label ? '' : `<title>${escapeHtml(item.label)}</title>`}${swatch(item, cx, cy)}`;
    markup += `${svgText(cx + SWATCH + GAP, cy, label, 'class="legend" dy="0.35em"')}</g>`;
    cx += width + ITEM_GAP;
  }
  return { markup, height: items.length === 0 ? 0 : (row + 1) * ROW_HEIGHT - 6 };
}

function swatch(item: LegendItem, x: number, y: number): string {
  const colour = escapeHtml(item.colour);
  switch (item.swatch) {
    case 'line':
      return `<path d="M${coord(x)},${coord(y)} ${coord(x + SWATCH)},${coord(y)}" stroke="${colour}" stroke-width="2.5" fill="none"/>`;
    case 'dashed':
      return `<path d="M${coord(x)},${coord(y)} ${coord(x + SWATCH)},${coord(y)}" stroke="${colour}" stroke-width="2" stroke-dasharray="5 3" fill="none"/>`;
    case 'area':
      return `<rect x="${coord(x)}" y="${coord(y - 6)}" width="${SWATCH}" height="12" fill="${colour}" fill-opacity="0.35" stroke="${colour}"/>`;
    case 'bar':
      return `<rect x="${coord(x + 4)}" y="${coord(y - 6)}" width="14" height="12" fill="${colour}"/>`;
    default: {
      const unknown: never = item.swatch;
      return unknown;
    }
  }
}
