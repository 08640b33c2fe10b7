/** A linear map from data values to SVG coordinates. */
export interface LinearScale {
  /** The data interval, low first. */
  readonly domain: readonly [number, number];
  /** The coordinates the ends of the domain map to (`range[0]` for `domain[0]`). */
  readonly range: readonly [number, number];
  /** The coordinate of `value`; values outside the domain are clamped to the range's ends. */
  readonly map: (value: number) => number;
}

/**
 * A linear scale from `domain` to `range`. A domain of zero width maps everything to the middle
 * of the range, so a constant series still draws (as a flat line), never as NaN.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  const lo = Math.min(r0, r1);
  const hi = Math.max(r0, r1);
  const map = (value: number): number => {
    const r = width === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / width) * (r1 - r0);
    return Math.min(hi, Math.max(lo, r));
  };
  return { domain: [d0, d1], range: [r0, r1], map };
}

/** Round tick values covering a data range, and the extended range they span. */
export interface NiceTicks {
  /** The lowest tick: at or below the data's minimum. */
  readonly min: number;
  /** The highest tick: at or above the data's maximum. */
  readonly max: number;
  /** The distance between ticks: 1, 2 or 5 times a power of ten. */
  readonly step: number;
  /** Decimals needed to print every tick exactly (0 for whole steps). */
  readonly decimals: number;
  /** The tick values, from `min` to `max`. */
  readonly values: readonly number[];
}

// Below this (relative) width a range is treated as empty: no figure of a report is that fine.
const NEGLIGIBLE = 1e-9;

/**
 * About `target` round ticks (1, 2 or 5 times a power of ten apart) covering `[min, max]`, as
 * on a hand-drawn axis. An empty range (a constant series, or no data) is widened first: to
 * `[0, 1]` (or `[-1, 0]`) around zero, otherwise by a tenth of the value on each side; so is a
 * range narrower than a billionth of its magnitude, which would need absurd tick decimals.
 */
export function niceTicks(min: number, max: number, target = 5): NiceTicks {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  if (magnitude < NEGLIGIBLE) {
    // Nothing but zeros (or dust no report figure has): a unit axis on the side of the data.
    lo = lo < 0 ? -1 : 0;
    hi = hi > 0 || lo === 0 ? 1 : 0;
  } else if (hi - lo <= magnitude * NEGLIGIBLE) {
    lo -= magnitude / 10;
    hi += magnitude / 10;
  }
  const rough = (hi - lo) / Math.max(1, target - 1);
  // Unreachable for validated results (every figure is within the safe integer range), but a
  // range too wide or too narrow for doubles must still give a drawable axis.
  if (!Number.isFinite(rough) || rough <= 0) return { min: lo, max: hi, step: hi - lo, decimals: 0, values: [lo, hi] };
  const exponent = Math.floor(Math.log10(rough));
  const fraction = rough / 10 ** exponent;
  // The nearest of 1, 2, 5 and 10 (on a log scale): between about target / 1.6 and 1.6 * target ticks.
  const mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  // step = mantissa * 10^exponent; ticks are k * step, computed as k * mantissa scaled by a
  // power of ten in one division so 3 * 0.1 prints as 0.3, not 0.30000000000000004.
  const power = mantissa === 10 ? exponent + 1 : exponent;
  const m = mantissa === 10 ? 1 : mantissa;
  const tick = (k: number): number => (power >= 0 ? k * m * 10 ** power : (k * m) / 10 ** -power);
  const step = tick(1);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  // Ranges at the edge of double precision (subnormal widths, 10^-exponent overflowing, a range
  // narrow for its magnitude, where k++ would not move k) give no usable round ticks: fall back
  // to the range's own ends.
  if (!(step > 0) || !(last - first >= 1 && last - first <= 100) || Math.max(Math.abs(first), Math.abs(last)) > 2 ** 51) {
    return { min: lo, max: hi, step: hi - lo, decimals: 0, values: [lo, hi] };
  }
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(tick(k) + 0);
  const ends = { min: tick(first) + 0, max: tick(last) + 0 };
  if (ends.min > lo || ends.max < hi) return { min: lo, max: hi, step: hi - lo, decimals: 0, values: [lo, hi] };
  return { ...ends, step, decimals: Math.max(0, -power), values };
}
