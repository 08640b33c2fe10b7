import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { accountIndex, type StepLegs } from '../ledger/step-legs.js';
import type { PlanLegs } from './plan-legs.js';
import { formatSteps } from '../units/from-steps.js';
import { divide, divideSafe } from '../units/rounding.js';
import type { Step } from '../units/step.js';
import { roundingCode, safeOrNaN } from './money-scale.js';
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
  // The credits were planned into `all` (see PlanLegs): the debits and system legs follow them.
  const legs = buffers.all;
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

  // The legs written out where no check of `flow` can fail (ids derived, the system accounts open,
  // the participant's accounts open, every amount a safe integer): a call of `flow` per leg, four
  // per participant and six per trade, cost more than the legs. Anything else goes through `flow`,
  // which refuses as it always has, in the same order.
  const direct = !named && credits !== undefined && debits !== undefined;
  const meterDirect = direct && grid >= 0 && utilityEnergy >= 0 && utility >= 0;
  const tradeDirect = direct && clearingEnergy >= 0 && clearing >= 0 && network >= 0;
  if (energy !== undefined) {
    for (let m = 0; m < n; m++) {
      const a = energy[m] as number;
      const e = exported[m] as number;
      if (meterDirect && a >= 0 && e <= MAX && e >= -MAX) {
        leg(credits, debits, a, grid, e);
      } else {
        flow(a, grid, e, m, true, false, m, 0);
      }
    }
  }

  const fee = tariff.fee;
  const feeKind = fee.kind === 'per-kwh' ? 1 : fee.kind === 'percent' ? 2 : 0;
  const feeTicks = fee.kind === 'per-kwh' ? fee.ticks : 0;
  const pctUnits = fee.kind === 'percent' ? fee.units : 0;
  const split = tariff.payer === 'split';
  const buyerPays = tariff.payer === 'buyer';
  const { numN, denN, den2N, denPctN, denPct2N } = scale;
  // Every product of the number path is at most this multiple of max(|price|, fee) x quantity.
  const bound = numN * 2 * Math.max(1, pctUnits);
  // Exact running sums (as ExactSum keeps them, written out: a method call per addition, several
  // per trade and participant, was a tenth of planning): a double while every partial sum is a
  // safe integer (then it is exact), the rest spilled into a bigint. `x` is the candidate sum.
  let x: number;
  let traded = 0;
  let tradedBig = 0n;
  let buyerPayments = 0;
  let buyerPaymentsBig = 0n;
  let sellerReceipts = 0;
  let sellerReceiptsBig = 0n;
  let feeTotal = 0;
  let feeTotalBig = 0n;
  let spread0 = 0;
  let spreadBig = 0n;
  let zoneFees0 = 0;
  let zoneFeesBig = 0n;
  let rent0 = 0;
  let rentBig = 0n;
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
      const v = exactBuyer - exactSeller;
      x = spread0 + v; if (x <= MAX && x >= -MAX) spread0 = x; else { spreadBig = spill(spreadBig, spread0, v); spread0 = 0; }
      const z = zoneFee * q * numN;
      x = zoneFees0 + z; if (x <= MAX && x >= -MAX) zoneFees0 = x; else { zoneFeesBig = spill(zoneFeesBig, zoneFees0, z); zoneFees0 = 0; }
      if (parsed.rent[t] !== 0) {
        const r = (parsed.rent[t] as number) * q * numN;
        x = rent0 + r; if (x <= MAX && x >= -MAX) rent0 = x; else { rentBig = spill(rentBig, rent0, r); rent0 = 0; }
      }
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
      spreadBig += exactBuyer - exactSeller;
      zoneFeesBig += scale.exact(zoneFee, q);
      if (parsed.rent[t] !== 0) rentBig += scale.exact(parsed.rent[t] as number, q);
    }
    const buyerFee = split ? half : buyerPays ? whole : 0;
    const sellerFee = split ? half : buyerPays ? 0 : whole;
    if (Number.isNaN(pay) || Number.isNaN(receive) || Number.isNaN(buyerFee) || Number.isNaN(sellerFee)) overflowTrade(parsed.tradeIds[t] as string);

    if (energy !== undefined && money !== undefined) {
      const eb = energy[b] as number;
      const es = energy[s] as number;
      const mb = money[b] as number;
      const ms = money[s] as number;
      const delivered = q - (parsed.sellerPrepaid[t] as number);
      const charged = pay - (parsed.buyerPrepaid[t] as number);
      if (tradeDirect && eb >= 0 && es >= 0 && mb >= 0 && ms >= 0 && q <= MAX && q >= -MAX && delivered <= MAX && delivered >= -MAX && charged <= MAX && charged >= -MAX) {
        // pay, receive and the fees are safe integers (checked above).
        leg(credits, debits, eb, clearingEnergy, q);
        leg(credits, debits, es, clearingEnergy, -delivered);
        leg(credits, debits, mb, clearing, -charged);
        leg(credits, debits, ms, clearing, receive);
        leg(credits, debits, mb, network, -buyerFee);
        leg(credits, debits, ms, network, -sellerFee);
      } else {
        flow(eb, clearingEnergy, q, b, true, true, t, 0);
        flow(es, clearingEnergy, -delivered, s, true, true, t, 1);
        flow(mb, clearing, -charged, b, false, true, t, 2);
        flow(ms, clearing, receive, s, false, true, t, 3);
        flow(mb, network, -buyerFee, b, false, true, t, 4);
        flow(ms, network, -sellerFee, s, false, true, t, 5);
      }
    }

    add(bought, b, q);
    add(paid, b, pay);
    add(fees, b, buyerFee);
    add(sold, s, q);
    add(received, s, receive);
    add(fees, s, sellerFee);
    x = traded + q; if (x <= MAX && x >= -MAX) traded = x; else { tradedBig = spill(tradedBig, traded, q); traded = 0; }
    x = buyerPayments + pay; if (x <= MAX && x >= -MAX) buyerPayments = x; else { buyerPaymentsBig = spill(buyerPaymentsBig, buyerPayments, pay); buyerPayments = 0; }
    x = sellerReceipts + receive; if (x <= MAX && x >= -MAX) sellerReceipts = x; else { sellerReceiptsBig = spill(sellerReceiptsBig, sellerReceipts, receive); sellerReceipts = 0; }
    x = feeTotal + buyerFee; if (x <= MAX && x >= -MAX) feeTotal = x; else { feeTotalBig = spill(feeTotalBig, feeTotal, buyerFee); feeTotal = 0; }
    x = feeTotal + sellerFee; if (x <= MAX && x >= -MAX) feeTotal = x; else { feeTotalBig = spill(feeTotalBig, feeTotal, sellerFee); feeTotal = 0; }
  }

  let supplied = 0;
  let suppliedBig = 0n;
  let absorbed = 0;
  let absorbedBig = 0n;
  let retailCharges = 0;
  let retailChargesBig = 0n;
  let feedInPayments = 0;
  let feedInPaymentsBig = 0n;
  let exportedTotal = 0;
  let exportedTotalBig = 0n;
  let importedTotal = 0;
  let importedTotalBig = 0n;
  // The modes as numbers, once for the loop (see MoneyScale.valueCoded).
  const chargesCode = roundingCode(charges);
  const creditsCode = roundingCode(creditMode);
  for (let m = 0; m < n; m++) {
    const e = exported[m] as number;
    const i = imported[m] as number;
    const contracted = checked((sold[m] as number) - (bought[m] as number), energyStep);
    const d = checked(e - i - contracted, energyStep);
    let inflow = 0;
    if (d > 0) {
      inflow = checked(scale.valueCoded(tariff.feedIn, d, creditMode, creditsCode), moneyStep);
      x = absorbed + d; if (x <= MAX && x >= -MAX) absorbed = x; else { absorbedBig = spill(absorbedBig, absorbed, d); absorbed = 0; }
      x = feedInPayments + inflow; if (x <= MAX && x >= -MAX) feedInPayments = x; else { feedInPaymentsBig = spill(feedInPaymentsBig, feedInPayments, inflow); feedInPayments = 0; }
    } else if (d < 0) {
      const charge = checked(scale.valueCoded(tariff.retail, -d, charges, chargesCode), moneyStep);
      inflow = -charge;
      x = supplied - d; if (x <= MAX && x >= -MAX) supplied = x; else { suppliedBig = spill(suppliedBig, supplied, -d); supplied = 0; }
      x = retailCharges + charge; if (x <= MAX && x >= -MAX) retailCharges = x; else { retailChargesBig = spill(retailChargesBig, retailCharges, charge); retailCharges = 0; }
    }
    if (energy !== undefined && money !== undefined) {
      const ea = energy[m] as number;
      const ma = money[m] as number;
      // d and inflow are safe integers (checked above).
      if (meterDirect && ea >= 0 && ma >= 0 && i <= MAX && i >= -MAX) {
        leg(credits, debits, ea, utilityEnergy, -d);
        leg(credits, debits, ea, grid, -i);
        leg(credits, debits, ma, utility, inflow);
      } else {
        flow(ea, utilityEnergy, -d, m, true, false, m, 1);
        flow(ea, grid, -i, m, true, false, m, 2);
        flow(ma, utility, inflow, m, false, false, m, 3);
      }
    }
    x = exportedTotal + e; if (x <= MAX && x >= -MAX) exportedTotal = x; else { exportedTotalBig = spill(exportedTotalBig, exportedTotal, e); exportedTotal = 0; }
    x = importedTotal + i; if (x <= MAX && x >= -MAX) importedTotal = x; else { importedTotalBig = spill(importedTotalBig, importedTotal, i); importedTotal = 0; }
    if (imbalances !== undefined) imbalances[m] = d;
    if (amounts !== undefined) amounts[m] = inflow;
  }

  // Zone fees priced into trades go to the network; the rest of the spread to the market operator.
  const zoneFeesNumerator = zoneFeesBig + BigInt(zoneFees0);
  const zoneFees = divide(zoneFeesNumerator, scale.den, creditMode);
  // Congestion rent priced into trades across full links goes to the network's congestion account.
  const rentNumerator = rentBig + BigInt(rent0);
  const rent = divide(rentNumerator, scale.den, creditMode);
  const spread = divide(spreadBig + BigInt(spread0) - zoneFeesNumerator - rentNumerator, scale.den, creditMode);
  const buyerTotal = buyerPaymentsBig + BigInt(buyerPayments);
  const sellerTotal = sellerReceiptsBig + BigInt(sellerReceipts);
  const residue = buyerTotal - sellerTotal - spread - zoneFees - rent;
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
    exportedTotalBig + BigInt(exportedTotal), importedTotalBig + BigInt(importedTotal), tradedBig + BigInt(traded), suppliedBig + BigInt(supplied), absorbedBig + BigInt(absorbed),
    buyerTotal, sellerTotal, feeTotalBig + BigInt(feeTotal) + zoneFees, spread, residue, retailChargesBig + BigInt(retailCharges), feedInPaymentsBig + BigInt(feedInPayments), rent,
  ]);
}

/** The bigint part of an exact sum when `small + v` leaves the safe integers (both are safe integers). */
function spill(big: bigint, small: number, v: number): bigint {
  return big + BigInt(small) + BigInt(v);
}

/**
 * A flow between a participant's account and a system account, `inflow` signed from the
 * participant's side: a credit goes into phase 1, a debit into phase 2, zero nowhere (the part of
 * `flow` left once its checks are known to pass).
 */
function leg(credits: StepLegs, debits: StepLegs, participantAccount: number, systemAccount: number, inflow: number): void {
  if (inflow > 0) credits.push(systemAccount, participantAccount, inflow);
  else if (inflow < 0) debits.push(participantAccount, systemAccount, -inflow);
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
