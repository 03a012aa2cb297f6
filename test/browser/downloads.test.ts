// Issue 17 (downloads), in Chromium against the real API and PostgreSQL: the run page downloads a
// run's whole metric history as CSV (more points than one page, every key, step, value and wall time)
// and its artifacts (a TensorFlow.js model's files, safetensors, a checkpoint) through the dashboard's
// same-origin route, byte for byte; the per-class, ensemble and results tables download as CSV in
// full precision from the one shared button (light and dark screenshots of the downloads section).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bundleDigest, openArtifactStore } from '@distillery/artifacts';
import { logPoints, recordFinalPredictions } from '@distillery/testing';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';

const root = mkdtempSync(join(tmpdir(), 'web-downloads-'));
const store = openArtifactStore({ kind: 'local', root });
let stack: DashboardStack;
let base: string;
let runId: string;
const T0 = Date.parse('2026-03-04T05:06:07.000Z');
// More loss points than one metricPoints page (5,000), a sparse key, and one logged once.
const POINTS = [
  ...Array.from({ length: 5200 }, (_, step) => ({ key: 'loss', step, value: 2 / (step + 1) + 1e-9 * step })),
  ...Array.from({ length: 52 }, (_, i) => ({ key: 'val_accuracy', step: i * 100, value: 0.5 + i / 107 })),
  { key: 'lr', step: 0, value: 0.001 },
].map((p, i) => ({ ...p, wallTime: new Date(T0 + i * 250).toISOString() }));
const shard = new Uint8Array(1_300_000).map((_, i) => (i * 7) % 253);
const safetensors = new Uint8Array(420_000).map((_, i) => (i * 13) % 241);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Store `bytes` as the runner does and return the file entry an artifact row lists. */
async function put(projectId: string, path: string, bytes: Uint8Array, contentType: string) {
  return { path, contentType, ...(await store.put(`${projectId}/${runId}/${path}`, bytes)) };
}

beforeAll(async () => {
  stack = await startDashboardStack('downloads', { artifactRoot: root });
  const { projectId, admin } = stack.seeded;
  base = `${stack.webUrl}/p/${projectId}`;
  const prisma = stack.api.db.prisma;
  const split = await prisma.split.findFirstOrThrow({ where: { dataset: { projectId } } });
  // RUNNING while it logs (a user's logMetrics writes to a script's running run), then SUCCEEDED.
  const run = await prisma.run.create({
    data: {
      projectId,
      kind: 'BASELINE',
      status: 'RUNNING',
      name: 'downloads baseline',
      datasetId: split.datasetId,
      splitId: split.id,
      architectureKey: 'tiny',
    },
  });
  runId = run.id;
  await logPoints(stack.apiUrl, admin.token, runId, POINTS);
  await prisma.run.update({ where: { id: runId }, data: { status: 'SUCCEEDED', finishedAt: new Date() } });
  const modelJson = new TextEncoder().encode('{"format":"layers-model","weightsManifest":[]}');
  const tfjs = [
    await put(projectId, 'tfjs/model.json', modelJson, 'application/json'),
    await put(projectId, 'tfjs/group1-shard1of1.bin', shard, 'application/octet-stream'),
  ].map((f) => ({ ...f, path: f.path.slice('tfjs/'.length) }));
  const st = await put(projectId, 'model.safetensors', safetensors, 'application/octet-stream');
  const ck = await put(projectId, 'final.ckpt', shard.subarray(0, 5_000), 'application/octet-stream');
  const row = (
    kind: 'TFJS_MODEL' | 'SAFETENSORS' | 'CHECKPOINT',
    f: typeof st,
    files: (typeof st)[] = [],
  ) => ({
    projectId,
    runId,
    kind,
    name: f.path,
    uri: f.uri,
    sha256: files.length ? bundleDigest(files) : f.sha256,
    sizeBytes: BigInt(files.length ? files.reduce((a, x) => a + x.sizeBytes, 0) : f.sizeBytes),
    contentType: f.contentType,
    files: files.length ? files : [],
  });
  await prisma.artifact.create({ data: row('CHECKPOINT', ck) });
  await prisma.artifact.create({ data: row('TFJS_MODEL', tfjs[0]!, tfjs) });
  await prisma.artifact.create({ data: row('SAFETENSORS', st) });
}, 900_000);
afterAll(async () => {
  await stack?.close();
});

/** Click `button` and return the file it downloads, as text and bytes. */
async function downloadOf(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}
const csvOf = (b: Buffer) => parse(b.toString('utf8'), { columns: true }) as Record<string, string>[];

