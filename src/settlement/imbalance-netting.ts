import type { Decimal } from 'decimal.js';
import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail } from '../errors/watt-error.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { fromSteps, fromUnits } from '../units/from-steps.js';
import { divide, ROUNDING_MODES, type RoundingMode } from '../units/rounding.js';
import { createStep } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkArray, checkFields, checkId, checkKnownKeys, checkObject, checkOneOf } from '../validation/checks.js';

const FN = 'netImbalances';
const DEVIATION = valueSpec(FN, 'deviation', ErrorCode.INVALID_QUANTITY, 'any', 'quantity step');
const RETAIL = valueSpec(FN, 'retailPrice', ErrorCode.INVALID_PRICE, 'any', 'tick');
const FEED_IN = valueSpec(FN, 'feedInPrice', ErrorCode.INVALID_PRICE, 'any', 'tick');

/** One participant's deviation from what it traded, for {@link netImbalances}. */
export interface ImbalanceDeviation {
  /** The participant; unique in the input. */
  readonly participant: string;
  /**
   * Delivered minus contracted, in kWh: positive when it put more into the grid (or took less)
   * than it traded, negative when it fell short. On the quantity step; any sign.
   */
  readonly deviation: DecimalInput;
  /** The community or zone its deviation is netted in. Default: one community for everyone. */
  readonly zone?: string | undefined;
}

/** The input of {@link netImbalances}: deviations and the utility's prices per kWh. */
export interface ImbalanceNettingInput {
  /** Each participant's deviation, at most one entry per participant. */
  readonly deviations: readonly ImbalanceDeviation[];
  /** What the utility charges for a shortfall it supplies. At least `feedInPrice`. */
  readonly retailPrice: DecimalInput;
  /** What the utility pays for a surplus it absorbs. */
  readonly feedInPrice: DecimalInput;
}

/** Options of {@link netImbalances}; every field is optional. */
export interface ImbalanceNettingOptions {
  /** The price tick. Default `'0.0001'`. */
  readonly priceTick?: DecimalInput | undefined;
  /** The quantity step, kWh. Default `'0.001'` (1 Wh). */
  readonly quantityStep?: DecimalInput | undefined;
  /** The money step amounts are rounded to. Default `'0.01'`. */
  readonly moneyStep?: DecimalInput | undefined;
  /** How each amount is rounded to the money step. Default `'half-even'`. */
  readonly rounding?: RoundingMode | undefined;
}

/** What the utility settles after netting. */
export interface NettedUtility {
  /** kWh of shortfall left after netting, which the utility supplies at retail. */
  readonly supplied: Decimal;
  /** kWh of surplus left after netting, which the utility absorbs at feed-in. */
  readonly absorbed: Decimal;
  /** The money the utility receives, net: retail x supplied - feed-in x absorbed, rounded once. */
  readonly amount: Decimal;
}

/** What netting gives one participant. */
export interface NettedParticipant {
  /** The participant. */
  readonly participant: string;
  /** Its community (zone), undefined for the default one. */
  readonly zone: string | undefined;
  /** Its deviation, kWh (positive: surplus, negative: shortfall). */
  readonly deviation: Decimal;
  /** kWh of it netted inside its community (same sign as the deviation). */
  readonly netted: Decimal;
  /** kWh of it left for the utility (same sign as the deviation): deviation - netted. */
  readonly toUtility: Decimal;
  /** Money it receives (negative: pays) for its deviation with netting, rounded to the money step. */
  readonly amount: Decimal;
  /** The same without netting: the whole deviation at the utility's prices. */
  readonly amountWithoutNetting: Decimal;
  /** amount - amountWithoutNetting: never negative. */
  readonly saving: Decimal;
}

