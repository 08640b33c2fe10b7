import type { SortedRun } from '../fill-best.js';
import type { NormalisedSide } from '../normalised-orders.js';

/** One side's positions grouped by zone, each group still sorted best first. */
export interface ZoneRuns {
  /** Positions of the side, zone 0's first, then zone 1's, ... */
  readonly positions: Int32Array;
  /** Zone z's positions are `positions[start[z] .. start[z + 1] - 1]`. */
  readonly start: Int32Array;
}

/** Groups a sorted side by zone with a stable counting pass, so each zone keeps the order. */
export function groupByZone(side: NormalisedSide, zoneCount: number): ZoneRuns {
  const start = new Int32Array(zoneCount + 1);
  for (let p = 0; p < side.count; p++) {
    const z = (side.zone[p] as number) + 1;
    start[z] = (start[z] as number) + 1;
  }
  for (let z = 0; z < zoneCount; z++) start[z + 1] = (start[z + 1] as number) + (start[z] as number);
  const heads = start.slice(0, zoneCount);
  const positions = new Int32Array(side.count);
  for (let p = 0; p < side.count; p++) positions[(heads[side.zone[p] as number] as number)++] = p;
  return { positions, start };
}

/** Zone z's part of a side as a run. */
export function zoneRun(side: NormalisedSide, runs: ZoneRuns, z: number): SortedRun {
  return { price: side.price, quantity: side.quantity, positions: runs.positions, from: runs.start[z] as number, to: runs.start[z + 1] as number };
}

/** Walks a zone's price levels, best first: the current level's price and its lots not yet used. */
export class LevelCursor {
  private k: number;
  /** The current level's price, when `left > 0`. */
  price = 0;
  /** Lots of the current level not yet used; 0 when the zone is used up. */
  left = 0;

  constructor(private readonly run: SortedRun) {
    this.k = run.from;
    this.next();
  }

  /** Uses `lots` (at most `left`) of the current level. */
  take(lots: number): void {
    this.left -= lots;
    if (this.left === 0) this.next();
  }

  private next(): void {
    const { price, quantity, positions, to } = this.run;
    if (this.k >= to) return;
    const level = price[positions === undefined ? this.k : (positions[this.k] as number)] as number;
    let total = 0;
    while (this.k < to) {
      const p = positions === undefined ? this.k : (positions[this.k] as number);
      if (price[p] !== level) break;
      total += quantity[p] as number;
      this.k++;
    }
    this.price = level;
    this.left = total;
  }
}
