import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';

/**
 * Review (research toolkit): a scenario file without `description` passes parseScenario and
 * runSimulation (neither checks the field; SCENARIO_FIELDS only allows it), but the result's
 * `description` is then undefined and renderReport refuses it. simulateCommand
 * (src/cli/simulate-command.ts) calls renderReport outside its try/catch, so
 * `wattmarket simulate --scenario my.json --report r.html` rejects with an uncaught WattError
 * (a stack trace, after the JSON was written) instead of writing the report or refusing the
 * file with a message and exit code 1.
 */
const dir = mkdtempSync(join(tmpdir(), 'wm-cli-review-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('review: simulate --report with a scenario file that has no description', () => {
  it('writes the report, or refuses the file cleanly; never rejects', async () => {
    const file = join(dir, 'no-description.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'no-description',
        location: { latitude: 10, longitude: 106, utcOffsetMinutes: 0 },
        startDate: '2026-01-01',
        intervalMinutes: 60,
        currency: { code: 'VND', step: '1' },
        priceTick: '1',
        tariff: { retailPrice: 2000, feedInPrice: 700 },
        participants: [
          { id: 'a', type: 'home', load: { series: Array<number>(24).fill(1) } },
          { id: 'b', type: 'home', pv: { series: Array<number>(24).fill(0.5) } },
        ],
      }),
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
    if (code === 0) expect(files.has('r.html')).toBe(true);
    else expect({ code, mentionsDescription: err.includes('description') }).toEqual({ code: 1, mentionsDescription: true });
  });
});