/** The totals of one community (zone). */
export interface NettedCommunity {
  /** The zone, undefined for the participants that name none. */
  readonly zone: string | undefined;
  /** Sum of the positive deviations, kWh. */
  readonly surplus: Decimal;
  /** Sum of the negative deviations, as a positive kWh. */
  readonly shortfall: Decimal;
  /** kWh netted: min(surplus, shortfall). */
  readonly netted: Decimal;
  /** The price of netted energy per kWh: (retail + feed-in) / 2, exact (it may be half a tick). */
  readonly price: Decimal;
}

/** The outcome of {@link netImbalances}. */
export interface ImbalanceNettingResult {
  /** Per participant, in input order. */
  readonly participants: readonly NettedParticipant[];
  /** Per community, by zone name (the one without a zone first). */
  readonly communities: readonly NettedCommunity[];
  /** What the utility supplies and absorbs after netting, and the money it receives (net). */
  readonly utility: NettedUtility;
  /**
   * What rounding leaves, for an explicit residue account: participants' net payments minus the
   * utility's amount. Participants' payments = utility amount + residue, exactly.
   */
  readonly residue: Decimal;
  /** The sum of the participants' savings. */
  readonly saving: Decimal;
}

/**
 * Community imbalance netting: participants' deviations from their trades are netted inside
 * their community (zone) before the remainder goes to the utility at its prices.
 *
 * The rule, exact in integers:
 * - In a community with surplus S and shortfall D (kWh), N = min(S, D) is netted. The side with
 *   the smaller total is netted entirely; on the other side each participant's share is
 *   floor(|d| * N / T) (T that side's total), and the lots the floors leave go one each to the
 *   largest remainders, ties by participant name (code-unit order): so the shares add up to N
 *   exactly and do not depend on the input order.
 * - Netted energy is priced at the mid of retail and feed-in, (r + f) / 2; the rest of a
 *   shortfall pays retail, the rest of a surplus receives feed-in. The netting money flows
 *   between participants and sums to zero before rounding.
 * - Each participant's amount and the utility's are rounded to the money step by `rounding` (one
 *   division each); the difference is the `residue`.
 * With retail >= feed-in, no participant is worse off than without netting: a shortfall saves
 * (r - f) / 2 per netted kWh, a surplus earns it, and rounding both amounts by the same
 * monotone rule keeps the order.
 *
 * @param input - deviations and the utility's retail and feed-in prices.
 * @param options - ticks, steps and rounding; see {@link ImbalanceNettingOptions}.
 * @returns per participant and community, the utility's part and the rounding residue.
 * @throws WattError INVALID_ARGUMENT (malformed input; retail below feed-in), INVALID_ID (empty or
 *   repeated participant), INVALID_QUANTITY, INVALID_PRICE, INVALID_STEP, INVALID_OPTION (options).
 *
 * @example
 * ```ts
 * const r = netImbalances({
 *   deviations: [{ participant: 'roof', deviation: '2' }, { participant: 'lab', deviation: '-3' }],
 *   retailPrice: '0.30', feedInPrice: '0.10',
 * });
 * r.participants[1].amount.toString(); // '-0.7': 2 kWh at 0.20, 1 kWh at 0.30
 * ```
 */
