import type { Rationing } from './mechanism.js';

/**
 * A run of orders sorted best first: either positions `from..to-1` of the arrays themselves, or
 * (with `positions`) the positions `positions[from..to-1]`. Within a price level the order is
 * the input order, so "earlier" below means earlier in the input.
 */
export interface SortedRun {
  readonly price: Float64Array;
  readonly quantity: Float64Array;
  readonly positions: Int32Array | undefined;
  readonly from: number;
  readonly to: number;
}

/**
 * Fills the best `lots` lots of a run into `out` (indexed by position): every price level better
 * than the marginal one completely, the marginal level by `rationing`. `lots` must not exceed
 * the run's total.
 */
export function fillBest(run: SortedRun, lots: number, rationing: Rationing, out: Float64Array): void {
  const { price, quantity, positions, to } = run;
  let k = run.from;
  let left = lots;
  while (left > 0 && k < to) {
    // One price level: [k, end).
    const levelPrice = price[at(positions, k)] as number;
    let end = k;
    let total = 0;
    while (end < to && price[at(positions, end)] === levelPrice) total += quantity[at(positions, end++)] as number;
    if (total <= left) {
      for (let x = k; x < end; x++) {
        const p = at(positions, x);
        out[p] = quantity[p] as number;
      }
      left -= total;
    } else if (rationing === 'input-order') {
      for (let x = k; x < end && left > 0; x++) {
        const p = at(positions, x);
        const q = quantity[p] as number;
        const t = q < left ? q : left;
        out[p] = t;
        left -= t;
      }
    } else {
      proRata(run, k, end, total, left, out);
      left = 0;
    }
    k = end;
  }
}

function at(positions: Int32Array | undefined, k: number): number {
  return positions === undefined ? k : (positions[k] as number);
}

/**
 * Shares `lots` (< total) among the level [from, to) in proportion to quantity, in whole lots:
 * each order gets floor(lots * q / total); the lots left over go one each to the largest
 * remainders (lots * q mod total), ties to the earlier order. Exact: bigint when a product
 * passes 2^53.
 */
function proRata(run: SortedRun, from: number, to: number, total: number, lots: number, out: Float64Array): void {
  const { quantity, positions } = run;
  const m = to - from;
  const remainders = new Float64Array(m);
  let given = 0;
  for (let x = 0; x < m; x++) {
    const p = at(positions, from + x);
    const q = quantity[p] as number;
    const product = lots * q;
    let share: number;
    let rem: number;
    if (product <= Number.MAX_SAFE_INTEGER) {
      rem = product % total;
      share = (product - rem) / total;
    } else {
      const big = BigInt(lots) * BigInt(q);
      const t = BigInt(total);
      rem = Number(big % t);
      share = Number(big / t);
    }
    out[p] = share;
    remainders[x] = rem;
    given += share;
  }
  const leftover = lots - given;
  if (leftover === 0) return;
  const order = Array.from({ length: m }, (_, x) => x);
  order.sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
  for (let r = 0; r < leftover; r++) {
    const p = at(positions, from + (order[r] as number));
    out[p] = (out[p] as number) + 1;
  }
}
