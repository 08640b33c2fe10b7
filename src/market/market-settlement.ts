import { ErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../errors/describe-value.js';
import { fail, WattError } from '../errors/watt-error.js';
import { settleWithConfig } from '../settlement/settle-interval.js';
import { parseTariff, TradeColumns, type MeterColumns, type ParsedTariff } from '../settlement/settlement-input.js';
import type { SettlementConfig } from '../settlement/settlement-config.js';
import type { MarketConfig } from './market-config.js';
import type { SettlementResult } from '../settlement/settlement-result.js';
import type { MeterReading } from '../settlement/settlement-types.js';
import { checkArray, checkFields, checkId, checkObject } from '../validation/checks.js';
import type { IntervalState, MarketCore } from './market-core.js';
import { STEPS_FIELDS, type ReadingsCopy } from './settle-readings.js';
import { journalValue, type JournalReading } from './market-journal.js';
import { stepsInput } from './market-trade.js';
import { isoTime } from './product-schedule.js';
import { formatSteps } from '../units/from-steps.js';
import { UTILITY_PARTICIPANT, type ParticipantRecord, type ParticipantRegistry } from './participant-registry.js';
import { givePlanLegs, takePlanLegs, type PlanLegs } from '../settlement/plan-legs.js';

/**
 * Settles the interval starting at `start` from the readings copied by readReadings (settle-readings.ts):
 * checks that it can be settled now and has not been, checks the readings' participants, meters
 * the utility's standing orders as delivered, and posts one settlement batch (all or nothing).
 */
export function settleMarketInterval(
  core: MarketCore,
  start: number,
  readings: ReadingsCopy,
  fn: string,
  steps: boolean,
  keepJournal: boolean,
): { result: SettlementResult; journal: JournalReading[] } {
  const { config } = core;
  const s = config.schedule;
  if (typeof start !== 'number' || !s.isStart(start)) fail(ErrorCode.UNKNOWN_PRODUCT, fn, `${String(start)} is not an interval start`);
  const interval = core.intervals.get(start);
  if (interval?.settled === true) fail(ErrorCode.ALREADY_SETTLED, fn, `the interval starting ${isoTime(start)} is settled already`);
  if (core.processed < s.gateClosure(start)) fail(ErrorCode.NOT_SETTLEABLE, fn, `the gate of the interval starting ${isoTime(start)} has not been processed (call advanceTo)`);
  if (core.now() < s.deliveryEnd(start)) fail(ErrorCode.NOT_SETTLEABLE, fn, `the interval starting ${isoTime(start)} is still being delivered until ${isoTime(s.deliveryEnd(start))}`);
  if (!readings.array) checkArray(readings.given, fn, 'readings');
  // One set of working memory for the whole settlement (the readings' accounts, planning and
  // posting), given back at the end: a settlement that user code (the ledger's clock) starts
  // in the middle of this one takes a set of its own.
  const buffers = takePlanLegs();
  try {
    return settleReadings(core, start, readings, interval, fn, steps, keepJournal, buffers);
  } finally {
    givePlanLegs(buffers);
  }
}

/** {@link settleMarketInterval} once the interval is known to be settleable. */
function settleReadings(
  core: MarketCore,
  start: number,
  copy: ReadingsCopy,
  interval: IntervalState | undefined,
  fn: string,
  steps: boolean,
  keepJournal: boolean,
  buffers: PlanLegs,
): { result: SettlementResult; journal: JournalReading[] } {
  const { config } = core;
  const n = copy.n;
  const items = copy.items;
  const meters: MeterReading[] = [];
  const journal: JournalReading[] = [];
  // Sized once (a thousand readings an interval in a simulation), not grown push by push.
  const columns: MeterColumns = steps ? { participants: new Array<string>(n), exported: new Array<number>(n), imported: new Array<number>(n) } : { participants: [], exported: [], imported: [] };
  // Each reading's participant is registered, so its accounts are known: settlement need not
  // look them up by name.
  const extra = config.utilityOrders ? 1 : 0;
  buffers.accountColumns(n + extra);
  const money = buffers.money;
  const energy = buffers.energy;
  const registry = core.registry;
  const known = knownReaders(registry);
  for (let i = 0; i < n; i++) {
    const r = checkObject(items[i], fn, 'reading');
    const id = checkId(steps ? copy.participants[i] : r['participant'], fn, 'participant', ErrorCode.INVALID_OWNER);
    // The participant of reading i is most often that of reading i last time (a simulation
    // reads its meters in one order): compared first, looked up only when it differs.
    let p = known.ids[i] === id ? known.records[i] : undefined;
    if (p === undefined) {
      p = registry.get(id);
      if (p === undefined || p.utility) fail(ErrorCode.UNKNOWN_PARTICIPANT, fn, `participant '${id}' is not registered`);
      known.ids[i] = id;
      known.records[i] = p;
    }
    money[i] = p.moneyIndex;
    energy[i] = p.energyIndex;
    if (steps) continue; // values checked below, after every participant (as settle does)
    meters.push(r as unknown as MeterReading);
    if (keepJournal) {
      const j: Record<string, string | number> = { participant: id };
      for (const key of ['exported', 'imported', 'net'] as const) if (r[key] !== undefined) j[key] = journalValue(r[key]);
      journal.push(Object.freeze(j) as unknown as JournalReading);
    }
  }
  if (steps) {
    for (let i = 0; i < n; i++) stepsReading(copy, i, copy.participants[i] as string, columns, core, fn, keepJournal ? journal : undefined);
  }
  const trades = new TradeColumns();
  let utilitySold = 0;
  let utilityBought = 0;
  const { quantityStep } = config;
  for (const p of interval?.products ?? []) {
    for (const t of p?.trades ?? []) {
      // Quantities as the ledger counts energy (its kWh step may be finer than the market's).
      trades.push(t.id, t.buyer, t.seller, core.energySteps(t.lots), t.buyerTicks, t.sellerTicks, t.feeTicks, t.buyerPrepaid, 0, t.rentTicks);
      // Traders are matched to their readings by money account index rather than by name.
      trades.keys(registry.get(t.buyer)?.moneyIndex ?? -1, registry.get(t.seller)?.moneyIndex ?? -1);
      if (extra === 1) {
        if (t.seller === UTILITY_PARTICIPANT) utilitySold += t.lots;
        if (t.buyer === UTILITY_PARTICIPANT) utilityBought += t.lots;
      }
    }
  }
  let count = n;
  if (extra === 1) {
    const utility = core.registry.get(UTILITY_PARTICIPANT);
    if (utility !== undefined && utilitySold + utilityBought > 0) {
      if (steps) {
        columns.participants.push(utility.id);
        columns.exported.push(core.energySteps(utilitySold));
        columns.imported.push(core.energySteps(utilityBought));
      } else {
        meters.push({ participant: utility.id, exported: stepsInput(utilitySold, quantityStep), imported: stepsInput(utilityBought, quantityStep) });
      }
      money[n] = utility.moneyIndex;
      energy[n] = utility.energyIndex;
      count = n + 1;
    }
  }
  const accounts = { money: money.subarray(0, count), energy: energy.subarray(0, count) };
  let result: SettlementResult;
  try {
    const cfg = core.settlementConfig();
    const tariff = marketTariff(config, cfg);
    result = settleWithConfig(config.ledger, { interval: isoTime(start), trades: [], meters, tariff: config.settlementTariff }, cfg, { trades, accounts, meters: steps ? columns : undefined, buffers, tariff });
  } catch (e) {
    if (e instanceof WattError) throw new WattError(e.code, e.message.replace(/^settleInterval: /, `${fn}: `), e.reason);
    throw e;
  }
  const settled = core.interval(start);
  settled.settlement = result;
  settled.settled = true;
  return { result, journal };
}

/** The participants of the last readings settled, by reading position (see settleReadings). */
interface KnownReaders {
  readonly ids: string[];
  readonly records: ParticipantRecord[];
}

// Per registry. Re-entrancy: an entry is written only once its participant is checked, and says
// only what never changes (a registered participant's record), so a call that runs in between
// (user code reached from a reading's getter or the ledger's clock) can find nothing wrong in it.
const knownByRegistry = new WeakMap<ParticipantRegistry, KnownReaders>();

function knownReaders(registry: ParticipantRegistry): KnownReaders {
  let known = knownByRegistry.get(registry);
  if (known === undefined) {
    known = { ids: [], records: [] };
    knownByRegistry.set(registry, known);
  }
  return known;
}

// The market's settlement tariff (its own object, never changed) parsed once per market and
// settlement config: parsing it again every interval cost more than all its arithmetic.
const tariffs = new WeakMap<MarketConfig, { readonly cfg: SettlementConfig; readonly tariff: ParsedTariff }>();

function marketTariff(config: MarketConfig, cfg: SettlementConfig): ParsedTariff | undefined {
  const known = tariffs.get(config);
  if (known !== undefined && known.cfg === cfg) return known.tariff;
  let tariff: ParsedTariff;
  try {
    tariff = parseTariff(config.settlementTariff, cfg.tick);
  } catch {
    return undefined; // parsed with the input instead, which reports it as settle always has
  }
  tariffs.set(config, { cfg, tariff });
  return tariff;
}

/**
 * Validates reading `i` of {@link Market.settleSteps} (quantity steps of the market), from its
 * copy, and writes it as reading `i` of the columns, in the ledger's energy steps; its journal
 * entry gives the same reading as exact kWh text, as settle takes it.
 */
function stepsReading(copy: ReadingsCopy, i: number, id: string, columns: MeterColumns, core: MarketCore, fn: string, journal: JournalReading[] | undefined): void {
  const extra = copy.unknown[i];
  if (extra !== undefined) checkFields({ [extra]: undefined }, STEPS_FIELDS, fn, 'reading field');
  const net = copy.net[i];
  const rawExported = copy.exported[i];
  const rawImported = copy.imported[i];
  let exported: number;
  let imported: number;
  if (net !== undefined) {
    if (rawExported !== undefined || rawImported !== undefined) {
      fail(ErrorCode.INVALID_SETTLEMENT, fn, `the reading of '${id}' gives both netSteps and exportedSteps/importedSteps`);
    }
    const n = wholeSteps(net, 'netSteps', id, fn, true);
    exported = n > 0 ? n : 0;
    imported = n < 0 ? -n : 0;
  } else {
    exported = rawExported === undefined ? 0 : wholeSteps(rawExported, 'exportedSteps', id, fn, false);
    imported = rawImported === undefined ? 0 : wholeSteps(rawImported, 'importedSteps', id, fn, false);
  }
  columns.participants[i] = id;
  columns.exported[i] = core.energySteps(exported);
  columns.imported[i] = core.energySteps(imported);
  if (journal !== undefined) {
    const step = core.config.quantityStep;
    const j: Record<string, string | number> = { participant: id };
    if (net !== undefined) j['net'] = formatSteps(net as number, step);
    else {
      if (rawExported !== undefined) j['exported'] = formatSteps(exported, step);
      if (rawImported !== undefined) j['imported'] = formatSteps(imported, step);
    }
    journal.push(Object.freeze(j) as unknown as JournalReading);
  }
}

function wholeSteps(value: unknown, field: string, id: string, fn: string, signed: boolean): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || (!signed && value < 0)) {
    const reason = typeof value !== 'number' ? 'NOT_A_NUMBER' : !Number.isFinite(value) ? 'NOT_FINITE' : !Number.isInteger(value) ? 'OFF_STEP' : value < 0 && !signed ? 'NEGATIVE' : 'TOO_LARGE';
    fail(ErrorCode.INVALID_QUANTITY, fn, `the reading of '${id}': ${field} must be a whole${signed ? '' : ', non-negative'} number of quantity steps; got ${describeValue(value)}`, reason);
  }
  return value;
}
