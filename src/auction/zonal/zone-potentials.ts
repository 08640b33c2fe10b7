import { ErrorCode } from '../../errors/error-codes.js';
import { fail } from '../../errors/watt-error.js';

/**
 * What clearing left in one zone, on one side: the bounds its price must respect.
 * A filled bid must be willing to pay the zone's buyer price (price <= bid); an unfilled lot of
 * a bid must not be (price >= bid); for asks the other way round.
 */
export interface ZoneBounds {
  /** Whether the zone has orders on this side at all. */
  readonly active: boolean;
  /** Bids: the lowest price among filled bids; asks: the highest among filled asks. NaN if none. */
  readonly filledEdge: number;
  /** Bids: the highest price among bids with lots left; asks: the lowest. NaN if none. */
  readonly openEdge: number;
}

/** The lowest and highest market-clearing price of each zone node, or NaN where unbounded. */
export interface ZonePotentials {
  /** Per buyer zone. */
  readonly buyerLow: Float64Array;
  readonly buyerHigh: Float64Array;
  /** Per seller zone. */
  readonly sellerLow: Float64Array;
  readonly sellerHigh: Float64Array;
}

// A cap on Bellman-Ford's intermediate values. Every finite shortest distance here is a simple
// path: one order price (|p| <= 2^50) plus at most 512 fees (<= 2^40 each), so under 2^51; values
// above the cap are only ever upper bounds on such distances, and capping them keeps every sum a
// safe integer without changing the result.
const CAP = 2 ** 52;

interface Edge {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

/**
 * The zonal prices that support an optimal allocation are the optimal dual solutions of the
 * transportation problem, projected on the zones: buyer price B_z and seller price S_y with
 * B_z - S_y <= fee(y, z) for every pair, equal where lots flow, and each zone's price within the
 * bounds its filled and unfilled orders set. These are difference constraints, so the set of
 * solutions is a lattice: its componentwise lowest and highest points are shortest-path distances
 * (Bellman-Ford from a ground node at 0, on the graph and on its reverse). Any point between them
 * (and any convex combination rounded by a monotone, shift-invariant rule) supports the same
 * allocation.
 *
 * With link capacities, a full link (flow = capacity) carries a non-negative shadow price: its
 * constraint B_z - S_y <= fee(y, z) is dropped (the price gap may exceed the fee; the excess is
 * congestion rent), while B_z - S_y >= fee(y, z) stays where lots flow. A closed link (capacity
 * 0) ties its ends by nothing. The constraints stay difference constraints, so the lattice and
 * the rounding argument are unchanged.
 */
export function zonePotentials(
  buyers: readonly ZoneBounds[],
  sellers: readonly ZoneBounds[],
  fees: Float64Array,
  flow: Float64Array,
  zoneCount: number,
  capacity?: Float64Array,
): ZonePotentials {
  const Z = zoneCount;
  // Nodes: 0 ground, 1..Z buyer zones, Z+1..2Z seller zones. Edge u -> v of weight w: x_v <= x_u + w.
  const edges: Edge[] = [];
  const b = (z: number): number => 1 + z;
  const s = (y: number): number => 1 + Z + y;
  for (let z = 0; z < Z; z++) {
    const bz = buyers[z] as ZoneBounds;
    if (!bz.active) continue;
    if (!Number.isNaN(bz.filledEdge)) edges.push({ from: 0, to: b(z), weight: bz.filledEdge });
    if (!Number.isNaN(bz.openEdge)) edges.push({ from: b(z), to: 0, weight: -bz.openEdge });
  }
  for (let y = 0; y < Z; y++) {
    const sy = sellers[y] as ZoneBounds;
    if (!sy.active) continue;
    if (!Number.isNaN(sy.filledEdge)) edges.push({ from: s(y), to: 0, weight: -sy.filledEdge });
    if (!Number.isNaN(sy.openEdge)) edges.push({ from: 0, to: s(y), weight: sy.openEdge });
    for (let z = 0; z < Z; z++) {
      if (!(buyers[z] as ZoneBounds).active) continue;
      const f = fees[y * Z + z] as number;
      const full = capacity !== undefined && (flow[y * Z + z] as number) >= (capacity[y * Z + z] as number);
      if (!full) edges.push({ from: s(y), to: b(z), weight: f });
      if ((flow[y * Z + z] as number) > 0) edges.push({ from: b(z), to: s(y), weight: -f });
    }
  }
  const V = 2 * Z + 1;
  const high = shortestFromGround(edges, V, false);
  const low = shortestFromGround(edges, V, true);
  const buyerLow = new Float64Array(Z);
  const buyerHigh = new Float64Array(Z);
  const sellerLow = new Float64Array(Z);
  const sellerHigh = new Float64Array(Z);
  for (let z = 0; z < Z; z++) {
    buyerHigh[z] = high[b(z)] as number;
    buyerLow[z] = -(low[b(z)] as number);
    sellerHigh[z] = high[s(z)] as number;
    sellerLow[z] = -(low[s(z)] as number);
  }
  return { buyerLow, buyerHigh, sellerLow, sellerHigh };
}

/**
 * Distances from node 0 (on the reversed graph when `reversed`), NaN where unreachable.
 * Throws on a negative cycle, which an optimal allocation cannot have.
 */
function shortestFromGround(edges: readonly Edge[], V: number, reversed: boolean): Float64Array {
  const dist = new Float64Array(V).fill(Infinity);
  dist[0] = 0;
  for (let round = 0; round <= V; round++) {
    let changed = false;
    for (const e of edges) {
      const u = reversed ? e.to : e.from;
      const v = reversed ? e.from : e.to;
      const du = dist[u] as number;
      if (du === Infinity) continue;
      let candidate = du + e.weight;
      if (candidate > CAP) candidate = CAP;
      if (candidate < (dist[v] as number)) {
        dist[v] = candidate;
        changed = true;
      }
    }
    if (!changed) {
      for (let v = 0; v < V; v++) if (dist[v] === Infinity) dist[v] = NaN;
      return dist;
    }
  }
  return fail(ErrorCode.MECHANISM_FAILED, 'clearAuction', 'zonal prices are infeasible: the allocation is not optimal (a bug in wattmarket)');
}
