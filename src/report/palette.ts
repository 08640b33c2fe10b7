/**
 * Colours of the report, from the Okabe-Ito palette (distinguishable with the common colour
 * vision deficiencies). A flow has one colour on every chart: generation is always orange.
 */
export const COLOURS = {
  generation: '#E69F00',
  consumption: '#0072B2',
  gridImport: '#D55E00',
  gridExport: '#009E73',
  localTrades: '#CC79A7',
  sold: '#56B4E9',
  price: '#222222',
  retail: '#D55E00',
  feedIn: '#009E73',
  axis: '#6B7280',
  grid: '#E5E7EB',
  text: '#1F2937',
  muted: '#4B5563',
} as const;

/** Line colours for series without a fixed meaning (one per battery), used in turn. */
export const SERIES_COLOURS: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#222222', '#B8A000'];

/** The `i`th of {@link SERIES_COLOURS}, cycling. */
export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length] ?? COLOURS.text;
}

/**
 * Whether the `i`th series is dashed: the second time round the colours, lines are dashed so
 * no two of the first sixteen look alike.
 */
export function seriesDashed(i: number): boolean {
  return Math.floor(i / SERIES_COLOURS.length) % 2 === 1;
}
