import type { AuctionMechanism, MechanismContext } from '../auction/mechanism.js';
import { BUILT_IN_MECHANISMS, isBuiltInMechanismName, supports } from '../auction/mechanisms/built-in-mechanisms.js';
import type { NormalisedOrders } from '../auction/normalised-orders.js';
import type { MechanismName } from '../market/market-types.js';
import type { ResolvedScenario } from './resolve-scenario.js';

/** The mechanism object behind a name (undefined for an unknown name, refused elsewhere). */
function mechanismObject(mechanism: MechanismName | AuctionMechanism): AuctionMechanism | undefined {
  if (typeof mechanism !== 'string') return mechanism;
  return isBuiltInMechanismName(mechanism) ? BUILT_IN_MECHANISMS[mechanism] : undefined;
}

/**
 * Whether a run of `s` with `mechanism` can trade across its feeders within their link
 * capacities: always when the scenario has none, else when the mechanism declares
 * `supports.capacities` (the built-in `uniform` and `discriminatory`; not the truthful ones).
 */
export function honoursLinks(s: ResolvedScenario, mechanism: MechanismName | AuctionMechanism): boolean {
  if (s.network === undefined || s.network.links.length === 0) return true;
  const m = mechanismObject(mechanism);
  return m !== undefined && supports(m, 'capacities');
}

/**
 * The mechanism the simulation's market clears with: `mechanism` itself when the scenario has no
 * link capacities, else `mechanism` given the scenario's link capacities (Wh per interval: lots
 * of the market's 1 Wh step) in every clearing.
 *
 * Why a wrapper: a `Market` takes no link capacities yet, but its joint zonal auction hands the
 * mechanism the zones and fees, and a mechanism that declares `supports.capacities` clears with
 * whatever capacities its context holds. The wrapper puts the scenario's capacities there. The
 * market verifies the allocation against its own context (no capacities), so the wrapper
 * declares what holds there: not efficient (the capacitated optimum can be below the
 * unconstrained one) and weakly budget-balanced (the congestion rent a full link leaves shows as
 * surplus, which the market pays to its operator account). Its name is the mechanism's own.
 */
export function withLinkCapacities(s: ResolvedScenario, mechanism: MechanismName | AuctionMechanism): MechanismName | AuctionMechanism {
  const links = s.network?.links ?? [];
  const base = mechanismObject(mechanism);
  if (links.length === 0 || base === undefined || !supports(base, 'capacities')) return mechanism;
  const p = base.properties;
  return Object.freeze({
    name: base.name,
    properties: Object.freeze({ ...p, efficient: false, budgetBalance: p.budgetBalance === 'none' ? ('none' as const) : ('weak' as const) }),
    // The market gives it no capacities of its own to honour: the scenario's come from here.
    supports: Object.freeze({ ...base.supports, capacities: false }),
    clear(orders: NormalisedOrders, context: MechanismContext) {
      const z = context.zoneCount;
      // One small array per auction (zones squared), never per order.
      const capacity = new Float64Array(z * z).fill(Infinity);
      for (const l of links) {
        const a = context.zones.indexOf(l.from);
        const b = context.zones.indexOf(l.to);
        if (a >= 0 && b >= 0) capacity[a * z + b] = l.capacityWh;
      }
      return base.clear(orders, { ...context, capacity });
    },
  });
}
