// Issue 17 item 7 and the runs-table additions (grouped runs, saved views, CSV) in Debian Chromium
// against the real API and PostgreSQL: the view lives in the URL (Back, reload), an invalid
// where-expression shows the API's refusal, /p/<slug>/runs works, groups aggregate "mean (SEM), n"
// as @distillery/domain computes it, saved views round-trip through the API, the CSV is the table.
import { readFileSync } from 'node:fs';

import { formatCell, meanSem } from '@distillery/domain';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { columnDigits } from '../../apps/web/src/components/runs/columns.ts';
import { aggregateDigits } from '../../apps/web/src/components/runs/display-rows.ts';
import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';

let stack: DashboardStack;
let page: Page;
let slug: string;
let base: string;
let allAccuracies: number[];

const total = (p: Page, n: number) =>
  p
    .getByTestId('runs-total')
    .filter({ hasText: new RegExp(`^${n} runs$`) })
    .waitFor();
const students = () => stack.seeded.students;

beforeAll(async () => {
  stack = await startDashboardStack('runs');
  page = await stack.signedInPage();
  const prisma = stack.api.db.prisma;
  slug = (await prisma.project.findUniqueOrThrow({ where: { id: stack.seeded.projectId } })).slug;
  base = `${stack.webUrl}/p/${slug}/runs`;
  const runs = await prisma.run.findMany({ where: { projectId: stack.seeded.projectId } });
  allAccuracies = runs.flatMap((r) => {
    const v = (r.summary as { test_accuracy?: unknown }).test_accuracy;
    return typeof v === 'number' ? [v] : [];
  });
}, 900_000);

afterAll(async () => {
  await stack?.close();
});

