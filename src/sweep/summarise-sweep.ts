import { sweepStatistic } from './sweep-statistics.js';
import type { SweepResult, SweepRun, SweepStatistic, SweepSummaryRow } from './sweep-types.js';

/** The numeric figures of a run, by name: every number of `totals`, then every one of `metrics` (prefixed `metrics.`) . */
export function runFigures(run: SweepRun): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [name, v] of Object.entries(run.totals) as [string, unknown][]) if (typeof v === 'number' || v === null) out.set(name, v);
  for (const [name, v] of Object.entries(run.metrics) as [string, unknown][]) if (typeof v === 'number' || v === null) out.set(`metrics.${name}`, v);
  return out;
}

/**
 * The sweep's result: the runs in index order and one summary row per combination (all lists
 * but the seeds), in order of first run, with the statistics of every figure over its seeds (see
 * {@link sweepStatistic}). A row is `confounded` when another row of the same scenario, variant,
 * strategy and k cleared its zones differently (see {@link SweepSummaryRow.confounded}).
 */
export function summariseSweep(runs: readonly SweepRun[]): SweepResult {
  const sorted = runs.slice().sort((a, b) => a.index - b.index);
  const groups = new Map<string, SweepRun[]>();
  for (const r of sorted) {
    const key = JSON.stringify([r.scenario, r.variant, r.strategy, r.k, r.mechanism, r.days]);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  const clearings = new Map<string, Set<string>>();
  for (const g of groups.values()) {
    const r = g[0] as SweepRun;
    const key = JSON.stringify([r.scenario, r.variant, r.strategy, r.k, r.days]);
    const set = clearings.get(key) ?? new Set<string>();
    for (const run of g) set.add(run.clearing);
    clearings.set(key, set);
  }
  const summary: SweepSummaryRow[] = [];
  for (const g of groups.values()) {
    const first = g[0] as SweepRun;
    const figures = g.map(runFigures);
    const stats: Record<string, SweepStatistic | null> = {};
    for (const name of (figures[0] as Map<string, number | null>).keys()) stats[name] = sweepStatistic(figures.map((f) => f.get(name) ?? null));
    const mixed = clearings.get(JSON.stringify([first.scenario, first.variant, first.strategy, first.k, first.days]));
    summary.push({
      scenario: first.scenario,
      variant: first.variant,
      mechanism: first.mechanism,
      strategy: first.strategy,
      k: first.k,
      clearing: first.clearing,
      confounded: mixed !== undefined && mixed.size > 1,
      seeds: g.length,
      stats,
    });
  }
  return { runs: sorted, summary };
}
