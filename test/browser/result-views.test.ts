// Issue 17, "misleading or broken today" items 1, 4 and 6, in Chromium against the real API and
// PostgreSQL: every kind of result is drawn, an ensemble evaluation reads as one, axes stay within
// what the quantity can take, reference lines and dark heatmaps are really on the canvas.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriesColor } from '../../apps/web/src/components/charts/palette.ts';
import { LINEAGE_LABEL_WIDTH } from '../../apps/web/src/components/lineage/layout.ts';
import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';
import { colourShare, meanLuminance } from './pixels.ts';

let stack: DashboardStack;
let page: Page;
let base: string;

const range = async (p: Page, testId: string, axis: 'x' | 'y') => {
  const el = p.locator(`[data-testid="${testId}"][data-drawn="1"]`);
  await el.waitFor();
  const raw = await el.getAttribute(`data-${axis}-range`);
  return (raw ?? '').split(',').map(Number) as [number, number];
};

beforeAll(async () => {
  stack = await startDashboardStack('views');
  page = await stack.signedInPage();
  base = `${stack.webUrl}/p/${stack.seeded.projectId}`;
}, 900_000);

afterAll(async () => {
  await stack?.close();
});

describe('results, ensembles and lineage views', () => {
  it('draws students, ensemble, teachers and baseline, also when every run shares one p (item 1)', async () => {
    await page.goto(`${base}/results`);
    const kinds = page.locator('[data-testid="plot-kinds"][data-drawn="1"]');
    await kinds.waitFor();
    const labels = (await kinds.getAttribute('data-labels'))!.split('|');
    expect(labels).toEqual(expect.arrayContaining(['student', 'ensemble (any p)', 'teacher', 'baseline']));
    await page.getByTestId('compression-series').and(page.locator('[data-series*="baselines"]')).waitFor();
    // The thesis' case: one experiment at one p, whose baseline (no p) beats its student. The
    // reference lines used to span zero width there and drew nothing.
    const prisma = stack.api.db.prisma;
    const projectId = stack.seeded.projectId;
    const experiment = await prisma.experiment.create({ data: { projectId, name: 'one p', plan: {} } });
    const student = await prisma.run.findFirstOrThrow({ where: { projectId, kind: 'STUDENT' } });
    const ensembleRun = await prisma.run.findFirstOrThrow({ where: { projectId, kind: 'ENSEMBLE_EVAL' } });
    const baseline = await prisma.run.create({
      data: {
        projectId,
        experimentId: experiment.id,
        kind: 'BASELINE',
        status: 'SUCCEEDED',
        name: 'baseline whole split',
        summary: { test_accuracy: 0.9078 },
        parameterCount: 30_000,
      },
    });
    await prisma.run.updateMany({
      where: { id: { in: [student.id, ensembleRun.id] } },
      data: { experimentId: experiment.id },
    });
    await page.reload();
    await page.getByLabel('Experiment').selectOption(experiment.id);
    const one = page.locator('[data-testid="plot-kinds"][data-drawn="1"][data-labels*="baseline (any p)"]');
    await one.waitFor();
    expect((await one.getAttribute('data-labels'))!.split('|')).toEqual([
      'student',
      'ensemble (any p)',
      'baseline (any p)',
    ]);
    // On the canvas: the baseline's colour (4th kind) is drawn, not only named in the legend.
    expect(await colourShare(one, seriesColor(3))).toBeGreaterThan(0.0005);
    const [x0, x1] = await range(page, 'plot-kinds', 'x');
    expect(x1 - x0).toBeGreaterThan(0.05);
    expect(x1).toBeLessThanOrEqual(1);
    await shot(page, 'results-one-p-light', true);
    await prisma.run.delete({ where: { id: baseline.id } });
    await prisma.run.updateMany({ where: { experimentId: experiment.id }, data: { experimentId: null } });
  });

  it('keeps accuracy axes within 0–100 % and p, α within 0–1 (item 6)', async () => {
    await page.goto(`${base}/results`);
    for (const id of ['plot-vs-p', 'plot-vs-n', 'plot-vs-alpha', 'plot-kinds']) {
      const [y0, y1] = await range(page, id, 'y');
      expect(y0, id).toBeGreaterThanOrEqual(0);
      expect(y1, id).toBeLessThanOrEqual(100);
    }
    for (const id of ['plot-vs-p', 'plot-vs-alpha', 'plot-kinds']) {
      const [x0, x1] = await range(page, id, 'x');
      expect(x0, id).toBeGreaterThanOrEqual(0);
      expect(x1, id).toBeLessThanOrEqual(1);
    }
    await shot(page, 'results-light', true);
  });

  it('draws the best-member line on the fusion-rule bars, and dark heatmaps in the dark theme (item 6)', async () => {
    await page.goto(`${base}/ensembles`);
    const bars = page.getByTestId('fusion-rules');
    await bars.waitFor();
    await page.waitForLoadState('networkidle');
    // The dashed best-member line is the only thing drawn in the third palette colour.
    await expect.poll(() => colourShare(bars, seriesColor(2))).toBeGreaterThan(0.001);
    const light = await meanLuminance(page.getByTestId('diversity'));
    await shot(page, 'ensembles-light', true);
    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(`${base}/ensembles`);
    await dark.getByTestId('diversity').waitFor();
    await dark.waitForLoadState('networkidle');
    await expect
      .poll(() => colourShare(dark.getByTestId('fusion-rules'), seriesColor(2)))
      .toBeGreaterThan(0.001);
    const darkLum = await meanLuminance(dark.getByTestId('diversity'));
    expect(light).toBeGreaterThan(0.6);
    // Left light it read ≈ 0.8; dark cells on a dark page read ≈ 0.35 (the highest values stay bright).
    expect(darkLum).toBeLessThan(0.45);
    await shot(dark, 'ensembles-dark', true);
    await dark.context().close();
  });

  it('shows an ensemble evaluation as fusion-rule bars and heatmaps, not empty charts and number dumps (item 4)', async () => {
    const run = await stack.api.db.prisma.run.findFirstOrThrow({
      where: { projectId: stack.seeded.projectId, kind: 'ENSEMBLE_EVAL' },
    });
    // The evaluation logged one point per rule (fusion/<rule>/test_accuracy), as the runner does.
    expect(run.status).toBe('SUCCEEDED');
    for (const dark of [false, true]) {
      const p = dark ? await stack.signedInPage({ dark: true }) : page;
      await p.goto(`${base}/runs/${run.id}`);
      await p.getByTestId('ensemble-run').waitFor();
      await p.getByTestId('fusion-rules').waitFor();
      await p.getByTestId('diversity').waitFor();
      await p.getByTestId('confusion').waitFor();
      expect(await p.locator('[data-testid^="chart-fusion"]').count()).toBe(0);
      expect(await p.getByText('Checkpoints').count()).toBe(0);
      expect(await p.getByText('None yet').count()).toBe(0);
      expect(await p.getByText(/^diversity\./).count()).toBe(0);
      await p.getByText('test_accuracy', { exact: true }).first().waitFor();
      const height = Number(await p.evaluate('document.documentElement.scrollHeight'));
      expect(height).toBeLessThan(1800);
      await shot(p, `ensemble-run-${dark ? 'dark' : 'light'}`, true);
      if (dark) await p.context().close();
    }
  });

  it('spaces lineage layers so labels do not run into the next layer (item 6)', async () => {
    await page.goto(`${base}/lineage`);
    const panel = page.locator('[data-testid="lineage-panel"]:not([data-column-gap=""])');
    await panel.waitFor();
    expect(Number(await panel.getAttribute('data-column-gap'))).toBeGreaterThanOrEqual(
      LINEAGE_LABEL_WIDTH + 10,
    );
    await shot(page, 'lineage-light');
  });
});
