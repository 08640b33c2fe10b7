import { describe, expect, it } from 'vitest';
import { ErrorCode, renderReport } from '../../src/index.js';
import type { SimulationResult } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { buildResult } from './fixtures.js';

type Mutable = Record<string, unknown>;

/** A copy of a fixture with one change made by `edit`. */
function broken(edit: (r: Mutable & { totals: Mutable; tariff: Mutable; series: Mutable & { batterySoc: Mutable }; participants: Mutable[]; byType: Mutable[] }) => void): unknown {
  const r = structuredClone(buildResult({ days: 1, participants: 3 })) as unknown as Parameters<typeof edit>[0];
  edit(r);
  return r;
}

/** Expects `renderReport(result, options)` to throw `code` naming `field`, and to change nothing. */
function expectRefused(result: unknown, code: ErrorCode, field: string, options?: unknown): void {
  const before = structuredClone(result);
  const e = expectWattError(() => renderReport(result as SimulationResult, options as never), code, { fnName: 'renderReport' });
  expect(e.message).toContain(field);
  expect(result).toEqual(before);
}

describe('renderReport bad input', () => {
  it('refuses a result that is not an object', () => {
    for (const bad of [undefined, null, 42, 'result', [], true]) {
      expectRefused(bad, ErrorCode.INVALID_ARGUMENT, 'result');
    }
  });

  it('refuses missing or mistyped header fields', () => {
    const cases: [(r: Mutable) => void, string][] = [
      [(r) => delete r['scenario'], 'result.scenario'],
      [(r) => (r['scenario'] = ''), 'result.scenario'],
      [(r) => (r['description'] = 5), 'result.description'],
      [(r) => (r['seed'] = NaN), 'result.seed'],
      [(r) => (r['seed'] = null), 'result.seed'],
      [(r) => (r['days'] = -1), 'result.days'],
      [(r) => (r['days'] = '7'), 'result.days'],
      [(r) => (r['mechanism'] = undefined), 'result.mechanism'],
      [(r) => (r['start'] = 'yesterday'), 'result.start'],
      [(r) => (r['intervalMinutes'] = 0), 'result.intervalMinutes'],
      [(r) => (r['intervalMinutes'] = 7.5), 'result.intervalMinutes'],
      [(r) => delete r['intervalMinutes'], 'result.intervalMinutes'],
      [(r) => (r['utcOffsetMinutes'] = 2000), 'result.utcOffsetMinutes'],
      [(r) => (r['currency'] = ''), 'result.currency'],
      [(r) => (r['tariff'] = null), 'result.tariff'],
    ];
    for (const [edit, field] of cases) expectRefused(broken(edit), ErrorCode.INVALID_ARGUMENT, field);
  });

  it('refuses non-finite, too large or mistyped figures', () => {
    const cases: [(r: Parameters<Parameters<typeof broken>[0]>[0]) => void, string][] = [
      [(r) => (r.tariff['retailPrice'] = Infinity), 'result.tariff.retailPrice'],
      [(r) => (r.tariff['feedInPrice'] = '671'), 'result.tariff.feedInPrice'],
      [(r) => (r.totals['generationKWh'] = NaN), 'result.totals.generationKWh'],
      [(r) => (r.totals['welfare'] = 2 ** 60), 'result.totals.welfare'],
      [(r) => delete r.totals['missedSwaps'], 'result.totals.missedSwaps'],
      [(r) => (r.totals['averageLocalPrice'] = undefined), 'result.totals.averageLocalPrice'],
      [(r) => (r.totals['service'] = 5), 'result.totals.service'],
      [(r) => (r.totals['service'] = { heatShortfallKWh: -1 }), 'result.totals.service.heatShortfallKWh'],
      [(r) => (r.totals['service'] = { heatShortfallKWh: NaN }), 'result.totals.service.heatShortfallKWh'],
      [(r) => (r.totals['service'] = { '<script>': 1 }), 'result.totals.service'],
      [(r) => ((r as Mutable)['totals'] = []), 'result.totals'],
      [(r) => ((r as Mutable)['participants'] = {}), 'result.participants'],
      [(r) => (r.participants[1] = null as unknown as Mutable), 'result.participants[1]'],
      [(r) => (r.participants[2]!['id'] = ''), 'result.participants[2].id'],
      [(r) => (r.participants[0]!['netCost'] = -Infinity), 'result.participants[0].netCost'],
      [(r) => (r.participants[0]!['zone'] = 3), 'result.participants[0].zone'],
      [(r) => (r.byType[0]!['participants'] = -1), 'result.byType[0].participants'],
      [(r) => (r.byType[0]!['saving'] = NaN), 'result.byType[0].saving'],
    ];
    for (const [edit, field] of cases) expectRefused(broken(edit), ErrorCode.INVALID_ARGUMENT, field);
  });

  it('refuses series of the wrong length, with bad values or a state of charge outside [0, 1]', () => {
    const cases: [(r: Parameters<Parameters<typeof broken>[0]>[0]) => void, string][] = [
      [(r) => ((r as Mutable)['series'] = undefined), 'result.series'],
      [(r) => (r.series['time'] = 'now'), 'result.series.time'],
      [(r) => ((r.series['time'] as unknown[])[3] = 5), 'result.series.time[3]'],
      [(r) => (r.series['demandKWh'] = (r.series['demandKWh'] as number[]).slice(1)), 'result.series.demandKWh has 95 values'],
      [(r) => ((r.series['supplyKWh'] as unknown[])[10] = null), 'result.series.supplyKWh[10]'],
      [(r) => ((r.series['generationKWh'] as unknown[])[0] = NaN), 'result.series.generationKWh[0]'],
      [(r) => ((r.series['price'] as unknown[])[5] = Infinity), 'result.series.price[5]'],
      [(r) => ((r.series['price'] as unknown[])[5] = '1000'), 'result.series.price[5]'],
      [(r) => ((r.series as Mutable)['batterySoc'] = []), 'result.series.batterySoc'],
      [(r) => ((r.series.batterySoc['battery-1'] as number[])[7] = 1.01), 'result.series.batterySoc["battery-1"][7]'],
      [(r) => ((r.series.batterySoc['battery-2'] as number[])[7] = -0.1), 'result.series.batterySoc["battery-2"][7]'],
      [(r) => (r.series.batterySoc['battery-3'] = [0.5]), 'result.series.batterySoc["battery-3"] has 1 values'],
      [(r) => (r.series.batterySoc[''] = []), 'empty battery id'],
      [(r) => ((r.series['consumptionKWh'] as unknown[]).length = 200), 'result.series.consumptionKWh has 200 values'],
    ];
    for (const [edit, field] of cases) expectRefused(broken(edit), ErrorCode.INVALID_ARGUMENT, field);
  });

  it('refuses unknown options and bad option values', () => {
    const r = buildResult({ days: 1 });
    const cases: [unknown, string][] = [
      [{ colour: 'red' }, "unknown option 'colour'"],
      [{ maxPoints: 15 }, 'options.maxPoints'],
      [{ maxPoints: 2000.5 }, 'options.maxPoints'],
      [{ maxPoints: '2000' }, 'options.maxPoints'],
      [{ maxPoints: 1_000_001 }, 'options.maxPoints'],
      [{ energyDecimals: 7 }, 'options.energyDecimals'],
      [{ moneyDecimals: -1 }, 'options.moneyDecimals'],
      [{ priceDecimals: NaN }, 'options.priceDecimals'],
      [{ title: '' }, 'options.title'],
      [{ title: 5 }, 'options.title'],
      [{ participantTable: 'yes' }, 'options.participantTable'],
      [{ layoutProbe: 1 }, 'options.layoutProbe'],
    ];
    for (const [options, field] of cases) expectRefused(r, ErrorCode.INVALID_OPTION, field, options);
    expectRefused(r, ErrorCode.INVALID_ARGUMENT, 'options', 'fast');
    expectRefused(r, ErrorCode.INVALID_ARGUMENT, 'options', null);
  });

  it('accepts the edges of every range', () => {
    const r = buildResult({ days: 1 });
    expect(() => renderReport(r, { maxPoints: 16, energyDecimals: 0, moneyDecimals: 6, priceDecimals: 6 })).not.toThrow();
    expect(() => renderReport(r, { maxPoints: 1_000_000 })).not.toThrow();
    const edge = broken((x) => {
      x.totals['welfare'] = Number.MAX_SAFE_INTEGER;
      x.totals['communityNetCost'] = -Number.MAX_SAFE_INTEGER;
      (x.series.batterySoc['battery-1'] as number[]).fill(1);
      (x.series.batterySoc['battery-2'] as number[]).fill(0);
      x['seed'] = 'any text';
      x['description'] = '';
    });
    expect(renderReport(edge as SimulationResult)).toContain('9,007,199,254,740,991 VND');
  });
});
