// The dashboard in a real browser (Debian chromium) against the real API and PostgreSQL.
import { buildServer } from '@distillery/api';
import { freePort } from '@distillery/db/embedded';
import { gqlData, logPoints, startTestApi, type TestApi } from '@distillery/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { operationOf, shot, signInAs as signInWith, watchPage } from './dashboard-stack.ts';
import { seedExperiment, type SeededProject } from './seed.ts';
import { launchChromium, startWeb } from './stack.ts';
import { ensureWebBuild } from './web-build.ts';

let api: TestApi;
let apiUrl: string;
let web: { url: string; stop: () => Promise<void> };
let chrome: { browser: Browser; close: () => Promise<void> };
let seeded: SeededProject;
let page: Page;

const signInAs = (p: Page, email: string, password: string) => signInWith(p, web.url, email, password);
const watch = watchPage;

beforeAll(async () => {
  const build = ensureWebBuild((s) => process.stderr.write(`${s}\n`));
  // A fixed port, so the reconnect test can stop the API and bring it back where the page expects it.
  api = await startTestApi(buildServer, { port: await freePort() });
  apiUrl = api.url;
  seeded = await seedExperiment(api.db.prisma, apiUrl, `b${Date.now()}`);
  await build;
  web = await startWeb(apiUrl);
  chrome = await launchChromium();
  const ctx = await chrome.browser.newContext({ viewport: { width: 1366, height: 860 } });
  page = await ctx.newPage();
  watch(page);
}, 240_000);

afterAll(async () => {
  await chrome?.close();
  await web?.stop();
  await api?.close();
});