describe('runs table', () => {
  it('opens by slug and keeps filters, where, sort, columns and selection in the URL (Back, reload)', async () => {
    await page.goto(base);
    const all = await stack.api.db.prisma.run.count({ where: { projectId: stack.seeded.projectId } });
    await total(page, all);
    await page.getByLabel('Kind').selectOption('STUDENT');
    await page.waitForURL(/kind=STUDENT/);
    await page.getByLabel('Where').fill('summary.test_accuracy >= 0.83');
    await page.getByLabel('Where').press('Enter');
    await page.waitForURL(/where=/);
    const wanted = students().filter((s) => s.acc >= 0.83);
    await total(page, wanted.length);
    await page.getByRole('columnheader', { name: /test_accuracy/ }).click();
    await page.waitForURL(/sort=SUMMARY%3ADESC%3Atest_accuracy|sort=SUMMARY:DESC:test_accuracy/);
    const best = [...wanted].sort((a, b) => b.acc - a.acc)[0]!;
    const firstName = await page.locator('.vrow .stick1').first().getAttribute('title');
    expect(firstName).toContain(`N=${best.n} p=${best.p}`);
    await page.getByLabel(`Select ${firstName}`).check();
    await page.waitForURL(/sel=/);
    await page.getByRole('link', { name: firstName!, exact: true }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await page.goBack();
    await total(page, wanted.length);
    const check = async () => {
      await expect(page.getByLabel('Kind').inputValue()).resolves.toBe('STUDENT');
      await expect(page.getByLabel('Where').inputValue()).resolves.toBe('summary.test_accuracy >= 0.83');
      await expect(page.getByLabel(`Select ${firstName}`).isChecked()).resolves.toBe(true);
      await expect(
        page.getByRole('columnheader', { name: /test_accuracy/ }).getAttribute('aria-sort'),
      ).resolves.toBe('descending');
    };
    await check();
    await page.reload();
    await total(page, wanted.length);
    await check();
    // Back once more: the view before the sort (history holds one entry per change).
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('sort='));
    await expect(page.getByLabel('Where').inputValue()).resolves.toBe('summary.test_accuracy >= 0.83');
  });

  it('keeps ticked boxes ticked while the URL catches up with each tick', async () => {
    const unticked: number[][] = [];
    // The second tick lands while the router is still on its way to the first tick's URL (a few
    // ms after it, before it, and around its arrival); no box may snap back when that URL arrives.
    for (const gapMs of [2, 10, 25, 50]) {
      await page.goto(`${base}?kind=STUDENT`);
      const boxes = page.locator('.vrow input[type=checkbox]');
      await boxes.nth(1).waitFor();
      const seen = await boxes.evaluateAll(async (els, gap) => {
        // Runs in the page: the tests' own types have no DOM.
        type Box = { click(): void; checked: boolean };
        const picked = els.slice(0, 2) as unknown as Box[];
        const { location } = globalThis as unknown as { location: { search: string } };
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const off = new Set<number>();
        picked[0]!.click();
        await sleep(gap);
        picked[1]!.click();
        for (let i = 0; i < 500; i++) {
          picked.forEach((el, k) => el.checked || off.add(k));
          const sel = new URLSearchParams(location.search).get('sel') ?? '';
          if (sel.split(',').length === 2) break;
          await sleep(2);
        }
        return [...off];
      }, gapMs);
      unticked.push(seen);
      await page.waitForURL((u) => (u.searchParams.get('sel') ?? '').split(',').length === 2);
      for (const i of [0, 1]) await expect(boxes.nth(i).isChecked()).resolves.toBe(true);
    }
    expect(unticked).toEqual([[], [], [], []]);
  });

  it('shows the API’s refusal of an invalid where-expression instead of "No runs match"', async () => {
    await page.goto(`${base}?where=${encodeURIComponent('summary.test_accuracy > true')}`);
    const alert = page.getByRole('alert').filter({ hasText: 'BAD_USER_INPUT' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /filter\.summary\[0\]\.value.*GT needs a finite number or a string/,
    );
    expect(await page.getByText('No runs match').count()).toBe(0);
    await expect(page.getByTestId('runs-total').textContent()).resolves.toBe('no answer');
    await shot(page, 'runs-where-error-light');
    // What the box itself cannot read is named, and nothing is listed as if it matched.
    await page.getByLabel('Where').fill('accuracy > 1');
    await page.getByLabel('Where').press('Enter');
    await page.getByTestId('where-error').filter({ hasText: '"accuracy > 1"' }).waitFor();
    expect(await page.getByText('No runs match').count()).toBe(0);
  });

  it('scrolls sideways at 1,400 px with the name column sticky and full names in a title', async () => {
    const cols = [
      'summary.test_accuracy',
      'summary.val_accuracy',
      'params.mode',
      'params.alpha',
      'params.fraction',
      'params.teachers',
      'params.seed',
      'params.lr',
    ];
    await page.goto(`${base}?cols=${cols.join(',')}`);
    await page.locator('.vrow').first().waitFor();
    const scroller = page.locator('.vtable-scroll');
    const { sw, cw } = await scroller.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
    expect(sw).toBeGreaterThan(cw);
    await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    const box = (await scroller.boundingBox())!;
    const created = (await page.getByRole('columnheader', { name: /Created/ }).boundingBox())!;
    expect(created.x + created.width).toBeLessThanOrEqual(box.x + box.width + 1);
    const name = (await page.locator('.vrow .stick1').first().boundingBox())!;
    expect(Math.round(name.x - box.x)).toBeLessThanOrEqual(41);
    // One precision per column: every test_accuracy cell has the same number of decimals.
    const accCells = await page.locator('[data-col="summary.test_accuracy"]').allTextContents();
    const decimals = new Set(accCells.filter(Boolean).map((t) => t.split('.')[1]?.length ?? 0));
    expect([...decimals]).toEqual([columnDigits(allAccuracies)]);
    await shot(page, 'runs-scrolled-light');
  });

  it('groups by a param with mean (SEM), n cells, expands a group, compares all filtered', async () => {
    await page.goto(`${base}?kind=STUDENT&cols=summary.test_accuracy,params.alpha`);
    await total(page, students().length);
    await page.getByLabel('Group by').selectOption('mode');
    await page.waitForURL(/group=mode/);
    const group = page.locator('.group-row[data-group="MIMIC_ALL"]');
    await group.waitFor();
    const accs = students()
      .filter((s) => s.mode === 'MIMIC_ALL')
      .map((s) => s.acc);
    const digits = aggregateDigits(columnDigits(students().map((s) => s.acc)));
    await expect(group.locator('[data-col="summary.test_accuracy"]').textContent()).resolves.toBe(
      formatCell(meanSem(accs), false, digits),
    );
    await expect(group.getByTestId('group-count').textContent()).resolves.toBe(`${accs.length} runs`);
    await group.getByRole('button', { name: /MIMIC_ALL/ }).click();
    await expect(page.locator('.member-row').count()).resolves.toBe(accs.length);
    await shot(page, 'runs-grouped-light');
    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(page.url());
    await dark.locator('.group-row[data-group="OUTPUT_AVG"]').getByRole('button').click();
    await dark.locator('.member-row').first().waitFor();
    await shot(dark, 'runs-grouped-dark');
    await dark.context().close();
    // Compare from the grouped table opens compare grouped the same way (W&B's grouped charts).
    await page
      .getByRole('button', { name: `Compare all ${students().length} filtered, grouped by mode` })
      .click();
    await page.waitForURL(/\/compare\?runs=/);
    const url = new URL(page.url());
    const ids = url.searchParams.get('runs')!.split(',');
    const studentIds = await stack.api.db.prisma.run.findMany({
      where: { projectId: stack.seeded.projectId, kind: 'STUDENT' },
      select: { id: true },
    });
    expect(ids.sort()).toEqual(studentIds.map((r) => r.id).sort());
    expect(url.searchParams.get('group')).toBe('mode');
    await expect.poll(() => page.getByLabel('Group by').inputValue()).toBe('mode');
    // Compare is grouped: the band control shows and each chart carries its groups' aggregate.
    await page.getByLabel('Band').waitFor();
    await page.locator('section.panel[data-aggregate]').first().waitFor();

    // The selection too: two ticked runs of a table grouped by a param outside the run's own
    // columns (params.teachers) open compare grouped by that param.
    await page.goto(`${base}?kind=STUDENT&group=teachers`);
    await page.locator('.group-row').first().getByRole('button').click();
    const boxes = page.locator('.member-row input[type=checkbox]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Compare 2, grouped by teachers' }).click();
    await page.waitForURL(/\/compare\?runs=/);
    const picked = new URL(page.url());
    expect(picked.searchParams.get('runs')!.split(',')).toHaveLength(2);
    expect(picked.searchParams.get('group')).toBe('params.teachers');
  });

  it('downloads the table as shown as CSV (grouped)', async () => {
    await page.goto(`${base}?kind=STUDENT&cols=summary.test_accuracy,params.alpha&group=alpha`);
    await page.locator('.group-row').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual([
      'group',
      'runs',
      'name',
      'kind',
      'status',
      'tags',
      'summary.test_accuracy',
      'params.alpha',
      'created',
    ]);
    const digits = aggregateDigits(columnDigits(students().map((s) => s.acc)));
    const expected = [0, 0.5].map((alpha) => {
      const accs = students()
        .filter((s) => s.alpha === alpha)
        .map((s) => s.acc);
      return [`alpha = ${alpha}`, String(accs.length), formatCell(meanSem(accs), false, digits)];
    });
    expect(rows.slice(1).map((r) => [r[0], r[1], r[6]])).toEqual(expected);
    const shown = await page.locator('.group-row [data-col="summary.test_accuracy"]').allTextContents();
    expect(shown).toEqual(expected.map((e) => e[2]));
  });

  it('saves a named view, opens it from a plain runs page, and viewers can open but not save', async () => {
    await page.goto(`${base}?kind=STUDENT&cols=summary.test_accuracy,params.alpha&group=mode`);
    await page.locator('.group-row').first().waitFor();
    await page.getByLabel('View name').fill('students by mode');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page
      .getByLabel('Saved view')
      .locator('option', { hasText: 'students by mode' })
      .waitFor({ state: 'attached' });
    const saved = await stack.api.db.prisma.savedView.findFirstOrThrow({
      where: { projectId: stack.seeded.projectId, name: 'students by mode' },
    });
    expect(saved.state).toMatchObject({
      kind: 'STUDENT',
      group: 'mode',
      columns: ['summary.test_accuracy', 'params.alpha'],
    });
    await page.goto(base);
    await page.locator('.vrow').first().waitFor();
    await page.getByLabel('Saved view').selectOption({ label: 'students by mode' });
    await page.waitForURL(
      (u) => u.searchParams.get('group') === 'mode' && u.searchParams.get('kind') === 'STUDENT',
    );
    await page.locator('.group-row[data-group="MIMIC_ALL"]').waitFor();
    await shot(page, 'runs-saved-view-light');
    const viewer = await stack.signedInPage({ email: stack.seeded.viewer.email });
    await viewer.goto(base);
    await viewer.getByLabel('Saved view').selectOption({ label: 'students by mode · Ada Admin' });
    await viewer.waitForURL(/group=mode/);
    expect(await viewer.getByLabel('View name').count()).toBe(0);
    await viewer.context().close();
  });
});
