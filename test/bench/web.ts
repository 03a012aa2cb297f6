// `npm run bench -- web`: time to first render of the runs table (10,000 runs), of the runs table
// grouped (1,000 runs in 10 groups, all loaded and aggregated) and of the compare chart
// (100 runs × 1,000 points; and the same runs grouped by lr, 10 mean ± SEM groups) in Chromium, from navigation start to the app's User Timing mark
// (rows in the DOM / uPlot drawn). Baselines from the same run: the sign-in page's first paint
// (the app shell alone) and the API time of the data each page needs.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildServer } from '@distillery/api';
import { createDatabase, withDatabase } from '@distillery/db';
import { startEmbeddedPostgres, freePort } from '@distillery/db/embedded';
import { installJobQueue } from '@distillery/db/jobs';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';
import { hashPassword } from '@distillery/db/seed';
import pg from 'pg';
import type { Page } from 'playwright-core';

import { gqlData, logPoints, signIn } from '@distillery/testing';
import { signInAs } from '../browser/dashboard-stack.ts';
import { ARTIFACTS, launchChromium, startWeb } from '../browser/stack.ts';
import { ensureWebBuild } from '../browser/web-build.ts';

const say = (s: string) => process.stderr.write(`bench web: ${s}\n`);
const RUNS = 10_000;
const COMPARE_RUNS = 100;
const POINTS = 1_000;
const REPEATS = 5;
const GROUPED_RUNS = 1_000;
const GROUPS = 10;

async function adminServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const candidates = [process.env.DATABASE_URL, 'postgresql://postgres@127.0.0.1:5432/postgres'].filter(
    (u): u is string => !!u,
  );
  for (const url of candidates) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
    const ok = await c.connect().then(
      () => true,
      () => false,
    );
    await c.end().catch(() => undefined);
    if (ok) return { adminUrl: url, stop: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'distillery-bench-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Navigate and return the mark's time from navigation start (ms). */
async function timeTo(page: Page, url: string, mark: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (m) => performance.getEntriesByName(m)[0]?.startTime ?? null,
    mark,
    { timeout: 60_000, polling: 50 },
  );
  return Math.round((await handle.jsonValue()) as number);
}

