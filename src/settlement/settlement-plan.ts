import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { accountIndex, type StepLegs } from '../ledger/step-legs.js';
import type { PlanLegs } from './plan-legs.js';
import { formatSteps } from '../units/from-steps.js';
import { divide, divideSafe } from '../units/rounding.js';
import type { Step } from '../units/step.js';
import { ExactSum } from '../units/exact-sum.js';
import { safeOrNaN } from './money-scale.js';
import { resolveParticipantAccounts } from './participant-accounts.js';
import { idPart, type SettlementConfig } from './settlement-config.js';
import { HUNDRED_PERCENT, type ParsedSettlement } from './settlement-input.js';
import { IntervalTotals, ParticipantSettlement } from './settlement-result.js';

const FN = 'settleInterval';
const MAX = Number.MAX_SAFE_INTEGER;

/** What a planned settlement posts and reports. */
export interface SettlementPlan {
  /** Every leg, in posting order: credits to participants, debits of participants, system legs (in the caller's buffers). */
  readonly legs: StepLegs;
  /** Builds the per-participant results (only when someone reads them: a simulation never does). */
  readonly participants: () => ParticipantSettlement[];
  readonly totals: IntervalTotals;
}

/** Leg names in the `named` id scheme, by kind. */
const METER_LEG = ['export', 'energy', 'import', 'imbalance'] as const;
const TRADE_LEG = ['take', 'deliver', 'pay', 'receive', 'fee-buyer', 'fee-seller'] as const;

/**
 * The settlement's legs and results, computed in integers: numbers while every product is a safe
 * integer (checked once per trade against a bound), bigint otherwise, with the same exact
 * results either way. An amount or a participant's total that a safe integer cannot hold is
 * refused with BALANCE_OVERFLOW, never rounded.
 *
 * Legs name accounts by index; a participant account that is not open is refused with
 * UNKNOWN_ACCOUNT only when a leg needs it.
 *
 * The per-participant results are not kept: `participants` computes them again, by the same
 * arithmetic ({@link computeSettlement} without legs), when someone reads them. A simulation never
 * does, so an interval's settlement keeps nothing per participant beyond its input.
 */
export function planSettlement(
  ledger: Ledger,
  parsed: ParsedSettlement,
  cfg: SettlementConfig,
  batchId: string,
  buffers: PlanLegs,
  known?: { readonly money: Int32Array; readonly energy: Int32Array },
): SettlementPlan {
  const n = parsed.participants.length;
  buffers.sums(n);
  const totals = computeSettlement(ledger, parsed, cfg, batchId, buffers, buffers, known);
  const legs = buffers.all;
  legs.clear();
  legs.append(buffers.credits);
  legs.append(buffers.debits);
  legs.append(buffers.system);
  const participants = (): ParticipantSettlement[] => {
    const sums: ParticipantSums = {
      sold: new Float64Array(n), bought: new Float64Array(n), paid: new Float64Array(n), received: new Float64Array(n), fees: new Float64Array(n),
      imbalances: new Float64Array(n), amounts: new Float64Array(n),
    };
    computeSettlement(ledger, parsed, cfg, batchId, sums, undefined, undefined);
    const { energyStep, moneyStep } = cfg;
    const people = parsed.participants;
    const results = new Array<ParticipantSettlement>(n);
    for (let m = 0; m < n; m++) {
      const r = new ParticipantSettlement(people[m] as string, energyStep, moneyStep);
      r.exportedSteps = parsed.exported[m] as number;
      r.importedSteps = parsed.imported[m] as number;
      r.soldSteps = sums.sold[m] as number;
      r.boughtSteps = sums.bought[m] as number;
      r.paidSteps = sums.paid[m] as number;
      r.receivedSteps = sums.received[m] as number;
      r.feeSteps = sums.fees[m] as number;
      r.imbalanceSteps = (sums.imbalances as Float64Array)[m] as number;
      r.imbalanceAmountSteps = (sums.amounts as Float64Array)[m] as number;
      results[m] = r;
    }
    return results;
  };
  return { legs, participants, totals };
}

/** Each participant's sums, zero to start with; imbalances and their amounts only when wanted. */
interface ParticipantSums {
  readonly sold: Float64Array;
  readonly bought: Float64Array;
  readonly paid: Float64Array;
  readonly received: Float64Array;
  readonly fees: Float64Array;
  readonly imbalances?: Float64Array;
  readonly amounts?: Float64Array;
}

