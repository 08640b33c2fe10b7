import { describe, expect, it } from 'vitest';
import { runSimulation, WattError, type Scenario } from '../../src/index.js';

/**
 * Found by the research-toolkit review: the baseline cost (trading with the utility alone) is summed in
 * plain numbers (run-loop.ts, `baselineCostSteps[i] + pricing.cost(...)`; run-accounting.ts
 * `Number(divide(...))`), with no check that it stays a safe integer, while the market side goes
 * through the ledger, which refuses a balance past 2^53 (BALANCE_OVERFLOW). With local trading
 * the market side stays under 2^53 while the baseline passes it, and `baselineNetCost`,
 * `baselineCommunityNetCost` and `communitySaving` come out rounded, silently.
 */
describe('regression: baseline cost past 2^53', () => {
  it('is refused (BALANCE_OVERFLOW) or exact, never rounded silently', () => {
    const days = 335;
    const intervals = 3 * days; // 8-hour intervals: 1005, an odd count
    const kW = '999999.999'; // 7,999,999,992 Wh per interval
    const retail = 1125899n;
    const scenario: Scenario = {
      name: 'big-money',
      location: { latitude: 10, longitude: 106, utcOffsetMinutes: 420 },
      startDate: '2026-01-01',
      intervalMinutes: 480,
      currency: { code: 'VND', step: '1' },
      priceTick: '1',
      tariff: { retailPrice: retail.toString(), feedInPrice: '0' },
      participants: [
        { id: 'a', type: 'home', load: { series: Array<string>(intervals).fill(kW) } },
        { id: 'b', type: 'home', pv: { series: Array<string>(intervals).fill(kW) } },
      ],
    } as unknown as Scenario;
    // Exact baseline of 'a': each interval's import at the retail price, rounded half-even to the VND.
    const perInterval = 7_999_999_992n * retail; // VND x 1000
    const q = perInterval / 1000n;
    const r = perInterval % 1000n;
    const rounded = r * 2n > 1000n || (r * 2n === 1000n && q % 2n === 1n) ? q + 1n : q;
    const exact = rounded * BigInt(intervals); // odd and > 2^53: no double holds it
    expect(exact > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    let result: ReturnType<typeof runSimulation> | undefined;
    try {
      result = runSimulation({ scenario, days, seed: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(WattError);
      expect((e as WattError).code).toBe('BALANCE_OVERFLOW');
      return;
    }
    const a = result.participants.find((p) => p.id === 'a');
    // Reached only when the run did not refuse: then the figure must be the exact one.
    expect(a?.baselineNetCost === undefined ? undefined : BigInt(a.baselineNetCost)).toBe(exact);
  });
});
