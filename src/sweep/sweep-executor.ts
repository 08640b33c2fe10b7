import type { SweepRun, SweepRunSpec } from './sweep-types.js';

/**
 * How a sweep's runs get run: given the runs still to do, it runs each (in any order, anywhere)
 * and calls `onRun` once with each outcome, resolving when all are done. The thread executor
 * (`wattmarket/node`) and the queue executor (`wattmarket/queue`) are the built-in ones.
 */
export type SweepExecutor = (specs: readonly SweepRunSpec[], onRun: (run: SweepRun) => void) => Promise<void>;
