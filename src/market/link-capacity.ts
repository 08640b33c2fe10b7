import { resolveAuctionOptions, type AuctionOptions, type AuctionZones, type ResolvedAuctionOptions } from '../auction/auction-options.js';
import type { ResolvedZones } from '../auction/zonal/resolve-zones.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { formatSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';
import { checkObject } from '../validation/checks.js';

const FN = 'Market';

/**
 * The market's link capacities (`tariff.zoneCapacity`) after validation: per delivery interval,
 * the most lots that sellers in one zone may sell to buyers in another (or in their own zone).
 */
export interface MarketCapacity {
  /** `lots[from * Z + to]` by the market's zone indexes (its `zones` order); `Infinity` where unlimited. */
  readonly lots: Float64Array;
  /** Every link given, `[from, to, kWh as exact text]`, in zone name order: what the options hash reads. */
  readonly links: readonly (readonly [string, string, string])[];
}

/**
 * Validates `tariff.zoneCapacity` with clearAuction's own checks (the same codes; messages name
 * the link as `tariff.zoneCapacity.<from>.<to>`), and refuses it for a mechanism that does not
 * declare it honours capacities. With zone fees the links are those of the fee matrix; without,
 * the market's zones, and only a zone's link to itself can carry anything (books and auctions
 * then never trade across zones), so a link between two zones is refused.
 * @param auction - the market's auction options (mechanism, grids, zone fees if any).
 * @returns undefined when no link is given: every link is unlimited and the market runs exactly
 *   as without the option.
 */
export function resolveMarketCapacity(value: unknown, zones: readonly string[], auction: AuctionOptions, quantityStep: Step): MarketCapacity | undefined {
  if (value === undefined) return undefined;
  const raw = checkObject(value, FN, 'tariff.zoneCapacity') as AuctionZones['capacity'];
  const coupled = auction.zones !== undefined;
  const zero: Record<string, Record<string, string>> = {};
  for (const from of zones) zero[from] = Object.fromEntries(zones.map((to) => [to, '0']));
  const fees = auction.zones?.fees ?? zero;
  const options: AuctionOptions = { ...auction, zones: { fees, capacity: raw } };
  let resolved: ResolvedZones;
  try {
    resolved = resolveAuctionOptions(options).zones as ResolvedZones;
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
    let text = e.message.replace(/^clearAuction: /, `${FN}: `).replaceAll('zones.capacity', 'tariff.zoneCapacity');
    text = coupled ? text.replaceAll('zones.fees', 'tariff.zoneFees') : text.replaceAll('has no row in zones.fees', "is not one of the market's zones");
    throw new WattError(e.code, text, e.reason);
  }
  const capacity = resolved.capacity;
  if (capacity === undefined) return undefined;
  const Z = zones.length;
  const R = resolved.names.length;
  const lots = new Float64Array(Z * Z).fill(Infinity);
  const links: [string, string, string][] = [];
  for (let y = 0; y < R; y++) {
    for (let z = 0; z < R; z++) {
      const cap = capacity[y * R + z] as number;
      if (cap === Infinity) continue;
      const from = resolved.names[y] as string;
      const to = resolved.names[z] as string;
      if (!coupled && from !== to) {
        fail(ErrorCode.INVALID_OPTION, FN, `tariff.zoneCapacity.${from}.${to}: zones trade with each other only with tariff.zoneFees (without them only a zone's link to itself carries energy)`);
      }
      const i = zones.indexOf(from);
      const j = zones.indexOf(to);
      // A zone of the fee matrix that is not a market zone was refused by the fee checks.
      lots[i * Z + j] = cap;
      links.push([from, to, formatSteps(cap, quantityStep)]);
    }
  }
  return Object.freeze({ lots, links: Object.freeze(links) });
}

/**
 * The capacity left on the link `from -> to` (market zone indexes) of an interval that has
 * moved `used` lots per link so far (undefined: nothing yet); `Infinity` where unlimited.
 */
export function remainingLots(capacity: MarketCapacity, used: Float64Array | undefined, Z: number, from: number, to: number): number {
  const link = from * Z + to;
  return (capacity.lots[link] as number) - (used === undefined ? 0 : (used[link] as number));
}

/**
 * The auction options an interval's clearing runs with: the market's, with each link's capacity
 * replaced by what the interval has left of it (continuous trading before a closing auction
 * uses a zone's own link). Coupled (zone fees): the fee matrix's zones. Otherwise one product's
 * auction in zone `zone`, as an auction of that single zone with a free link to itself, when
 * that link has a capacity; undefined when it has none (the auction clears as without capacities).
 */
export function capacitatedOptions(
  base: ResolvedAuctionOptions,
  capacity: MarketCapacity,
  used: Float64Array | undefined,
  zones: readonly string[],
  zoneIndex: ReadonlyMap<string, number>,
  zone: string | undefined,
): ResolvedAuctionOptions | undefined {
  const Z = zones.length;
  const coupled = base.zones;
  if (coupled !== undefined) {
    const R = coupled.names.length;
    const left = new Float64Array(R * R).fill(Infinity);
    for (let y = 0; y < R; y++) {
      for (let z = 0; z < R; z++) {
        const i = zoneIndex.get(coupled.names[y] as string);
        const j = zoneIndex.get(coupled.names[z] as string);
        if (i !== undefined && j !== undefined) left[y * R + z] = remainingLots(capacity, used, Z, i, j);
      }
    }
    return { ...base, zones: { ...coupled, capacity: left } };
  }
  const i = zone === undefined ? undefined : zoneIndex.get(zone);
  if (i === undefined || capacity.lots[i * Z + i] === Infinity) return undefined;
  const single: ResolvedZones = {
    names: [zone as string],
    index: new Map([[zone as string, 0]]),
    fees: new Float64Array(1),
    constantFee: 0,
    defaultZone: 0,
    capacity: Float64Array.of(remainingLots(capacity, used, Z, i, i)),
    firstCapacityLink: `${zone as string}.${zone as string}`,
  };
  return { ...base, zones: single };
}

/** Counts `lots` moved on the link `from -> to` into an interval's use (made on first use). */
export function useLink(used: Float64Array | undefined, Z: number, from: number, to: number, lots: number): Float64Array {
  const u = used ?? new Float64Array(Z * Z);
  u[from * Z + to] = (u[from * Z + to] as number) + lots;
  return u;
}
