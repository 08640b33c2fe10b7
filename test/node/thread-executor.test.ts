import { describe, expect, it } from 'vitest';
import type { AuctionMechanism, SweepRun, SweepRunSpec } from '../../src/index.js';
import { threadExecutor } from '../../src/node.js';
import { SweepThread } from '../../src/node/sweep-thread.js';

const good = (index: number): SweepRunSpec => ({ index, scenario: 'campus', variant: 'base', mechanism: 'uniform', strategy: 'default', k: null, seed: 1, days: 1, clearing: 'as-able' });
// A custom mechanism holds a function: structured clone refuses it (DataCloneError).
const uncloneable = (index: number): SweepRunSpec => ({ ...good(index), mechanism: { name: 'fn', clear: () => undefined } as unknown as AuctionMechanism });

describe('threadExecutor', () => {
  // Regression: postMessage threw inside the pool's message listener, the error escaped as an
  // uncaught exception and the sweep promise never settled. The vitest timeout is the failure here.
  it('rejects promptly, not hangs, when a spec cannot be sent to a thread', { timeout: 20_000 }, async () => {
    const runs: SweepRun[] = [];
    await expect(threadExecutor(2)([uncloneable(0), uncloneable(1)], (r) => runs.push(r))).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(runs).toEqual([]);
  });

  it('rejects when a later spec cannot be sent, after good runs went through', { timeout: 20_000 }, async () => {
    const runs: SweepRun[] = [];
    await expect(threadExecutor(2)([good(0), good(1), uncloneable(2), good(3)], (r) => runs.push(r))).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(runs.length).toBeLessThanOrEqual(2);
  });
});

describe('SweepThread', () => {
  // Regression: the failed post left the run slot taken, so the thread (reused by the queue worker)
  // refused every later run with "a run is already in progress".
  it('rejects an uncloneable spec and stays usable for the next run', { timeout: 20_000 }, async () => {
    const thread = new SweepThread();
    try {
      await expect(thread.run(uncloneable(0))).rejects.toMatchObject({ name: 'DataCloneError' });
      const run = await thread.run(good(1));
      expect(run.index).toBe(1);
    } finally {
      await thread.close();
    }
  });

  it('is no longer alive once closed, and then rejects runs', { timeout: 20_000 }, async () => {
    const thread = new SweepThread();
    expect(thread.alive).toBe(true);
    await thread.close();
    // The exit event may follow terminate() by a tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(thread.alive).toBe(false);
    await expect(thread.run(good(0))).rejects.toThrow(/exited/);
  });
});
