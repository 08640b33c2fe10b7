import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { settleInterval } from '../settlement/settle-interval.js';
import type { SettlementResult } from '../settlement/settlement-result.js';
import type { MeterReading, SettlementOptions, SettlementTrade } from '../settlement/settlement-types.js';
import { checkArray, checkId, checkObject } from '../validation/checks.js';
import type { MarketConfig } from './market-config.js';
import type { MarketCore } from './market-core.js';
import { journalValue, type JournalReading } from './market-journal.js';
import { stepsInput } from './market-trade.js';
import { isoTime } from './product-schedule.js';

/** The settlement options matching the market's assets, grids and account naming. */
export function settlementOptionsOf(config: MarketConfig): SettlementOptions {
  return { moneyAsset: config.currency.code, energyAsset: 'kWh', priceTick: config.priceTick.text };
}

/**
 * Settles the interval starting at `start`: checks that it can be settled now and has not been,
 * checks the readings' participants, meters the utility's standing orders as delivered, and posts
 * one settlement batch (all or nothing).
 */
export function settleMarketInterval(
  core: MarketCore,
  start: number,
  readings: unknown,
  fn: string,
): { result: SettlementResult; journal: JournalReading[] } {
  const { config } = core;
  const s = config.schedule;
  if (typeof start !== 'number' || !s.isStart(start)) fail(ErrorCode.UNKNOWN_PRODUCT, fn, `${String(start)} is not an interval start`);
  const interval = core.intervals.get(start);
  if (interval?.settlement !== undefined) fail(ErrorCode.ALREADY_SETTLED, fn, `the interval starting ${isoTime(start)} is settled already`);
  if (core.processed < s.gateClosure(start)) fail(ErrorCode.NOT_SETTLEABLE, fn, `the gate of the interval starting ${isoTime(start)} has not been processed (call advanceTo)`);
  if (core.now() < s.deliveryEnd(start)) fail(ErrorCode.NOT_SETTLEABLE, fn, `the interval starting ${isoTime(start)} is still being delivered until ${isoTime(s.deliveryEnd(start))}`);
  const list = checkArray(readings, fn, 'readings');
  const meters: MeterReading[] = [];
  const journal: JournalReading[] = [];
  for (const item of list) {
    const r = checkObject(item, fn, 'reading');
    const id = checkId(r['participant'], fn, 'participant', ErrorCode.INVALID_OWNER);
    const p = core.registry.get(id);
    if (p === undefined || p.utility) fail(ErrorCode.UNKNOWN_PARTICIPANT, fn, `participant '${id}' is not registered`);
    meters.push(r as unknown as MeterReading);
    const j: Record<string, string | number> = { participant: id };
    for (const key of ['exported', 'imported', 'net'] as const) if (r[key] !== undefined) j[key] = journalValue(r[key]);
    journal.push(Object.freeze(j) as unknown as JournalReading);
  }
  const trades: SettlementTrade[] = [];
  let utilitySold = 0;
  let utilityBought = 0;
  const { priceTick, quantityStep, currency } = config;
  for (const p of interval?.products ?? []) {
    for (const t of p?.trades ?? []) {
      trades.push({
        id: t.id,
        buyer: t.buyer,
        seller: t.seller,
        quantity: stepsInput(t.lots, quantityStep),
        buyerPrice: stepsInput(t.buyerTicks, priceTick),
        sellerPrice: stepsInput(t.sellerTicks, priceTick),
        ...(t.feeTicks === 0 ? {} : { fee: stepsInput(t.feeTicks, priceTick) }),
        ...(t.buyerPrepaid === 0 ? {} : { buyerPrepaid: stepsInput(t.buyerPrepaid, currency.step) }),
      });
      if (core.registry.get(t.seller)?.utility === true) utilitySold += t.lots;
      if (core.registry.get(t.buyer)?.utility === true) utilityBought += t.lots;
    }
  }
  for (const p of core.registry.all()) {
    if (p.utility && utilitySold + utilityBought > 0) {
      meters.push({ participant: p.id, exported: stepsInput(utilitySold, quantityStep), imported: stepsInput(utilityBought, quantityStep) });
    }
  }
  let result: SettlementResult;
  try {
    result = settleInterval(core.config.ledger, { interval: isoTime(start), trades, meters, tariff: config.settlementTariff }, settlementOptionsOf(config));
  } catch (e) {
    if (e instanceof WattError) throw new WattError(e.code, e.message.replace(/^settleInterval: /, `${fn}: `), e.reason);
    throw e;
  }
  core.interval(start).settlement = result;
  return { result, journal };
}
