import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';

describe('runCli simulate --scenario campus-grid', () => {
  it('runs the campus with grid limits and prints and writes its network figures', async () => {
    let out = '';
    let err = '';
    const files = new Map<string, string>();
    const io: CliIo = {
      out: (t) => (out += t),
      err: (t) => (err += t),
      writeFile: (path, text) => files.set(path, text),
      removeFile: () => undefined,
      interactive: false,
      now: () => 0,
    };
    const code = await runCli(['simulate', '--scenario', 'campus-grid', '--days', '1', '--seed', '1', '--json', 'grid.json', '--report', 'grid.html'], io, '1.2.3');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Network (kWh; hours at the limit)');
    expect(out).toContain('link mobility -> academic');
    expect(out).toContain('curtailed PV');
    const json = JSON.parse(files.get('grid.json') ?? '{}') as { scenario: string; network: { links: { from: string; to: string; capacityKWh: number | null }[]; transformers: unknown[] } };
    expect(json.scenario).toBe('campus-grid');
    expect(json.network.transformers).toHaveLength(3);
    expect(json.network.links.find((l) => l.from === 'mobility' && l.to === 'academic')?.capacityKWh).toBe(50);
    expect(files.get('grid.html')).toMatch(/^<!DOCTYPE html>/i);
  });
});
