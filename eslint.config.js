// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first. A file may import its own layer's folder and the layers
 * below; the lint rule below turns every upward or sideways import into an error, so the
 * architecture in the README is enforced, not only described.
 */
const layers = [
  { dirs: ['errors'], may: [] },
  { dirs: ['validation', 'hashing'], may: ['errors'] },
  { dirs: ['units', 'random', 'time'], may: ['errors', 'validation', 'hashing'] },
  { dirs: ['store'], may: ['errors', 'validation', 'hashing', 'time'] },
  { dirs: ['order-book'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time'] },
  { dirs: ['auction'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time'] },
  { dirs: ['ledger'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'store'] },
  { dirs: ['settlement'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'ledger'] },
  {
    dirs: ['market'],
    may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'order-book', 'auction', 'ledger', 'settlement', 'store'],
  },
  { dirs: ['assets'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time'] },
  {
    dirs: ['agents'],
    may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'assets', 'order-book', 'auction', 'ledger', 'settlement', 'market'],
  },
  // Sweeps sit above the simulation and the report (their Node runners live in src/node/).
  { dirs: ['sweep'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'assets', 'agents', 'order-book', 'auction', 'ledger', 'settlement', 'market', 'simulation', 'report'] },
  { dirs: ['scenario-file'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'assets', 'agents', 'order-book', 'auction', 'ledger', 'settlement', 'market', 'simulation'] },
];
const allDirs = [
  'errors', 'units', 'validation', 'hashing', 'random', 'time', 'order-book', 'auction', 'ledger', 'settlement', 'market',
  'assets', 'agents', 'simulation', 'report', 'cli',
  'store',
  'sweep', 'scenario-file',
];
/**
 * The core (`wattmarket`, src/index.ts, and every file it can reach) runs in browsers and workers:
 * it imports no Node built-in, and nothing of the Node-only code (src/node/ and src/node.ts, the
 * `wattmarket/node` entry) or of the command line (src/cli/, src/cli.ts). These restrictions join
 * every core file's layer rule (one `no-restricted-imports` per file: a later config would replace
 * an earlier one's, not add to it).
 */
// The adapters (src/postgres/, src/queue/) are Node-only entries of their own.
const nodeOnly = ['node', 'cli', 'postgres', 'queue'];
const coreRestrictions = {
  paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({
    name,
    message: 'The core imports no Node built-in: Node-only code goes to src/node/ (the wattmarket/node entry).',
  })),
  patterns: [
    { group: ['node:*'], message: 'The core imports no `node:` module: Node-only code goes to src/node/ (the wattmarket/node entry).' },
    {
      group: nodeOnly.flatMap((d) => [`../${d}/*`, `../../${d}/*`, `./${d}/*`, `**/src/${d}/*`, `./${d}.js`, `../${d}.js`]),
      message: 'The core cannot reach Node-only code (src/node/, src/cli/): see eslint.config.js.',
    },
  ],
};
const coreGlobals = ['process', 'Buffer', '__dirname', '__filename', 'require', 'global', 'setImmediate'].map((name) => ({
  name,
  message: 'The core runs outside Node too: take it as an option or move the code to src/node/.',
}));
const layerRules = layers.flatMap(({ dirs, may }) =>
  dirs.map((dir) => ({
    files: [`src/${dir}/**/*.ts`],
    rules: {
      'no-restricted-globals': ['error', ...coreGlobals],
      'no-restricted-imports': [
        'error',
        {
          paths: coreRestrictions.paths,
          patterns: [...coreRestrictions.patterns, ...allDirs
            .filter((d) => d !== dir && !may.includes(d))
            .map((d) => ({
              group: [`../${d}/*`, `../../${d}/*`, `**/src/${d}/*`],
              message: `src/${dir} sits below src/${d}: layers import downwards only (see eslint.config.js).`,
            }))],
        },
      ],
    },
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', '.typedoc/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'test/smoke/*.mjs', 'test/smoke/*.cjs', 'bench/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Bit operations are the point of the typed-array engines and the random generator.
      'no-bitwise': 'off',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Randomness is injected: use a seeded Random.' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Time is injected: use a Clock.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', console: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', performance: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**', 'examples/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  ...layerRules,
  {
    // The core's files in no layer above (the simulation, the report and the entry itself).
    files: ['src/**/*.ts'],
    ignores: [...layers.flatMap(({ dirs }) => dirs.map((d) => `src/${d}/**`)), ...nodeOnly.flatMap((d) => [`src/${d}/**`, `src/${d}.ts`])],
    rules: { 'no-restricted-globals': ['error', ...coreGlobals], 'no-restricted-imports': ['error', coreRestrictions] },
  },
);
