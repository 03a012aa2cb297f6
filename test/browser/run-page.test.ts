// Issue 17, the run page's console and per-class scores, in Chromium against the real API and
// PostgreSQL: lines written through appendRunLogs (the lifecycle's path for remote runners and scripts)
// appear live and earlier pages load back; a finished classifier shows precision/recall/F1/support per
// class under the dataset's class names, with its confusion heatmap drawn (light and dark); a
// student shows each teacher's contribution under the teacher runs' names, live over epochs.
import { getDatasetPreset, teacherMetricKey, teacherMetricsOf, type DistillMode } from '@distillery/domain';
import { gqlData, logPoints, recordFinalPredictions } from '@distillery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';

let stack: DashboardStack;
let base: string;

beforeAll(async () => {
  stack = await startDashboardStack('runpage');
  base = `${stack.webUrl}/p/${stack.seeded.projectId}`;
}, 900_000);
afterAll(async () => {
  await stack?.close();
});

const APPEND = `mutation($r: ID!, $l: [RunLogLineInput!]!) { appendRunLogs(runId: $r, lines: $l) { lastSeq } }`;
const append = (runId: string, lines: { level?: string; message: string }[]) =>
  gqlData<{ appendRunLogs: { lastSeq: number } }>(
    stack.apiUrl,
    APPEND,
    { r: runId, l: lines },
    stack.seeded.admin.token,
  );

