import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, executeSweepRun, runSimulation, type SweepExecutor, type SweepRunSpec } from '../../src/index.js';
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
});
