import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { createStep, type Step } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkArray, checkFields, checkId, checkObject, checkOneOf } from '../validation/checks.js';
import type { SettlementConfig } from './settlement-config.js';

const FN = 'settleInterval';
const QUANTITY = valueSpec(FN, 'quantity', ErrorCode.INVALID_QUANTITY, 'positive', 'energy step');
const PRICE = valueSpec(FN, 'price', ErrorCode.INVALID_PRICE, 'any', 'tick');
const RETAIL = valueSpec(FN, 'retailPrice', ErrorCode.INVALID_PRICE, 'any', 'tick');
const FEED_IN = valueSpec(FN, 'feedInPrice', ErrorCode.INVALID_PRICE, 'any', 'tick');
const EXPORTED = valueSpec(FN, 'exported', ErrorCode.INVALID_QUANTITY, 'non-negative', 'energy step');
const IMPORTED = valueSpec(FN, 'imported', ErrorCode.INVALID_QUANTITY, 'non-negative', 'energy step');
const NET = valueSpec(FN, 'net', ErrorCode.INVALID_QUANTITY, 'any', 'energy step');
const FEE_PRICE = valueSpec(FN, 'gridFee.price', ErrorCode.INVALID_FEE, 'non-negative', 'tick');
const FEE_PERCENT = valueSpec(FN, 'gridFee.percent', ErrorCode.INVALID_FEE, 'non-negative', 'step');
const TRADE_FEE = valueSpec(FN, 'fee', ErrorCode.INVALID_FEE, 'non-negative', 'tick');
const BUYER_PREPAID = valueSpec(FN, 'buyerPrepaid', ErrorCode.INVALID_AMOUNT, 'non-negative', 'money step');
const SELLER_PREPAID = valueSpec(FN, 'sellerPrepaid', ErrorCode.INVALID_AMOUNT, 'non-negative', 'energy step');
/** Percentages are held in steps of 0.0001 percent. */
export const PERCENT_STEP = createStep('0.0001', FN, 'percent step');
/** 100 percent in {@link PERCENT_STEP}s. */
export const HUNDRED_PERCENT = 1_000_000n;

/** A trade after validation: integers only. */
export interface ParsedTrade {
  readonly id: string;
  readonly buyer: string;
  readonly seller: string;
  /** Energy steps. */
  readonly quantity: number;
  /** Price ticks. */
  readonly buyerPrice: number;
  readonly sellerPrice: number;
  /** Zone fee inside the spread, ticks. */
  readonly fee: number;
  /** Money steps. */
  readonly buyerPrepaid: number;
  /** Energy steps. */
  readonly sellerPrepaid: number;
}

/** A meter reading after validation, in energy steps. */
export interface ParsedMeter {
  readonly participant: string;
  readonly exported: number;
  readonly imported: number;
}

/** The tariff after validation. */
export interface ParsedTariff {
  readonly retail: number;
  readonly feedIn: number;
  readonly fee: { readonly kind: 'none' } | { readonly kind: 'per-kwh'; readonly ticks: number } | { readonly kind: 'percent'; readonly units: number };
  readonly payer: 'buyer' | 'seller' | 'split';
}

/** The whole input after validation. */
export interface ParsedSettlement {
  readonly interval: string;
  readonly trades: readonly ParsedTrade[];
  readonly meters: readonly ParsedMeter[];
  readonly tariff: ParsedTariff;
}

/** Runs `f`, putting `where` in front of the text of any WattError it throws. */
function within<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WattError) {
      const text = e.message.startsWith(`${FN}: `) ? e.message.slice(FN.length + 2) : e.message;
      throw new WattError(e.code, `${FN}: ${where}: ${text}`, e.reason);
    }
    throw e;
  }
}

function parseTariff(value: unknown, tick: Step): ParsedTariff {
  const t = checkObject(value, FN, 'tariff');
  checkFields(t, ['retailPrice', 'feedInPrice', 'gridFee', 'gridFeePayer'], FN, 'tariff field');
  const retail = toSteps(t['retailPrice'], tick, RETAIL);
  const feedIn = toSteps(t['feedInPrice'], tick, FEED_IN);
  let fee: ParsedTariff['fee'] = { kind: 'none' };
  if (t['gridFee'] !== undefined) {
    const g = checkObject(t['gridFee'], FN, 'gridFee');
    if (g['kind'] === 'per-kwh') {
      checkFields(g, ['kind', 'price'], FN, 'gridFee field');
      fee = { kind: 'per-kwh', ticks: toSteps(g['price'], tick, FEE_PRICE) };
    } else if (g['kind'] === 'percent') {
      checkFields(g, ['kind', 'percent'], FN, 'gridFee field');
      fee = { kind: 'percent', units: toSteps(g['percent'], PERCENT_STEP, FEE_PERCENT) };
    } else {
      fail(ErrorCode.INVALID_FEE, FN, `gridFee.kind must be 'per-kwh' or 'percent'; got ${describeValue(g['kind'])}`);
    }
  }
  const payer = checkOneOf(t['gridFeePayer'], ['buyer', 'seller', 'split'] as const, 'buyer', FN, 'gridFeePayer');
  return { retail, feedIn, fee, payer };
}

