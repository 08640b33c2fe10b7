import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { MECHANISM_NAMES } from '../../src/index.js';

interface Run {
  code: number;
  out: string;
  err: string;
  files: Map<string, string>;
}

async function run(args: string[], options: { interactive?: boolean; step?: number; host?: Partial<CliIo> } = {}): Promise<Run> {
  let out = '';
  let err = '';
  let time = 0;
  const files = new Map<string, string>();
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    writeFile: (path, text) => files.set(path, text),
    removeFile: (path) => {
      rmSync(path, { force: true });
    },
    interactive: options.interactive ?? false,
    now: () => (time += options.step ?? 0),
    ...options.host,
  };
  const code = await runCli(args, io, '1.2.3');
  return { code, out, err, files };
}

describe('runCli', () => {
  it('prints help and the version', async () => {
    expect((await run([])).out).toContain('Usage: wattmarket');
    expect(await run(['--version'])).toMatchObject({ code: 0, out: '1.2.3\n', err: '' });
  });

  it('exits 2 on an unknown command or option, and on bad values', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'frobnicate'");
    expect((await run(['simulate', '--dayz', '3'])).code).toBe(2);
    expect((await run(['simulate', '--days', 'three'])).code).toBe(2);
    expect((await run(['simulate', '--days', '0'])).code).toBe(2);
    expect((await run(['simulate', '--workers', '0'])).code).toBe(2);
    expect((await run(['simulate', '--mechanism', 'vickrey'])).err).toContain("unknown mechanism 'vickrey'");
    expect((await run(['simulate', '--json'])).code).toBe(2);
  });

  it('lists the mechanism registry in its help and its errors', async () => {
    const help = (await run(['simulate', '--help'])).out;
    expect(help).toContain(`--mechanism M[,M]   ${MECHANISM_NAMES.join(', ')} (default uniform)`);
    const sweepHelp = (await run(['sweep', '--help'])).out;
    expect(sweepHelp).toContain(`${MECHANISM_NAMES.join(', ')} (default uniform)`);
    const bad = await run(['simulate', '--mechanism', 'uniform,toString']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`unknown mechanism 'toString' (known: ${MECHANISM_NAMES.join(', ')})`);
  });

  it('exits 1 with the code when the run itself fails', async () => {
    const r = await run(['simulate', '--scenario', 'mars', '--days', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('UNKNOWN_SCENARIO');
  });

  it('simulates, writes JSON and CSV, and prints a summary', async () => {
    const r = await run(['simulate', '--scenario', 'campus', '--days', '1', '--seed', '3', '--json', 'out.json', '--csv', 'series.csv', '--report', 'r.html']);
    expect(r.files.get('r.html')).toMatch(/^<!DOCTYPE html>/i);
    expect((r.files.get('r.html') ?? '').match(/<svg/g)?.length).toBeGreaterThanOrEqual(3);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Saving by participant type');
    const json = JSON.parse(r.files.get('out.json') ?? '{}') as { totals: Record<string, number>; participants: { id: string; netCost: number; baselineNetCost: number }[] };
    for (const key of ['generationKWh', 'consumptionKWh', 'gridImportKWh', 'gridExportKWh', 'p2pTradedKWh', 'storageDeltaKWh', 'lossesKWh']) {
      expect(typeof json.totals[key]).toBe('number');
    }
    expect(json.participants.length).toBeGreaterThanOrEqual(50);
    expect(typeof json.participants[0]?.netCost).toBe('number');
    expect(typeof json.participants[0]?.baselineNetCost).toBe('number');
    const csv = r.files.get('series.csv') ?? '';
    expect(csv.split('\r\n')[0]).toContain('time,generation_kwh');
    expect(csv.split('\r\n').filter((l) => l !== '').length).toBe(97);
  });

  it('compares mechanisms on the same scenario', async () => {
    const r = await run(['simulate', '--days', '1', '--mechanism', 'uniform,huang', '--json', 'c.json']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Mechanisms compared');
    const json = JSON.parse(r.files.get('c.json') ?? '{}') as { comparison: { mechanism: string }[] };
    expect(json.comparison.map((c) => c.mechanism)).toEqual(['uniform', 'huang']);
  });

  it('draws a progress bar on a terminal for runs longer than a few seconds only', async () => {
    expect((await run(['simulate', '--days', '1', '--quiet'], { interactive: true, step: 100 })).err).toContain('%');
    expect((await run(['simulate', '--days', '1', '--quiet'], { interactive: false, step: 100 })).err).toBe('');
    expect((await run(['simulate', '--days', '1', '--quiet'], { interactive: true, step: 0 })).err).toBe('');
  });
});

describe('runCli: help, lists and sweeps', () => {
  it('exits 0 with each command\'s usage on --help', async () => {
    for (const command of ['simulate', 'sweep', 'worker']) {
      const r = await run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: wattmarket ${command}`);
      expect(r.err).toBe('');
    }
    expect((await run(['sweep', '--days', '2', '-h'])).code).toBe(0);
  });

  it('refuses a list where simulate takes one seed, pointing to sweep', async () => {
    for (const seed of ['1,2,3', '1..3']) {
      const r = await run(['simulate', '--seed', seed]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--seed takes one seed');
      expect(r.err).toContain(`wattmarket sweep --seeds ${seed}`);
    }
  });

  it('parses seed ranges and lists, and refuses malformed ones before running', async () => {
    for (const [seeds, message] of [
      ['3..1', 'FROM <= TO'],
      ['1,,2', 'not a whole number'],
      ['1,x', "'x' is not a whole number"],
      ['1..3,2', 'seed 2 is listed twice'],
      ['1..200000', 'more than 100000 seeds'],
      ['1.5', 'not a whole number'],
    ] as const) {
      const r = await run(['sweep', '--seeds', seeds, '--days', '1']);
      expect(r.code, seeds).toBe(2);
      expect(r.err).toContain(message);
    }
    expect((await run(['sweep', '--k', '0.5,abc'])).err).toContain("'abc' is not a decimal number");
    expect((await run(['sweep', '--pv-scale', '0,1'])).err).toContain('--pv-scale must be positive');
    expect((await run(['sweep', '--clearing', 'both'])).code).toBe(2);
    expect((await run(['sweep', '--resume'])).err).toContain('--resume needs --json');
    expect((await run(['sweep', '--queue', 'http://x'])).err).toContain('--queue must be redis://HOST:PORT');
    expect((await run(['sweep', '--strategy', 'greedy'])).err).toContain("unknown strategy 'greedy'");
    expect((await run(['sweep', '--quiet=yes'])).err).toContain('--quiet takes no value');
    expect((await run(['worker'])).err).toContain('--queue redis://HOST:PORT is required');
  });

  it('sweeps, writing JSON, CSV and a report, marking confounded comparisons; totals equal simulate --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wattmarket-cli-'));
    const jsonFile = join(dir, 's.json');
    const r = await run(['sweep', '--scenario', 'campus', '--days', '1', '--seeds', '1..2', '--mechanism', 'uniform,huang', '--workers', '1', '--json', jsonFile, '--csv', 's.csv', '--report', 's.html']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // The finished runs' partial file is gone once the whole JSON is written.
    expect(existsSync(`${jsonFile}.partial`)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
    expect(r.out).toContain('confounded');
    expect(r.out).toMatch(/campus base uniform default .* joint \*/);
    const sweep = JSON.parse(r.files.get(jsonFile) ?? '{}') as { runs: { mechanism: string; seed: number; totals: unknown }[]; summary: { confounded: boolean }[] };
    expect(sweep.runs).toHaveLength(4);
    expect(sweep.summary.every((s) => s.confounded)).toBe(true);
    const single = await run(['simulate', '--scenario', 'campus', '--days', '1', '--seed', '2', '--mechanism', 'huang', '--json', 'one.json', '--quiet']);
    expect(single.out).toBe('');
    const one = JSON.parse(single.files.get('one.json') ?? '{}') as { totals: unknown };
    expect(sweep.runs.find((x) => x.mechanism === 'huang' && x.seed === 2)?.totals).toEqual(one.totals);
    expect((r.files.get('s.csv') ?? '').split('\r\n')).toHaveLength(6);
    expect(r.files.get('s.html')).toMatch(/^<!DOCTYPE html>/);
    const quiet = await run(['sweep', '--days', '1', '--seeds', '1', '--workers', '1', '--quiet']);
    expect(quiet).toMatchObject({ code: 0, out: '' });
  });

  it('marks the comparison table of simulate when mechanisms clear the feeders differently', async () => {
    const r = await run(['simulate', '--days', '1', '--mechanism', 'uniform,huang']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/uniform .* joint +\*/);
    expect(r.out).toMatch(/huang .* per-feeder +\*/);
    expect(r.out).toContain('confounded');
  });
});

describe('runCli: progress and workers', () => {
  it('draws the sweep progress bar with the time left on a terminal', async () => {
    const r = await run(['sweep', '--days', '1', '--seeds', '1..2', '--workers', '1', '--quiet'], { interactive: true, step: 1000 });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/sweep \[#+\.*\] +\d+% {2}\d+s elapsed, \d+s left/);
    expect(r.err).toContain('100%');
  });

  it('runs a worker until asked to stop, and closes it', async () => {
    const events: string[] = [];
    let stop = (): void => undefined;
    const host: Partial<CliIo> = {
      startWorker: (url, concurrency, onRun) => {
        events.push(`start ${url} ${concurrency}`);
        onRun();
        return Promise.resolve({ close: () => Promise.resolve(void events.push('close')) });
      },
      stopSignal: () =>
        new Promise<void>((resolve) => {
          stop = resolve;
        }),
    };
    const pending = run(['worker', '--queue', 'redis://127.0.0.1:1', '--concurrency', '3'], { host });
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    const r = await pending;
    expect(r.code).toBe(0);
    expect(events).toEqual(['start redis://127.0.0.1:1 3', 'close']);
    expect(r.err).toContain('(1 done)');
    expect((await run(['worker', '--queue', 'redis://h:1', '--concurrency', '0'])).code).toBe(2);
  });
});
