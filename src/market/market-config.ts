import { Decimal } from 'decimal.js';
import { clearAuction } from '../auction/clear-auction.js';
import { resolveAuctionOptions, type AuctionOptions, type AuctionZones, type ResolvedAuctionOptions } from '../auction/auction-options.js';
import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { Ledger } from '../ledger/ledger.js';
import { PERCENT_STEP } from '../settlement/settlement-input.js';
import type { SettlementOptions, Tariff } from '../settlement/settlement-types.js';
import type { Clock } from '../time/clock.js';
import { MS_PER_DAY } from '../time/calendar.js';
import { formatSteps } from '../units/from-steps.js';
import { createStep, type Step } from '../units/step.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkArray, checkBoolean, checkId, checkInteger, checkKnownKeys, checkObject, checkOneOf } from '../validation/checks.js';
import type { MarketOptions, ProductMode } from './market-types.js';
import { ProductSchedule } from './product-schedule.js';
import { resolveMarketCapacity, type MarketCapacity } from './link-capacity.js';

const FN = 'Market';
const MODES: readonly ProductMode[] = ['continuous', 'auction', 'continuous-then-auction'];
const KNOWN = [
  'clock', 'tariff', 'zones', 'intervalMinutes', 'horizonMinutes', 'gateClosureMinutes', 'mode', 'callPhaseMinutes',
  'mechanism', 'k', 'rationing', 'priceTick', 'quantityStep', 'currency', 'collateral', 'energyCollateral',
  'utilityOrders', 'participantCredit', 'ledger', 'journal',
] as const;
const TARIFF_KEYS = ['retailPrice', 'feedInPrice', 'gridFee', 'gridFeePayer', 'zoneFees', 'zoneCapacity'] as const;
const RETAIL = valueSpec(FN, 'tariff.retailPrice', ErrorCode.INVALID_PRICE, 'any', 'tick');
const FEED_IN = valueSpec(FN, 'tariff.feedInPrice', ErrorCode.INVALID_PRICE, 'any', 'tick');
const FEE_PRICE = valueSpec(FN, 'tariff.gridFee.price', ErrorCode.INVALID_FEE, 'non-negative', 'tick');
const FEE_PERCENT = valueSpec(FN, 'tariff.gridFee.percent', ErrorCode.INVALID_FEE, 'non-negative', 'step');

/** The market's options after validation, with every default filled in. */
export interface MarketConfig {
  readonly clock: Clock;
  readonly zones: readonly string[];
  readonly zoneIndex: ReadonlyMap<string, number>;
  readonly schedule: ProductSchedule;
  readonly modes: readonly ProductMode[];
  readonly priceTick: Step;
  readonly quantityStep: Step;
  readonly currency: { readonly code: string; readonly step: Step };
  readonly retailTicks: number;
  readonly feedInTicks: number;
  /** The tariff as settlement takes it (exact decimal text). */
  readonly settlementTariff: Tariff;
  /** The options every auction of the market is cleared with (mechanism, k, ticks, zones). */
  readonly auction: AuctionOptions;
  /** {@link auction} resolved once, for clearing every auction in integers. */
  readonly auctionResolved: ResolvedAuctionOptions;
  /** Whether auctions of one interval clear jointly across zones (zone fees given). */
  readonly coupled: boolean;
  /** Link capacities per interval (`tariff.zoneCapacity`); undefined when no link has one. */
  readonly capacity: MarketCapacity | undefined;
  readonly collateral: boolean;
  readonly energyCollateral: boolean;
  readonly utilityOrders: boolean;
  readonly participantCredit: boolean;
  readonly ledger: Ledger;
  readonly journal: boolean;
}

/**
 * Validates {@link MarketOptions} and fills in the defaults, once, at construction.
 * @throws WattError INVALID_ARGUMENT, INVALID_OPTION, INVALID_PRICE, INVALID_STEP, INVALID_K,
 *   INVALID_FEE, UNKNOWN_MECHANISM, UNKNOWN_ZONE, UNKNOWN_ASSET.
 */
