import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail } from '../errors/watt-error.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { createStep, type Step } from '../units/step.js';
import { checkBoolean, checkKnownKeys, checkOneOf } from '../validation/checks.js';
import { HALF, parseK, type Fraction } from './fraction.js';
import type { AuctionMechanism, MechanismProperties, Rationing } from './mechanism.js';
import {
  BUILT_IN_MECHANISMS,
  isBuiltInMechanismName,
  MECHANISM_NAMES,
  mechanismsSupporting,
  supports,
  type BuiltInMechanismName,
} from './mechanisms/built-in-mechanisms.js';
import type { SelfTrade } from './self-trades.js';
import { resolveZones, type ResolvedZones } from './zonal/resolve-zones.js';

/**
 * Grid fees between zones. A bid and an ask may trade only when the bid minus the fee from the
 * ask's zone to the bid's zone is at least the ask, and clearing maximises welfare net of fees.
 *
 * @example
 * ```ts
 * const zones = {
 *   fees: {
 *     feeder1: { feeder1: 0, feeder2: '0.02' },   // from feeder1 (the seller's zone) to ...
 *     feeder2: { feeder1: '0.02', feeder2: 0 },
 *   },
 *   defaultZone: 'feeder1',
 * };
 * ```
 */
export interface AuctionZones {
  /**
   * `fees[sellerZone][buyerZone]`: the fee per kWh for energy sold from `sellerZone` to
   * `buyerZone`, non-negative, on the price tick. The keys of `fees` are the zones; every row
   * must give a fee to every zone (the matrix is complete; the diagonal is the fee inside a zone).
   */
  readonly fees: Readonly<Record<string, Readonly<Record<string, DecimalInput>>>>;
  /** The zone of orders that name none. Without it, every order must name its zone. */
  readonly defaultZone?: string | undefined;
  /**
   * Link capacities: `capacity[sellerZone][buyerZone]` is the most kWh that sellers in
   * `sellerZone` may sell to buyers in `buyerZone` in this auction (one delivery interval),
   * non-negative and on the quantity step. A missing entry is unlimited; 0 closes the link.
   * Clearing maximises welfare net of fees subject to every capacity; where a link is full the
   * zones' prices may differ by more than the fee, and that excess times the flow is the
   * result's `congestionRent`. Only mechanisms that declare `supports.capacities` accept it
   * (the built-ins `'uniform'` and `'discriminatory'`).
   *
   * @example
   * ```ts
   * { fees: { north: { north: 0, south: 2 }, south: { north: 2, south: 0 } },
   *   capacity: { north: { south: 500 } } } // at most 500 kWh from north to south
   * ```
   */
  readonly capacity?: Readonly<Record<string, Readonly<Record<string, DecimalInput>>>> | undefined;
}

/** Options of {@link clearAuction}; every field is optional. */
export interface AuctionOptions {
  /**
   * A built-in mechanism by name, or a custom {@link AuctionMechanism}. Default `'uniform'`.
   */
  readonly mechanism?: BuiltInMechanismName | AuctionMechanism | undefined;
  /**
   * Position in [0, 1]: for `'uniform'`, of the price in the interval of market-clearing prices
   * (0 its lowest, 1 its highest); for `'discriminatory'`, of each pair's price between ask and
   * bid (1 is pay-as-bid). An exact decimal. Default `0.5`.
   */
  readonly k?: DecimalInput | undefined;
  /** The price tick. Default `'0.0001'`. */
  readonly priceTick?: DecimalInput | undefined;
  /** The quantity step (one lot), in kWh. Default `'0.001'` (1 Wh). */
  readonly quantityStep?: DecimalInput | undefined;
  /**
   * How a price level that cannot be filled completely is shared: `'input-order'` (default) or
   * `'pro-rata'`. See {@link Rationing}. `'huang'` rations its long side by its own rule.
   */
  readonly rationing?: Rationing | undefined;
  /** Grid zones and the fees between them. Default: no zones, no fees. */
  readonly zones?: AuctionZones | undefined;
  /**
   * Verify a built-in mechanism's allocation against its declared properties, efficiency
   * included, as custom mechanisms always are (a failure throws `MECHANISM_FAILED`). Default
   * `false`: the built-ins are proven by the test suite.
   */
  readonly verify?: boolean | undefined;
  /**
   * Whether a participant's own bid and ask may trade with each other: `'allow'` (default, a
   * wash trade is an ordinary trade) or `'prevent'` (self pairs are re-paired with other
   * participants where another pairing exists, and the quantity a participant could only trade
   * with itself is not traded). The `Market` always prevents. See `docs/auction.md`.
   */
  readonly selfTrade?: SelfTrade | undefined;
}

