import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The browser tests and the bench build into their own folder, so a concurrent `npm start` or
  // turbo build of `.next` cannot pull the build out from under a running test.
  distDir: process.env.DISTILLERY_WEB_DIST_DIR || '.next',
};

export default config;