export function netImbalances(input: ImbalanceNettingInput, options?: ImbalanceNettingOptions): ImbalanceNettingResult {
  const o = checkObject(options ?? {}, FN, 'options');
  checkKnownKeys(o, ['priceTick', 'quantityStep', 'moneyStep', 'rounding'], FN, 'option');
  const tick = createStep((o['priceTick'] as DecimalInput | undefined) ?? '0.0001', FN, 'priceTick');
  const step = createStep((o['quantityStep'] as DecimalInput | undefined) ?? '0.001', FN, 'quantityStep');
  const money = createStep((o['moneyStep'] as DecimalInput | undefined) ?? '0.01', FN, 'moneyStep');
  const mode = checkOneOf(o['rounding'], ROUNDING_MODES, 'half-even', FN, 'rounding');
  const i = checkObject(input, FN, 'input');
  checkFields(i, ['deviations', 'retailPrice', 'feedInPrice'], FN, 'input field');
  const r = BigInt(toSteps(i['retailPrice'], tick, RETAIL));
  const f = BigInt(toSteps(i['feedInPrice'], tick, FEED_IN));
  if (r < f) fail(ErrorCode.INVALID_ARGUMENT, FN, `retailPrice must be at least feedInPrice (netting prices the netted energy between them)`);
  const list = checkArray(i['deviations'], FN, 'deviations');
  const n = list.length;
  const names: string[] = [];
  const zones: (string | undefined)[] = [];
  const d: bigint[] = [];
  const seen = new Set<string>();
  for (let m = 0; m < n; m++) {
    const e = checkObject(list[m], FN, `deviations[${m}]`);
    checkFields(e, ['participant', 'deviation', 'zone'], FN, `deviations[${m}] field`);
    const name = checkId(e['participant'], FN, `deviations[${m}].participant`);
    if (seen.has(name)) fail(ErrorCode.INVALID_ID, FN, `deviations[${m}]: participant '${name}' appears twice`);
    seen.add(name);
    const zone = e['zone'];
    if (zone !== undefined && (typeof zone !== 'string' || zone === '')) fail(ErrorCode.INVALID_ARGUMENT, FN, `deviations[${m}].zone must be a non-empty string; got ${describeValue(zone)}`);
    names.push(name);
    zones.push(zone);
    d.push(BigInt(toSteps(e['deviation'], step, DEVIATION)));
  }

  // Netted lots per participant (same sign as its deviation), community by community.
  const netted = new Array<bigint>(n).fill(0n);
  const groups = new Map<string | undefined, number[]>();
  for (let m = 0; m < n; m++) {
    const members = groups.get(zones[m]);
    if (members === undefined) groups.set(zones[m], [m]);
    else members.push(m);
  }
  const order = [...groups.keys()].sort((a, b) => (a === b ? 0 : a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : 1));
  const communities: { zone: string | undefined; surplus: bigint; shortfall: bigint; netted: bigint }[] = [];
  let supplied = 0n;
  let absorbed = 0n;
  for (const zone of order) {
    const members = groups.get(zone) as number[];
    let surplus = 0n;
    let shortfall = 0n;
    for (const m of members) {
      const v = d[m] as bigint;
      if (v > 0n) surplus += v;
      else shortfall -= v;
    }
    const total = surplus < shortfall ? surplus : shortfall;
    shareOut(members, d, names, netted, total, surplus <= shortfall);
    communities.push({ zone, surplus, shortfall, netted: total });
    supplied += shortfall - total;
    absorbed += surplus - total;
  }

  // Amounts in half-ticks times lots, then one rounding each to the money step:
  // steps = halfUnits * tick * step / (2 * money).
  const num = BigInt(tick.multiple) * BigInt(step.multiple) * 10n ** BigInt(money.decimals);
  const den = 2n * BigInt(money.multiple) * 10n ** BigInt(tick.decimals + step.decimals);
  const toMoney = (halfUnits: bigint): bigint => divide(halfUnits * num, den, mode);
  const participants: NettedParticipant[] = [];
  let paid = 0n;
  let saving = 0n;
  for (let m = 0; m < n; m++) {
    const v = d[m] as bigint;
    const k = netted[m] as bigint;
    // (r + f) per netted lot, 2r (shortfall) or 2f (surplus) per lot left: all in half-ticks.
    const unit = v < 0n ? r : f;
    const withNetting = toMoney((r + f) * k + 2n * unit * (v - k));
    const without = toMoney(2n * unit * v);
    paid -= withNetting;
    saving += withNetting - without;
    participants.push(
      Object.freeze({
        participant: names[m] as string,
        zone: zones[m],
        deviation: fromSteps(v, step),
        netted: fromSteps(k, step),
        toUtility: fromSteps(v - k, step),
        amount: fromSteps(withNetting, money),
        amountWithoutNetting: fromSteps(without, money),
        saving: fromSteps(withNetting - without, money),
      }),
    );
  }
  const utilityAmount = toMoney(2n * r * supplied - 2n * f * absorbed);
  // The mid price (r + f) / 2 ticks is (r + f) * multiple * 5 units of 10^-(decimals + 1): exact.
  const mid = fromUnits((r + f) * BigInt(tick.multiple) * 5n, tick.decimals + 1);
  return Object.freeze({
    participants: Object.freeze(participants),
    communities: Object.freeze(
      communities.map((c) =>
        Object.freeze({
          zone: c.zone,
          surplus: fromSteps(c.surplus, step),
          shortfall: fromSteps(c.shortfall, step),
          netted: fromSteps(c.netted, step),
          price: mid,
        }),
      ),
    ),
    utility: Object.freeze({ supplied: fromSteps(supplied, step), absorbed: fromSteps(absorbed, step), amount: fromSteps(utilityAmount, money) }),
    residue: fromSteps(paid - utilityAmount, money),
    saving: fromSteps(saving, money),
  });
}