/** Options after validation, with every default filled in. */
export interface ResolvedAuctionOptions {
  readonly mechanism: AuctionMechanism;
  readonly builtIn: boolean;
  readonly k: Fraction;
  readonly priceTick: Step;
  readonly quantityStep: Step;
  readonly rationing: Rationing;
  readonly zones: ResolvedZones | undefined;
  readonly verify: boolean;
  readonly selfTrade: SelfTrade;
}

const FN = 'clearAuction';
const KNOWN = ['mechanism', 'k', 'priceTick', 'quantityStep', 'rationing', 'zones', 'verify', 'selfTrade'] as const;
const SELF_TRADE: readonly SelfTrade[] = ['allow', 'prevent'];
const RATIONING: readonly Rationing[] = ['input-order', 'pro-rata'];
const DEFAULT_TICK = createStep('0.0001', FN, 'priceTick');
const DEFAULT_STEP = createStep('0.001', FN, 'quantityStep');
const BUDGET = ['strong', 'weak', 'none'] as const;
const TRUTHFUL = ['no', 'unit-traders', 'multi-unit'] as const;
const DEFAULTS: ResolvedAuctionOptions = Object.freeze({
  mechanism: BUILT_IN_MECHANISMS.uniform,
  builtIn: true,
  k: HALF,
  priceTick: DEFAULT_TICK,
  quantityStep: DEFAULT_STEP,
  rationing: 'input-order',
  zones: undefined,
  verify: false,
  selfTrade: 'allow',
});

// Simulations clear thousands of small auctions with the same ticks: parsing a step each time
// would be a large part of the per-call cost. Only strings and numbers are cached (immutable), and
// a Step never changes: a cached one is the one createStep would give, whoever asks.
const stepCache = new Map<string, Step>();
function cachedStep(input: unknown, name: string): Step {
  if (typeof input !== 'string' && typeof input !== 'number') return createStep(input as DecimalInput, FN, name);
  const key = `${name}\u0000${typeof input}\u0000${String(input)}`;
  let step = stepCache.get(key);
  if (step === undefined) {
    step = createStep(input, FN, name);
    if (stepCache.size >= 64) stepCache.clear();
    stepCache.set(key, step);
  }
  return step;
}

/** Validates the options of {@link clearAuction} and fills in the defaults. */
export function resolveAuctionOptions(options: unknown): ResolvedAuctionOptions {
  if (options === undefined) return DEFAULTS;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return fail(ErrorCode.INVALID_OPTION, FN, `options must be an object; got ${describeValue(options)}`);
  }
  const o = options as Record<string, unknown>;
  checkKnownKeys(o, KNOWN, FN, 'option');
  const { mechanism, builtIn } = resolveMechanism(o['mechanism']);
  const k = o['k'] === undefined ? HALF : parseK(o['k'], FN);
  const priceTick = o['priceTick'] === undefined ? DEFAULT_TICK : cachedStep(o['priceTick'], 'priceTick');
  const quantityStep = o['quantityStep'] === undefined ? DEFAULT_STEP : cachedStep(o['quantityStep'], 'quantityStep');
  const rationing = checkOneOf(o['rationing'], RATIONING, 'input-order', FN, 'rationing');
  const zones = resolveZones(o['zones'], priceTick, quantityStep, FN);
  const verify = checkBoolean(o['verify'], false, FN, 'verify');
  const selfTrade = checkOneOf(o['selfTrade'], SELF_TRADE, 'allow', FN, 'selfTrade');
  // What the mechanism declares it supports (the registry's data for a built-in), not its name.
  if (zones !== undefined && !supports(mechanism, 'zones')) {
    fail(ErrorCode.INVALID_OPTION, FN, `mechanism '${mechanism.name}' does not support zones; use ${quotedList(mechanismsSupporting('zones'))}`);
  }
  if (zones !== undefined && zones.constantFee === undefined && !supports(mechanism, 'zonalFees')) {
    fail(
      ErrorCode.INVALID_OPTION,
      FN,
      `mechanism '${mechanism.name}' supports grid fees only when every zone pair has the same fee; use ${quotedList(mechanismsSupporting('zonalFees'))} for zonal fees`,
    );
  }
  if (zones?.capacity !== undefined && !supports(mechanism, 'capacities')) {
    fail(
      ErrorCode.INVALID_OPTION,
      FN,
      `mechanism '${mechanism.name}' cannot honour link capacities (zones.capacity.${zones.firstCapacityLink} is given); use ${quotedList(mechanismsSupporting('capacities'))}, or a mechanism that declares supports.capacities (see docs/network.md)`,
    );
  }
  return { mechanism, builtIn, k, priceTick, quantityStep, rationing, zones, verify, selfTrade };
}

