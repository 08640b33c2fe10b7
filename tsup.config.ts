import { defineConfig, type Options } from 'tsup';

/** The public entries: the core (`wattmarket`), what needs Node (`wattmarket/node`), the PostgreSQL store (`wattmarket/postgres`), distributed sweeps (`wattmarket/queue`). */
const entries = { index: 'src/index.ts', node: 'src/node.ts', postgres: 'src/postgres.ts', queue: 'src/queue.ts' };

const common: Options = {
  // Shared chunks: the entries share one copy of the core, so a WattError thrown by
  // wattmarket/node is an instance of wattmarket's WattError (under require too), and the package
  // holds the core once per module system.
  splitting: true,
  // Declarations for the public entries; members marked @internal are left out of them.
  dts: { entry: entries, compilerOptions: { stripInternal: true } },
  // No source maps: they tripled the package (1.8 MB of 1.8 MB packed was maps and the CLI's copy
  // of the core) for code that ships readable (not minified) and whose sources are not shipped.
  sourcemap: false,
  target: 'es2022',
  platform: 'node',
  treeshake: true,
};

// Two builds of the library, one per module system. The ESM build also holds the simulation
// and sweep workers (separate files started in threads, always as ESM) and the
// command line (run, never imported; ESM for its top-level await), which share its chunks.
export default defineConfig([
  {
    ...common,
    entry: { ...entries, 'simulation-worker': 'src/node/simulation-worker.ts', 'sweep-worker': 'src/node/sweep-worker.ts', cli: 'src/cli.ts' },
    format: ['esm'],
  },
  {
    ...common,
    entry: entries,
    format: ['cjs'],
    // import.meta.url (the worker's location) in the CommonJS build.
    shims: true,
  },
]);
