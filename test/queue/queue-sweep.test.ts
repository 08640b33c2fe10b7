import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/index.js';
import { loadScenarioFile, runSweep } from '../../src/node.js';
import { parseRedisUrl, queueExecutor, startSweepWorker } from '../../src/queue.js';
import { redisOrSkip, startRedis, type TestRedis } from '../helpers/redis-server.js';

const run = redisOrSkip('test/queue/queue-sweep.test.ts (wattmarket/queue on a real redis-server)');

describe('parseRedisUrl', () => {
  it('reads host, port, password and database, and refuses anything else', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380', 'f')).toEqual({ host: '127.0.0.1', port: 6380 });
    expect(parseRedisUrl('redis://:s%40cret@h/2', 'f')).toEqual({ host: 'h', port: 6379, password: 's@cret', db: 2 });
    expect(() => parseRedisUrl('http://h:1', 'f')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }) as Error);
    expect(() => parseRedisUrl('nonsense', 'f')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }) as Error);
  });
});

describe.runIf(run)('queueExecutor and startSweepWorker (real redis-server)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    await redis.stop();
  });

  const options = { scenarios: ['campus'], days: 1, seeds: [1, 2], mechanisms: ['uniform' as const, 'huang' as const] };

  it('writes the same result as a local sweep, run for run', async () => {
    const local = await runSweep({ ...options, workers: 1 });
    const queue = await queueExecutor({ url: redis.url, name: 'same' });
    const w1 = await startSweepWorker({ url: redis.url, name: 'same' });
    const w2 = await startSweepWorker({ url: redis.url, name: 'same' });
    try {
      const remote = await runSweep({ ...options, executor: queue.executor });
      expect(JSON.stringify(remote)).toBe(JSON.stringify(local));
    } finally {
      await w1.close();
      await w2.close();
      await queue.close();
    }
  }, 120_000);

  it('carries a scenario with measured series (read from CSV files) to the workers as data', async () => {
    const scenario = loadScenarioFile(fileURLToPath(new URL('../../examples/scenarios/two-homes/scenario.json', import.meta.url)));
    const sweep = { scenarios: [scenario], days: 2, seeds: [1, 2], mechanisms: ['uniform' as const] };
    const local = await runSweep({ ...sweep, workers: 1 });
    const queue = await queueExecutor({ url: redis.url, name: 'series' });
    const worker = await startSweepWorker({ url: redis.url, name: 'series' });
    try {
      const remote = await runSweep({ ...sweep, executor: queue.executor });
      expect(JSON.stringify(remote)).toBe(JSON.stringify(local));
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 120_000);

  it('loses no run when a worker is killed (SIGKILL) mid-run: another worker takes the stalled job', async () => {
    const name = 'killed';
    const sweep = { ...options, days: 3, seeds: [5], mechanisms: ['uniform' as const] };
    const local = await runSweep({ ...sweep, workers: 1 });
    const queue = await queueExecutor({ url: redis.url, name });
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url)), redis.url, name], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } });
    const inspect = new Queue(name, { connection: parseRedisUrl(redis.url, 'test') });
    let rescuer: Awaited<ReturnType<typeof startSweepWorker>> | undefined;
    try {
      const remote = runSweep({ ...sweep, executor: queue.executor });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      // Wait until the run is active (the child took it), then kill the child outright.
      for (let i = 0; i < 200 && (await inspect.getActiveCount()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await inspect.getActiveCount()).toBe(1);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      let rescued = 0;
      rescuer = await startSweepWorker({ url: redis.url, name, lockDuration: 1500, stalledInterval: 500, onRun: () => rescued++ });
      const result = await remote;
      // The run finished on the rescuer, so it was cut off in the killed worker.
      expect(rescued).toBe(1);
      expect(JSON.stringify(result)).toBe(JSON.stringify(local));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rescuer?.close();
      await inspect.close();
      await queue.close();
    }
  }, 120_000);

  it('rejects the sweep with the WattError a worker met', async () => {
    const queue = await queueExecutor({ url: redis.url, name: 'bad' });
    const worker = await startSweepWorker({ url: redis.url, name: 'bad' });
    try {
      // A spec that expandSweep would refuse, sent straight to the executor.
      const spec = { index: 0, scenario: 'mars', variant: 'base', mechanism: 'uniform' as const, strategy: 'default', k: null, seed: 1, days: 1, clearing: 'as-able' as const };
      await expect(queue.executor([spec], () => undefined)).rejects.toMatchObject({ code: ErrorCode.UNKNOWN_SCENARIO });
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 60_000);
});
