import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import type { TransferInput } from '../ledger/ledger-types.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { formatSteps, fromSteps } from '../units/from-steps.js';
import { divide } from '../units/rounding.js';
import type { Step } from '../units/step.js';
import { checkLedger, idPart, resolveSettlementConfig, type SettlementConfig } from './settlement-config.js';
import { HUNDRED_PERCENT, parseSettlementInput, type ParsedSettlement } from './settlement-input.js';
import { ParticipantSettlement, type SettlementResult, type SettlementTotals } from './settlement-result.js';
import type { IntervalSettlementInput, SettlementOptions } from './settlement-types.js';

const FN = 'settleInterval';
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** The legs of one settlement, by phase: see the comment in {@link settleInterval}. */
class Legs {
  readonly credits: TransferInput[] = [];
  readonly debits: TransferInput[] = [];
  readonly system: TransferInput[] = [];

  constructor(private readonly base: string) {}

  /**
   * A flow between a participant's account and a system account, `inflow` signed from the
   * participant's side: a credit goes into phase 1, a debit into phase 2, zero nowhere.
   */
  flow(name: string, participant: string, system: string, inflow: bigint, step: Step): void {
    if (inflow > 0n) this.credits.push({ id: this.base + name, from: system, to: participant, amount: amount(inflow, step) });
    else if (inflow < 0n) this.debits.push({ id: this.base + name, from: participant, to: system, amount: amount(-inflow, step) });
  }

  /** A flow between two system accounts, after every participant leg. */
  between(name: string, from: string, to: string, value: bigint, step: Step): void {
    if (value > 0n) this.system.push({ id: this.base + name, from, to, amount: amount(value, step) });
    else if (value < 0n) this.system.push({ id: this.base + name, from: to, to: from, amount: amount(-value, step) });
  }

  all(): TransferInput[] {
    return [...this.credits, ...this.debits, ...this.system];
  }
}

function amount(steps: bigint, step: Step): DecimalInput {
  if (steps > MAX) fail(ErrorCode.BALANCE_OVERFLOW, FN, `an amount of ${formatSteps(steps, step)} is too large to hold exactly`);
  return step.decimals === 0 && step.multiple === 1 ? Number(steps) : formatSteps(steps, step);
}

/**
 * Settles one delivery interval in one atomic ledger batch: trades, metered deviations against
 * the utility, grid fees, the market operator's spread and the rounding residue, in money and in
 * energy. Settling the same interval again with the same input posts nothing and returns
 * `status: 'exists'`; with a different input it throws ALREADY_SETTLED.
 *
 * Energy (kWh): each metered export moves from the grid account to the participant, each import
 * back; each trade moves its quantity from the seller through the energy clearing account to the
 * buyer; each participant's imbalance (actual - contracted) moves to the utility (surplus) or
 * from it (shortfall). So every participant's energy account nets to zero, and exported +
 * supplied by the utility = imported + absorbed by the utility.
 *
 * Money: the buyer pays round(buyerPrice x quantity) into the clearing account, the seller is
 * paid round(sellerPrice x quantity) out of it; the market operator receives the rounded sum of
 * the exact spreads, and whatever the roundings leave goes to the residue account, so clearing
 * nets to zero. Grid fees go to the network account; a shortfall is charged at the retail price,
 * a surplus paid at the feed-in price. Charges round with `rounding.charges`, credits with
 * `rounding.credits` (both half-even by default).
 *
 * Leg order: every credit to a participant comes before every debit, so a participant (whose
 * account may not go negative) needs only its net result to be covered, whatever the trade order.
 * When a participant cannot cover it, the whole batch is refused with INSUFFICIENT_FUNDS; open
 * the participant's money account with `allowNegative` to give it credit instead.
 *
 * @param ledger - the ledger; every account involved must be open ({@link openSettlementAccounts}).
 * @param input - the interval, its trades, the meter readings and the tariff.
 * @param options - assets, price tick, rounding, account ids; see {@link SettlementOptions}.
 * @returns what was posted, per participant and in total.
 * @throws WattError for bad input (codes as for each field), INVALID_SETTLEMENT, ALREADY_SETTLED,
 *   and the ledger's codes (UNKNOWN_ACCOUNT, INSUFFICIENT_FUNDS, ...), all before anything is posted.
 *
 * @example
 * ```ts
 * const result = settleInterval(ledger, {
 *   interval: '2024-04-01T10:00',
 *   trades: [{ id: 'T1', buyer: 'lab', seller: 'roof', quantity: '2', price: '1800' }],
 *   meters: [{ participant: 'roof', exported: '1.5' }, { participant: 'lab', imported: '2.5' }],
 *   tariff: { retailPrice: '2500', feedInPrice: '800', gridFee: { kind: 'per-kwh', price: '100' } },
 * });
 * result.participants[0].imbalance.toString(); // '-0.5': roof was short, bought at retail
 * ```
 */
