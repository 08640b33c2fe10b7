/**
 * `wattmarket/node`: what needs Node.js (worker threads, files). The core (`wattmarket`) runs
 * anywhere; this entry adds the runners built on Node's modules.
 * @packageDocumentation
 */
export { runSweep } from './sweep/run-sweep.js';
export type { RunSweepOptions } from './sweep/run-sweep.js';
export { threadExecutor } from './sweep/thread-executor.js';
export { SweepPartial } from './sweep/sweep-partial.js';
export { loadScenarioFile } from './scenario-file/load-scenario-file.js';