describe('the run page', () => {
  it('follows a run’s console live and pages back to its first line', async () => {
    const { createRun } = await gqlData<{ createRun: { id: string } }>(
      stack.apiUrl,
      `mutation($i: CreateRunInput!) { createRun(input: $i) { id } }`,
      { i: { projectId: stack.seeded.projectId, name: 'console demo' } },
      stack.seeded.admin.token,
    );
    const runId = createRun.id;
    await append(
      runId,
      Array.from({ length: 250 }, (_, i) => ({
        message: `epoch ${Math.floor(i / 25) + 1} step ${i}: loss ${(2 / (i + 1)).toFixed(4)}`,
      })),
    );
    for (const dark of [false, true]) {
      const page = await stack.signedInPage({ dark });
      await page.goto(`${base}/runs/${runId}`);
      const consoleBox = page.getByTestId('run-console');
      await consoleBox.locator('[data-seq="250"]').waitFor();
      // The tail page: the last 200 lines, and a way back to the rest.
      expect(await consoleBox.locator('.console-line').count()).toBe(200);
      await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
      const last = dark ? 256 : 253;
      const sentAt = Date.now();
      await append(runId, [
        { level: 'WARN', message: 'val_loss rose for 2 epochs; patience 1 left' },
        { level: 'ERROR', message: 'checkpoint upload retried: connection reset' },
        { message: `final test: accuracy 91.20 %, loss 0.2931 (${dark ? 'dark' : 'light'})` },
      ]);
      await consoleBox.locator(`[data-seq="${last}"]`).waitFor({ timeout: 2_000 });
      expect(Date.now() - sentAt).toBeLessThan(2_000);
      await page
        .getByTestId('console-count')
        .filter({ hasText: `${last} lines` })
        .waitFor();
      expect(await consoleBox.locator('.console-line.ERROR').count()).toBe(dark ? 2 : 1);
      await consoleBox.scrollIntoViewIfNeeded();
      // Following: the newest line is scrolled into view inside the console.
      const box = consoleBox.locator('.console');
      const atEnd = await box.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 8);
      expect(atEnd).toBe(true);
      await shot(page, `run-console-${dark ? 'dark' : 'light'}`);
      await page.getByRole('button', { name: /Load earlier lines/ }).click();
      await consoleBox.locator('[data-seq="1"]').waitFor();
      expect(await consoleBox.locator('.console-line').count()).toBe(last);
      expect(await page.getByRole('button', { name: /Load earlier lines/ }).count()).toBe(0);
      await page.context().close();
    }
  });

  it('shows per-class precision, recall, F1 and support with the dataset’s class names and a confusion heatmap', async () => {
    const prisma = stack.api.db.prisma;
    const { projectId, admin } = stack.seeded;
    const { registerDataset } = await gqlData<{ registerDataset: { id: string } }>(
      stack.apiUrl,
      `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
      {
        i: {
          projectId,
          name: 'fashion',
          preset: 'fmnist',
          trainCount: 600,
          testCount: 100,
          contentHash: 'f'.repeat(64),
        },
      },
      admin.token,
    );
    const { createSplit } = await gqlData<{ createSplit: { id: string } }>(
      stack.apiUrl,
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId: registerDataset.id, seed: 1, valFraction: 0.2 } },
      admin.token,
    );
    const names = getDatasetPreset('fmnist').classNames;
    const run = await prisma.run.create({
      data: {
        projectId,
        kind: 'BASELINE',
        status: 'SUCCEEDED',
        name: 'fashion baseline',
        datasetId: registerDataset.id,
        splitId: createSplit.id,
        summary: { test_accuracy: 0.81 },
      },
    });
    // What the runner's saveFinal stores: the FINAL checkpoint's TEST predictions with their confusion
    // matrix. Shirts (6) are taken for T-shirts (0) and pullovers (2), the classic Fashion-MNIST mix-up.
    const cell = (t: number, p: number): number => {
      if (t === 6) return p === 6 ? 5 : p === 0 || p === 2 ? 2 : 0;
      return t === p ? 9 : 0;
    };
    const confusion = names.flatMap((_, t) => names.map((__, p) => cell(t, p)));
    await recordFinalPredictions(prisma, {
      projectId,
      runId: run.id,
      splitId: createSplit.id,
      samples: confusion.reduce((a, b) => a + b, 0),
      classes: 10,
      accuracy: 86 / 90,
      confusion,
    });
    for (const dark of [false, true]) {
      const page = await stack.signedInPage({ dark });
      await page.goto(`${base}/runs/${run.id}`);
      const table = page.getByTestId('class-table');
      await table.waitFor();
      const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t'));
      expect(rows.map((r) => r[0])).toEqual([...names]);
      // Shirt: 5 of 9 right, never predicted wrongly. T-shirt/top: all 9 right, 2 shirts taken for it.
      expect(rows[6]!.slice(1)).toEqual(['100.0 %', '55.6 %', '71.4 %', '9']);
      expect(rows[0]!.slice(1)).toEqual(['81.8 %', '100.0 %', '90.0 %', '9']);
      await page.locator('[data-testid="class-confusion"] canvas').first().waitFor();
      await page.getByTestId('class-report').scrollIntoViewIfNeeded();
      await shot(page, `run-per-class-${dark ? 'dark' : 'light'}`);
      await page.context().close();
    }
  });
  it('shows a student’s per-teacher contribution under its teachers’ names, live over epochs', async () => {
    const prisma = stack.api.db.prisma;
    const { projectId, admin } = stack.seeded;
    const teachers = await prisma.teacher.findMany({
      where: { run: { projectId }, fraction: 1 },
      include: { run: true },
      orderBy: { run: { name: 'asc' } },
    });
    expect(teachers.length).toBeGreaterThanOrEqual(3);
    const members = teachers.slice(0, 3);
    const template = await prisma.run.findFirstOrThrow({ where: { projectId, kind: 'STUDENT' } });
    const studentRun = async (mode: DistillMode, name: string) => {
      const run = await prisma.run.create({
        data: {
          projectId,
          kind: 'STUDENT',
          status: 'RUNNING',
          name,
          datasetId: template.datasetId,
          splitId: template.splitId,
          architectureKey: 'tiny',
        },
      });
      const st = await prisma.student.create({
        data: { runId: run.id, mode, alpha: 0.5, architectureKey: 'tiny', teacherFraction: 1 },
      });
      await prisma.studentTeacher.createMany({
        data: members.map((t, position) => ({ studentId: st.id, teacherId: t.id, position })),
      });
      return run.id;
    };
    // What distill-student logs at each epoch end (4 steps per epoch): head i drifts towards teacher i.
    const epochPoints = (mode: DistillMode, epoch: number) => [
      { key: 'epoch', step: epoch * 4, value: epoch },
      { key: 'val_accuracy', step: epoch * 4, value: 0.7 + 0.05 * epoch },
      ...teacherMetricsOf(mode).flatMap((metric) =>
        members.map((_, i) => ({
          key: teacherMetricKey(metric, i),
          step: epoch * 4,
          value:
            metric === 'val_head_kl'
              ? 0.9 / epoch + 0.1 * i
              : // The frozen aggregator's shares sum to 1 and stay put.
                metric === 'aggregator_share'
                ? [0.5, 0.3, 0.2][i]!
                : 0.5 + 0.1 * epoch - 0.05 * i,
        })),
      ),
    ];
    const mimic = await studentRun('MIMIC_ALL', 'mimic_all student');
    for (const e of [1, 2]) await logPoints(stack.apiUrl, admin.token, mimic, epochPoints('MIMIC_ALL', e));
    const names = members.map((t) => t.run.name);
    for (const dark of [false, true]) {
      const page = await stack.signedInPage({ dark });
      await page.goto(`${base}/runs/${mimic}`);
      const panel = page.locator('[data-testid="teacher-contribution"][data-mode="MIMIC_ALL"]');
      const table = panel.getByTestId('teacher-contribution-table');
      await table.waitFor();
      const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) =>
        r.split('\t').map((c) => c.trim()),
      );
      expect(rows.map((r) => r[1])).toEqual(names);
      // Columns: #, teacher, student agreement, head agreement, head KL, head accuracy, of the last
      // epoch logged: 2 on the light page (epoch 3 then arrives live), 3 on the dark one.
      const shown = dark ? 3 : 2;
      const agree = `${(50 + 10 * shown - 5).toFixed(1)} %`;
      expect(rows[1]!.slice(2)).toEqual([agree, agree, (0.9 / shown + 0.1).toFixed(4), agree]);
      for (const metric of teacherMetricsOf('MIMIC_ALL')) {
        const chart = panel.locator(
          `[data-testid="teacher-chart-${metric}"][data-drawn="1"][data-last-x="${shown}"]`,
        );
        await chart.waitFor();
        expect(await chart.getAttribute('data-labels')).toBe(names.map((n, i) => `${i} · ${n}`).join('|'));
      }
      // The generic charts leave the per-teacher series to this panel.
      expect(
        await page.locator('[data-testid^="chart-head"], [data-testid^="chart-agreement/"]').count(),
      ).toBe(0);
      if (!dark) {
        // Epoch 3 arrives while the page is open.
        await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
        await logPoints(stack.apiUrl, admin.token, mimic, epochPoints('MIMIC_ALL', 3));
        await panel.locator('[data-testid="teacher-chart-val_head_kl"][data-last-x="3"]').waitFor();
        await table.locator('tbody tr[data-position="0"]').filter({ hasText: '0.3000' }).waitFor();
      }
      await panel.scrollIntoViewIfNeeded();
      await shot(page, `teacher-contrib-mimic-all-${dark ? 'dark' : 'light'}`);
      await page.context().close();
    }

    // Modes without heads say so and show the student's agreement with each teacher only.
    const avg = await studentRun('OUTPUT_AVG', 'output_avg student');
    await logPoints(stack.apiUrl, admin.token, avg, [
      ...epochPoints('OUTPUT_AVG', 1),
      ...epochPoints('OUTPUT_AVG', 2),
    ]);
    const supernet = await studentRun('SUPERNET', 'supernet student');
    await logPoints(stack.apiUrl, admin.token, supernet, [
      ...epochPoints('SUPERNET', 1),
      ...epochPoints('SUPERNET', 2),
    ]);
    const page = await stack.signedInPage({ dark: true });
    await page.goto(`${base}/runs/${avg}`);
    const panel = page.locator('[data-testid="teacher-contribution"][data-mode="OUTPUT_AVG"]');
    await panel.getByTestId('teacher-contribution-table').waitFor();
    expect(await panel.getByTestId('teacher-contribution-meaning').innerText()).toMatch(
      /no per-teacher heads or weights/,
    );
    expect(await panel.locator('thead th').allInnerTexts()).toEqual([
      '#',
      'teacher',
      'student agrees with teacher',
    ]);
    await page.goto(`${base}/runs/${supernet}`);
    const sup = page.locator('[data-testid="teacher-contribution"][data-mode="SUPERNET"]');
    await sup.locator('[data-testid="teacher-chart-aggregator_share"][data-drawn="1"]').waitFor();
    const shares = await sup.locator('tbody tr td:last-child').allInnerTexts();
    expect(shares).toEqual(['50.0 %', '30.0 %', '20.0 %']);
    await sup.scrollIntoViewIfNeeded();
    await shot(page, 'teacher-contrib-supernet-dark');
    await page.context().close();
  }, 120_000);
});
