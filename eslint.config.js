// @ts-check
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
  { dirs: ['order-book'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time'] },
  { dirs: ['auction'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time'] },
  { dirs: ['ledger'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time'] },
  { dirs: ['settlement'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'ledger'] },
  {
    dirs: ['market'],
    may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'order-book', 'auction', 'ledger', 'settlement'],
  },
  { dirs: ['assets'], may: ['errors', 'units', 'validation', 'hashing', 'random', 'time'] },
  {
    dirs: ['agents'],
    may: ['errors', 'units', 'validation', 'hashing', 'random', 'time', 'assets', 'order-book', 'auction', 'ledger', 'settlement', 'market'],
  },
];
const allDirs = [
  'errors', 'units', 'validation', 'hashing', 'random', 'time', 'order-book', 'auction', 'ledger', 'settlement', 'market',
  'assets', 'agents', 'simulation', 'report', 'cli',
];
const layerRules = layers.flatMap(({ dirs, may }) =>
  dirs.map((dir) => ({
    files: [`src/${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: allDirs
            .filter((d) => d !== dir && !may.includes(d))
            .map((d) => ({
              group: [`../${d}/*`, `../../${d}/*`, `**/src/${d}/*`],
              message: `src/${dir} sits below src/${d}: layers import downwards only (see eslint.config.js).`,
            })),
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
);
