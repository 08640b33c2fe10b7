import { describe, expect, it } from 'vitest';
import { districtScenario, ErrorCode, runSimulation, WattError } from '../../src/index.js';
import { runSimulationParallel } from '../../src/node.js';

describe('runSimulationParallel', () => {
  it('gives exactly the single-threaded result when independent feeders run in worker threads', async () => {
    const scenario = districtScenario({ prosumers: 40, feeders: 3 });
    const seen: number[] = [];
    const parallel = await runSimulationParallel({ scenario, days: 1, seed: 9, workers: 2, onProgress: (done) => seen.push(done) });
    expect(parallel).toEqual(runSimulation({ scenario, days: 1, seed: 9 }));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(96);
    expect(seen.every((done, i) => i === 0 || done >= (seen[i - 1] as number))).toBe(true);
  });

  it('merges the workers\' market efficiency and cross-feeder figures exactly (a mechanism cleared twice)', async () => {
    const scenario = districtScenario({ prosumers: 40, feeders: 3 });
    const serial = runSimulation({ scenario, days: 1, seed: 9, mechanism: 'mcafee' });
    expect(await runSimulationParallel({ scenario, days: 1, seed: 9, workers: 2, mechanism: 'mcafee' })).toEqual(serial);
    expect(serial.totals.marketEfficiency).toBeLessThan(1);
    expect(serial.zones?.length).toBe(3);
  });

  it('runs coupled zones in one piece and refuses what runSimulation refuses', async () => {
    expect(await runSimulationParallel({ scenario: 'campus', days: 1, seed: 2 })).toEqual(runSimulation({ scenario: 'campus', days: 1, seed: 2 }));
    await expect(runSimulationParallel({ scenario: 'mars', days: 1, seed: 1 })).rejects.toMatchObject({ code: ErrorCode.UNKNOWN_SCENARIO });
    await expect(runSimulationParallel({ scenario: 'campus', days: 1, seed: 1, workers: 0 })).rejects.toBeInstanceOf(WattError);
  });

  // Guard (it also passed before the pool fix): options that cannot be cloned into a worker reject
  // with the DataCloneError instead of hanging; the threads already started are terminated.
  it('rejects options that cannot be sent to a worker', { timeout: 20_000 }, async () => {
    const scenario = { ...districtScenario({ prosumers: 12, feeders: 3 }), note: () => 1 };
    await expect(runSimulationParallel({ scenario, days: 1, seed: 9, workers: 2 })).rejects.toMatchObject({ name: 'DataCloneError' });
  });
});
