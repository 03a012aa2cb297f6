// Flat ESLint config shared by the whole repo. Rules are few and each one catches real bugs here.
import tseslint from 'typescript-eslint';

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
    },
  },
  {
    files: ['packages/**/*.{ts,tsx,js,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: packagesNeverImportApps }] },
  },
  {
    files: ['packages/client/src/**/*.ts'],
    ignores: ['packages/client/src/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...packagesNeverImportApps, ...browserSafe] }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Browser-safe code reads Node globals through globalThis, guarded.' },
        { name: 'Buffer', message: 'Browser-safe code has no Buffer: use Uint8Array / TextEncoder.' },
      ],
    },
  },
);
