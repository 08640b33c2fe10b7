import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t) }, '1.2.3');
  return { code, out, err };
}

describe('runCli', () => {
  it('prints help and the version', () => {
    expect(run([]).out).toContain('Usage: wattmarket');
    expect(run(['--version'])).toEqual({ code: 0, out: '1.2.3\n', err: '' });
  });

  it('exits 2 on an unknown command', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'frobnicate'");
  });
});
