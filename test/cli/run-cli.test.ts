import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { MECHANISM_NAMES } from '../../src/index.js';

interface Run {
  code: number;
  out: string;
  err: string;
  files: Map<string, string>;
}

async function run(args: string[], options: { interactive?: boolean; step?: number } = {}): Promise<Run> {
  let out = '';
  let err = '';
  let time = 0;
  const files = new Map<string, string>();
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    writeFile: (path, text) => files.set(path, text),
    interactive: options.interactive ?? false,
    now: () => (time += options.step ?? 0),
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
    const help = (await run(['help'])).out;
    expect(help).toContain(`--mechanism M[,M]   ${MECHANISM_NAMES.join(', ')} (default uniform)`);
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
