import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { hourlyScenario } from '../helpers/hourly-scenario.js';

/**
 * Regression (review, research toolkit): a scenario file without `description` passed
 * parseScenario and runSimulation (neither checked the field; SCENARIO_FIELDS only allows it), but
 * the result's `description` was then undefined and renderReport refused it. simulateCommand
 * (src/cli/simulate-command.ts) calls renderReport outside its try/catch, so
 * `wattmarket simulate --scenario my.json --report r.html` rejected with an uncaught WattError
 * (a stack trace, after the JSON was written). A missing description now reads as '', so the
 * report is written.
 */
const dir = mkdtempSync(join(tmpdir(), 'wm-cli-regression-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('regression: simulate --report with a scenario file that has no description', () => {
  it('writes the report; never rejects', async () => {
    const file = join(dir, 'no-description.json');
    writeFileSync(
      file,
      JSON.stringify(
        hourlyScenario({
          name: 'no-description',
          participants: [
            { id: 'a', type: 'home', load: { series: Array<number>(24).fill(1) } },
            { id: 'b', type: 'home', pv: { series: Array<number>(24).fill(0.5) } },
          ],
        }),
      ),
    );
    let err = '';
    const files = new Map<string, string>();
    const io: CliIo = {
      out: () => undefined,
      err: (t) => (err += t),
      writeFile: (path, text) => files.set(path, text),
      interactive: false,
      now: () => 0,
    };
    let code: number | undefined;
    let thrown: unknown;
    try {
      code = await runCli(['simulate', '--scenario', file, '--days', '1', '--report', 'r.html', '--quiet'], io, '0.0.0');
    } catch (e) {
      thrown = e;
    }
    expect(thrown, 'runCli rejected').toBeUndefined();
    expect({ code, err, report: files.has('r.html') }).toEqual({ code: 0, err: '', report: true });
  });
});
