// Flat ESLint config shared by the whole repo. Rules are few and each one catches real bugs here.
import tseslint from 'typescript-eslint';

// Import boundaries. ESLint replaces a rule's options in a later block instead of merging them, so each
// block below names every pattern list that applies to its files (later blocks win).

// Layering: packages/* are libraries the apps build on, so they never import an app, neither by
// relative path nor by package name (a package-name import hides the dependency from the path rule).
const APP_PACKAGES = ['@distillery/api', '@distillery/runner', '@distillery/web'];
const packagesNeverImportApps = [
  { group: ['**/apps/*', '**/apps/*/**'], message: 'packages/* never import apps/* (see CONTRIBUTING.md).' },
  {
    group: APP_PACKAGES.flatMap((name) => [name, `${name}/*`]),
    message: 'packages/* never import apps/*, by package name either (see CONTRIBUTING.md).',
  },
];
// The client's main entry runs in the browser (the dashboard): Node-only code lives in src/node/.
const browserSafe = [
  {
    group: ['node:*', 'ws', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'stream', 'util'],
    message: '@distillery/client must stay browser-safe: put Node-only code in packages/client/src/node/.',
  },
];
// Test support belongs to tests: production code never loads vitest.
const noVitest = [
  {
    group: ['vitest', 'vitest/*'],
    message: 'vitest belongs in *.test.ts files and testing/ folders, not in production code.',
  },
];
// The API serves the vocabulary without the ML core (TensorFlow.js, wasm, sharp).
const apiNeverImportsMl = [
  {
    group: ['@distillery/ml', '@distillery/ml/*'],
    message: 'apps/api must not import the ML core: the shared vocabulary lives in @distillery/domain.',
  },
];
// Dashboard links prefetch on hover only (components/shell/page-link.tsx says why).
const webLinksThroughPageLink = [
  {
    group: ['next/link'],
    message: 'apps/web links go through PageLink (components/shell/page-link.tsx): no prefetch at load.',
  },
];
/** Test files and test support, which may import vitest. */
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/test/**', '**/vitest.config.ts'];
const under = (dir, globs) => globs.map((g) => `${dir}/${g}`);
const restrict = (...lists) =>
  lists.flat().length > 0
    ? { 'no-restricted-imports': ['error', { patterns: lists.flat() }] }
    : { 'no-restricted-imports': 'off' };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/dist/**',
      '.data/**',
      'packages/db/src/generated/**',
      '**/generated/**',
      'test-artifacts/**',
      '**/next-env.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only']",
          message: 'Focused tests (.only) must not be committed.',
        },
      ],
      ...restrict(noVitest),
    },
  },
  { files: TESTS, rules: restrict() },
  { files: ['packages/**/*.{ts,tsx,js,mjs}'], rules: restrict(packagesNeverImportApps, noVitest) },
  { files: under('packages', TESTS), rules: restrict(packagesNeverImportApps) },
  {
    files: ['packages/client/src/**/*.ts'],
    ignores: ['packages/client/src/node/**'],
    rules: {
      ...restrict(packagesNeverImportApps, browserSafe, noVitest),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Browser-safe code reads Node globals through globalThis, guarded.' },
        { name: 'Buffer', message: 'Browser-safe code has no Buffer: use Uint8Array / TextEncoder.' },
      ],
    },
  },
  {
    files: under('packages/client/src', TESTS),
    ignores: ['packages/client/src/node/**'],
    rules: restrict(packagesNeverImportApps, browserSafe),
  },
  { files: ['apps/api/**'], rules: restrict(apiNeverImportsMl, noVitest) },
  { files: under('apps/api', TESTS), rules: restrict(apiNeverImportsMl) },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ignores: ['apps/web/src/components/shell/page-link.tsx', ...TESTS],
    rules: restrict(webLinksThroughPageLink, noVitest),
  },
);
