import { defineConfig } from 'tsup';

// Two builds: the library for both module systems with declarations, and the command line
// (ESM only: it is run, never imported).
export default defineConfig([
  {
    // The core (`wattmarket`), what needs Node (`wattmarket/node`) and the simulation worker, a
    // separate file that runSimulationParallel starts in a thread.
    entry: { index: 'src/index.ts', node: 'src/node.ts', 'simulation-worker': 'src/node/simulation-worker.ts' },
    format: ['esm', 'cjs'],
    // Shared chunks in both formats: the entries share one copy of the core, so a WattError thrown
    // by wattmarket/node is an instance of wattmarket's WattError under require too, and the
    // package holds the core once per format.
    splitting: true,
    // import.meta.url (the worker's location) in the CommonJS build too.
    shims: true,
    // Declarations for the two public entries; members marked @internal are left out of them.
    dts: {
      entry: { index: 'src/index.ts', node: 'src/node.ts' },
      compilerOptions: { stripInternal: true },
    },
    // No source maps: they would triple the package for code that is readable as built (not
    // minified) and whose sources are not shipped.
    sourcemap: false,
    target: 'es2022',
    platform: 'node',
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
  },
]);
