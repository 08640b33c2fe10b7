/** One point of a series to draw: its interval index and value (null: no value, a gap). */
export interface SeriesPoint {
  /** The interval's index in the full series. */
  readonly index: number;
  /** The value, or null for a gap in the line. */
  readonly value: number | null;
}

/**
 * At most `maxPoints` points of `values` for drawing, keeping the shape a reader looks for.
 * A series that fits is returned whole. A longer one is cut into `floor(maxPoints / 2)` buckets
 * of consecutive intervals, and each bucket keeps its lowest and its highest value (in time
 * order), so every peak and every trough survives: averaging would flatten a midday solar peak
 * of one interval into its neighbours. A bucket with no value at all becomes one gap; a bucket
 * with some values keeps only those, so a gap shorter than a bucket is not drawn.
 */
export function downsampleMinMax(values: readonly (number | null)[], maxPoints: number): SeriesPoint[] {
  const n = values.length;
  const out: SeriesPoint[] = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) out.push({ index: i, value: values[i] ?? null });
    return out;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = Math.ceil(n / buckets);
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let minIndex = -1;
    let maxIndex = -1;
    let min = Infinity;
    let max = -Infinity;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      // Strict comparisons keep the first of equal values, so the output is stable.
      if (v < min) {
        min = v;
        minIndex = i;
      }
      if (v > max) {
        max = v;
        maxIndex = i;
      }
    }
    if (minIndex < 0) {
      out.push({ index: start, value: null });
    } else if (minIndex === maxIndex) {
      out.push({ index: minIndex, value: min });
    } else if (minIndex < maxIndex) {
      out.push({ index: minIndex, value: min }, { index: maxIndex, value: max });
    } else {
      out.push({ index: maxIndex, value: max }, { index: minIndex, value: min });
    }
  }
  return out;
}
