import { defineConfig } from 'vitest/config';

import { LongestFirstSequencer } from './scripts/testing/order-test-files.ts';

// One Vitest run for the whole repository: a single global setup provisions PostgreSQL once
// (DATABASE_URL, else 127.0.0.1:5432, else embedded) and every test file clones its own database.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    globalSetup: ['packages/db/src/testing/global-setup.ts'],
    pool: 'forks',
    // Three forks on two cores: many files spend their time waiting on child processes (runners, the
    // dashboard, PostgreSQL restarts), which a third fork fills with work.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    sequence: { sequencer: LongestFirstSequencer },
  },
});
