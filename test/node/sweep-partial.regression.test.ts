import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandSweep, WattError, type SweepOptions } from '../../src/index.js';
import { runSweep } from '../../src/node.js';
import { SweepPartial } from '../../src/node/sweep-partial.js';

/**
 * Regression (research toolkit review): resuming a sweep (src/node/sweep-partial.ts, SweepPartial.open)
 * checked a finished run's line only for `spec.mechanism/seed/variant` after `specs[run.index]`:
 * a line `null` throws a TypeError there, an index `"__proto__"` reaches Array.prototype and
 * throws a TypeError in mechanismName, and a line without `totals` passes and makes
 * summariseSweep throw a TypeError. Its TSDoc (and runSweep's) promise INVALID_ARGUMENT for a
 * damaged file. Every case below needs no run: the partial file claims the only run is done.
 */
const dir = mkdtempSync(join(tmpdir(), 'wm-partial-review-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const options: SweepOptions = { scenarios: ['campus'], days: 1, seeds: [1] };

function partialWith(name: string, line: string): string {
  const path = join(dir, `${name}.partial`);
  SweepPartial.open(path, expandSweep(options), false); // writes the header of this sweep
  appendFileSync(path, `${line}\n`);
  return path;
}

async function outcome(path: string): Promise<unknown> {
  try {
    await runSweep({ ...options, workers: 1, partialFile: path, resume: true });
    return 'resolved';
  } catch (e) {
    return e;
  }
}

describe('regression: resuming from a damaged partial file (TypeError, __proto__ as a run index)', () => {
  const damaged: [string, string][] = [
    ['a line that is JSON null', 'null'],
    ['a run whose index is "__proto__"', '{"index":"__proto__","mechanism":"uniform","seed":1,"variant":"base"}'],
    ['a run line without its totals and metrics', '{"index":0,"mechanism":"uniform","seed":1,"variant":"base"}'],
    ['a line that is an array', '[0]'],
    ['a run whose index is out of range', '{"index":1,"mechanism":"uniform","seed":1,"variant":"base"}'],
    ['a run whose index is not whole', '{"index":0.5,"mechanism":"uniform","seed":1,"variant":"base"}'],
    ['a run with a __proto__ key', '{"index":0,"__proto__":{"mechanism":"uniform"},"seed":1,"variant":"base"}'],
    [
      'a run whose totals are null',
      '{"index":0,"scenario":"campus","variant":"base","mechanism":"uniform","strategy":"default","k":null,"seed":1,"days":1,"clearing":"single-zone","totals":null,"metrics":{}}',
    ],
  ];
  for (const [name, line] of damaged) {
    it(`refuses ${name} with INVALID_ARGUMENT`, async () => {
      const e = await outcome(partialWith(name.replace(/\W+/g, '-'), line));
      expect(e).toBeInstanceOf(WattError);
      expect((e as WattError).code).toBe('INVALID_ARGUMENT');
    });
  }
});