describe('downloads', () => {
  it('downloads a run’s whole metric history and its model files from the run page', async () => {
    for (const dark of [false, true]) {
      const page = await stack.signedInPage({ dark });
      await page.goto(`${base}/runs/${runId}`);
      const section = page.getByTestId('run-downloads');
      const table = section.getByTestId('artifact-table');
      await table.waitFor();
      const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) =>
        r.split('\t').map((c) => c.trim()),
      );
      expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
        ['checkpoint', 'final.ckpt', '5.00 kB'],
        ['tfjs model', 'model.json', '46 B'],
        ['', 'group1-shard1of1.bin', '1.30 MB'],
        ['safetensors', 'model.safetensors', '420.0 kB'],
      ]);
      await section.scrollIntoViewIfNeeded();
      // Two frames, so the scrolled-to panel is painted (on a loaded machine the shot came out blank).
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      await shot(page, `downloads-run-${dark ? 'dark' : 'light'}`);
      if (dark) {
        await page.context().close();
        continue;
      }
      // Each link streams the stored bytes through the dashboard with the session's token.
      for (const [name, bytes] of [
        ['group1-shard1of1.bin', shard],
        ['model.safetensors', safetensors],
      ] as const) {
        const got = await downloadOf(page, table.getByRole('link', { name }));
        expect(got.name).toBe(name);
        expect(sha(got.bytes)).toBe(sha(bytes));
      }
      const csv = await downloadOf(page, section.getByTestId('metric-history-csv'));
      expect(csv.name).toMatch(/^metrics-downloads_baseline-[0-9a-f]{8}\.csv$/);
      const want = [...POINTS]
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.step - b.step))
        .map((p) => ({ key: p.key, step: String(p.step), value: String(p.value), wall_time: p.wallTime }));
      expect(csvOf(csv.bytes)).toEqual(want);
      await section.getByText('5,253 points of 3 keys').waitFor();
      await page.context().close();
    }
    // Without a session the route forwards no token and the API refuses.
    const artifact = await stack.api.db.prisma.artifact.findFirstOrThrow({
      where: { runId, kind: 'SAFETENSORS' },
    });
    const anonymous = await fetch(`${stack.webUrl}/downloads/${artifact.id}/model.safetensors`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${stack.webUrl}/downloads/not-an-id/x`)).status).toBe(404);
  });

  it('downloads the per-class, ensemble and results tables as CSV in full precision', async () => {
    const prisma = stack.api.db.prisma;
    const { projectId, students } = stack.seeded;
    // A finished classifier with its final predictions: class 3 is taken for 5 once in 7.
    const split = await prisma.split.findFirstOrThrow({ where: { dataset: { projectId } } });
    const cls = await prisma.run.create({
      data: {
        projectId,
        kind: 'BASELINE',
        status: 'SUCCEEDED',
        name: 'per-class csv',
        datasetId: split.datasetId,
        splitId: split.id,
      },
    });
    const confusion = Array.from({ length: 100 }, (_, k) => {
      const [t, p] = [Math.floor(k / 10), k % 10];
      return t === 3 ? (p === 3 ? 6 : p === 5 ? 1 : 0) : t === p ? 7 : 0;
    });
    await recordFinalPredictions(prisma, {
      projectId,
      runId: cls.id,
      splitId: split.id,
      samples: 70,
      classes: 10,
      accuracy: 69 / 70,
      confusion,
    });
    const page = await stack.signedInPage();
    await page.goto(`${base}/runs/${cls.id}`);
    await page.getByTestId('class-table').waitFor();
    const perClass = csvOf((await downloadOf(page, page.getByTestId('class-report-csv'))).bytes);
    expect(perClass).toHaveLength(10);
    expect(perClass[5]).toMatchObject({
      class_index: '5',
      precision: String(7 / 8),
      recall: '1',
      support: '7',
    });
    expect(Number(perClass[5]!.f1)).toBeCloseTo((2 * (7 / 8)) / (7 / 8 + 1), 12);
    expect(perClass[3]).toMatchObject({ precision: '1', recall: String(6 / 7), support: '7' });

    await page.goto(`${base}/ensembles`);
    await page.getByTestId('diversity').waitFor();
    const rules = csvOf((await downloadOf(page, page.getByTestId('ensemble-rules-csv'))).bytes);
    // In the table's order (the API's), values unrounded.
    expect([...rules].sort((a, b) => a.rule!.localeCompare(b.rule!))).toEqual([
      { rule: 'borda', split: 'test', accuracy: '0.855', nll: '', ece: '' },
      { rule: 'mean', split: 'test', accuracy: '0.86', nll: '0.41', ece: '0.02' },
      { rule: 'plurality', split: 'test', accuracy: '0.845', nll: '', ece: '' },
    ]);
    const diversity = csvOf((await downloadOf(page, page.getByTestId('diversity-csv'))).bytes);
    // 6 pairwise measures over 3 × 3 members, then the 4 non-pairwise ones.
    expect(diversity).toHaveLength(6 * 9 + 4);
    expect(diversity[1]).toEqual({
      measure: 'disagreement',
      member_a: 'teacher p=1 #0',
      member_b: 'teacher p=1 #1',
      value: String(0.12 + 0.01 * 1),
    });
    expect(diversity.at(-1)).toEqual({
      measure: 'oracleAccuracy',
      member_a: '',
      member_b: '',
      value: '0.97',
    });

    await page.goto(`${base}/results`);
    await page.getByTestId('results-tables').waitFor();
    const results = csvOf((await downloadOf(page, page.getByTestId('results-csv-3'))).bytes);
    const cell = students.filter((s) => s.n === 3 && s.p === 1 && s.mode === 'MIMIC_ALL').map((s) => s.acc);
    const mean = cell.reduce((a, b) => a + b, 0) / cell.length;
    const sd = Math.sqrt(cell.reduce((a, b) => a + (b - mean) ** 2, 0) / (cell.length - 1));
    const row = results.find((r) => r.p === '1' && r.mode === 'mimic_all')!;
    expect(row).toMatchObject({ teachers: '3', n: '4' });
    expect(Number(row.mean)).toBeCloseTo(mean, 14);
    expect(Number(row.sem)).toBeCloseTo(sd / Math.sqrt(cell.length), 14);
    // p descending, as the table shows it; 2 p values × 2 modes.
    expect(results.map((r) => `${r.p} ${r.mode}`)).toEqual([
      '1 mimic_all',
      '1 output_avg',
      '0.8 mimic_all',
      '0.8 output_avg',
    ]);
    await page.context().close();
  }, 120_000);
});