export function resolveMarketConfig(options: MarketOptions): MarketConfig {
  const o = checkObject(options, FN, 'options');
  checkKnownKeys(o, KNOWN, FN, 'option');
  const clock = o['clock'];
  if (!isClock(clock)) fail(ErrorCode.INVALID_OPTION, FN, `clock must be an object with a now() method; got ${describeValue(clock)}`);
  const zones = o['zones'] === undefined ? ['main'] : checkArray(o['zones'], FN, 'zones').map((z, i) => checkId(z, FN, `zones[${i}]`, ErrorCode.INVALID_OPTION));
  if (zones.length === 0) fail(ErrorCode.INVALID_OPTION, FN, 'zones must name at least one zone');
  const zoneIndex = new Map<string, number>();
  zones.forEach((z, i) => {
    if (zoneIndex.has(z)) fail(ErrorCode.INVALID_OPTION, FN, `zone '${z}' is listed twice`);
    zoneIndex.set(z, i);
  });

  const intervalMinutes = checkInteger(o['intervalMinutes'], 15, 1, 1440, FN, 'intervalMinutes', ErrorCode.INVALID_OPTION);
  if (MS_PER_DAY % (intervalMinutes * 60_000) !== 0) fail(ErrorCode.INVALID_OPTION, FN, `intervalMinutes ${intervalMinutes} does not divide a day`);
  const gate = checkInteger(o['gateClosureMinutes'], 5, 0, 10_080, FN, 'gateClosureMinutes', ErrorCode.INVALID_OPTION);
  const horizon = checkInteger(o['horizonMinutes'], 1440, 1, 366 * 1440, FN, 'horizonMinutes', ErrorCode.INVALID_OPTION);
  if (horizon <= gate) fail(ErrorCode.INVALID_OPTION, FN, `horizonMinutes (${horizon}) must exceed gateClosureMinutes (${gate})`);

  const modeOption = o['mode'];
  let modes: ProductMode[];
  if (typeof modeOption === 'object' && modeOption !== null && !Array.isArray(modeOption)) {
    const byZone = modeOption as Record<string, unknown>;
    for (const z of Object.keys(byZone)) if (!zoneIndex.has(z)) fail(ErrorCode.UNKNOWN_ZONE, FN, `mode names the unknown zone '${z}'`);
    modes = zones.map((z) => checkOneOf(byZone[z], MODES, 'auction', FN, `mode.${z}`));
  } else {
    const mode = checkOneOf(modeOption, MODES, 'auction', FN, 'mode');
    modes = zones.map(() => mode);
  }
  const hasCall = modes.includes('continuous-then-auction');
  const callMinutes = checkInteger(o['callPhaseMinutes'], 15, 1, 366 * 1440, FN, 'callPhaseMinutes', ErrorCode.INVALID_OPTION);
  if (hasCall && callMinutes >= horizon - gate) {
    fail(ErrorCode.INVALID_OPTION, FN, `callPhaseMinutes (${callMinutes}) must be shorter than the trading window (${horizon - gate} minutes)`);
  }
  const schedule = new ProductSchedule(intervalMinutes * 60_000, horizon * 60_000, gate * 60_000, hasCall ? callMinutes * 60_000 : 0);

  const priceTickInput = o['priceTick'] ?? '0.0001';
  const quantityStepInput = o['quantityStep'] ?? '0.001';
  const priceTick = createStep(priceTickInput as string, FN, 'priceTick');
  const quantityStep = createStep(quantityStepInput as string, FN, 'quantityStep');
  const currencyInput = o['currency'] === undefined ? { code: 'VND', step: '1' } : checkObject(o['currency'], FN, 'currency');
  checkKnownKeys(currencyInput, ['code', 'step'], FN, 'currency option');
  const currencyCode = checkId(currencyInput['code'], FN, 'currency.code', ErrorCode.INVALID_OPTION);
  if (currencyCode === 'kWh') fail(ErrorCode.INVALID_OPTION, FN, "the currency cannot be called 'kWh'");
  const currency = { code: currencyCode, step: createStep(currencyInput['step'] as string, FN, 'currency.step') };

  const t = checkObject(o['tariff'], FN, 'tariff');
  checkKnownKeys(t, TARIFF_KEYS, FN, 'tariff option');
  const retailTicks = toSteps(t['retailPrice'], priceTick, RETAIL);
  const feedInTicks = toSteps(t['feedInPrice'], priceTick, FEED_IN);
  if (feedInTicks > retailTicks) fail(ErrorCode.INVALID_PRICE, FN, 'tariff.feedInPrice must not exceed tariff.retailPrice', 'OUT_OF_RANGE');
  const settlementTariff: Tariff = {
    retailPrice: formatSteps(retailTicks, priceTick),
    feedInPrice: formatSteps(feedInTicks, priceTick),
    ...(t['gridFee'] === undefined ? {} : { gridFee: parseGridFee(t['gridFee'], priceTick) }),
    gridFeePayer: checkOneOf(t['gridFeePayer'], ['buyer', 'seller', 'split'] as const, 'buyer', FN, 'tariff.gridFeePayer'),
  };

  let zonesOption: AuctionZones | undefined;
  if (t['zoneFees'] !== undefined) {
    const fees = checkObject(t['zoneFees'], FN, 'tariff.zoneFees') as AuctionZones['fees'];
    for (const z of Object.keys(fees)) if (!zoneIndex.has(z)) fail(ErrorCode.UNKNOWN_ZONE, FN, `tariff.zoneFees names the unknown zone '${z}'`);
    zonesOption = { fees };
  }
  const auction: AuctionOptions = {
    mechanism: (o['mechanism'] ?? 'uniform') as AuctionOptions['mechanism'],
    k: (o['k'] ?? '0.5') as string,
    rationing: (o['rationing'] ?? 'input-order') as 'input-order',
    priceTick: priceTick.text,
    quantityStep: quantityStep.text,
    ...(zonesOption === undefined ? {} : { zones: zonesOption }),
  };
  // An empty auction validates every auction option (mechanism, k, rationing, the fee matrix,
  // which must be complete) with clearAuction's own checks and codes.
  try {
    clearAuction([], auction);
  } catch (e) {
    if (e instanceof WattError) throw new WattError(e.code, e.message.replace(/^clearAuction: /, `${FN}: `), e.reason);
    throw e;
  }
  const capacity = resolveMarketCapacity(t['zoneCapacity'], zones, auction, quantityStep);

  let ledger: Ledger;
  if (o['ledger'] === undefined) {
    ledger = new Ledger({ assets: { [currency.code]: currency.step.text, kWh: quantityStep.text } });
  } else {
    ledger = o['ledger'] as Ledger;
    if (!(ledger instanceof Ledger)) fail(ErrorCode.INVALID_OPTION, FN, `ledger must be a Ledger; got ${describeValue(ledger)}`);
    const assets = ledger.assets();
    for (const [code, step] of [[currency.code, currency.step], ['kWh', quantityStep]] as const) {
      const asset = assets.find((a) => a.code === code);
      if (asset === undefined) fail(ErrorCode.UNKNOWN_ASSET, FN, `the ledger has no '${code}' asset`);
      // Every amount the market hands the ledger must be a whole number of the ledger's steps.
      if (!new Decimal(step.text).mod(asset.step).isZero()) {
        fail(ErrorCode.INVALID_OPTION, FN, `the ledger's '${code}' step ${asset.step} must divide the market's step ${step.text}`);
      }
    }
  }
  const utilityOrders = checkBoolean(o['utilityOrders'], false, FN, 'utilityOrders');
  // The utility's standing orders join auctions (a closing auction too); a continuous book has no
  // moment to post them at, so the combination is refused rather than silently doing nothing.
  if (utilityOrders && modes.includes('continuous')) {
    fail(ErrorCode.INVALID_OPTION, FN, "utilityOrders works with 'auction' and 'continuous-then-auction' products only; a zone trades 'continuous'");
  }
  return Object.freeze({
    clock,
    zones: Object.freeze(zones),
    zoneIndex,
    schedule,
    modes: Object.freeze(modes),
    priceTick,
    quantityStep,
    currency,
    retailTicks,
    feedInTicks,
    settlementTariff,
    auction,
    auctionResolved: resolveAuctionOptions(auction),
    coupled: zonesOption !== undefined,
    capacity,
    collateral: checkBoolean(o['collateral'], true, FN, 'collateral'),
    energyCollateral: checkBoolean(o['energyCollateral'], false, FN, 'energyCollateral'),
    utilityOrders,
    participantCredit: checkBoolean(o['participantCredit'], false, FN, 'participantCredit'),
    ledger,
    journal: checkBoolean(o['journal'], true, FN, 'journal'),
  });
}

