/**
 * `wattmarket/queue`: sweeps on many machines through a BullMQ queue on Redis. Needs the optional
 * peer dependency `bullmq` (with its Redis client, ioredis). See docs/scale-out.md.
 * @packageDocumentation
 */
export { queueExecutor } from './queue/queue-executor.js';
export type { QueueExecutorOptions, QueueSweepExecutor } from './queue/queue-executor.js';
export { startSweepWorker } from './queue/sweep-queue-worker.js';
export type { SweepWorker, SweepWorkerOptions } from './queue/sweep-queue-worker.js';
export { parseRedisUrl, DEFAULT_QUEUE_NAME } from './queue/redis-url.js';
export type { RedisConnection } from './queue/redis-url.js';
