import type { SweepResult } from '../sweep/sweep-types.js';

const n0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const n1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A plain-text summary of a sweep: one line per combination, means with their 95 % half-width, confounded rows marked. */
export function sweepTable(result: SweepResult): string {
  const rows = result.summary;
  const label = (r: (typeof rows)[number]): string => [r.scenario, r.variant, r.mechanism, r.strategy, ...(r.k === null ? [] : [`k=${r.k}`])].join(' ');
  // A loop, not Math.max(...lengths): a spread of one argument per row throws a RangeError past
  // about 125,000 combinations.
  let width = 11;
  for (const r of rows) width = Math.max(width, label(r).length);
  const pm = (name: string, r: (typeof rows)[number], f: Intl.NumberFormat): string => {
    const s = r.stats[name];
    if (s === null || s === undefined) return '-';
    return s.ci95 === null ? f.format(s.mean) : `${f.format(s.mean)} ± ${f.format((s.ci95[1] - s.ci95[0]) / 2)}`;
  };
  const lines = [`  ${'combination'.padEnd(width)} ${'seeds'.padStart(5)} ${'saving'.padStart(22)} ${'traded kWh'.padStart(20)}  clearing`];
  for (const r of rows) {
    lines.push(`  ${label(r).padEnd(width)} ${String(r.seeds).padStart(5)} ${pm('communitySaving', r, n0).padStart(22)} ${pm('p2pTradedKWh', r, n1).padStart(20)}  ${r.clearing}${r.confounded ? ' *' : ''}`);
  }
  const note = rows.some((r) => r.confounded)
    ? "\n  * confounded: mechanisms of this setting cleared the feeders differently (jointly vs each feeder apart);\n    their difference mixes the mechanism with the market's extent. Rerun with --clearing per-feeder.\n"
    : '';
  return `Sweep: ${result.runs.length} runs, mean ± half-width of the 95 % interval over seeds\n${lines.join('\n')}\n${note}`;
}
