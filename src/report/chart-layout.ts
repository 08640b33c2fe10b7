/** The rectangle data is drawn in, inside a chart's viewBox. */
export interface PlotArea {
  /** x of the left edge. */
  readonly left: number;
  /** y of the top edge. */
  readonly top: number;
  /** Width. */
  readonly width: number;
  /** Height. */
  readonly height: number;
}

/** A chart's viewBox size and its plot area. */
export interface ChartLayout {
  /** viewBox width. */
  readonly width: number;
  /** viewBox height. */
  readonly height: number;
  /** Where the data goes. */
  readonly plot: PlotArea;
}

/** Every chart is drawn 960 units wide; the page's CSS scales it to the column. */
export const CHART_WIDTH = 960;
const LEFT_MARGIN = 76;
/** Where a chart's legend starts: aligned with the plot's left edge, above it. */
export const LEGEND_LEFT = LEFT_MARGIN;
/** The y of the centre of a legend's first row. */
export const LEGEND_TOP = 18;
const RIGHT_MARGIN_AXIS = 76;
const RIGHT_MARGIN_PLAIN = 24;
const LEGEND_GAP = 14;
const BOTTOM_MARGIN = 50;

/** The width of the plot, and so of a legend above it. */
export function plotWidth(rightAxis: boolean): number {
  return CHART_WIDTH - LEFT_MARGIN - (rightAxis ? RIGHT_MARGIN_AXIS : RIGHT_MARGIN_PLAIN);
}

/**
 * The layout of a chart: the legend on top (its height depends on how many rows it wraps to),
 * room for tick labels and an axis title on the left, on the right when there is a second
 * axis, and below.
 */
export function chartLayout(legendHeight: number, rightAxis: boolean, plotHeight: number): ChartLayout {
  const top = LEGEND_TOP + legendHeight + LEGEND_GAP;
  const left = LEFT_MARGIN;
  const width = plotWidth(rightAxis);
  return {
    width: CHART_WIDTH,
    height: top + plotHeight + BOTTOM_MARGIN,
    plot: { left, top, width, height: plotHeight },
  };
}
