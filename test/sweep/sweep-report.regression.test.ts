import { describe, expect, it } from 'vitest';
import { renderSweepReport, type SweepResult, type SweepSummaryRow } from '../../src/index.js';

/**
 * Regression (research toolkit review): renderSweepReport's chart (src/sweep/sweep-report.ts, lines 89-90, before the fix)
 * takes the axis range with `Math.min(0, ...values)` and `Math.max(0, ...values)`, a spread of
 * every mean and interval end of every combination: past about 125,000 arguments V8 throws a
 * RangeError (maximum call stack size exceeded). A sweep of 50,000 combinations over 2 seeds
 * (100,000 runs, a tenth of MAX_SWEEP_RUNS; e.g. --k with 100 values x --pv-scale 25 x
 * --battery-scale 20) gives 150,000 values, and `wattmarket sweep --report` fails after every
 * run has finished. welfare-tally.ts already avoids a spread for this reason.
 */
describe('regression: the sweep report of a large sweep (Math.min/max spread of every value)', () => {
  it('renders 50,000 combinations without a RangeError', () => {
    const rows = 50_000;
    const summary: SweepSummaryRow[] = Array.from({ length: rows }, (_, i) => ({
      scenario: 'campus',
      variant: `v${i}`,
      mechanism: 'uniform',
      strategy: 'default',
      k: null,
      clearing: 'single-zone',
      confounded: false,
      seeds: 2,
      stats: { communitySaving: { n: 2, mean: i, sd: 1, ci95: [i - 1, i + 1] } },
    }));
    const result: SweepResult = { runs: [], summary };
    let html = '';
    expect(() => {
      html = renderSweepReport(result);
    }).not.toThrow();
    expect(html).toContain('</html>');
  });
});
