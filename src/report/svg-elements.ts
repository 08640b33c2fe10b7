import { escapeHtml } from './escape-html.js';

/**
 * A coordinate as short text: rounded to a tenth of a unit (a tenth of a CSS pixel at the
 * default width), which keeps a year's polylines small without any visible change.
 */
export function coord(n: number): string {
  return String(Math.round(n * 10) / 10 + 0);
}

/** A point to draw; a null `y` breaks the line there. */
export interface DrawPoint {
  /** x, in SVG units. */
  readonly x: number;
  /** y, in SVG units, or null for a gap. */
  readonly y: number | null;
}

/**
 * The `d` of a path through `points`, broken at every null. A run of one point is drawn as a
 * short level segment `loneWidth` wide (its interval's width, say), so a single interval with a
 * price between two without one is still visible; with the default 0 it is a zero-length
 * segment, which a round line cap turns into a dot. Empty when there is nothing to draw.
 */
export function linePath(points: readonly DrawPoint[], loneWidth = 0): string {
  const parts: string[] = [];
  let run: { x: number; y: number }[] = [];
  const flush = (): void => {
    const [first] = run;
    if (first !== undefined && run.length === 1) {
      const h = loneWidth / 2;
      parts.push(`M${coord(first.x - h)},${coord(first.y)} ${coord(first.x + h)},${coord(first.y)}`);
    } else if (run.length > 1) {
      parts.push(`M${run.map((p) => `${coord(p.x)},${coord(p.y)}`).join(' ')}`);
    }
    run = [];
  };
  for (const p of points) {
    if (p.y === null) flush();
    else run.push({ x: p.x, y: p.y });
  }
  flush();
  return parts.join(' ');
}

/** The `d` of the area between `points` (no gaps) and the horizontal line at `baseY`. */
export function areaPath(points: readonly { readonly x: number; readonly y: number }[], baseY: number): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return '';
  const line = points.map((p) => `${coord(p.x)},${coord(p.y)}`).join(' ');
  return `M${coord(first.x)},${coord(baseY)} ${line} ${coord(last.x)},${coord(baseY)}Z`;
}

/** Everything an inline chart needs around its content. */
export interface SvgFrame {
  /** The element id, also used for the title's id. */
  readonly id: string;
  /** The viewBox width. */
  readonly width: number;
  /** The viewBox height. */
  readonly height: number;
  /** The accessible title (plain text; escaped here). */
  readonly title: string;
  /** A longer accessible description (plain text; escaped here). */
  readonly description: string;
  /** The drawing (markup). */
  readonly body: string;
}

/**
 * A complete inline `<svg>` (HTML5 needs no namespace for it): a viewBox (the page's CSS scales it to the column width), an
 * accessible title and description, and the drawing. `data-chart` marks it for the layout probe.
 */
export function svgChart(frame: SvgFrame): string {
  const id = escapeHtml(frame.id);
  return (
    `<svg id="${id}" data-chart="${id}" class="chart" ` +
    `viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeHtml(frame.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(frame.description)}</desc>` +
    `${frame.body}</svg>`
  );
}

/** A `<text>` element; `text` is escaped. */
export function svgText(x: number, y: number, text: string, attributes = ''): string {
  return `<text x="${coord(x)}" y="${coord(y)}"${attributes === '' ? '' : ` ${attributes}`}>${escapeHtml(text)}</text>`;
}

/** A `<line>` element. */
export function svgLine(x1: number, y1: number, x2: number, y2: number, attributes: string): string {
  return `<line x1="${coord(x1)}" y1="${coord(y1)}" x2="${coord(x2)}" y2="${coord(y2)}" ${attributes}/>`;
}

/** A value held over a span of x (an interval), for a step line; a null `y` breaks the line. */
export interface StepSpan {
  /** Where the value starts holding, in SVG units. */
  readonly x0: number;
  /** Where it stops holding (where the next value starts). */
  readonly x1: number;
  /** y, in SVG units, or null for a gap. */
  readonly y: number | null;
}

/**
 * The `d` of a step line through `spans`: each value is a level segment over its span, joined to
 * the next by a vertical segment, and broken at every null (a price holds for its whole interval,
 * so a sloped line between two interval prices would show prices nobody paid). Written as
 * absolute `M` and implicit line-to pairs only; repeated points are left out. Empty when there
 * is nothing to draw.
 */
export function stepPath(spans: readonly StepSpan[]): string {
  const parts: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) parts.push(`M${run.join(' ')}`);
    run = [];
  };
  const push = (x: number, y: number): void => {
    const p = `${coord(x)},${coord(y)}`;
    if (run[run.length - 1] !== p) run.push(p);
  };
  for (const s of spans) {
    if (s.y === null) {
      flush();
      continue;
    }
    push(s.x0, s.y);
    push(s.x1, s.y);
  }
  flush();
  return parts.join(' ');
}
