import type { AuctionMechanism, MechanismProperties, MechanismSupport } from '../mechanism.js';
import { discriminatoryMechanism } from './discriminatory.js';
import { huangMechanism } from './huang.js';
import { mcafeeMechanism } from './mcafee.js';
import { tradeReductionMechanism } from './trade-reduction.js';
import { uniformMechanism } from './uniform.js';

/**
 * The mechanism registry: the built-in mechanisms as {@link AuctionMechanism} objects, by name.
 * Each holds its name, its properties and what it supports; every list of mechanism names in the
 * library (the {@link BuiltInMechanismName} type, the names clearAuction, Market and
 * runSimulation accept, the command line's `--mechanism` list and its help) is derived from this
 * object, so a mechanism added here is added everywhere. Read it to compare the built-ins, or wrap
 * one in a mechanism of your own.
 *
 * | mechanism | individually rational | budget balance | truthful | efficient | zonal fees | link capacities |
 * |---|---|---|---|---|---|---|
 * | uniform | yes | strong | no | yes | yes | yes |
 * | discriminatory | yes | strong | no | yes | yes | yes |
 * | mcafee | yes | weak | unit traders | no (loses at most one lot) | no (one fee for all zones) | no |
 * | trade-reduction | yes | weak | unit traders | no (always loses one lot) | no (one fee for all zones) | no |
 * | huang | yes | weak | multi-unit | no (the two marginal orders do not trade) | no (one fee for all zones) | no |
 *
 * @example
 * ```ts
 * BUILT_IN_MECHANISMS.huang.properties.truthful; // 'multi-unit'
 * BUILT_IN_MECHANISMS.mcafee.supports?.zonalFees; // false
 * BUILT_IN_MECHANISMS.uniform.supports?.capacities; // true
 * ```
 */
export const BUILT_IN_MECHANISMS = Object.freeze({
  /** Uniform price (pay-as-clear), the default: efficient and strongly budget-balanced, with zonal prices. */
  uniform: uniformMechanism,
  /** Each matched pair at `ask + k * (bid - ask)`: the uniform allocation, priced pair by pair. */
  discriminatory: discriminatoryMechanism,
  /** McAfee (1992): truthful for unit traders; loses at most the marginal lot. */
  mcafee: mcafeeMechanism,
  /** Trade reduction (Babaioff and Nisan 2004): truthful for unit traders; always loses the marginal lot. */
  'trade-reduction': tradeReductionMechanism,
  /** Huang, Scheller-Wolf and Sycara (2002): truthful for multi-unit traders; the marginal orders set the prices. */
  huang: huangMechanism,
} as const satisfies Record<string, AuctionMechanism>);

/** The names of the built-in mechanisms: the keys of {@link BUILT_IN_MECHANISMS}. */
export type BuiltInMechanismName = keyof typeof BUILT_IN_MECHANISMS;

/**
 * The names of the built-in mechanisms, in the registry's order (the default, `'uniform'`, first).
 *
 * @example
 * ```ts
 * MECHANISM_NAMES.join(', '); // 'uniform, discriminatory, mcafee, trade-reduction, huang'
 * ```
 */
export const MECHANISM_NAMES: readonly BuiltInMechanismName[] = Object.freeze(Object.keys(BUILT_IN_MECHANISMS) as BuiltInMechanismName[]);

/**
 * What each built-in mechanism guarantees, as data (each entry is its mechanism's `properties`).
 *
 * @example
 * ```ts
 * MECHANISM_PROPERTIES.huang.truthful; // 'multi-unit'
 * MECHANISM_PROPERTIES.uniform.efficient; // true
 * ```
 */
export const MECHANISM_PROPERTIES: Readonly<Record<BuiltInMechanismName, MechanismProperties>> = Object.freeze(
  Object.fromEntries(MECHANISM_NAMES.map((name) => [name, BUILT_IN_MECHANISMS[name].properties])) as Record<BuiltInMechanismName, MechanismProperties>,
);

/** Whether `name` names a built-in mechanism (an own key of the registry, not `'toString'`). */
export function isBuiltInMechanismName(name: unknown): name is BuiltInMechanismName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(BUILT_IN_MECHANISMS, name);
}

/**
 * The built-in mechanisms whose declared support includes `feature` (`'zones'`, `'zonalFees'`,
 * `'capacities'`), in the registry's order: for messages that suggest one.
 *
 * @example
 * ```ts
 * mechanismsSupporting('zonalFees'); // ['uniform', 'discriminatory']
 * ```
 */
export function mechanismsSupporting(feature: keyof MechanismSupport): BuiltInMechanismName[] {
  return MECHANISM_NAMES.filter((name) => supports(BUILT_IN_MECHANISMS[name], feature));
}

/**
 * What an undeclared feature counts as. Zones and zonal fees: supported, since verification holds
 * every allocation to the fees (see {@link MechanismSupport}). Capacities: not supported, since a
 * mechanism that knows nothing of links honours none.
 */
const UNDECLARED: Readonly<Record<keyof MechanismSupport, boolean>> = Object.freeze({ zones: true, zonalFees: true, capacities: false });

/**
 * Whether `mechanism` supports `feature`: its declaration, or the feature's default when it
 * declares nothing about it (true for zones and zonal fees, false for capacities). A built-in
 * mechanism given by name is looked up in the registry; an unknown name supports nothing (it is
 * refused where it is validated).
 */
export function supports(mechanism: AuctionMechanism | string, feature: keyof MechanismSupport): boolean {
  if (typeof mechanism === 'string') return isBuiltInMechanismName(mechanism) && supports(BUILT_IN_MECHANISMS[mechanism], feature);
  const declared = mechanism.supports?.[feature];
  if (declared !== undefined) return declared;
  return UNDECLARED[feature];
}

/** A mechanism's name, whether given by name or as an object. */
export function mechanismName(mechanism: AuctionMechanism | string): string {
  return typeof mechanism === 'string' ? mechanism : mechanism.name;
}
