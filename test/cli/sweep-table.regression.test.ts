import { describe, expect, it } from 'vitest';
import { sweepTable } from '../../src/cli/sweep-table.js';
import type { SweepResult, SweepSummaryRow } from '../../src/index.js';

/**
 * Regression (research toolkit review): sweepTable (src/cli/sweep-table.ts, line 10) sized its first
 * column with `Math.max(11, ...rows.map(...))`, a spread of one argument per combination: past
 * about 125,000 combinations V8 throws a RangeError, so `wattmarket sweep` (without --quiet)
 * fails after every run has finished. 130,000 combinations over 5 seeds is 650,000 runs, within
 * MAX_SWEEP_RUNS (e.g. --k with 1,000 values x --pv-scale with 130).
 */
describe('regression: the sweep table of a sweep with many combinations (Math.max spread of every row)', () => {
  it('prints 130,000 combinations without a RangeError', () => {
    const summary: SweepSummaryRow[] = Array.from({ length: 130_000 }, (_, i) => ({
      scenario: 'campus',
      variant: `v${i}`,
      mechanism: 'uniform',
      strategy: 'default',
      k: null,
      clearing: 'single-zone',
      confounded: false,
      seeds: 1,
      stats: {},
    }));
    const result: SweepResult = { runs: [], summary };
    let text = '';
    expect(() => {
      text = sweepTable(result);
    }).not.toThrow();
    expect(text).toContain('v129999');
  });
});