describe('dashboard in Chromium', () => {
  it('signs in with email and password and lists the project', async () => {
    await page.goto(`${web.url}/sign-in`);
    await shot(page, 'sign-in');
    await signInAs(page, seeded.admin.email, seeded.admin.password);
    await page.getByText('MTKD on MNIST').waitFor();
    await shot(page, 'projects');
    await page.getByText('MTKD on MNIST').click();
    await page.getByTestId('running-count').filter({ hasText: '2' }).waitFor();
    await shot(page, 'project-home');
  });

  it('shows a point logged through the API on the open run within 2 s', async () => {
    const runId = seeded.liveRunIds[0]!;
    await page.goto(`${web.url}/p/${seeded.projectId}/runs/${runId}`);
    const chart = page.locator('[data-testid="chart-loss"][data-drawn="1"]');
    await chart.waitFor();
    await expect(chart.getAttribute('data-last-x')).resolves.toBe('199');
    await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
    const loggedAt = Date.now();
    await logPoints(apiUrl, seeded.admin.token, runId, [{ key: 'loss', step: 250, value: 0.05 }]);
    await page.locator('[data-testid="chart-loss"][data-last-x="250"]').waitFor({ timeout: 2_000 });
    expect(Date.now() - loggedAt).toBeLessThan(2_000);
    expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    // Hovering a chart reads out the values under the cursor.
    await page.locator('[data-testid="chart-loss"] .u-over').hover({ position: { x: 150, y: 60 } });
    await page.locator('.chart-hover').filter({ hasText: 'val_loss' }).waitFor();
    await shot(page, 'run');
  });

  it('shows why the charts could not load, with a retry that recovers (no endless loading)', async () => {
    const runId = seeded.liveRunIds[0]!;
    // The one injected fault: the API's metricSeries answers refused while `failing` is set.
    let failing = true;
    await page.route('**/graphql', async (route) => {
      if (!failing || operationOf(route.request()) !== 'MetricSeries') return route.continue();
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: 'metric store unavailable', extensions: { code: 'INTERNAL' } }],
        }),
      });
    });
    try {
      await page.goto(`${web.url}/p/${seeded.projectId}/runs/${runId}`);
      const failure = page.getByTestId('metrics-error');
      await failure.filter({ hasText: 'INTERNAL' }).filter({ hasText: 'metric store unavailable' }).waitFor();
      expect(await page.getByText('Loading metrics…').count()).toBe(0);
      await shot(page, 'run-metrics-error');
      failing = false;
      await failure.getByRole('button', { name: 'Retry' }).click();
      await page.locator('[data-testid="chart-loss"][data-drawn="1"]').waitFor();
      expect(await failure.count()).toBe(0);
      await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
    } finally {
      await page.unroute('**/graphql');
    }
  });

  it('refetches what a mutation changed: saved tags come back from the API on the open page', async () => {
    const runId = seeded.liveRunIds[0]!;
    await page.goto(`${web.url}/p/${seeded.projectId}/runs/${runId}`);
    await page.locator('[data-testid="chart-loss"][data-drawn="1"]').waitFor();
    const runReads: number[] = [];
    const onRequest = (r: { postDataJSON(): unknown }) => {
      if ((r.postDataJSON() as { operationName?: string } | null)?.operationName === 'Run')
        runReads.push(Date.now());
    };
    page.on('request', onRequest);
    try {
      await page.getByLabel('Tags').fill('kd, reviewed');
      await page.getByRole('button', { name: 'Save tags and note' }).click();
      await page.getByText('Saved').waitFor();
      // The mutations invalidated the cached run: the page read it again without being told to.
      await expect.poll(() => runReads.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.getByLabel('Tags').inputValue()).toBe('kd, reviewed');
      const stored = await api.db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
      expect(stored.tags).toEqual(['kd', 'reviewed']);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('reconnects after the API drops the connection and backfills what was logged meanwhile', async () => {
    const runId = seeded.liveRunIds[0]!;
    await page.goto(`${web.url}/p/${seeded.projectId}/runs/${runId}`);
    await page.locator('[data-testid="chart-loss"][data-drawn="1"]').waitFor();
    await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
    await api.stop();
    await page.getByTestId('live-state').filter({ hasText: 'reconnecting' }).waitFor();
    // While the page's API is down, a second API process on the same database takes the write.
    const other = await startTestApi(buildServer, { db: api.db });
    await logPoints(other.url, seeded.admin.token, runId, [{ key: 'loss', step: 300, value: 0.04 }]);
    await other.close();
    await api.start();
    await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="chart-loss"][data-last-x="300"]').waitFor({ timeout: 5_000 });
  });

  it('compares two runs selected in the runs table', async () => {
    await page.goto(`${web.url}/p/${seeded.projectId}/runs`);
    await page
      .getByTestId('runs-total')
      .filter({ hasText: /^4\d runs$/ })
      .waitFor();
    await shot(page, 'runs');
    // Status chips follow runUpdated: cancel live-b through the API and watch its row change.
    const liveB = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'live-b', exact: true }) });
    await liveB.getByText('running').waitFor();
    await gqlData(
      apiUrl,
      'mutation($r: ID!) { cancelRun(runId: $r) { id status } }',
      { r: seeded.liveRunIds[1] },
      seeded.admin.token,
    );
    await liveB.getByText('cancelled').waitFor({ timeout: 5_000 });
    await page.getByLabel('Select live-a').check();
    await page.getByLabel('Select live-b').check();
    await page.getByRole('button', { name: /Compare 2/ }).click();
    await page.waitForURL(/\/compare\?runs=/);
    const chart = page.locator('[data-testid="compare-chart-loss"][data-drawn="1"]');
    await chart.waitFor();
    await expect(chart.getAttribute('data-series')).resolves.toBe('2');
    await page.getByTestId('parallel').waitFor();
    // x by epoch maps each run's steps through its logged `epoch` metric (4 epochs of 50 steps).
    await page.getByLabel('X axis').selectOption('epoch');
    await page.locator('[data-testid="compare-chart-loss"][data-drawn="1"][data-last-x="4"]').waitFor();
    await page.getByLabel('X axis').selectOption('step');
    await shot(page, 'compare');
  });

  it('shows the results table with mean (SEM), n of the seeded students', async () => {
    await page.goto(`${web.url}/p/${seeded.projectId}/results`);
    const tables = page.getByTestId('results-tables');
    await tables.waitFor();
    // N = 3, p = 1, mimic_all, pooled over both α and both repetitions.
    const cell = seeded.students
      .filter((s) => s.n === 3 && s.p === 1 && s.mode === 'MIMIC_ALL')
      .map((s) => s.acc);
    const mean = cell.reduce((a, b) => a + b, 0) / cell.length;
    const sd = Math.sqrt(cell.reduce((a, b) => a + (b - mean) ** 2, 0) / (cell.length - 1));
    const text = `${(mean * 100).toFixed(2)} (${((sd / Math.sqrt(cell.length)) * 100).toFixed(2)}), ${cell.length}`;
    await tables.getByText(text, { exact: true }).waitFor();
    // Unticking α = 0.5 pools only α = 0.
    await page.getByLabel('0.5', { exact: true }).uncheck();
    const only0 = seeded.students
      .filter((s) => s.n === 3 && s.p === 1 && s.mode === 'MIMIC_ALL' && s.alpha === 0)
      .map((s) => s.acc);
    const m0 = only0.reduce((a, b) => a + b, 0) / only0.length;
    await tables
      .getByText(new RegExp(`^${(m0 * 100).toFixed(2)} \\(.*\\), 2$`))
      .first()
      .waitFor();
    await page.getByLabel('0.5', { exact: true }).check();
    await page.locator('[data-testid="plot-vs-p"][data-drawn="1"]').waitFor();
    await page.locator('[data-testid="plot-kinds"][data-drawn="1"]').waitFor();
    await page.getByTestId('compression').waitFor();
    await shot(page, 'results', true);
  });

  it('renders the ensemble, lineage, launch and audit pages', async () => {
    await page.goto(`${web.url}/p/${seeded.projectId}/ensembles`);
    await page.getByTestId('fusion-rules').waitFor();
    await page.getByText('86.00 %').first().waitFor();
    // Diversity from the evaluation run's stored matrices, measure picked; the best rule's confusion matrix.
    await page.getByTestId('diversity').waitFor();
    await page.getByLabel('Diversity measure').selectOption('kappa');
    expect(await page.getByLabel('Diversity measure').inputValue()).toBe('kappa');
    await page.getByText('oracle accuracy 97.00 %').waitFor();
    await page.getByTestId('confusion').waitFor();
    expect(await page.getByLabel('Fusion rule').inputValue()).toBe('mean');
    await shot(page, 'ensembles', true);
    await page.goto(`${web.url}/p/${seeded.projectId}/lineage`);
    await page.getByTestId('lineage-graph').waitFor();
    await page.getByText('Dataset: mnist').waitFor();
    await shot(page, 'lineage');
    await page.goto(`${web.url}/p/${seeded.projectId}/launch`);
    await page.getByRole('button', { name: 'Launch grid' }).waitFor();
    // A browser-side check and an API field error both land at their field.
    await page.fill('input[name=name]', 'grid-1');
    await page.fill('input[name=fractions]', '0.6, 1.5');
    await page.getByRole('button', { name: 'Launch grid' }).click();
    await page.getByText('1.5: must be in (0, 1]').waitFor();
    // An FGE grid trains one teacher run per (r, p) (the preview counts it so) and needs a checkpoint
    // per member: the API's refusal of N = 3 with 2 cycles lands at N.
    await page.fill('input[name=fractions]', '0.6');
    await page.fill('input[name=teacherCounts]', '2, 3');
    await page.getByLabel('Teacher origin').selectOption('FGE');
    await page
      .getByTestId('grid-preview')
      .filter({
        hasText: 'This grid queues 7 runs: 1 teacher, 2 ensemble evaluations, 2 students, 1 baseline',
      })
      .waitFor();
    await page.fill('input[name=cycles]', '2');
    await page.getByRole('button', { name: 'Launch grid' }).click();
    await page.getByText(/N = 3 needs 3 checkpoints, but the FGE schedule has 2 cycles/).waitFor();
    await shot(page, 'launch');
    await page.goto(`${web.url}/p/${seeded.projectId}/audit`);
    await page.getByTestId('chain-result').filter({ hasText: 'Chain intact' }).waitFor();
    await page.getByRole('cell', { name: 'registerDataset' }).first().waitFor();
    await shot(page, 'audit');
  });

  it('signs in with an API token', async () => {
    const { createApiToken } = await gqlData<{ createApiToken: { secret: string } }>(
      apiUrl,
      'mutation { createApiToken(input: { name: "browser" }) { secret } }',
      {},
      seeded.admin.token,
    );
    const ctx = await chrome.browser.newContext();
    const p = await ctx.newPage();
    watch(p);
    await p.goto(`${web.url}/sign-in`);
    await p.getByRole('button', { name: 'API token' }).click();
    await p.fill('input[name=token]', 'dst_not-a-real-token');
    await p.click('button[type=submit]');
    await p.getByRole('alert').first().waitFor();
    expect(p.url()).toMatch(/\/sign-in$/);
    await p.fill('input[name=token]', createApiToken.secret);
    await p.click('button[type=submit]');
    await p.waitForURL(/\/projects$/);
    await p.getByText('MTKD on MNIST').waitFor();
    // Signing out drops the session's cache instead of refetching it with a dead token.
    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.waitForURL(/\/sign-in$/);
    // A page that needs a session sends an anonymous visitor to sign in, and back afterwards.
    await p.goto(`${web.url}/projects`);
    await p.waitForURL(/\/sign-in\?next=%2Fprojects$/);
    await ctx.close();
  });

  it('hides launch and run controls from a viewer', async () => {
    const ctx = await chrome.browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
    });
    const viewer = await ctx.newPage();
    watch(viewer);
    await signInAs(viewer, seeded.viewer.email, seeded.viewer.password);
    await viewer.goto(`${web.url}/p/${seeded.projectId}/runs/${seeded.liveRunIds[1]}`);
    await viewer.locator('[data-testid="chart-loss"][data-drawn="1"]').waitFor();
    await viewer.getByText('Your role: viewer').waitFor();
    expect(await viewer.getByRole('link', { name: 'Launch' }).count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    expect(await viewer.getByTestId('run-actions').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    await shot(viewer, 'viewer-run-dark');
    await viewer.goto(`${web.url}/p/${seeded.projectId}/launch`);
    await viewer.getByText('Viewers cannot launch work in this project.').waitFor();
    expect(await viewer.getByRole('button', { name: 'Launch grid' }).count()).toBe(0);
    await shot(viewer, 'viewer-launch-dark');
    await ctx.close();
  });
});
