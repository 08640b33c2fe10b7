import type { AuctionMechanism, MechanismProperties } from '../mechanism.js';
import { discriminatoryMechanism } from './discriminatory.js';
import { huangMechanism } from './huang.js';
import { mcafeeMechanism } from './mcafee.js';
import { tradeReductionMechanism } from './trade-reduction.js';
import { uniformMechanism } from './uniform.js';

/** The names of the built-in mechanisms. */
export type BuiltInMechanismName = 'uniform' | 'discriminatory' | 'mcafee' | 'trade-reduction' | 'huang';

/**
 * The built-in mechanisms as {@link AuctionMechanism} objects, by name: to read their
 * properties, or to wrap one in a custom mechanism.
 *
 * | mechanism | individually rational | budget balance | truthful | efficient |
 * |---|---|---|---|---|
 * | uniform | yes | strong | no | yes |
 * | discriminatory | yes | strong | no | yes |
 * | mcafee | yes | weak | unit traders | no (loses at most one lot) |
 * | trade-reduction | yes | weak | unit traders | no (always loses one lot) |
 * | huang | yes | weak | multi-unit | no (the two marginal orders do not trade) |
 */
export const BUILT_IN_MECHANISMS: Readonly<Record<BuiltInMechanismName, AuctionMechanism>> = Object.freeze({
  uniform: uniformMechanism,
  discriminatory: discriminatoryMechanism,
  mcafee: mcafeeMechanism,
  'trade-reduction': tradeReductionMechanism,
  huang: huangMechanism,
});

/**
 * What each built-in mechanism guarantees, as data.
 *
 * @example
 * ```ts
 * MECHANISM_PROPERTIES.huang.truthful; // 'multi-unit'
 * MECHANISM_PROPERTIES.uniform.efficient; // true
 * ```
 */
export const MECHANISM_PROPERTIES: Readonly<Record<BuiltInMechanismName, MechanismProperties>> = Object.freeze({
  uniform: uniformMechanism.properties,
  discriminatory: discriminatoryMechanism.properties,
  mcafee: mcafeeMechanism.properties,
  'trade-reduction': tradeReductionMechanism.properties,
  huang: huangMechanism.properties,
});
