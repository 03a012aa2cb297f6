// One home for what every browser test file starts: the real API on PostgreSQL, the built dashboard,
// Debian Chromium, a seeded project, and pages signed in as its admin (light or dark).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { buildServer } from '@distillery/api';
import { freePort } from '@distillery/db/embedded';
import { startTestApi, type TestApi } from '@distillery/testing';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';

import { seedExperiment, type SeededProject } from './seed.ts';
import { ARTIFACTS, launchChromium, startWeb } from './stack.ts';
import { ensureWebBuild } from './web-build.ts';

/** A running dashboard stack for one test file. */
export interface DashboardStack {
  api: TestApi;
  apiUrl: string;
  webUrl: string;
  browser: Browser;
  seeded: SeededProject;
  /** A new page (own context) signed in as `email` (the seeded admin by default). */
  signedInPage: (opts?: { dark?: boolean; email?: string; width?: number; height?: number }) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * Save a screenshot as test-artifacts/web-<name>.png; with DISTILLERY_SHOTS_DIR set, a copy goes
 * there too (for the people who look at them).
 */
export async function shot(p: Page, name: string, fullPage = false): Promise<void> {
  const file = join(ARTIFACTS, `web-${name}.png`);
  await p.screenshot({ path: file, fullPage });
  const extra = process.env.DISTILLERY_SHOTS_DIR;
  if (extra) {
    mkdirSync(extra, { recursive: true });
    copyFileSync(file, join(extra, `${name}.png`));
  }
}

/** Browser-side errors go to stderr, so a failing test says why. */
export function watchPage(p: Page): void {
  p.setDefaultTimeout(10_000);
  p.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
  p.on('console', (m) => m.type() === 'error' && process.stderr.write(`[browser console] ${m.text()}\n`));
}

/** The GraphQL operation a browser request carries (undefined for anything else). */
export function operationOf(r: Request): string | undefined {
  try {
    return (r.postDataJSON() as { operationName?: string } | null)?.operationName;
  } catch {
    return undefined;
  }
}

/** Sign in through the dashboard's form. */
export async function signInAs(p: Page, webUrl: string, email: string, password: string): Promise<void> {
  await p.goto(`${webUrl}/sign-in`);
  await p.fill('input[name=email]', email);
  await p.fill('input[name=password]', password);
  await p.click('button[type=submit]');
  // Password hashing is slow on a loaded machine.
  await p.waitForURL(/\/projects$/, { timeout: 30_000 });
}

/**
 * Start API + seeded project + dashboard + Chromium (the build runs while the API seeds); the API's
 * artifact store is the local folder `artifactRoot` when given (tests that put files there).
 */
export async function startDashboardStack(
  tag: string,
  options: { artifactRoot?: string } = {},
): Promise<DashboardStack> {
  const build = ensureWebBuild((s) => process.stderr.write(`${s}\n`));
  const api = await startTestApi(buildServer, {
    port: await freePort(),
    ...(options.artifactRoot
      ? { server: { artifactStore: { kind: 'local' as const, root: options.artifactRoot } } }
      : {}),
  });
  const seeded = await seedExperiment(api.db.prisma, api.url, `${tag}${Date.now()}`);
  await build;
  const web = await startWeb(api.url);
  const chrome = await launchChromium();
  // Sign in through the form once per user; later pages reuse that session cookie.
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  return {
    api,
    apiUrl: api.url,
    webUrl: web.url,
    browser: chrome.browser,
    seeded,
    signedInPage: async ({ dark = false, email, width = 1400, height = 900 } = {}) => {
      const who = email ?? seeded.admin.email;
      const known = sessions.get(who);
      const ctx = await chrome.browser.newContext({
        viewport: { width, height },
        colorScheme: dark ? 'dark' : 'light',
        ...(known ? { storageState: known } : {}),
      });
      const p = await ctx.newPage();
      watchPage(p);
      if (!known) {
        await signInAs(p, web.url, who, seeded.admin.password);
        sessions.set(who, await ctx.storageState());
      }
      return p;
    },
    close: async () => {
      await chrome.close();
      await web.stop();
      await api.close();
    },
  };
}
