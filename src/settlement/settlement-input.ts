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
const METER_FIELDS = ['participant', 'exported', 'imported', 'net'] as const;
/** Percentages are held in steps of 0.0001 percent. */
export const PERCENT_STEP = createStep('0.0001', FN, 'percent step');
/** 100 percent in {@link PERCENT_STEP}s. */
export const HUNDRED_PERCENT = 1_000_000n;

/** The tariff after validation. */
export interface ParsedTariff {
  readonly retail: number;
  readonly feedIn: number;
  readonly fee: { readonly kind: 'none' } | { readonly kind: 'per-kwh'; readonly ticks: number } | { readonly kind: 'percent'; readonly units: number };
  readonly payer: 'buyer' | 'seller' | 'split';
}

/**
 * The whole input after validation, in integers and in columns: meters by position (the order of
 * the readings), trades by position with buyer and seller as meter positions. Columns rather
 * than an object per trade keep a settlement of thousands of trades cheap.
 */
export interface ParsedSettlement {
  readonly interval: string;
  readonly tariff: ParsedTariff;
  /** Metered participants, in reading order. */
  readonly participants: readonly string[];
  /** Energy steps exported and imported, per reading. */
  readonly exported: readonly number[];
  readonly imported: readonly number[];
  /** Trade ids (explicit or defaulted), per trade. */
  readonly tradeIds: readonly string[];
  /** Meter positions of each trade's buyer and seller. */
  readonly buyer: readonly number[];
  readonly seller: readonly number[];
  /** Energy steps. */
  readonly quantity: readonly number[];
  /** Price ticks. */
  readonly buyerPrice: readonly number[];
  readonly sellerPrice: readonly number[];
  /** Zone fee inside the spread, ticks. */
  readonly fee: readonly number[];
  /** Congestion rent inside the spread, ticks per kWh (see {@link TradeColumns.rent}). */
  readonly rent: readonly number[];
  /** Money steps. */
  readonly buyerPrepaid: readonly number[];
  /** Energy steps. */
  readonly sellerPrepaid: readonly number[];
}

/** Puts `where` in front of the text of a WattError from parsing one item. */
function located(e: unknown, where: string): unknown {
  if (!(e instanceof WattError)) return e;
  const text = e.message.startsWith(`${FN}: `) ? e.message.slice(FN.length + 2) : e.message;
  return new WattError(e.code, `${FN}: ${where}: ${text}`, e.reason);
}

/**
 * Validates a settlement tariff against the price tick `tick` (as {@link parseSettlementInput}
 * does): for a caller that settles many intervals with one tariff and hands the result in.
 * @throws WattError INVALID_ARGUMENT, INVALID_OPTION, INVALID_PRICE, INVALID_FEE.
 */
export function parseTariff(value: unknown, tick: Step): ParsedTariff {
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
  const id = t['id'];
  if (id !== undefined) return checkId(id, FN, 'trade id');
  const sequence = t['sequence'];
  if (typeof sequence === 'number' && Number.isSafeInteger(sequence)) return `s${sequence}`;
  const buy = t['buyOrderId'];
  const sell = t['sellOrderId'];
  if (typeof buy === 'string' && buy !== '' && typeof sell === 'string' && sell !== '') return `${pairPart(buy)}~${pairPart(sell)}`;
  return fail(ErrorCode.INVALID_ID, FN, 'a trade needs an id, a sequence, or a buyOrderId and a sellOrderId');
}

/**
 * One order id inside a default auction trade id: `%` and `~` percent-escaped, so the one bare
 * `~` always separates the two ids and two different pairs never give the same id (`a~b` + `c`
 * and `a` + `b~c` used to). Ids without `%` or `~` stay as they are, so existing ids do not change.
 */
function pairPart(id: string): string {
  if (id.indexOf('%') < 0 && id.indexOf('~') < 0) return id;
  return id.replace(/%/g, '%25').replace(/~/g, '%7E');
}