async function main(): Promise<void> {
  const build = ensureWebBuild(say);
  const server = await adminServer();
  const name = `bench_web_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = withDatabase(server.adminUrl, name);
  await applyMigrations(url, MIGRATIONS_DIR);
  await installJobQueue(url);
  const db = createDatabase(url, { max: 4 });
  const api = buildServer({ databaseUrl: url, port: 0, poolSize: 8 });
  const apiUrl = await api.start();
  let close = async () => undefined as void;
  try {
    say(`seeding ${RUNS} runs and ${COMPARE_RUNS} × ${POINTS} points…`);
    const user = await db.prisma.user.create({
      data: { email: 'bench@lab.test', name: 'Bench', passwordHash: await hashPassword('bench-password') },
    });
    const project = await db.prisma.project.create({ data: { slug: 'bench', name: 'Bench' } });
    await db.prisma.membership.create({ data: { projectId: project.id, userId: user.id, role: 'ADMIN' } });
    const modes = ['MIMIC_ALL', 'LOSS_AVG', 'OUTPUT_AVG'];
    const statuses = ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'RUNNING', 'QUEUED'] as const;
    const t0 = Date.now() - RUNS * 1000;
    for (let start = 0; start < RUNS; start += 2000) {
      await db.prisma.run.createMany({
        data: Array.from({ length: Math.min(2000, RUNS - start) }, (_, j) => {
          const i = start + j;
          return {
            projectId: project.id,
            kind: i % 5 === 0 ? ('TEACHER' as const) : ('STUDENT' as const),
            status: statuses[i % statuses.length]!,
            name: `run-${String(i).padStart(5, '0')}`,
            params: {
              lr: 0.001 * (1 + (i % 7)),
              batchSize: 32 << (i % 3),
              mode: modes[i % 3],
              alpha: (i % 4) * 0.25,
              fraction: 0.6 + (i % 5) * 0.1,
            },
            summary: {
              test_accuracy: 0.7 + ((i * 7919) % 1000) / 5000,
              val_accuracy: 0.72 + ((i * 104729) % 1000) / 5000,
              loss: 0.3 + ((i * 31) % 100) / 200,
            },
            tags: i % 10 === 0 ? ['sweep', `g${i % 3}`] : [],
            createdById: user.id,
            createdAt: new Date(t0 + i * 1000),
          };
        }),
      });
    }
    // The grouped view: 1,000 runs of another project in 10 seeds, grouped by seed (every run is
    // loaded and aggregated before the first group row shows).
    const grouped = await db.prisma.project.create({ data: { slug: 'bench-groups', name: 'Bench groups' } });
    await db.prisma.membership.create({ data: { projectId: grouped.id, userId: user.id, role: 'ADMIN' } });
    await db.prisma.run.createMany({
      data: Array.from({ length: GROUPED_RUNS }, (_, i) => ({
        projectId: grouped.id,
        kind: 'STUDENT' as const,
        status: 'SUCCEEDED' as const,
        name: `seeded-${String(i).padStart(4, '0')}`,
        params: { seed: i % GROUPS, mode: modes[i % 3], alpha: (i % 4) * 0.25 },
        summary: { test_accuracy: 0.8 + ((i * 7919) % 1000) / 10_000, loss: 0.3 + ((i * 31) % 100) / 200 },
        createdById: user.id,
        createdAt: new Date(t0 + i * 1000),
      })),
    });
    const token = await signIn(apiUrl, 'bench@lab.test', 'bench-password');
    const compareIds: string[] = [];
    for (let r = 0; r < COMPARE_RUNS; r++) {
      const run = await db.prisma.run.create({
        data: {
          projectId: project.id,
          kind: 'BASELINE',
          // Users write metrics only to running script runs; finished once the curves are in.
          status: 'RUNNING',
          name: `curve-${r}`,
          params: { lr: 0.001 * (1 + (r % 10)), width: 16 << (r % 4) },
          summary: { test_accuracy: 0.8 + (r % 17) / 200 },
          createdById: user.id,
          createdAt: new Date(t0 - 1000 * (r + 1)),
        },
      });
      compareIds.push(run.id);
    }
    const batches = compareIds.map(
      (id, r) => () =>
        logPoints(
          apiUrl,
          token,
          id,
          Array.from({ length: POINTS }, (_, step) => ({
            key: 'loss',
            step,
            value: 2.3 * Math.exp(-step / (150 + 3 * r)) + 0.05 * Math.sin(step / 7 + r) + 0.1,
          })),
        ),
    );
    for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map((b) => b()));
    await db.prisma.run.updateMany({ where: { id: { in: compareIds } }, data: { status: 'SUCCEEDED' } });

    // API baselines: the data each page asks for, timed from Node.
    const apiTime = async (query: string, variables: Record<string, unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const s = performance.now();
        await gqlData(apiUrl, query, variables, token);
        xs.push(performance.now() - s);
      }
      return Math.round(median(xs));
    };
    const runsApiMs = await apiTime(
      'query($p: ID!) { runs(projectId: $p, first: 200) { totalCount edges { node { id name kind status tags params summary createdAt } } } }',
      { p: project.id },
    );
    const chunkedApi: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const s0 = performance.now();
      await Promise.all(
        [0, 25, 50, 75].map((o) =>
          gqlData(
            apiUrl,
            'query($ids: [ID!]!) { compareRuns(ids: $ids, keys: ["loss"], buckets: 250) { runId key points { step min max last } } }',
            { ids: compareIds.slice(o, o + 25) },
            token,
          ),
        ),
      );
      chunkedApi.push(performance.now() - s0);
    }
    say(
      `compareRuns as the page asks (4 × 25 runs, 250 buckets, in parallel): ${Math.round(median(chunkedApi))} ms`,
    );
    // All 100 runs in one request, at the page's 250 buckets (500 exceeds the API's query cost limit).
    const compareApiMs = await apiTime(
      'query($ids: [ID!]!) { compareRuns(ids: $ids, keys: ["loss"], buckets: 250) { runId key points { step min max last } } }',
      { ids: compareIds },
    );

    await build;
    const web = await startWeb(apiUrl);
    const chrome = await launchChromium();
    close = async () => {
      await chrome.close();
      await web.stop();
    };
    // Signed in through the form, as a person is (the session is an HttpOnly cookie the proxy reads).
    const ctx = await chrome.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signInAs(page, web.url, 'bench@lab.test', 'bench-password');
    const cookie = (await ctx.cookies(web.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    // The same four requests through the dashboard's /graphql proxy, to see what the extra hop costs.
    const viaProxy: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const s0 = performance.now();
      await Promise.all(
        [0, 25, 50, 75].map(async (o) => {
          const res = await fetch(`${web.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({
              query:
                'query($ids: [ID!]!) { compareRuns(ids: $ids, keys: ["loss"], buckets: 250) { runId key points { step min max last } } }',
              variables: { ids: compareIds.slice(o, o + 25) },
            }),
          });
          const body = (await res.json()) as { errors?: unknown[] };
          if (body.errors?.length) throw new Error(`proxy: ${JSON.stringify(body.errors[0])}`);
        }),
      );
      viaProxy.push(performance.now() - s0);
    }
    say(`the same through the dashboard proxy: ${Math.round(median(viaProxy))} ms`);
    const runsUrl = `${web.url}/p/${project.id}/runs`;
    const compareUrl = `${web.url}/p/${project.id}/compare?runs=${compareIds.join(',')}`;
    // The same runs grouped by lr (10 groups of 10): mean lines with ±SEM bands, after the runs' params.
    const compareGroupedUrl = `${compareUrl}&group=lr`;
    const groupedUrl = `${web.url}/p/${grouped.id}/runs?group=seed&cols=summary.test_accuracy,summary.loss,params.alpha`;
    // Warm-up (first requests compile nothing in a production build, but fill caches on both sides).
    await timeTo(page, runsUrl, 'distillery:runs-rows');
    await timeTo(page, compareUrl, 'distillery:chart:compare-chart-loss');
    await timeTo(page, groupedUrl, 'distillery:runs-groups');
    const shell: number[] = [];
    const runs: number[] = [];
    const compare: number[] = [];
    const groupedMs: number[] = [];
    const compareGrouped: number[] = [];
    await timeTo(page, compareGroupedUrl, 'distillery:chart:compare-chart-loss');
    for (let i = 0; i < REPEATS; i++) {
      shell.push(await timeTo(page, `${web.url}/sign-in`, 'first-contentful-paint'));
      runs.push(await timeTo(page, runsUrl, 'distillery:runs-rows'));
      compare.push(await timeTo(page, compareUrl, 'distillery:chart:compare-chart-loss'));
      compareGrouped.push(await timeTo(page, compareGroupedUrl, 'distillery:chart:compare-chart-loss'));
      groupedMs.push(await timeTo(page, groupedUrl, 'distillery:runs-groups'));
    }
    // Where the time goes, for the prose report: document, scripts, GraphQL requests, the mark.
    for (const [label, url, mark] of [
      ['runs', runsUrl, 'distillery:runs-rows'],
      ['compare', compareUrl, 'distillery:chart:compare-chart-loss'],
      ['grouped', groupedUrl, 'distillery:runs-groups'],
    ] as const) {
      await timeTo(page, url, mark);
      const t = await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const gql = res.filter((r) => r.name.endsWith('/graphql')).map((r) => Math.round(r.startTime) + '→' + Math.round(r.responseEnd));
        const js = res.filter((r) => r.name.endsWith('.js'));
        return { html: Math.round(nav.responseEnd), dcl: Math.round(nav.domContentLoadedEventEnd), lastJs: Math.round(Math.max(...js.map((r) => r.responseEnd))), jsKb: Math.round(js.reduce((a, r) => a + r.encodedBodySize, 0) / 1024), gql, mark: Math.round(performance.getEntriesByName(${JSON.stringify(mark)})[0].startTime) };
      })()`);
      say(`${label} breakdown ${JSON.stringify(t)}`);
    }
    await timeTo(page, compareUrl, 'distillery:chart:compare-chart-loss');
    await page.screenshot({ path: join(ARTIFACTS, 'web-bench-compare.png') });
    await timeTo(page, compareGroupedUrl, 'distillery:chart:compare-chart-loss');
    await page.screenshot({ path: join(ARTIFACTS, 'web-bench-compare-grouped.png') });
    await page.goto(runsUrl);
    const rowsShown = await page.getByTestId('runs-total').filter({ hasText: /[1-9]/ }).textContent();
    await page.screenshot({ path: join(ARTIFACTS, 'web-bench-runs.png') });
    await timeTo(page, groupedUrl, 'distillery:runs-groups');
    const groupRows = await page.locator('.group-row').count();
    await page.screenshot({ path: join(ARTIFACTS, 'web-bench-grouped.png') });
    if (groupRows !== GROUPS) throw new Error(`the grouped view shows ${groupRows} groups, not ${GROUPS}`);
    say(
      `runs table shows "${rowsShown?.trim()}"; samples runs=${runs.join(',')} compare=${compare.join(',')} compare-grouped=${compareGrouped.join(',')} shell=${shell.join(',')}`,
    );
    console.log(
      JSON.stringify({
        bench: 'web',
        page: 'runs',
        ms: median(runs),
        runs: RUNS,
        apiMs: runsApiMs,
        shellMs: median(shell),
        samples: runs,
      }),
    );
    console.log(
      JSON.stringify({
        bench: 'web',
        page: 'compare',
        ms: median(compare),
        runs: COMPARE_RUNS,
        points: POINTS,
        apiMs: compareApiMs,
        shellMs: median(shell),
        samples: compare,
      }),
    );
    console.log(
      JSON.stringify({
        bench: 'web',
        page: 'runs-grouped',
        ms: median(groupedMs),
        runs: GROUPED_RUNS,
        groups: GROUPS,
        shellMs: median(shell),
        samples: groupedMs,
      }),
    );
    console.log(
      JSON.stringify({
        bench: 'web',
        page: 'compare-grouped',
        ms: median(compareGrouped),
        runs: COMPARE_RUNS,
        groups: 10,
        points: POINTS,
        shellMs: median(shell),
        samples: compareGrouped,
      }),
    );
  } finally {
    await close();
    await api.stop();
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
