import { ErrorCode } from '../errors/error-codes.js';
import { WattError } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { postStepLegs } from '../ledger/step-legs.js';
import { checkLedger, idPart, resolveSettlementConfig, type SettlementConfig } from './settlement-config.js';
import { parseSettlementInput, type MeterColumns, type ParsedSettlement, type ParsedTariff, type TradeColumns } from './settlement-input.js';
import { givePlanLegs, takePlanLegs, type PlanLegs } from './plan-legs.js';
import { planSettlement } from './settlement-plan.js';
import { SettledInterval, type SettlementResult } from './settlement-result.js';
import type { IntervalSettlementInput, SettlementOptions } from './settlement-types.js';

const FN = 'settleInterval';

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
  return settleWithConfig(l, input, resolveSettlementConfig(l, options, FN));
}

/**
 * What a caller that already holds its trades as integers and knows its participants' accounts
 * (the market) hands to {@link settleWithConfig} instead of having them parsed and looked up:
 * `input.trades` is then ignored, and `accounts` gives each meter reading's participant's money
 * and energy account indexes, in reading order. When the trades carry keys, they are their
 * buyers' and sellers' money account indexes (matched against `accounts.money`).
 * @internal
 */
export interface PreparedSettlement {
  readonly trades: TradeColumns;
  readonly accounts: { readonly money: Int32Array; readonly energy: Int32Array };
  /** Readings already in energy steps (the market's integer form), before those of `input.meters`. */
  readonly meters?: MeterColumns | undefined;
  /**
   * The working memory to settle with, when the caller has taken a set already (its `money` and
   * `energy` columns may hold `accounts`); else one is taken for the call.
   */
  readonly buffers?: PlanLegs | undefined;
  /** `input.tariff` parsed (see parseTariff), when the caller keeps it for many intervals. */
  readonly tariff?: ParsedTariff | undefined;
}

/**
 * {@link settleInterval} with options resolved once (by {@link resolveSettlementConfig}) for
 * many intervals: the market settles every interval with the same options.
 * @internal
 */
export function settleWithConfig(l: Ledger, input: IntervalSettlementInput, cfg: SettlementConfig, prepared?: PreparedSettlement): SettlementResult {
  const parsed = parseSettlementInput(input, cfg, prepared?.trades, prepared?.accounts.money, prepared?.meters, prepared?.tariff);
  const batchId = `${cfg.prefix}/${idPart(parsed.interval)}`;
  if (prepared?.buffers !== undefined) return settleOnce(l, parsed, cfg, batchId, prepared.buffers, prepared);
  const buffers = takePlanLegs();
  try {
    return settleOnce(l, parsed, cfg, batchId, buffers, prepared);
  } finally {
    givePlanLegs(buffers);
  }
}

function settleOnce(l: Ledger, parsed: ParsedSettlement, cfg: SettlementConfig, batchId: string, buffers: PlanLegs, prepared?: PreparedSettlement): SettlementResult {
  const { legs, participants, totals } = planSettlement(l, parsed, cfg, batchId, buffers, prepared?.accounts);

  // Retrying the batch with its id answers 'exists' for every leg when the input is the same. When
  // the interval was settled before, any refusal means the input differs: the same legs would all
  // be retries, which need neither funds nor new ids.
  const settledBefore = l.hasBatch(batchId);
  let created: number;
  try {
    created = postStepLegs(l, legs, batchId, FN);
  } catch (e) {
    if (!(e instanceof WattError) || !settledBefore) throw e;
    const text = e.message.replace(/^settleInterval: /, '');
    throw new WattError(ErrorCode.ALREADY_SETTLED, `${FN}: interval '${parsed.interval}' was settled before with other trades, readings or amounts (${text})`);
  }
  // The per-participant results are built on first read: a caller that never reads them (the
  // market in a simulation, a thousand participants an interval) does not pay for them.
  // 'exists' also when the batch was posted after the check above: the ledger's clock (user code,
  // read inside postStepLegs) may settle the same interval, and this call then only retried it.
  const exists = settledBefore || (created === 0 && legs.count > 0);
  return new SettledInterval(parsed.interval, exists ? 'exists' : 'settled', batchId, legs.count, participants, Object.freeze(totals));
}
