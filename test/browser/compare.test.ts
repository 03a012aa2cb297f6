// Issue 17 item 5 and the compare additions, in Chromium against the real API and PostgreSQL:
// teachers launched together on different subsets differ in the params diff, the comparison table's
// final/best values are the API's, differences are highlighted, the CSV holds the table, grouped
// curves draw a mean line with a band, and the students' heatmaps hold the database's means.
import { readFileSync } from 'node:fs';

import { meanSem } from '@distillery/domain';
import { actAsRunner, gqlData, logPoints } from '@distillery/testing';
import { parse } from 'csv-parse/sync';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriesColor } from '../../apps/web/src/components/charts/palette.ts';
import { type DashboardStack, operationOf, shot, startDashboardStack } from './dashboard-stack.ts';
import { colourShare, meanLuminance } from './pixels.ts';

let stack: DashboardStack;
let page: Page;
let base: string;
/** Six teachers from one trainTeachers call: subsets p ∈ {0.8, 1} × seeds 1–3, identical params. */
let teachers: { id: string; fraction: number; seed: number; subsetId: string }[];

// Three epochs of 16 steps; validation at each epoch's last step.
const STEPS = 48;
const lossAt = (fraction: number, seed: number, step: number) =>
  (fraction < 1 ? 1.2 : 0.6) * Math.exp(-step / 20) + 0.05 * seed + 0.1;
const valLoss = (seed: number) => [0.9, 0.5 + 0.01 * seed, 0.6];

/** A run's whole history of a key, exactly (fewer points than buckets), from the API. */
async function history(runId: string, key: string): Promise<number[]> {
  const { metricSeries } = await gqlData<{ metricSeries: { exact: boolean; points: { last: number }[] } }>(
    stack.apiUrl,
    'query($r: ID!, $k: String!) { metricSeries(runId: $r, key: $k, buckets: 5000) { exact points { last } } }',
    { r: runId, k: key },
    stack.seeded.admin.token,
  );
  expect(metricSeries.exact).toBe(true);
  return metricSeries.points.map((p) => p.last);
}

beforeAll(async () => {
  stack = await startDashboardStack('compare');
  page = await stack.signedInPage();
  base = `${stack.webUrl}/p/${stack.seeded.projectId}`;
  const prisma = stack.api.db.prisma;
  const { projectId, admin } = stack.seeded;
  const split = await prisma.split.findFirstOrThrow({ where: { dataset: { projectId } } });
  const subsets = await prisma.subset.findMany({
    where: { splitId: split.id },
    orderBy: [{ fraction: 'asc' }, { seed: 'asc' }],
  });
  const { trainTeachers } = await gqlData<{ trainTeachers: { id: string; seed: number }[] }>(
    stack.apiUrl,
    'mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id seed } }',
    { i: { splitId: split.id, architectureKey: 'tiny', subsetIds: subsets.map((s) => s.id), epochs: 3 } },
    admin.token,
  );
  const rows = await prisma.teacher.findMany({
    where: { runId: { in: trainTeachers.map((r) => r.id) } },
    include: { subset: true, run: true },
  });
  teachers = rows
    .map((t) => ({ id: t.runId, fraction: t.fraction, seed: t.run.seed, subsetId: t.subsetId! }))
    .sort((a, b) => a.fraction - b.fraction || a.seed - b.seed);
  // What a runner does: claim, log the curves at batch steps and validation at epoch ends, finish.
  const runner = await actAsRunner(stack.apiUrl, admin.token, projectId);
  for (const t of teachers) {
    const attempt = await runner.claim(t.id);
    const logger = runner.client.metricLogger(t.id, { attempt, runnerId: runner.runnerId });
    for (let step = 1; step <= STEPS; step++)
      await logger.log({ loss: lossAt(t.fraction, t.seed, step) }, step);
    for (const [e, v] of valLoss(t.seed).entries())
      await logger.log({ val_loss: v, val_accuracy: 1 - v / 2 }, ((e + 1) * STEPS) / 3);
    await logger.close();
    await runner.finish(t.id, attempt, 'SUCCEEDED', { test_accuracy: 0.9 + 0.01 * t.seed });
  }
}, 900_000);

afterAll(async () => {
  await stack?.close();
});