/**
 * The arithmetic of a settlement, once for its legs and once more for its per-participant
 * results when they are read. With `out`, it plans every leg into `out`'s credits, debits and
 * system legs (checking each) and returns the interval's totals; without, it only fills `sums`
 * (the input was settled, so every check passed before: none can fail now, and none is made).
 */
function computeSettlement(
  ledger: Ledger,
  parsed: ParsedSettlement,
  cfg: SettlementConfig,
  batchId: string,
  sums: ParticipantSums,
  out: PlanLegs | undefined,
  known: { readonly money: Int32Array; readonly energy: Int32Array } | undefined,
): IntervalTotals {
  const { scale, charges, credits: creditMode, energyStep, moneyStep, accounts: sys } = cfg;
  const { tariff, participants: people, exported, imported } = parsed;
  const planning = out !== undefined;
  const accounts = planning ? (known ?? resolveParticipantAccounts(ledger, cfg, people, FN)) : undefined;
  const money = accounts?.money;
  const energy = accounts?.energy;
  // System accounts by index, -1 when not open: refused (UNKNOWN_ACCOUNT) only if a leg needs one.
  const systemIndex = (id: string): number => accountIndex(ledger, id) ?? -1;
  const grid = planning ? systemIndex(sys.grid) : -1;
  const clearing = planning ? systemIndex(sys.clearing) : -1;
  const clearingEnergy = planning ? systemIndex(sys.clearingEnergy) : -1;
  const network = planning ? systemIndex(sys.network) : -1;
  const utility = planning ? systemIndex(sys.utility) : -1;
  const utilityEnergy = planning ? systemIndex(sys.utilityEnergy) : -1;

  const named = cfg.legIds === 'named';
  const base = `${batchId}/`;
  const credits = out?.credits;
  const debits = out?.debits;
  credits?.clear();
  debits?.clear();
  out?.system.clear();
  // A leg's id in the named scheme: `<batch>/p/<participant>/<leg>` or `<batch>/t/<trade>/<leg>`.
  const legName = (trade: boolean, subject: number, leg: number): string =>
    trade
      ? `${base}t/${idPart(parsed.tradeIds[subject] as string)}/${TRADE_LEG[leg] as string}`
      : `${base}p/${idPart(people[subject] as string)}/${METER_LEG[leg] as string}`;
  /**
   * A flow between participant `m`'s account and a system account, `inflow` signed from the
   * participant's side: a credit goes into phase 1, a debit into phase 2, zero nowhere. (Only
   * while planning: `credits` and `debits` are then set.)
   */
  const flow = (participantAccount: number, systemAccount: number, inflow: number, m: number, isEnergy: boolean, trade: boolean, subject: number, leg: number): void => {
    if (inflow === 0 || credits === undefined || debits === undefined) return;
    if (!(inflow <= MAX && inflow >= -MAX)) overflow(inflow, isEnergy ? energyStep : moneyStep);
    if (participantAccount < 0) unknown(cfg, people[m] as string, isEnergy ? cfg.energyAsset : cfg.moneyAsset);
    if (systemAccount < 0) unknownSystem(cfg, isEnergy, trade, leg);
    const id = named ? legName(trade, subject, leg) : undefined;
    if (inflow > 0) credits.push(systemAccount, participantAccount, inflow, id);
    else debits.push(participantAccount, systemAccount, -inflow, id);
  };

  const n = people.length;
  const { sold, bought, paid, received, fees, imbalances, amounts } = sums;

  if (energy !== undefined) for (let m = 0; m < n; m++) flow(energy[m] as number, grid, exported[m] as number, m, true, false, m, 0);

  const fee = tariff.fee;
  const feeKind = fee.kind === 'per-kwh' ? 1 : fee.kind === 'percent' ? 2 : 0;
  const feeTicks = fee.kind === 'per-kwh' ? fee.ticks : 0;
  const pctUnits = fee.kind === 'percent' ? fee.units : 0;
  const split = tariff.payer === 'split';
  const buyerPays = tariff.payer === 'buyer';
  const { numN, denN, den2N, denPctN, denPct2N } = scale;
  // Every product of the number path is at most this multiple of max(|price|, fee) x quantity.
  const bound = numN * 2 * Math.max(1, pctUnits);
  const traded = new ExactSum();
  const buyerPayments = new ExactSum();
  const sellerReceipts = new ExactSum();
  const feeTotal = new ExactSum();
  const spreadExact = new ExactSum();
  const zoneFeesExact = new ExactSum();
  const rentExact = new ExactSum();
  const tradeCount = parsed.tradeIds.length;
  for (let t = 0; t < tradeCount; t++) {
    const b = parsed.buyer[t] as number;
    const s = parsed.seller[t] as number;
    const q = parsed.quantity[t] as number;
    const bp = parsed.buyerPrice[t] as number;
    const sp = parsed.sellerPrice[t] as number;
    const zoneFee = parsed.fee[t] as number;
    let pay: number;
    let receive: number;
    let whole = 0;
    let half = 0;
    if (Math.max(bp < 0 ? -bp : bp, sp < 0 ? -sp : sp, feeTicks, zoneFee) * q * bound <= MAX) {
      const exactBuyer = bp * q * numN;
      const exactSeller = sp * q * numN;
      pay = divideSafe(exactBuyer, denN, charges);
      receive = divideSafe(exactSeller, denN, creditMode);
      if (feeKind === 1) {
        const numerator = feeTicks * q * numN;
        if (split) half = divideSafe(numerator, den2N, charges);
        else whole = divideSafe(numerator, denN, charges);
      } else if (feeKind === 2) {
        const numerator = pctUnits * (exactSeller < 0 ? -exactSeller : exactSeller);
        if (split) half = divideSafe(numerator, denPct2N, charges);
        else whole = divideSafe(numerator, denPctN, charges);
      }
      spreadExact.add(exactBuyer - exactSeller);
      zoneFeesExact.add(zoneFee * q * numN);
      if (parsed.rent[t] !== 0) rentExact.add((parsed.rent[t] as number) * q * numN);
    } else {
      // Products beyond the safe integers: the same arithmetic in bigint.
      const exactBuyer = scale.exact(bp, q);
      const exactSeller = scale.exact(sp, q);
      pay = safeOrNaN(divide(exactBuyer, scale.den, charges));
      receive = safeOrNaN(divide(exactSeller, scale.den, creditMode));
      let numerator = 0n;
      let extra = 1n;
      if (feeKind === 1) numerator = scale.exact(feeTicks, q);
      else if (feeKind === 2) {
        numerator = BigInt(pctUnits) * (exactSeller < 0n ? -exactSeller : exactSeller);
        extra = HUNDRED_PERCENT;
      }
      if (split) half = safeOrNaN(scale.round(numerator, extra * 2n, charges));
      else whole = safeOrNaN(scale.round(numerator, extra, charges));
      spreadExact.addBig(exactBuyer - exactSeller);
      zoneFeesExact.addBig(scale.exact(zoneFee, q));
      if (parsed.rent[t] !== 0) rentExact.addBig(scale.exact(parsed.rent[t] as number, q));
    }
    const buyerFee = split ? half : buyerPays ? whole : 0;
    const sellerFee = split ? half : buyerPays ? 0 : whole;
    if (Number.isNaN(pay) || Number.isNaN(receive) || Number.isNaN(buyerFee) || Number.isNaN(sellerFee)) overflowTrade(parsed.tradeIds[t] as string);

    if (energy !== undefined && money !== undefined) {
      flow(energy[b] as number, clearingEnergy, q, b, true, true, t, 0);
      flow(energy[s] as number, clearingEnergy, -(q - (parsed.sellerPrepaid[t] as number)), s, true, true, t, 1);
      flow(money[b] as number, clearing, -(pay - (parsed.buyerPrepaid[t] as number)), b, false, true, t, 2);
      flow(money[s] as number, clearing, receive, s, false, true, t, 3);
      flow(money[b] as number, network, -buyerFee, b, false, true, t, 4);
      flow(money[s] as number, network, -sellerFee, s, false, true, t, 5);
    }

    add(bought, b, q);
    add(paid, b, pay);
    add(fees, b, buyerFee);
    add(sold, s, q);
    add(received, s, receive);
    add(fees, s, sellerFee);
    traded.add(q);
    buyerPayments.add(pay);
    sellerReceipts.add(receive);
    feeTotal.add(buyerFee);
    feeTotal.add(sellerFee);
  }

  const supplied = new ExactSum();
  const absorbed = new ExactSum();
  const retailCharges = new ExactSum();
  const feedInPayments = new ExactSum();
  const exportedTotal = new ExactSum();
  const importedTotal = new ExactSum();
  for (let m = 0; m < n; m++) {
    const e = exported[m] as number;
    const i = imported[m] as number;
    const contracted = checked((sold[m] as number) - (bought[m] as number), energyStep);
    const d = checked(e - i - contracted, energyStep);
    let inflow = 0;
    if (d > 0) {
      inflow = scale.valueN(tariff.feedIn, d, creditMode);
      absorbed.add(d);
      feedInPayments.add(checked(inflow, moneyStep));
    } else if (d < 0) {
      inflow = -scale.valueN(tariff.retail, -d, charges);
      supplied.add(-d);
      retailCharges.add(checked(-inflow, moneyStep));
    }
    if (energy !== undefined && money !== undefined) {
      flow(energy[m] as number, utilityEnergy, -d, m, true, false, m, 1);
      flow(energy[m] as number, grid, -i, m, true, false, m, 2);
      flow(money[m] as number, utility, inflow, m, false, false, m, 3);
    }
    exportedTotal.add(e);
    importedTotal.add(i);
    if (imbalances !== undefined) imbalances[m] = d;
    if (amounts !== undefined) amounts[m] = inflow;
  }

  // Zone fees priced into trades go to the network; the rest of the spread to the market operator.
  const zoneFeesNumerator = zoneFeesExact.value();
  const zoneFees = divide(zoneFeesNumerator, scale.den, creditMode);
  // Congestion rent priced into trades across full links goes to the network's congestion account.
  const rentNumerator = rentExact.value();
  const rent = divide(rentNumerator, scale.den, creditMode);
  const spread = divide(spreadExact.value() - zoneFeesNumerator - rentNumerator, scale.den, creditMode);
  const residue = buyerPayments.value() - sellerReceipts.value() - spread - zoneFees - rent;
  if (out !== undefined) {
    const system = out.system;
    const between = (name: string, fromId: string, toId: string, value: bigint): void => {
      if (value === 0n) return;
      const amount = safeOrNaN(value < 0n ? -value : value);
      if (Number.isNaN(amount)) overflow(value, moneyStep);
      const from = systemIndex(fromId);
      const to = systemIndex(toId);
      for (const [a, id] of [[from, fromId], [to, toId]] as const) {
        if (a < 0) fail(ErrorCode.UNKNOWN_ACCOUNT, FN, `account '${id}' is not open (see openSettlementAccounts)`);
      }
      const legId = named ? `${base}${name}` : undefined;
      if (value > 0n) system.push(from, to, amount, legId);
      else system.push(to, from, amount, legId);
    };
    between('zone-fees', sys.clearing, sys.network, zoneFees);
    between('congestion', sys.clearing, sys.congestion, rent);
    between('spread', sys.clearing, sys.marketOperator, spread);
    between('residue', sys.clearing, sys.residue, residue);
  }
  return new IntervalTotals(energyStep, moneyStep, [
    exportedTotal.value(), importedTotal.value(), traded.value(), supplied.value(), absorbed.value(),
    buyerPayments.value(), sellerReceipts.value(), feeTotal.value() + zoneFees, spread, residue, retailCharges.value(), feedInPayments.value(), rent,
  ]);
}

