import { ErrorCode } from '../../errors/error-codes.js';
import { fail } from '../../errors/watt-error.js';
import { ExactSum } from '../../units/exact-sum.js';
import type { LevelCursor } from './zone-runs.js';

/** The zone-level result of the transportation problem. */
export interface ZoneFlows {
  /** `flow[askZone * Z + bidZone]`: lots sold from askZone to bidZone. */
  readonly flow: Float64Array;
  /** Lots bought per buyer zone. */
  readonly bought: Float64Array;
  /** Lots sold per seller zone. */
  readonly sold: Float64Array;
  /** The welfare reached, net of fees: ticks times lots. */
  readonly welfare: bigint;
}

// Distances stay safe integers: a walk here is one ask price (at most 2^50), fees of at most
// 2^40 each (at most 2 * 257 of them) and one bid price.
const INF = Infinity;

/**
 * Maximises welfare net of fees, sum over trades of (bid - ask - fee) * lots, exactly, by
 * successive shortest paths on the small zone graph: a source feeds each seller zone at the
 * price of its cheapest unused ask level, seller zone y reaches buyer zone z at the fee
 * fees[y * Z + z] (and back at minus the fee where lots already flow, to re-route them), and each
 * buyer zone drains to the sink at minus its best unused bid level. Each round augments along
 * the cheapest path while its gain is not negative (zero-gain paths too, so among the
 * welfare-maximising allocations the volume is the largest), by as much as the entry level, the
 * exit level and the re-routed flows allow. Levels are used best first, so every zone fills a
 * prefix of its levels. Ties between equally cheap paths go to the lower zone indices (zones are
 * sorted by name); deterministic, and independent of the order of the input.
 *
 * With `capacity` (lots per link, Infinity for unlimited), the arc y -> z is open only while its
 * flow is below its capacity, and an augmentation moves at most what is left of it: successive
 * shortest paths on a network with capacitated arcs, still exact in integers. Each round moves at
 * least one lot and ends where a level is used up, an arc fills or a re-routed flow empties, so
 * the rounds are at most the lots traded (finite), and in practice near the number of price
 * levels plus a few per link (see bench/zonal-capacity.bench.mjs). Without capacities (or with every link
 * unlimited) every test below is the one made without them, so the result is exactly the same.
 */
export function solveTransport(
  asks: readonly LevelCursor[],
  bids: readonly LevelCursor[],
  fees: Float64Array,
  zoneCount: number,
  capacity?: Float64Array,
): ZoneFlows {
  const Z = zoneCount;
  const flow = new Float64Array(Z * Z);
  const bought = new Float64Array(Z);
  const sold = new Float64Array(Z);
  // Nodes: 0 source, 1..Z seller zones, Z+1..2Z buyer zones, 2Z+1 sink.
  const V = 2 * Z + 2;
  const sink = V - 1;
  const dist = new Float64Array(V);
  const pred = new Int32Array(V);
  const welfare = new ExactSum();
  for (;;) {
    dist.fill(INF);
    pred.fill(-1);
    dist[0] = 0;
    for (let round = 0; round < V; round++) {
      let changed = false;
      for (let y = 0; y < Z; y++) {
        const cursor = asks[y] as LevelCursor;
        if (cursor.left > 0 && cursor.price < (dist[1 + y] as number)) {
          dist[1 + y] = cursor.price;
          pred[1 + y] = 0;
          changed = true;
        }
      }
      for (let y = 0; y < Z; y++) {
        const dy = dist[1 + y] as number;
        for (let z = 0; z < Z; z++) {
          const f = fees[y * Z + z] as number;
          const bz = 1 + Z + z;
          const open = capacity === undefined || (flow[y * Z + z] as number) < (capacity[y * Z + z] as number);
          if (open && dy !== INF && dy + f < (dist[bz] as number)) {
            dist[bz] = dy + f;
            pred[bz] = 1 + y;
            changed = true;
          }
          // Re-routing lots that already flow y -> z gives back the fee.
          const dz = dist[bz] as number;
          if ((flow[y * Z + z] as number) > 0 && dz !== INF && dz - f < (dist[1 + y] as number)) {
            dist[1 + y] = dz - f;
            pred[1 + y] = bz;
            changed = true;
          }
        }
      }
      for (let z = 0; z < Z; z++) {
        const cursor = bids[z] as LevelCursor;
        const dz = dist[1 + Z + z] as number;
        if (cursor.left > 0 && dz !== INF && dz - cursor.price < (dist[sink] as number)) {
          dist[sink] = dz - cursor.price;
          pred[sink] = 1 + Z + z;
          changed = true;
        }
      }
      if (!changed) break;
    }
    if (!((dist[sink] as number) <= 0)) break;
    // Walk the path back from the sink: the amount is limited by the exit level, the entry level
    // and every flow the path re-routes.
    const exit = (pred[sink] as number) - 1 - Z;
    let amount = (bids[exit] as LevelCursor).left;
    let v = pred[sink] as number;
    let steps = 0;
    while (v !== 0) {
      const u = pred[v] as number;
      if (u === 0) amount = Math.min(amount, (asks[v - 1] as LevelCursor).left);
      else if (v <= Z) amount = Math.min(amount, flow[(v - 1) * Z + (u - 1 - Z)] as number);
      else if (capacity !== undefined) amount = Math.min(amount, (capacity[(u - 1) * Z + (v - 1 - Z)] as number) - (flow[(u - 1) * Z + (v - 1 - Z)] as number));
      v = u;
      if (++steps > V) fail(ErrorCode.MECHANISM_FAILED, 'clearAuction', 'zonal clearing found a negative cycle in the zone graph (a bug in wattmarket)');
    }
    v = pred[sink] as number;
    while (v !== 0) {
      const u = pred[v] as number;
      if (u === 0) {
        (asks[v - 1] as LevelCursor).take(amount);
        sold[v - 1] = (sold[v - 1] as number) + amount;
      } else if (v <= Z) {
        flow[(v - 1) * Z + (u - 1 - Z)] = (flow[(v - 1) * Z + (u - 1 - Z)] as number) - amount;
      } else {
        flow[(u - 1) * Z + (v - 1 - Z)] = (flow[(u - 1) * Z + (v - 1 - Z)] as number) + amount;
      }
      v = u;
    }
    (bids[exit] as LevelCursor).take(amount);
    bought[exit] = (bought[exit] as number) + amount;
    welfare.addProduct(-(dist[sink] as number), amount);
  }
  return { flow, bought, sold, welfare: welfare.value() };
}
