import { defineConfig } from 'tsup';

// Two builds: the library for both module systems with declarations, and the command line
// (ESM only: it is run, never imported).
export default defineConfig([
  {
    // The simulation worker is a separate file that runSimulationParallel starts in a thread.
    entry: { index: 'src/index.ts', 'simulation-worker': 'src/simulation/simulation-worker.ts', node: 'src/node.ts', queue: 'src/queue.ts', 'sweep-worker': 'src/sweep/sweep-worker.ts' },
    format: ['esm', 'cjs'],
    // import.meta.url (the worker's location) in the CommonJS build too.
    shims: true,
    dts: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