/** Adds `v` to `sums[i]`, refusing a total beyond the safe integers (it could not be held exactly). */
function add(sums: Float64Array, i: number, v: number): void {
  const s = (sums[i] as number) + v;
  if (s > MAX || s < -MAX) fail(ErrorCode.BALANCE_OVERFLOW, FN, 'a participant\'s total for the interval is too large to hold exactly');
  sums[i] = s;
}

function checked(v: number, step: Step): number {
  if (!(v <= MAX && v >= -MAX)) overflow(v, step);
  return v;
}

function overflow(value: number | bigint, step: Step): never {
  const text = typeof value === 'bigint' || Number.isSafeInteger(value) ? formatSteps(value, step) : 'an amount';
  return fail(ErrorCode.BALANCE_OVERFLOW, FN, `${text} is too large to hold exactly`);
}

function overflowTrade(trade: string): never {
  return fail(ErrorCode.BALANCE_OVERFLOW, FN, `an amount of trade '${trade}' is too large to hold exactly`);
}

/** The system account a participant leg goes to, named for the message. */
function unknownSystem(cfg: SettlementConfig, isEnergy: boolean, trade: boolean, leg: number): never {
  const a = cfg.accounts;
  let id: string;
  if (trade) id = leg < 2 ? a.clearingEnergy : leg < 4 ? a.clearing : a.network;
  else id = leg === 1 ? a.utilityEnergy : isEnergy ? a.grid : a.utility;
  return fail(ErrorCode.UNKNOWN_ACCOUNT, FN, `account '${id}' is not open (see openSettlementAccounts)`);
}

function unknown(cfg: SettlementConfig, participant: string, asset: string): never {
  return fail(ErrorCode.UNKNOWN_ACCOUNT, FN, `account '${cfg.participantAccount(participant, asset)}' of participant '${participant}' is not open`);
}