/** Meter readings already validated and in energy steps, by reading. */
export interface MeterColumns {
  readonly participants: string[];
  readonly exported: number[];
  readonly imported: number[];
}

/**
 * Trades as columns, buyer and seller still as participant ids: what parsing the trades gives,
 * and what a caller that holds its trades as integers already (the market) hands in instead.
 */
export class TradeColumns {
  readonly ids: string[] = [];
  readonly buyers: string[] = [];
  readonly sellers: string[] = [];
  readonly quantity: number[] = [];
  readonly buyerPrice: number[] = [];
  readonly sellerPrice: number[] = [];
  readonly fee: number[] = [];
  /**
   * Congestion rent inside the spread, ticks per kWh (a market's auction trade across a full
   * link); 0 for every trade given to settleInterval.
   */
  readonly rent: number[] = [];
  readonly buyerPrepaid: number[] = [];
  readonly sellerPrepaid: number[] = [];
  /** The buyer's and seller's participant keys, when the caller knows them (see {@link parseSettlementInput}). */
  readonly buyerKeys: number[] = [];
  readonly sellerKeys: number[] = [];

  /** Records the keys of the trade pushed last. */
  keys(buyer: number, seller: number): void {
    this.buyerKeys.push(buyer);
    this.sellerKeys.push(seller);
  }

  /** Appends a trade already in integers (the market's, or one `add` has parsed). */
  push(id: string, buyer: string, seller: string, quantity: number, buyerPrice: number, sellerPrice: number, fee: number, buyerPrepaid: number, sellerPrepaid = 0, rent = 0): void {
    this.ids.push(id);
    this.buyers.push(buyer);
    this.sellers.push(seller);
    this.quantity.push(quantity);
    this.buyerPrice.push(buyerPrice);
    this.sellerPrice.push(sellerPrice);
    this.fee.push(fee);
    this.rent.push(rent);
    this.buyerPrepaid.push(buyerPrepaid);
    this.sellerPrepaid.push(sellerPrepaid);
  }

  add(value: unknown, cfg: SettlementConfig): void {
    const t = checkObject(value, FN, 'trade');
    const id = tradeId(t);
    const buyer = checkId(t['buyer'], FN, 'buyer');
    const seller = checkId(t['seller'], FN, 'seller');
    const quantity = toSteps(t['quantity'], cfg.energyStep, QUANTITY);
    let buyerPrice: number;
    let sellerPrice: number;
    const rawBuyer = t['buyerPrice'];
    const rawSeller = t['sellerPrice'];
    if (rawBuyer !== undefined || rawSeller !== undefined) {
      if (t['price'] !== undefined) fail(ErrorCode.INVALID_SETTLEMENT, FN, `trade '${id}' has both price and buyerPrice/sellerPrice`);
      buyerPrice = toSteps(rawBuyer, cfg.tick, PRICE);
      sellerPrice = toSteps(rawSeller, cfg.tick, PRICE);
    } else {
      buyerPrice = sellerPrice = toSteps(t['price'], cfg.tick, PRICE);
    }
    const rawFee = t['fee'];
    const fee = rawFee === undefined ? 0 : toSteps(rawFee, cfg.tick, TRADE_FEE);
    if (fee > buyerPrice - sellerPrice) {
      fail(ErrorCode.INVALID_SETTLEMENT, FN, `trade '${id}': its fee exceeds what the buyer pays above the seller's price`);
    }
    const rawBuyerPrepaid = t['buyerPrepaid'];
    const rawSellerPrepaid = t['sellerPrepaid'];
    const buyerPrepaid = rawBuyerPrepaid === undefined ? 0 : toSteps(rawBuyerPrepaid, cfg.moneyStep, BUYER_PREPAID);
    const sellerPrepaid = rawSellerPrepaid === undefined ? 0 : toSteps(rawSellerPrepaid, cfg.energyStep, SELLER_PREPAID);
    this.push(id, buyer, seller, quantity, buyerPrice, sellerPrice, fee, buyerPrepaid, sellerPrepaid);
  }
}