describe('compare page', () => {
  it('shows the differing subset of teachers launched together, final metrics as the API has them, and a CSV of the table', async () => {
    const [a, b] = teachers.filter((t) => t.fraction === 0.8);
    const runs = await stack.api.db.prisma.run.findMany({ where: { id: { in: [a!.id, b!.id] } } });
    // The launch stored identical params: only the subset (and seed) tells them apart.
    expect(JSON.stringify(runs[0]!.params)).toBe(JSON.stringify(runs[1]!.params));
    await page.goto(`${base}/compare?runs=${a!.id},${b!.id}`);
    const table = page.locator('[data-testid="comparison"][data-metrics="1"]');
    await table.waitFor();
    const subsetRow = table.locator('tr[data-field="subset"]');
    expect(await subsetRow.getAttribute('data-differs')).toBe('1');
    const subsetCells = await subsetRow.locator('td[data-value]').allTextContents();
    expect(subsetCells[0]).toContain(a!.subsetId.slice(0, 8));
    expect(subsetCells[1]).toContain(b!.subsetId.slice(0, 8));
    expect(await table.locator('tr[data-field="seed"]').getAttribute('data-differs')).toBe('1');
    for (const same of ['kind', 'architecture', 'split', 'p', 'params.epochs', 'params.cycles'])
      expect(await table.locator(`tr[data-field="${same}"]`).getAttribute('data-differs'), same).toBe('0');
    await expect.poll(() => table.getByTestId('param-diff-count').textContent()).toBe('2 params differ');
    await page.getByTestId('parallel').waitFor();
    expect(await page.getByText(/have the same params/).count()).toBe(0);

    // Final and best values: the API's full history, read independently of the table's one-bucket query.
    const cell = (field: string, i: number) =>
      table.locator(`tr[data-field="${field}"] td[data-value]`).nth(i).getAttribute('data-value');
    for (const [i, t] of [a!, b!].entries())
      for (const key of ['loss', 'val_loss', 'val_accuracy']) {
        const h = await history(t.id, key);
        const best = key === 'val_accuracy' ? Math.max(...h) : Math.min(...h);
        expect(Number(await cell(`${key} (final)`, i)), key).toBeCloseTo(h[h.length - 1]!, 9);
        expect(Number(await cell(`${key} (best)`, i)), key).toBeCloseTo(best, 9);
      }
    expect(Number(await cell('test_accuracy', 1))).toBeCloseTo(0.9 + 0.01 * b!.seed, 9);
    // Highlighted: a differing row is painted differently from an equal one, and the better
    // test accuracy is marked.
    const bg = (field: string) =>
      table
        .locator(`tr[data-field="${field}"] td`)
        .nth(1)
        .evaluate(
          (el) =>
            (
              globalThis as unknown as { getComputedStyle: (e: unknown) => { backgroundColor: string } }
            ).getComputedStyle(el).backgroundColor,
        );
    expect(await bg('subset')).not.toBe(await bg('kind'));
    expect(await table.locator('tr[data-field="test_accuracy"] td.best').count()).toBe(1);
    await shot(page, 'compare-table-light', true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const names = [a!, b!].map((t) => runs.find((r) => r.id === t.id)!.name);
    expect(Object.keys(csv[0]!)).toEqual([
      'section',
      'field',
      'differs',
      `${names[0]} (${a!.id})`,
      `${names[1]} (${b!.id})`,
    ]);
    expect(csv.length).toBe(await table.locator('tr[data-field]').count());
    const csvSubset = csv.find((r) => r.field === 'subset')!;
    expect(csvSubset.differs).toBe('yes');
    expect(csvSubset[`${names[0]} (${a!.id})`]).toContain(a!.subsetId.slice(0, 8));
    const hb = await history(b!.id, 'val_loss');
    expect(Number(csv.find((r) => r.field === 'val_loss (best)')![`${names[1]} (${b!.id})`])).toBeCloseTo(
      Math.min(...hb),
      12,
    );

    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(page.url());
    await dark.locator('[data-testid="comparison"][data-metrics="1"]').waitFor();
    await dark.locator('[data-testid="compare-chart-loss"][data-drawn="1"]').waitFor();
    await shot(dark, 'compare-table-dark', true);
    await dark.context().close();
  });

  it('loads more runs than one request may alias (15) in one runs request', async () => {
    const ids = (
      await stack.api.db.prisma.run.findMany({
        where: { projectId: stack.seeded.projectId, kind: { in: ['TEACHER', 'STUDENT'] } },
        select: { id: true },
      })
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(15);
    const ops: string[] = [];
    const prefetched: string[] = [];
    const record = (r: Request) => {
      ops.push(operationOf(r) ?? '');
      if (r.url().includes('_rsc=')) prefetched.push(r.url());
    };
    page.on('request', record);
    await page.goto(`${base}/compare?runs=${ids.join(',')}`);
    const table = page.locator('[data-testid="comparison"][data-metrics="1"]');
    await table.waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await table.locator('thead th').count()).toBe(ids.length + 1);
    // Every run's row, subset and distillation settings from one runs(filter: { ids }) request.
    expect(ops.filter((o) => o === 'RunsByIds')).toHaveLength(1);
    // No page is prefetched at load (the sidebar and the table's run links wait for a hover), so
    // the page's data has the server and the connections to itself; a hover prefetches.
    expect(prefetched).toEqual([]);
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Runs' }).hover();
    await expect.poll(() => prefetched.some((u) => new URL(u).pathname.endsWith('/runs'))).toBe(true);
    page.off('request', record);
  });

  it('draws a mean line and band per group with ?group=, ±SEM or min/max (the domain statistics)', async () => {
    await page.goto(`${base}/compare?runs=${teachers.map((t) => t.id).join(',')}&group=p`);
    const chart = page.locator('[data-testid="compare-chart-loss"][data-drawn="1"][data-series="2"]');
    await chart.waitFor({ timeout: 30_000 });
    expect((await chart.getAttribute('data-labels'))!.split('|')).toEqual(['p=0.8 (n=3)', 'p=1 (n=3)']);
    const panel = page.locator('section.panel[data-aggregate]', { has: chart });
    const last = async () =>
      JSON.parse((await panel.getAttribute('data-aggregate'))!) as {
        label: string;
        x: number;
        y: number;
        lo: number;
        hi: number;
      }[];
    const expected = async (fraction: number) => {
      const group = teachers.filter((t) => t.fraction === fraction);
      return Promise.all(group.map(async (t) => (await history(t.id, 'loss')).at(-1)!));
    };
    for (const [i, fraction] of [0.8, 1].entries()) {
      const values = await expected(fraction);
      const s = meanSem(values);
      const g = (await last())[i]!;
      expect(g.x).toBe(STEPS);
      expect(g.y).toBeCloseTo(s.mean, 9);
      expect(g.lo).toBeCloseTo(s.mean - s.sem!, 9);
      expect(g.hi).toBeCloseTo(s.mean + s.sem!, 9);
    }
    // The band is on the canvas: the first group's colour at 18 % over the white panel.
    const c = seriesColor(0);
    const blend = [1, 3, 5]
      .map((k) => Math.round(0.18 * parseInt(c.slice(k, k + 2), 16) + 0.82 * 255))
      .map((v) => v.toString(16).padStart(2, '0'));
    const semShare = await colourShare(chart, `#${blend.join('')}`, 10);
    expect(semShare).toBeGreaterThan(0.003);
    await shot(page, 'compare-grouped-light');
    // The parallel chart's bounded axes end at their bounds (valueBounds: p ∈ (0, 1], accuracy ∈
    // [0, 1]), as ECharts drew them, not at a padded 1.02.
    const parallel = page.locator('[data-testid="parallel"][data-axes]');
    await parallel.waitFor();
    const axes = JSON.parse((await parallel.getAttribute('data-axes'))!) as {
      name: string;
      min: number;
      max: number;
    }[];
    const axis = (name: string) => axes.find((a) => a.name === name)!;
    expect(axis('p').max).toBe(1);
    expect(axis('p').min).toBeGreaterThanOrEqual(0);
    expect(axis('p').min).toBeLessThanOrEqual(0.8);
    expect(axis('test_accuracy').max).toBeLessThanOrEqual(1);
    expect(axis('test_accuracy').max).toBeGreaterThanOrEqual(0.93);
    await parallel.scrollIntoViewIfNeeded();
    // ECharts animates the lines in for a second; the screenshot is for people to look at.
    await page.waitForTimeout(1200);
    await shot(page, 'compare-parallel-light');

    await page.getByLabel('Band').selectOption('minmax');
    await page.waitForURL(/band=minmax/);
    await expect.poll(async () => (await last())[0]!.lo).toBeCloseTo(Math.min(...(await expected(0.8))), 9);
    expect((await last())[0]!.hi).toBeCloseTo(Math.max(...(await expected(0.8))), 9);
    // min/max spans the whole group, wider than ±SEM: more band on the canvas.
    await expect.poll(() => colourShare(chart, `#${blend.join('')}`, 10)).toBeGreaterThan(semShare);
    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(page.url());
    for (const key of ['loss', 'val_loss', 'val_accuracy'])
      await dark.locator(`[data-testid="compare-chart-${key}"][data-drawn="1"][data-series="2"]`).waitFor();
    await shot(dark, 'compare-grouped-dark');
    await dark.locator('[data-testid="parallel"][data-axes]').scrollIntoViewIfNeeded();
    await dark.waitForTimeout(1200);
    await shot(dark, 'compare-parallel-dark');
    await dark.context().close();
    // Ungrouping from the control goes back to one line per run.
    await page.getByLabel('Group by').selectOption('');
    await page.locator('[data-testid="compare-chart-loss"][data-drawn="1"][data-series="6"]').waitFor();
  });

  it('shows students’ agreement with their teachers and α × N, T × α heatmaps of test accuracy', async () => {
    const prisma = stack.api.db.prisma;
    const { projectId } = stack.seeded;
    // Two temperatures among the seeded students, so T × α has two rows.
    await prisma.student.updateMany({
      where: { run: { projectId }, mode: 'OUTPUT_AVG' },
      data: { temperature: 4 },
    });
    // A student as distill-student leaves it: val_agreement at the epoch-end steps.
    const students = await prisma.student.findMany({
      where: { run: { projectId } },
      include: { run: true, _count: { select: { teachers: true } } },
    });
    const picked = students.slice(0, 2).map((s) => s.runId);
    await prisma.run.updateMany({ where: { id: { in: picked } }, data: { status: 'RUNNING' } });
    for (const [i, id] of picked.entries())
      await logPoints(
        stack.apiUrl,
        stack.seeded.admin.token,
        id,
        [0.6, 0.8, 0.9].map((v, e) => ({ key: 'val_agreement', step: (e + 1) * 10, value: v - 0.1 * i })),
      );
    await prisma.run.updateMany({ where: { id: { in: picked } }, data: { status: 'SUCCEEDED' } });

    await page.goto(`${base}/compare?runs=${picked.join(',')}`);
    await page
      .locator('[data-testid="compare-chart-val_agreement"][data-drawn="1"][data-last-x="30"]')
      .waitFor();
    const panel = page.locator('[data-testid="distillation"][data-ready="1"]');
    await panel.waitFor();
    // Expected cells straight from the database: mean test accuracy per (α, N) and per (T, α).
    const cellsOf = (
      row: (s: (typeof students)[number]) => number,
      col: (s: (typeof students)[number]) => number,
      mode?: string,
    ) => {
      const m = new Map<string, number[]>();
      const fresh = students.map((s) => ({ ...s, temperature: s.mode === 'OUTPUT_AVG' ? 4 : s.temperature }));
      for (const s of fresh) {
        if (mode && s.mode !== mode) continue;
        const acc = (s.run.summary as { test_accuracy?: number }).test_accuracy;
        if (typeof acc !== 'number') continue;
        const k = `${row(s)}|${col(s)}`;
        m.set(k, [...(m.get(k) ?? []), acc]);
      }
      return [...m.entries()]
        .map(([k, v]) => ({ k, mean: v.reduce((x, y) => x + y, 0) / v.length, n: v.length }))
        .sort((x, y) => x.k.localeCompare(y.k));
    };
    const drawn = async (testId: string) =>
      (
        JSON.parse((await page.getByTestId(`${testId}-panel`).getAttribute('data-cells'))!) as {
          row: string;
          col: string;
          mean: number | null;
          n: number;
        }[]
      )
        .filter((c) => c.n > 0)
        .map((c) => ({ k: `${c.row}|${c.col}`, mean: c.mean!, n: c.n }))
        .sort((x, y) => x.k.localeCompare(y.k));
    const close = (got: { k: string; mean: number; n: number }[], want: typeof got) => {
      expect(got.map((c) => [c.k, c.n])).toEqual(want.map((c) => [c.k, c.n]));
      got.forEach((c, i) => expect(c.mean).toBeCloseTo(want[i]!.mean, 12));
    };
    const alphaN = cellsOf(
      (s) => s.alpha,
      (s) => s._count.teachers,
    );
    expect(alphaN).toHaveLength(4);
    close(await drawn('heatmap-alpha-n'), alphaN);
    close(
      await drawn('heatmap-t-alpha'),
      cellsOf(
        (s) => s.temperature,
        (s) => s.alpha,
      ),
    );
    // The matrix is painted (not a blank canvas).
    expect(await meanLuminance(page.getByTestId('heatmap-alpha-n'))).toBeLessThan(0.9);
    await panel.getByLabel('Distillation mode').selectOption('MIMIC_ALL');
    await expect
      .poll(async () => (await drawn('heatmap-alpha-n')).map((c) => c.n).reduce((x, y) => x + y, 0))
      .toBe(students.filter((s) => s.mode === 'MIMIC_ALL').length);
    close(
      await drawn('heatmap-alpha-n'),
      cellsOf(
        (s) => s.alpha,
        (s) => s._count.teachers,
        'MIMIC_ALL',
      ),
    );
    await shot(page, 'compare-students-light', true);
    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(page.url());
    await dark.locator('[data-testid="distillation"][data-ready="1"]').waitFor();
    await dark.locator('[data-testid="compare-chart-val_agreement"][data-drawn="1"]').waitFor();
    await dark.waitForLoadState('networkidle');
    await shot(dark, 'compare-students-dark', true);
    await dark.context().close();
  });
});