export function settleInterval(ledger: Ledger, input: IntervalSettlementInput, options?: SettlementOptions): SettlementResult {
  const l = checkLedger(ledger, FN);
  const cfg = resolveSettlementConfig(l, options, FN);
  const parsed = parseSettlementInput(input, cfg);
  const batchId = `${cfg.prefix}/${idPart(parsed.interval)}`;
  const { legs, participants, totals } = plan(parsed, cfg, `${batchId}/`);

  // Retrying the batch with its id answers 'exists' for every leg when the input is the same. When
  // the interval was settled before, any refusal means the input differs: the same legs would all
  // be retries, which need neither funds nor new ids.
  const settledBefore = l.hasBatch(batchId);
  try {
    l.batch(legs, { id: batchId });
  } catch (e) {
    if (!(e instanceof WattError)) throw e;
    const text = e.message.replace(/^Ledger\.batch: /, '');
    if (settledBefore) {
      throw new WattError(ErrorCode.ALREADY_SETTLED, `${FN}: interval '${parsed.interval}' was settled before with other trades, readings or amounts (${text})`);
    }
    throw new WattError(e.code, `${FN}: ${text}`, e.reason);
  }
  return Object.freeze({
    interval: parsed.interval,
    status: settledBefore ? 'exists' : 'settled',
    batchId,
    transfers: legs.length,
    participants: Object.freeze(participants),
    totals,
  });
}