function tradeId(t: Record<string, unknown>): string {
  if (t['id'] !== undefined) return checkId(t['id'], FN, 'trade id');
  const sequence = t['sequence'];
  if (typeof sequence === 'number' && Number.isSafeInteger(sequence)) return `s${sequence}`;
  const buy = t['buyOrderId'];
  const sell = t['sellOrderId'];
  if (typeof buy === 'string' && buy !== '' && typeof sell === 'string' && sell !== '') return `${buy}~${sell}`;
  return fail(ErrorCode.INVALID_ID, FN, 'a trade needs an id, a sequence, or a buyOrderId and a sellOrderId');
}

function parseTrade(value: unknown, cfg: SettlementConfig): ParsedTrade {
  const t = checkObject(value, FN, 'trade');
  const id = tradeId(t);
  const buyer = checkId(t['buyer'], FN, 'buyer');
  const seller = checkId(t['seller'], FN, 'seller');
  const quantity = toSteps(t['quantity'], cfg.energyStep, QUANTITY);
  let buyerPrice: number;
  let sellerPrice: number;
  if (t['buyerPrice'] !== undefined || t['sellerPrice'] !== undefined) {
    if (t['price'] !== undefined) fail(ErrorCode.INVALID_SETTLEMENT, FN, `trade '${id}' has both price and buyerPrice/sellerPrice`);
    buyerPrice = toSteps(t['buyerPrice'], cfg.tick, PRICE);
    sellerPrice = toSteps(t['sellerPrice'], cfg.tick, PRICE);
  } else {
    buyerPrice = sellerPrice = toSteps(t['price'], cfg.tick, PRICE);
  }
  const fee = t['fee'] === undefined ? 0 : toSteps(t['fee'], cfg.tick, TRADE_FEE);
  if (fee > buyerPrice - sellerPrice) {
    fail(ErrorCode.INVALID_SETTLEMENT, FN, `trade '${id}': its fee exceeds what the buyer pays above the seller's price`);
  }
  const buyerPrepaid = t['buyerPrepaid'] === undefined ? 0 : toSteps(t['buyerPrepaid'], cfg.moneyStep, BUYER_PREPAID);
  const sellerPrepaid = t['sellerPrepaid'] === undefined ? 0 : toSteps(t['sellerPrepaid'], cfg.energyStep, SELLER_PREPAID);
  return { id, buyer, seller, quantity, buyerPrice, sellerPrice, fee, buyerPrepaid, sellerPrepaid };
}

function parseMeter(value: unknown, cfg: SettlementConfig): ParsedMeter {
  const m = checkObject(value, FN, 'meter reading');
  checkFields(m, ['participant', 'exported', 'imported', 'net'], FN, 'meter field');
  const participant = checkId(m['participant'], FN, 'participant');
  if (m['net'] !== undefined) {
    if (m['exported'] !== undefined || m['imported'] !== undefined) {
      fail(ErrorCode.INVALID_SETTLEMENT, FN, `the reading of '${participant}' gives both net and exported/imported`);
    }
    const net = toSteps(m['net'], cfg.energyStep, NET);
    return { participant, exported: Math.max(net, 0), imported: Math.max(-net, 0) };
  }
  const exported = m['exported'] === undefined ? 0 : toSteps(m['exported'], cfg.energyStep, EXPORTED);
  const imported = m['imported'] === undefined ? 0 : toSteps(m['imported'], cfg.energyStep, IMPORTED);
  return { participant, exported, imported };
}

/**
 * Validates the whole settlement input before anything is posted.
 * @throws WattError INVALID_ARGUMENT, INVALID_ID, INVALID_OPTION, INVALID_PRICE, INVALID_QUANTITY,
 *   INVALID_FEE, INVALID_AMOUNT, INVALID_SETTLEMENT (duplicate trade ids or readings, a trader
 *   without a reading, both meter forms, both price forms).
 */
export function parseSettlementInput(value: unknown, cfg: SettlementConfig): ParsedSettlement {
  const input = checkObject(value, FN, 'input');
  checkFields(input, ['interval', 'trades', 'meters', 'tariff'], FN, 'input field');
  const interval = checkId(input['interval'], FN, 'interval');
  const tariff = within('tariff', () => parseTariff(input['tariff'], cfg.tick));
  const trades = checkArray(input['trades'], FN, 'trades').map((t, i) => within(`trade ${i}`, () => parseTrade(t, cfg)));
  const meters = checkArray(input['meters'], FN, 'meters').map((m, i) => within(`meter reading ${i}`, () => parseMeter(m, cfg)));
  const ids = new Set<string>();
  for (const t of trades) {
    if (ids.has(t.id)) fail(ErrorCode.INVALID_SETTLEMENT, FN, `two trades have the id '${t.id}'; give trades explicit unique ids`);
    ids.add(t.id);
  }
  const readers = new Set<string>();
  for (const m of meters) {
    if (readers.has(m.participant)) fail(ErrorCode.INVALID_SETTLEMENT, FN, `two meter readings for '${m.participant}'`);
    readers.add(m.participant);
  }
  for (const t of trades) {
    for (const p of [t.buyer, t.seller]) {
      if (!readers.has(p)) fail(ErrorCode.INVALID_SETTLEMENT, FN, `trade '${t.id}': participant '${p}' has no meter reading`);
    }
  }
  return { interval, trades, meters, tariff };
}
