import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import { checkArray, checkId, checkInteger, checkObject } from '../validation/checks.js';

const FN = 'renderReport';
// Every figure of a result comes from a safe integer count of Wh or minor units, so nothing
// larger is meaningful, and the bound keeps every sum and difference of the charts finite.
const LIMIT = Number.MAX_SAFE_INTEGER;

const TOTAL_FIELDS = [
  'generationKWh', 'consumptionKWh', 'gridImportKWh', 'gridExportKWh', 'p2pTradedKWh', 'storageDeltaKWh', 'lossesKWh',
  'curtailedKWh', 'unservedKWh', 'selfSufficiency', 'selfConsumption', 'peakGridImportKW', 'welfare', 'communityNetCost',
  'baselineCommunityNetCost', 'communitySaving', 'gridFees', 'evShortfallKWh', 'missedSwaps',
] as const;
const PARTICIPANT_NUMBERS = [
  'netCost', 'baselineNetCost', 'generationKWh', 'consumptionKWh', 'boughtKWh', 'soldKWh', 'gridImportKWh', 'gridExportKWh',
] as const;
const ZONE_NUMBERS = [
  'participants', 'generationKWh', 'consumptionKWh', 'boughtKWh', 'soldKWh', 'boughtFromOtherZonesKWh', 'soldToOtherZonesKWh', 'gridImportKWh', 'gridExportKWh',
] as const;
const SERIES_NUMBERS = ['generationKWh', 'consumptionKWh', 'gridImportKWh', 'gridExportKWh', 'p2pTradedKWh', 'demandKWh', 'supplyKWh'] as const;

/**
 * Checks that `value` has the shape of a {@link SimulationResult} with drawable figures: every
 * number finite and within the safe integer range, every series as long as `series.time`,
 * every state of charge in [0, 1], the start a parseable ISO time. A result read back from the
 * command line's JSON is checked the same way. Fields the report does not know are ignored, so
 * results of later versions still render.
 * @throws WattError INVALID_ARGUMENT naming the first bad field, e.g. `result.series.price[12]`.
 */
