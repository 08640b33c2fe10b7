import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BUILT_IN_MECHANISMS,
  ErrorCode,
  executeSweepRun,
  renderSweepReport,
  runSimulation,
  sweepToCsv,
  type AuctionMechanism,
  type SweepExecutor,
  type SweepRunSpec,
} from '../../src/index.js';
import { runSweep, threadExecutor } from '../../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'wattmarket-sweep-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const options = { scenarios: ['campus'], days: 1, seeds: [1, 2], mechanisms: ['uniform', 'huang'] as const } as const;

describe('runSweep', () => {
  it('gives the same result on worker threads as on one thread, and each run equals runSimulation', async () => {
    const progress: number[] = [];
    const threads = await runSweep({ ...options, mechanisms: [...options.mechanisms], workers: 2, onProgress: (done) => progress.push(done) });
    const one = await runSweep({ ...options, mechanisms: [...options.mechanisms], workers: 1 });
    expect(threads).toEqual(one);
    expect(threads.runs).toHaveLength(4);
    expect(progress).toEqual([0, 1, 2, 3, 4]);
    const r = threads.runs[3]!;
    expect([r.mechanism, r.seed]).toEqual(['huang', 2]);
    expect(r.totals).toEqual(runSimulation({ scenario: 'campus', days: 1, seed: 2, mechanism: 'huang' }).totals);
  });

  it('writes finished runs to a partial file and resumes from it, dropping a torn last line', async () => {
    const partialFile = join(dir, 'resume.json.partial');
    const full = await runSweep({ ...options, mechanisms: [...options.mechanisms], workers: 1, partialFile });
    const lines = readFileSync(partialFile, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    // A sweep stopped after two runs, in the middle of writing the third.
    writeFileSync(partialFile, `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 40)}`);
    const ran: number[] = [];
    const recording: SweepExecutor = async (specs: readonly SweepRunSpec[], onRun) => {
      for (const s of specs) {
        ran.push(s.index);
        onRun(executeSweepRun(s));
      }
      await Promise.resolve();
    };
    const resumed = await runSweep({ ...options, mechanisms: [...options.mechanisms], executor: recording, partialFile, resume: true });
    expect(ran).toEqual([2, 3]);
    expect(resumed).toEqual(full);
    // Another sweep's partial file is refused, not mixed in.
    await expect(runSweep({ ...options, seeds: [7], mechanisms: ['uniform'], executor: recording, partialFile, resume: true })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  it('refuses a bad sweep before running anything, and stops at a failing run', async () => {
    await expect(runSweep({ scenarios: ['campus'], days: 1, seeds: [] })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    expect(() => threadExecutor(0)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_RANGE }) as Error);
    const failing: SweepExecutor = () => Promise.reject(new Error('boom'));
    await expect(runSweep({ ...options, mechanisms: ['uniform'], executor: failing })).rejects.toThrow('boom');
    const short: SweepExecutor = () => Promise.resolve();
    await expect(runSweep({ ...options, mechanisms: ['uniform'], executor: short })).rejects.toThrow(/executor returned 0 runs for 2/);
  });

  it('runs a custom AuctionMechanism like a built-in, on the calling thread, recorded by its name', async () => {
    let calls = 0;
    const base = BUILT_IN_MECHANISMS.uniform;
    const mine: AuctionMechanism = {
      name: 'my-uniform',
      properties: base.properties,
      ...(base.supports === undefined ? {} : { supports: base.supports }),
      clear: (orders, context) => {
        calls++;
        return base.clear(orders, context);
      },
    };
    const seen: (string | AuctionMechanism)[] = [];
    const threads = threadExecutor(2);
    // Only plain-data runs may reach the executor (worker threads or a queue): a function cannot cross.
    const watching: SweepExecutor = (specs, onRun) => {
      seen.push(...specs.map((s) => s.mechanism));
      return threads(specs, onRun);
    };
    const sweep = await runSweep({ scenarios: ['campus'], days: 1, seeds: [1, 2], mechanisms: ['huang', mine], executor: watching });
    expect(seen).toEqual(['huang', 'huang']);
    expect(calls).toBeGreaterThan(0);
    expect(sweep.runs.map((r) => [r.mechanism, r.seed])).toEqual([['huang', 1], ['huang', 2], ['my-uniform', 1], ['my-uniform', 2]]);
    for (const r of sweep.runs.slice(2)) {
      const direct = runSimulation({ scenario: 'campus', days: 1, seed: r.seed, mechanism: mine });
      expect(r.totals).toEqual(direct.totals);
      expect(r.totals).toEqual(runSimulation({ scenario: 'campus', days: 1, seed: r.seed, mechanism: 'uniform' }).totals);
    }
    expect(sweep.summary.map((row) => row.mechanism)).toEqual(['huang', 'my-uniform']);
    expect(JSON.parse(JSON.stringify(sweep))).toMatchObject({ runs: [{}, {}, { mechanism: 'my-uniform' }, { mechanism: 'my-uniform' }], summary: [{}, { mechanism: 'my-uniform', seeds: 2 }] });
    expect(sweepToCsv(sweep)).toContain('my-uniform');
    expect(renderSweepReport(sweep)).toContain('my-uniform');
    // The same sweep with the default executor (worker threads) and a partial file gives the same runs.
    const partialFile = join(dir, 'custom.json.partial');
    expect(await runSweep({ scenarios: ['campus'], days: 1, seeds: [1, 2], mechanisms: ['huang', mine], workers: 2, partialFile })).toEqual(sweep);
    expect(readFileSync(partialFile, 'utf8')).toContain('my-uniform');
    // Two mechanisms of one name would merge in the summary: refused before anything runs.
    await expect(runSweep({ scenarios: ['campus'], days: 1, seeds: [1], mechanisms: ['uniform', { ...mine, name: 'uniform' }] })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(runSweep({ scenarios: ['campus'], days: 1, seeds: [1], mechanisms: [{ clear: () => undefined } as unknown as AuctionMechanism] })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });
});