/**
 * Validates `tariff.gridFee` as settlement will read it, so that a bad fee is refused here and
 * not at the first settlement (which it would make impossible); returns it as exact text.
 */
function parseGridFee(value: unknown, priceTick: Step): NonNullable<Tariff['gridFee']> {
  const g = checkObject(value, FN, 'tariff.gridFee');
  if (g['kind'] === 'per-kwh') {
    checkKnownKeys(g, ['kind', 'price'], FN, 'tariff.gridFee field');
    return { kind: 'per-kwh', price: formatSteps(toSteps(g['price'], priceTick, FEE_PRICE), priceTick) };
  }
  if (g['kind'] === 'percent') {
    checkKnownKeys(g, ['kind', 'percent'], FN, 'tariff.gridFee field');
    return { kind: 'percent', percent: formatSteps(toSteps(g['percent'], PERCENT_STEP, FEE_PERCENT), PERCENT_STEP) };
  }
  return fail(ErrorCode.INVALID_FEE, FN, `tariff.gridFee.kind must be 'per-kwh' or 'percent'; got ${describeValue(g['kind'])}`);
}

/** The settlement options matching the market's assets, grids and account naming. */
export function settlementOptionsOf(config: MarketConfig): SettlementOptions {
  return { moneyAsset: config.currency.code, energyAsset: 'kWh', priceTick: config.priceTick.text };
}

function isClock(value: unknown): value is Clock {
  return typeof value === 'object' && value !== null && typeof (value as { now?: unknown }).now === 'function';
}
