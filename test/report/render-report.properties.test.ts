import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/index.js';
import type { ReportOptions, SimulationResult } from '../../src/index.js';
import { runs } from '../helpers/expect-watt-error.js';
import { coordinateProblems, svgBlocks, unescapeHtml, wellFormedProblems } from './html-check.js';

// Texts from users: anything, weighted towards the characters that matter to HTML.
const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ';', '#', 'a', ' ', 'x'), maxLength: 30 }),
);
const idArb = textArb.filter((s) => s !== '');
const figureArb = fc.oneof(
  fc.double({ min: -1e12, max: 1e12, noNaN: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, -0, 1e-9, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
);
const energyArb = fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom(0, 0.001), figureArb);

const resultArb: fc.Arbitrary<{ result: SimulationResult; options: ReportOptions }> = fc
  .record({
    n: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 120 }) }, { weight: 1, arbitrary: fc.integer({ min: 500, max: 3000 }) }),
    maxPoints: fc.integer({ min: 16, max: 400 }),
    batteries: fc.uniqueArray(idArb, { maxLength: 4 }),
    intervalMinutes: fc.constantFrom(1, 5, 15, 30, 60, 1440),
    utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
    startMinutes: fc.integer({ min: 0, max: 60 * 24 * 365 * 60 }),
  })
  .chain(({ n, maxPoints, batteries, intervalMinutes, utcOffsetMinutes, startMinutes }) => {
    const series = (arb: fc.Arbitrary<number>): fc.Arbitrary<number[]> => fc.array(arb, { minLength: n, maxLength: n });
    const start = new Date(Date.UTC(1990, 0, 1) + startMinutes * 60_000).toISOString();
    return fc.record({
      result: fc.record({
        scenario: idArb,
        description: textArb,
        seed: fc.oneof(fc.integer(), textArb),
        days: fc.constant((n * intervalMinutes) / 1440),
        mechanism: textArb,
        start: fc.constant(start),
        intervalMinutes: fc.constant(intervalMinutes),
        utcOffsetMinutes: fc.constant(utcOffsetMinutes),
        currency: fc.constantFrom('VND', 'EUR', 'USD', 'JPY', 'X<&>'),
        tariff: fc.record({ retailPrice: figureArb, feedInPrice: figureArb }),
        totals: fc.record({
          generationKWh: energyArb, consumptionKWh: energyArb, gridImportKWh: energyArb, gridExportKWh: energyArb,
          p2pTradedKWh: energyArb, storageDeltaKWh: figureArb, lossesKWh: energyArb, curtailedKWh: energyArb,
          unservedKWh: energyArb, selfSufficiency: figureArb, selfConsumption: figureArb, peakGridImportKW: energyArb,
          averageLocalPrice: fc.option(figureArb, { nil: null }), welfare: figureArb, communityNetCost: figureArb,
          baselineCommunityNetCost: figureArb, communitySaving: figureArb, gridFees: figureArb, evShortfallKWh: energyArb,
          missedSwaps: fc.nat(1000),
        }),
        participants: fc.array(
          fc.record({
            id: idArb, type: textArb, zone: textArb, agent: textArb, netCost: figureArb, baselineNetCost: figureArb,
            generationKWh: energyArb, consumptionKWh: energyArb, boughtKWh: energyArb, soldKWh: energyArb,
            gridImportKWh: energyArb, gridExportKWh: energyArb,
          }),
          { maxLength: 8 },
        ),
        byType: fc.array(
          fc.record({ type: textArb, participants: fc.nat(100), netCost: figureArb, baselineNetCost: figureArb, saving: figureArb }),
          { maxLength: 6 },
        ),
        series: fc.record({
          time: fc.constant(Array.from({ length: n }, (_, i) => new Date(Date.parse(start) + i * intervalMinutes * 60_000).toISOString())),
          generationKWh: series(energyArb),
          consumptionKWh: series(energyArb),
          gridImportKWh: series(energyArb),
          gridExportKWh: series(energyArb),
          p2pTradedKWh: series(energyArb),
          storageDeltaKWh: series(figureArb),
          lossesKWh: series(energyArb),
          demandKWh: series(energyArb),
          supplyKWh: series(energyArb),
          price: fc.array(fc.option(figureArb, { nil: null, freq: 3 }), { minLength: n, maxLength: n }),
          batterySoc: fc.tuple(...batteries.map(() => series(fc.double({ min: 0, max: 1, noNaN: true })))).map((lists) =>
            Object.fromEntries(batteries.map((id, i) => [id, lists[i] ?? []])),
          ),
        }),
      }),
      options: fc.record(
        { title: idArb, maxPoints: fc.constant(maxPoints), participantTable: fc.boolean(), energyDecimals: fc.integer({ min: 0, max: 6 }) },
        { requiredKeys: ['maxPoints'] },
      ),
    });
  });

describe('renderReport on random results', () => {
  it('never throws and always gives a well-formed page with every coordinate inside its chart', () => {
    fc.assert(
      fc.property(resultArb, ({ result, options }) => {
        const html = renderReport(result, options);
        expect(wellFormedProblems(html)).toEqual([]);
        const blocks = svgBlocks(html);
        // Market, battery (when there are batteries), daily flows, feeders, and one chart per local day (at most 14).
        const localDays = new Set(result.series.time.map((t) => Math.floor((Date.parse(t) + result.utcOffsetMinutes * 60_000) / 86_400_000))).size;
        const dayCharts = 1440 % result.intervalMinutes === 0 ? Math.min(14, localDays) : 0;
        expect(blocks.length).toBe((Object.keys(result.series.batterySoc).length === 0 ? 3 : 4) + dayCharts);
        for (const block of blocks) expect(coordinateProblems(block)).toEqual([]);
        for (const m of html.matchAll(/ d="([^"]*)"/g)) {
          const points = (m[1] ?? '').split(/[ M]+/).filter((p) => p !== '' && p !== 'Z');
          expect(points.length).toBeLessThanOrEqual(Math.max(options.maxPoints ?? 2000, 8) + 2);
        }
        expect(html).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: runs(60) },
    );
  });

  it('shows every user text exactly, escaped', () => {
    fc.assert(
      fc.property(resultArb, ({ result, options }) => {
        const html = renderReport(result, { ...options, participantTable: true });
        expect(wellFormedProblems(html)).toEqual([]);
        const title = options.title ?? `${result.scenario} simulation report`;
        expect(unescapeHtml(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '')).toBe(title);
        const rowIds = [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>/g)].map((m) => unescapeHtml(m[1] ?? ''));
        expect(rowIds).toEqual(result.participants.map((p) => p.id));
      }),
      { numRuns: runs(60) },
    );
  });
});