export function validateResult(value: unknown): SimulationResult {
  const r = checkObject(value, FN, 'result');
  checkId(r['scenario'], FN, 'result.scenario', ErrorCode.INVALID_ARGUMENT);
  text(r['description'], 'result.description');
  if (typeof r['seed'] !== 'string') finite(r['seed'], 'result.seed');
  nonNegative(r['days'], 'result.days');
  text(r['mechanism'], 'result.mechanism');
  const start = text(r['start'], 'result.start');
  if (Number.isNaN(Date.parse(start))) fail(ErrorCode.INVALID_ARGUMENT, FN, `result.start must be an ISO 8601 time; got ${describeValue(start)}`);
  integer(r['intervalMinutes'], 1, 7 * 1440, 'result.intervalMinutes');
  integer(r['utcOffsetMinutes'], -1440, 1440, 'result.utcOffsetMinutes');
  checkId(r['currency'], FN, 'result.currency', ErrorCode.INVALID_ARGUMENT);
  const tariff = checkObject(r['tariff'], FN, 'result.tariff');
  finite(tariff['retailPrice'], 'result.tariff.retailPrice');
  finite(tariff['feedInPrice'], 'result.tariff.feedInPrice');

  const totals = checkObject(r['totals'], FN, 'result.totals');
  for (const field of TOTAL_FIELDS) finite(totals[field], `result.totals.${field}`);
  if (totals['averageLocalPrice'] !== null) finite(totals['averageLocalPrice'], 'result.totals.averageLocalPrice');
  // Figures later versions added: checked when present.
  for (const field of ['swapsServed', 'efficientWelfare'] as const) if (totals[field] !== undefined) nonNegative(totals[field], `result.totals.${field}`);
  if (totals['marketEfficiency'] !== undefined && totals['marketEfficiency'] !== null) finite(totals['marketEfficiency'], 'result.totals.marketEfficiency');
  if (totals['service'] !== undefined) {
    // The service figures of asset plug-ins: names from the plug-ins, non-negative numbers.
    const service = checkObject(totals['service'], FN, 'result.totals.service');
    for (const name of Object.keys(service)) {
      if (!/^[A-Za-z][\w-]{0,63}$/.test(name)) fail(ErrorCode.INVALID_ARGUMENT, FN, `result.totals.service has a bad name ${describeValue(name)}`);
      nonNegative(service[name], `result.totals.service.${name}`);
    }
  }

  checkArray(r['participants'], FN, 'result.participants').forEach((item, i) => {
    const path = `result.participants[${i}]`;
    const p = checkObject(item, FN, path);
    checkId(p['id'], FN, `${path}.id`, ErrorCode.INVALID_ARGUMENT);
    for (const field of ['type', 'zone', 'agent'] as const) text(p[field], `${path}.${field}`);
    for (const field of PARTICIPANT_NUMBERS) finite(p[field], `${path}.${field}`);
  });
  checkArray(r['byType'], FN, 'result.byType').forEach((item, i) => {
    const path = `result.byType[${i}]`;
    const t = checkObject(item, FN, path);
    text(t['type'], `${path}.type`);
    nonNegative(t['participants'], `${path}.participants`);
    for (const field of ['netCost', 'baselineNetCost', 'saving'] as const) finite(t[field], `${path}.${field}`);
  });

  if (r['zones'] !== undefined) {
    checkArray(r['zones'], FN, 'result.zones').forEach((item, i) => {
      const path = `result.zones[${i}]`;
      const z = checkObject(item, FN, path);
      text(z['zone'], `${path}.zone`);
      for (const field of ZONE_NUMBERS) nonNegative(z[field], `${path}.${field}`);
      for (const field of ['netCost', 'baselineNetCost'] as const) finite(z[field], `${path}.${field}`);
    });
  }

  const series = checkObject(r['series'], FN, 'result.series');
  const time = checkArray(series['time'], FN, 'result.series.time');
  const n = time.length;
  for (let i = 0; i < n; i++) if (typeof time[i] !== 'string') text(time[i], `result.series.time[${i}]`);
  for (const field of SERIES_NUMBERS) numbers(series[field], n, `result.series.${field}`, false, -LIMIT, LIMIT);
  numbers(series['price'], n, 'result.series.price', true, -LIMIT, LIMIT);
  const soc = checkObject(series['batterySoc'], FN, 'result.series.batterySoc');
  for (const id of Object.keys(soc)) {
    if (id === '') fail(ErrorCode.INVALID_ARGUMENT, FN, 'result.series.batterySoc has an empty battery id');
    numbers(soc[id], n, `result.series.batterySoc[${JSON.stringify(id)}]`, false, 0, 1);
  }
  return value as SimulationResult;
}

function text(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  return fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} must be a string; got ${describeValue(value)}`);
}

function integer(value: unknown, min: number, max: number, path: string): number {
  // checkInteger treats undefined as "use the default"; a result has no defaults.
  if (value === undefined) fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} is missing`);
  return checkInteger(value, 0, min, max, FN, path, ErrorCode.INVALID_ARGUMENT);
}

function finite(value: unknown, path: string): number {
  if (typeof value === 'number' && value >= -LIMIT && value <= LIMIT) return value;
  return fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} must be a finite number of magnitude at most 2^53 - 1; got ${describeValue(value)}`);
}

function nonNegative(value: unknown, path: string): number {
  if (typeof value === 'number' && value >= 0 && value <= LIMIT) return value;
  return fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} must be a finite number, zero or more; got ${describeValue(value)}`);
}

function numbers(value: unknown, n: number, path: string, nullable: boolean, min: number, max: number): void {
  const list = checkArray(value, FN, path);
  if (list.length !== n) {
    fail(ErrorCode.INVALID_ARGUMENT, FN, `${path} has ${list.length} values; series.time has ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const v = list[i];
    // NaN fails both comparisons, and so does anything that is not a number.
    if (typeof v === 'number' && v >= min && v <= max) continue;
    if (nullable && v === null) continue;
    const want = nullable ? 'a number or null' : 'a number';
    fail(ErrorCode.INVALID_ARGUMENT, FN, `${path}[${i}] must be ${want} from ${min === 0 ? 0 : '-(2^53 - 1)'} to ${max === 1 ? 1 : '2^53 - 1'}; got ${describeValue(v)}`);
  }
}