function resolveMechanism(value: unknown): { mechanism: AuctionMechanism; builtIn: boolean } {
  if (value === undefined) return { mechanism: BUILT_IN_MECHANISMS.uniform, builtIn: true };
  if (typeof value === 'string') {
    if (isBuiltInMechanismName(value)) return { mechanism: BUILT_IN_MECHANISMS[value], builtIn: true };
    return fail(
      ErrorCode.UNKNOWN_MECHANISM,
      FN,
      `unknown mechanism ${describeValue(value)} (built in: ${MECHANISM_NAMES.join(', ')}; or pass a mechanism object)`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(ErrorCode.INVALID_OPTION, FN, `mechanism must be a mechanism name or object; got ${describeValue(value)}`);
  }
  const m = value as Record<string, unknown>;
  if (typeof m['name'] !== 'string' || m['name'] === '') {
    fail(ErrorCode.INVALID_OPTION, FN, `mechanism.name must be a non-empty string; got ${describeValue(m['name'])}`);
  }
  if (typeof m['clear'] !== 'function') {
    fail(ErrorCode.INVALID_OPTION, FN, `mechanism.clear must be a function; got ${describeValue(m['clear'])}`);
  }
  checkProperties(m['properties']);
  checkSupport(m['supports']);
  // The built-in objects themselves may be passed too (to wrap or compare them).
  const builtIn = Object.values(BUILT_IN_MECHANISMS).includes(value as AuctionMechanism);
  return { mechanism: value as AuctionMechanism, builtIn };
}

function checkProperties(value: unknown): asserts value is MechanismProperties {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(ErrorCode.INVALID_OPTION, FN, `mechanism.properties must be an object; got ${describeValue(value)}`);
  }
  const p = value as Record<string, unknown>;
  for (const key of ['individuallyRational', 'efficient', 'uniformPricing'] as const) {
    if (typeof p[key] !== 'boolean') fail(ErrorCode.INVALID_OPTION, FN, `mechanism.properties.${key} must be a boolean; got ${describeValue(p[key])}`);
  }
  checkOneOf(p['budgetBalance'] ?? null, BUDGET, 'none', FN, 'mechanism.properties.budgetBalance');
  checkOneOf(p['truthful'] ?? null, TRUTHFUL, 'no', FN, 'mechanism.properties.truthful');
}

function checkSupport(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(ErrorCode.INVALID_OPTION, FN, `mechanism.supports must be an object when given; got ${describeValue(value)}`);
  }
  const s = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(s)) {
    if (v !== undefined && typeof v !== 'boolean') fail(ErrorCode.INVALID_OPTION, FN, `mechanism.supports.${key} must be a boolean; got ${describeValue(v)}`);
  }
}

/** `'a', 'b' or 'c'`. */
function quotedList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  return q.length < 2 ? (q[0] ?? 'none') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1] ?? ''}`;
}