function plan(
  parsed: ParsedSettlement,
  cfg: SettlementConfig,
  base: string,
): { legs: TransferInput[]; participants: ParticipantSettlement[]; totals: SettlementTotals } {
  const { scale, charges, credits, moneyStep, energyStep, moneyAsset, energyAsset, accounts: sys } = cfg;
  const { tariff } = parsed;
  const system = new Set<string>(Object.values(sys));
  const byId = new Map<string, { s: ParticipantSettlement; money: string; energy: string }>();
  const owners = new Map<string, string>();
  for (const m of parsed.meters) {
    const money = cfg.participantAccount(m.participant, moneyAsset);
    const energy = cfg.participantAccount(m.participant, energyAsset);
    for (const id of [money, energy]) {
      if (system.has(id)) fail(ErrorCode.INVALID_SETTLEMENT, FN, `participant '${m.participant}' would use the system account '${id}'`);
      const owner = owners.get(id);
      if (owner !== undefined) fail(ErrorCode.INVALID_SETTLEMENT, FN, `participants '${owner}' and '${m.participant}' would share the account '${id}'`);
      owners.set(id, m.participant);
    }
    const s = new ParticipantSettlement(m.participant, energyStep, moneyStep);
    s.exportedSteps = BigInt(m.exported);
    s.importedSteps = BigInt(m.imported);
    byId.set(m.participant, { s, money, energy });
  }
  const get = (p: string): { s: ParticipantSettlement; money: string; energy: string } =>
    byId.get(p) as { s: ParticipantSettlement; money: string; energy: string };

  const legs = new Legs(base);
  let traded = 0n;
  let buyerPayments = 0n;
  let sellerReceipts = 0n;
  let spreadExact = 0n;
  let zoneFeesExact = 0n;
  let fees = 0n;
  for (const m of parsed.meters) {
    const p = get(m.participant);
    legs.flow(`p/${idPart(m.participant)}/export`, p.energy, sys.grid, BigInt(m.exported), energyStep);
  }
  for (const t of parsed.trades) {
    const buyer = get(t.buyer);
    const seller = get(t.seller);
    const q = BigInt(t.quantity);
    const name = `t/${idPart(t.id)}/`;
    const exactBuyer = scale.exact(t.buyerPrice, q);
    const exactSeller = scale.exact(t.sellerPrice, q);
    const pay = divide(exactBuyer, scale.den, charges);
    const receive = divide(exactSeller, scale.den, credits);
    let feeNumerator = 0n;
    let feeExtra = 1n;
    if (tariff.fee.kind === 'per-kwh') feeNumerator = scale.exact(tariff.fee.ticks, q);
    else if (tariff.fee.kind === 'percent') {
      feeNumerator = BigInt(tariff.fee.units) * (exactSeller < 0n ? -exactSeller : exactSeller);
      feeExtra = HUNDRED_PERCENT;
    }
    const half = tariff.payer === 'split' ? scale.round(feeNumerator, feeExtra * 2n, charges) : 0n;
    const whole = tariff.payer === 'split' ? 0n : scale.round(feeNumerator, feeExtra, charges);
    const buyerFee = tariff.payer === 'buyer' ? whole : half;
    const sellerFee = tariff.payer === 'seller' ? whole : half;

    legs.flow(`${name}take`, buyer.energy, sys.clearingEnergy, q, energyStep);
    legs.flow(`${name}deliver`, seller.energy, sys.clearingEnergy, -(q - BigInt(t.sellerPrepaid)), energyStep);
    legs.flow(`${name}pay`, buyer.money, sys.clearing, -(pay - BigInt(t.buyerPrepaid)), moneyStep);
    legs.flow(`${name}receive`, seller.money, sys.clearing, receive, moneyStep);
    legs.flow(`${name}fee-buyer`, buyer.money, sys.network, -buyerFee, moneyStep);
    legs.flow(`${name}fee-seller`, seller.money, sys.network, -sellerFee, moneyStep);

    buyer.s.boughtSteps += q;
    buyer.s.paidSteps += pay;
    buyer.s.feeSteps += buyerFee;
    seller.s.soldSteps += q;
    seller.s.receivedSteps += receive;
    seller.s.feeSteps += sellerFee;
    traded += q;
    buyerPayments += pay;
    sellerReceipts += receive;
    spreadExact += exactBuyer - exactSeller;
    zoneFeesExact += scale.exact(t.fee, q);
    fees += buyerFee + sellerFee;
  }
  let supplied = 0n;
  let absorbed = 0n;
  let retailCharges = 0n;
  let feedInPayments = 0n;
  let exported = 0n;
  let imported = 0n;
  for (const m of parsed.meters) {
    const { s, money, energy } = get(m.participant);
    const name = `p/${idPart(m.participant)}/`;
    const d = s.exportedSteps - s.importedSteps - (s.soldSteps - s.boughtSteps);
    s.imbalanceSteps = d;
    let inflow = 0n;
    if (d > 0n) {
      inflow = divide(scale.exact(tariff.feedIn, d), scale.den, credits);
      absorbed += d;
      feedInPayments += inflow;
    } else if (d < 0n) {
      inflow = -divide(scale.exact(tariff.retail, -d), scale.den, charges);
      supplied -= d;
      retailCharges -= inflow;
    }
    s.imbalanceAmountSteps = inflow;
    legs.flow(`${name}energy`, energy, sys.utilityEnergy, -d, energyStep);
    legs.flow(`${name}import`, energy, sys.grid, -s.importedSteps, energyStep);
    legs.flow(`${name}imbalance`, money, sys.utility, inflow, moneyStep);
    exported += s.exportedSteps;
    imported += s.importedSteps;
  }
  // Zone fees priced into trades go to the network; the rest of the spread to the market operator.
  const zoneFees = divide(zoneFeesExact, scale.den, credits);
  const spread = divide(spreadExact - zoneFeesExact, scale.den, credits);
  const residue = buyerPayments - sellerReceipts - spread - zoneFees;
  legs.between('zone-fees', sys.clearing, sys.network, zoneFees, moneyStep);
  legs.between('spread', sys.clearing, sys.marketOperator, spread, moneyStep);
  legs.between('residue', sys.clearing, sys.residue, residue, moneyStep);

  const e = (v: bigint): ReturnType<typeof fromSteps> => fromSteps(v, energyStep);
  const mo = (v: bigint): ReturnType<typeof fromSteps> => fromSteps(v, moneyStep);
  const totals: SettlementTotals = Object.freeze({
    exported: e(exported),
    imported: e(imported),
    traded: e(traded),
    utilitySupplied: e(supplied),
    utilityAbsorbed: e(absorbed),
    buyerPayments: mo(buyerPayments),
    sellerReceipts: mo(sellerReceipts),
    gridFees: mo(fees + zoneFees),
    marketSpread: mo(spread),
    residue: mo(residue),
    retailCharges: mo(retailCharges),
    feedInPayments: mo(feedInPayments),
  });
  return { legs: legs.all(), participants: [...byId.values()].map((p) => p.s), totals };
}