function parseMeter(value: unknown, cfg: SettlementConfig, participants: string[], exported: number[], imported: number[]): void {
  const m = checkObject(value, FN, 'meter reading');
  for (const key in m) {
    if (key !== 'participant' && key !== 'exported' && key !== 'imported' && key !== 'net') checkFields(m, METER_FIELDS, FN, 'meter field');
  }
  const participant = checkId(m['participant'], FN, 'participant');
  const net = m['net'];
  const rawExported = m['exported'];
  const rawImported = m['imported'];
  if (net !== undefined) {
    if (rawExported !== undefined || rawImported !== undefined) {
      fail(ErrorCode.INVALID_SETTLEMENT, FN, `the reading of '${participant}' gives both net and exported/imported`);
    }
    const steps = toSteps(net, cfg.energyStep, NET);
    participants.push(participant);
    exported.push(steps > 0 ? steps : 0);
    imported.push(steps < 0 ? -steps : 0);
    return;
  }
  const e = rawExported === undefined ? 0 : toSteps(rawExported, cfg.energyStep, EXPORTED);
  const i = rawImported === undefined ? 0 : toSteps(rawImported, cfg.energyStep, IMPORTED);
  participants.push(participant);
  exported.push(e);
  imported.push(i);
}

/**
 * Validates the whole settlement input before anything is posted. A caller that knows a small
 * non-negative key per participant (the market: its money account index) may give each reading's
 * in `keys` and each trade's buyer's and seller's in the prepared trades: readings and traders
 * are then matched through a reused table instead of a map of ids, with the same checks. A caller
 * holding readings in energy steps already may hand them in as `meters` (taken over, not copied):
 * `input.meters` is then parsed after them. A caller whose `input.tariff` is its own, never
 * changed, and parsed once already ({@link parseTariff}) may hand in that parse as `parsedTariff`.
 * @throws WattError INVALID_ARGUMENT, INVALID_ID, INVALID_OPTION, INVALID_PRICE, INVALID_QUANTITY,
 *   INVALID_FEE, INVALID_AMOUNT, INVALID_SETTLEMENT (duplicate trade ids or readings, a trader
 *   without a reading, both meter forms, both price forms).
 */
export function parseSettlementInput(value: unknown, cfg: SettlementConfig, prepared?: TradeColumns, keys?: Int32Array, meters?: MeterColumns, parsedTariff?: ParsedTariff): ParsedSettlement {
  const input = checkObject(value, FN, 'input');
  checkFields(input, ['interval', 'trades', 'meters', 'tariff'], FN, 'input field');
  const interval = checkId(input['interval'], FN, 'interval');
  let tariff: ParsedTariff;
  try {
    tariff = parsedTariff ?? parseTariff(input['tariff'], cfg.tick);
  } catch (e) {
    throw located(e, 'tariff');
  }
  const tradeItems = checkArray(input['trades'], FN, 'trades');
  let trades = prepared;
  let i = 0;
  if (trades === undefined) {
    trades = new TradeColumns();
    try {
      for (; i < tradeItems.length; i++) trades.add(tradeItems[i], cfg);
    } catch (e) {
      throw located(e, `trade ${i}`);
    }
  }
  const meterItems = checkArray(input['meters'], FN, 'meters');
  const participants: string[] = meters?.participants ?? [];
  const exported: number[] = meters?.exported ?? [];
  const imported: number[] = meters?.imported ?? [];
  try {
    for (i = 0; i < meterItems.length; i++) parseMeter(meterItems[i], cfg, participants, exported, imported);
  } catch (e) {
    throw located(e, `meter reading ${i + (meters?.participants.length ?? 0)}`);
  }
  // (Prepared trades come from a caller whose trade ids are unique by construction.)
  if (prepared === undefined) {
    const ids = new Set<string>();
    for (const id of trades.ids) {
      if (ids.has(id)) fail(ErrorCode.INVALID_SETTLEMENT, FN, `two trades have the id '${id}'; give trades explicit unique ids`);
      ids.add(id);
    }
  }
  const n = trades.ids.length;
  const buyer = new Array<number>(n);
  const seller = new Array<number>(n);
  if (keys !== undefined && trades.buyerKeys.length === n) {
    positionsByKey(participants, keys, trades, buyer, seller);
  } else {
    const position = new Map<string, number>();
    for (let m = 0; m < participants.length; m++) {
      const p = participants[m] as string;
      if (position.has(p)) fail(ErrorCode.INVALID_SETTLEMENT, FN, `two meter readings for '${p}'`);
      position.set(p, m);
    }
    for (let t = 0; t < n; t++) {
      buyer[t] = readerOf(position, trades.buyers[t] as string, trades.ids[t] as string);
      seller[t] = readerOf(position, trades.sellers[t] as string, trades.ids[t] as string);
    }
  }
  return {
    interval, tariff, participants, exported, imported, tradeIds: trades.ids, buyer, seller, quantity: trades.quantity,
    buyerPrice: trades.buyerPrice, sellerPrice: trades.sellerPrice, fee: trades.fee, rent: trades.rent, buyerPrepaid: trades.buyerPrepaid,
    sellerPrepaid: trades.sellerPrepaid,
  };
}

