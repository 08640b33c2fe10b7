import { runFigures } from './summarise-sweep.js';
import type { SweepResult } from './sweep-types.js';

const KEYS = ['scenario', 'variant', 'mechanism', 'strategy', 'k'] as const;

/**
 * A sweep as CSV (RFC 4180, CRLF line ends, a header row). `rows: 'runs'` (the default): one row
 * per run with its settings and every figure (`totals` and `metrics.*`); `rows: 'summary'`: one
 * row per combination with `<figure>_mean`, `_sd`, `_ci95_low`, `_ci95_high` for every figure.
 * Empty fields are values that do not exist (no price when nothing traded, no interval from one seed).
 */
export function sweepToCsv(result: SweepResult, rows: 'runs' | 'summary' = 'runs'): string {
  const lines: string[][] = [];
  if (rows === 'runs') {
    const first = result.runs[0];
    const names = first === undefined ? [] : [...runFigures(first).keys()];
    lines.push(['index', ...KEYS, 'seed', 'days', 'clearing', ...names]);
    for (const r of result.runs) {
      const f = runFigures(r);
      lines.push([String(r.index), ...KEYS.map((k) => r[k] ?? ''), String(r.seed), String(r.days), r.clearing, ...names.map((n) => cell(f.get(n)))]);
    }
  } else {
    const first = result.summary[0];
    const names = first === undefined ? [] : Object.keys(first.stats);
    lines.push([...KEYS, 'clearing', 'confounded', 'seeds', ...names.flatMap((n) => [`${n}_mean`, `${n}_sd`, `${n}_ci95_low`, `${n}_ci95_high`])]);
    for (const s of result.summary) {
      lines.push([
        ...KEYS.map((k) => s[k] ?? ''),
        s.clearing,
        String(s.confounded),
        String(s.seeds),
        ...names.flatMap((n) => {
          const st = s.stats[n];
          return [cell(st?.mean), cell(st?.sd), cell(st?.ci95?.[0]), cell(st?.ci95?.[1])];
        }),
      ]);
    }
  }
  return `${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`;
}

function cell(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
