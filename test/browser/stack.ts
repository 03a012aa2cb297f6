import { type ChildProcess, spawn } from 'node:child_process';
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '@distillery/db/embedded';
import { type Browser, chromium } from 'playwright-core';

import { ROOT, TEST_DIST_DIR, WEB_DIR } from './web-build.ts';

/** Where the browser tests and the bench put screenshots (git-ignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** `next start` of the built dashboard, pointed at `apiUrl` (on `port` when the API must know it first). */
export async function startWeb(
  apiUrl: string,
  options: { port?: number } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'next'),
    ['start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        DISTILLERY_WEB_DIST_DIR: TEST_DIST_DIR,
        NEXT_PUBLIC_API_URL: apiUrl,
        API_URL: apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${out}`);
    const ok = await fetch(`${url}/sign-in`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${out}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Debian chromium with the flags this offline machine needs (Playwright gives it a fresh temporary profile). */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const executablePath = execSync('command -v chromium', { shell: '/bin/sh', encoding: 'utf8' }).trim();
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    browser,
    close: () => browser.close(),
  };
}