// Reading position + 1 by participant key, valid where the stamp is the current one: reused from
// call to call, so matching a thousand readings allocates nothing. Re-entrancy: these are written
// and read only inside positionsByKey, which runs no user code (it reads the library's own
// columns and strings, and calls only readerByKey and fail), so no other call can run while they
// are in use.
let keyPosition = new Int32Array(1024);
let keyStamp = new Int32Array(1024);
let stamp = 0;

function positionsByKey(participants: readonly string[], keys: Int32Array, trades: TradeColumns, buyer: number[], seller: number[]): void {
  let max = 0;
  for (let m = 0; m < keys.length; m++) if ((keys[m] as number) > max) max = keys[m] as number;
  for (let t = 0; t < trades.buyerKeys.length; t++) max = Math.max(max, trades.buyerKeys[t] as number, trades.sellerKeys[t] as number);
  if (max >= keyPosition.length) {
    let capacity = keyPosition.length;
    while (max >= capacity) capacity *= 2;
    keyPosition = new Int32Array(capacity);
    keyStamp = new Int32Array(capacity);
    stamp = 0;
  }
  stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
  if (stamp === 1) keyStamp.fill(0);
  for (let m = 0; m < keys.length; m++) {
    const k = keys[m] as number;
    if (keyStamp[k] === stamp) fail(ErrorCode.INVALID_SETTLEMENT, FN, `two meter readings for '${participants[m] as string}'`);
    keyStamp[k] = stamp;
    keyPosition[k] = m;
  }
  for (let t = 0; t < buyer.length; t++) {
    buyer[t] = readerByKey(trades.buyerKeys[t] as number, trades.buyers[t] as string, trades.ids[t] as string);
    seller[t] = readerByKey(trades.sellerKeys[t] as number, trades.sellers[t] as string, trades.ids[t] as string);
  }
}

function readerByKey(key: number, participant: string, trade: string): number {
  if (key < 0 || keyStamp[key] !== stamp) fail(ErrorCode.INVALID_SETTLEMENT, FN, `trade '${trade}': participant '${participant}' has no meter reading`);
  return keyPosition[key] as number;
}

function readerOf(position: ReadonlyMap<string, number>, participant: string, trade: string): number {
  const m = position.get(participant);
  if (m === undefined) fail(ErrorCode.INVALID_SETTLEMENT, FN, `trade '${trade}': participant '${participant}' has no meter reading`);
  return m;
}