/**
 * The netting rule of {@link netImbalances} on integer deviations (lots; positive surplus,
 * negative shortfall): the lots each participant has netted inside its community (same sign as
 * its deviation), the communities given by `zones` (one per distinct value). Shares are pro rata
 * on the long side with the largest remainders, ties by `names` (code-unit order), as documented
 * there. For callers that hold deviations as integers already (the simulation).
 * @internal
 */
export function nettedLots(d: readonly bigint[], names: readonly string[], zones: readonly (string | undefined)[]): bigint[] {
  const netted = new Array<bigint>(d.length).fill(0n);
  const groups = new Map<string | undefined, number[]>();
  for (let m = 0; m < d.length; m++) {
    const members = groups.get(zones[m]);
    if (members === undefined) groups.set(zones[m], [m]);
    else members.push(m);
  }
  for (const members of groups.values()) {
    let surplus = 0n;
    let shortfall = 0n;
    for (const m of members) {
      const v = d[m] as bigint;
      if (v > 0n) surplus += v;
      else shortfall -= v;
    }
    shareOut(members, d, names, netted, surplus < shortfall ? surplus : shortfall, surplus <= shortfall);
  }
  return netted;
}

/**
 * Gives `total` lots to the members on one side (surplus when `surplusSide`), pro rata to their
 * deviations, in whole lots: floors first, then one lot each to the largest remainders, ties by
 * name.
 */
function shareOut(members: readonly number[], d: readonly bigint[], names: readonly string[], netted: bigint[], total: bigint, surplusNettedWhole: boolean): void {
  if (total === 0n) return;
  // The long side is shared pro rata; the short side (total = its whole) is netted entirely.
  let longTotal = 0n;
  const long: number[] = [];
  for (const m of members) {
    const v = d[m] as bigint;
    const onSurplus = v > 0n;
    if (v === 0n) continue;
    if (onSurplus === surplusNettedWhole) {
      netted[m] = v;
      continue;
    }
    long.push(m);
    longTotal += onSurplus ? v : -v;
  }
  const remainder = new Map<number, bigint>();
  let given = 0n;
  for (const m of long) {
    const v = d[m] as bigint;
    const abs = v < 0n ? -v : v;
    // Floor of a non-negative quotient: bigint division truncates, which is the floor here.
    const share = (abs * total) / longTotal;
    remainder.set(m, (abs * total) % longTotal);
    netted[m] = v < 0n ? -share : share;
    given += share;
  }
  const byRemainder = long.slice().sort((a, b) => {
    const ra = remainder.get(a) as bigint;
    const rb = remainder.get(b) as bigint;
    if (ra !== rb) return ra > rb ? -1 : 1;
    const na = names[a] as string;
    const nb = names[b] as string;
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  // Fewer lots are left than members on the long side (each floor loses less than one).
  for (let j = 0; given < total; j++, given++) {
    const m = byRemainder[j] as number;
    netted[m] = (netted[m] as bigint) + ((d[m] as bigint) < 0n ? -1n : 1n);
  }
}
