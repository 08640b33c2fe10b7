/**
 * Small, strict checks of the report's markup without a DOM: a tag-balance parser, the inline
 * SVG blocks and every coordinate in them. The report writes a regular subset of HTML (every
 * attribute double-quoted, every non-void element closed), so regular expressions suffice.
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style']);
const TAG = /<!--[\s\S]*?-->|<!DOCTYPE html>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*(\/?)>/gy;
const ENTITY = /^&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);/;

/**
 * The problems of `html` as a document: a tag that does not parse, a close without its open
 * (or crossing another), an unclosed element, a `<` or `>` in text, a bare `&`. Empty when the
 * page is well-formed.
 */
export function wellFormedProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let i = 0;
  while (i < html.length && problems.length < 10) {
    const lt = html.indexOf('<', i);
    const text = html.slice(i, lt < 0 ? html.length : lt);
    const raw = stack[stack.length - 1];
    if (raw !== undefined && RAW_TEXT.has(raw)) {
      const end = html.indexOf(`</${raw}>`, i);
      if (end < 0) {
        problems.push(`unclosed <${raw}>`);
        break;
      }
      i = end;
      TAG.lastIndex = i;
      const m = TAG.exec(html);
      if (m === null) break;
      stack.pop();
      i = TAG.lastIndex;
      continue;
    }
    if (text.includes('>')) problems.push(`'>' in text near ${JSON.stringify(text.slice(0, 60))}`);
    for (let a = text.indexOf('&'); a >= 0; a = text.indexOf('&', a + 1)) {
      if (!ENTITY.test(text.slice(a, a + 12))) problems.push(`bare '&' near ${JSON.stringify(text.slice(a, a + 20))}`);
    }
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (m === null) {
      problems.push(`unparsable tag at ${lt}: ${JSON.stringify(html.slice(lt, lt + 80))}`);
      break;
    }
    i = TAG.lastIndex;
    const [, close, nameRaw, attributes, selfClose] = m;
    if (nameRaw === undefined) continue; // comment or doctype
    const name = nameRaw.toLowerCase();
    for (const value of (attributes ?? '').matchAll(/="([^"]*)"/g)) {
      const v = value[1] ?? '';
      for (let a = v.indexOf('&'); a >= 0; a = v.indexOf('&', a + 1)) {
        if (!ENTITY.test(v.slice(a, a + 12))) problems.push(`bare '&' in an attribute of <${name}>`);
      }
    }
    if (close === '/') {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (selfClose !== '/' && !VOID.has(name)) {
      stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}

/** One inline chart. */
export interface SvgBlock {
  /** Its id. */
  readonly id: string;
  /** Its markup. */
  readonly markup: string;
  /** Its viewBox width and height (origin 0, 0). */
  readonly width: number;
  readonly height: number;
}

/** Every `<svg>...</svg>` of the page. */
export function svgBlocks(html: string): SvgBlock[] {
  return [...html.matchAll(/<svg\b[^>]*>[\s\S]*?<\/svg>/g)].map((m) => {
    const markup = m[0];
    const box = /viewBox="0 0 ([0-9.]+) ([0-9.]+)"/.exec(markup);
    return {
      id: /\bid="([^"]*)"/.exec(markup)?.[1] ?? '',
      markup,
      width: Number(box?.[1] ?? NaN),
      height: Number(box?.[2] ?? NaN),
    };
  });
}

/**
 * Every coordinate of a chart as [x, y] pairs: the x/y attributes of texts and rectangles (with
 * their far corner), both ends of lines, the centre of rotations, and every point of a path.
 * Paths are written with absolute M and implicit L pairs only (and Z), which this relies on.
 */
export function svgPoints(markup: string): { points: [number, number][]; bad: string[] } {
  const points: [number, number][] = [];
  const bad: string[] = [];
  const num = (s: string | undefined): number => (s === undefined || !/^-?\d+(\.\d+)?$/.test(s) ? NaN : Number(s));
  for (const m of markup.matchAll(/<(rect|text|line|path)\b([^>]*)>/g)) {
    const tag = m[1];
    const attrs = m[2] ?? '';
    const a = (name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
    if (tag === 'rect') {
      const x = num(a('x'));
      const y = num(a('y'));
      points.push([x, y], [x + num(a('width')), y + num(a('height'))]);
      if (num(a('width')) < 0 || num(a('height')) < 0) bad.push(`negative size: ${attrs}`);
    } else if (tag === 'text') {
      points.push([num(a('x')), num(a('y'))]);
      const rot = /rotate\((-?[\d.]+) (-?[\d.]+) (-?[\d.]+)\)/.exec(a('transform') ?? '');
      if (rot !== null) points.push([num(rot[2]), num(rot[3])]);
    } else if (tag === 'line') {
      points.push([num(a('x1')), num(a('y1'))], [num(a('x2')), num(a('y2'))]);
    } else {
      const d = a('d') ?? '';
      if (!/^[MZ0-9.,\s-]*$/.test(d)) bad.push(`unexpected path command in ${d.slice(0, 40)}`);
      for (const pair of d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) points.push([num(pair[1]), num(pair[2])]);
    }
  }
  return { points, bad };
}

/** Problems with the coordinates of a chart: not finite numbers, or outside its viewBox. */
export function coordinateProblems(block: SvgBlock): string[] {
  const { points, bad } = svgPoints(block.markup);
  const problems = [...bad];
  if (!(block.width > 0 && block.height > 0)) problems.push(`${block.id}: no viewBox`);
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) problems.push(`${block.id}: not finite (${x}, ${y})`);
    else if (x < 0 || x > block.width || y < 0 || y > block.height) problems.push(`${block.id}: (${x}, ${y}) outside 0 0 ${block.width} ${block.height}`);
    if (problems.length > 5) break;
  }
  return problems;
}

/** The `d` of every data path (`data-series`) of a chart. */
export function seriesPaths(markup: string): { series: string; d: string }[] {
  return [...markup.matchAll(/<path data-series="([^"]*)" d="([^"]*)"/g)].map((m) => ({ series: m[1] ?? '', d: m[2] ?? '' }));
}

/** The text of every element with class `cls` in `markup`, unescaped. */
export function textsOfClass(markup: string, cls: string): string[] {
  return [...markup.matchAll(new RegExp(`<text[^>]*class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => unescapeHtml(m[1] ?? ''));
}

/** Inverse of the report's escaping, for checks. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(lt|gt|quot|amp|#39);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'" })[e] ?? '');
}
