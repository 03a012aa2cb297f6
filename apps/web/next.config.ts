import { join } from 'node:path';

import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The browser tests and the bench build into their own folder, so a concurrent `npm start` or
  // turbo build of `.next` cannot pull the build out from under a running test.
  distDir: process.env.DISTILLERY_WEB_DIST_DIR || '.next',
  // The image's dashboard is the standalone server (only the files it needs, no next CLI); `npm start`
  // keeps `next start`, which refuses a standalone build with a warning.
  ...(process.env.DISTILLERY_WEB_STANDALONE === '1'
    ? { output: 'standalone' as const, outputFileTracingRoot: join(__dirname, '..', '..') }
    : {}),
};

export default config;
