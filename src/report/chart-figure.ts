import { formatNumber } from './format-number.js';

/** A drawn chart and the caption that explains it. */
export interface ChartFigure {
  /** The figure's id on the page. */
  readonly id: string;
  /** The heading above it. */
  readonly heading: string;
  /** The inline `<svg>` markup, or undefined when there is nothing to draw (then `caption` says why). */
  readonly svg: string | undefined;
  /** The caption (plain text; escaped when placed). */
  readonly caption: string;
}

/**
 * The caption sentence for a downsampled chart, empty when `count` points fit: the reader must
 * know a line is not every interval.
 */
export function downsampleNote(count: number, maxPoints: number): string {
  if (count <= maxPoints) return '';
  const bucket = Math.ceil(count / Math.max(1, Math.floor(maxPoints / 2)));
  return (
    ` Each line is drawn from at most ${formatNumber(maxPoints, 0)} of its ${formatNumber(count, 0)} points: every run of ` +
    `${formatNumber(bucket, 0)} intervals keeps its lowest and highest value, so peaks stay visible.`
  );
}

/** The smallest and largest of `lists` (nulls skipped), or undefined when there are no values. */
export function extent(lists: readonly (readonly (number | null)[])[]): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const list of lists) {
    for (const v of list) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? [min, max] : undefined;
}
