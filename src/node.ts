/**
 * wattmarket/node: the parts of wattmarket that need Node.js: parallel simulation runs and sweeps
 * (worker threads), the file store (`openFileStore`) and scenario files read from disk.
 *
 * The core (`wattmarket`) imports no `node:` module, so it bundles for browsers and workers with
 * no shim; what needs Node lives here and in src/node/. Types shared with the core (options,
 * results) are imported from `wattmarket`.
 *
 * @example
 * ```ts
 * import { campusScenario } from 'wattmarket';
 * import { runSimulationParallel } from 'wattmarket/node';
 * const result = await runSimulationParallel({ scenario: campusScenario(), days: 7, seed: 1, workers: 2 });
 * ```
 * @packageDocumentation
 */
export { runSimulationParallel } from './node/run-simulation-parallel.js';
export type { ParallelSimulationOptions } from './node/run-simulation-parallel.js';
export { openFileStore, FileStore } from './node/file-store.js';
export type { FileStoreOptions } from './node/file-store.js';
export type { StoreFs } from './node/store-fs.js';
export { runSweep } from './node/run-sweep.js';
export type { RunSweepOptions } from './node/run-sweep.js';
export { threadExecutor } from './node/thread-executor.js';
export { loadScenarioFile } from './node/load-scenario-file.js';
