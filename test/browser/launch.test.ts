// Issue 17 items 3, 8 and 9 in Debian Chromium against the real API and PostgreSQL: the launch form's
// small defaults, a run-count preview equal to what the API queues, a confirmation before large grids,
// a link to the queued experiment, subsets of the chosen split only (distinct labels), refusals shown
// (an empty name in place, the API's typed error above the form), a dataset registered by preset
// without a hash, and an empty project's sample experiment queuing its runs in one click.
import { seedArchitectures } from '@distillery/db/seed';
import { DATASET_PRESETS, gridSize } from '@distillery/domain';
import { gqlData } from '@distillery/testing';
import { listArchitectures } from '@distillery/ml';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SAMPLE_GRID } from '../../apps/web/src/lib/first-steps.ts';
import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';

let stack: DashboardStack;
let page: Page;
let token: string;

beforeAll(async () => {
  stack = await startDashboardStack('launch');
  // The real registry, as `npm start` seeds it (DenseNet121 among them: the form must not pick it).
  await seedArchitectures(
    stack.api.db.prisma,
    listArchitectures().map((a) => ({ ...a, trainingParams: { ...a.trainingParams } })),
  );
  token = stack.seeded.admin.token;
  page = await stack.signedInPage();
}, 300_000);
afterAll(() => stack?.close());

const prisma = () => stack.api.db.prisma;
const runsOf = (experimentId: string) => prisma().run.count({ where: { experimentId } });
const projectRuns = (projectId: string) => prisma().run.count({ where: { projectId } });
const launchUrl = () => `${stack.webUrl}/p/${stack.seeded.projectId}/launch`;
const previewTotal = async (p: Page) =>
  Number(await p.getByTestId('grid-preview').getAttribute('data-total'));

describe('launching from the dashboard', () => {
  it('starts from a small grid of a small CNN, previews the API’s count and links to what it queued', async () => {
    await page.goto(launchUrl());
    await page.getByRole('button', { name: 'Launch grid' }).waitFor();
    expect(await page.locator('select[name=teacherArchitecture]').inputValue()).toBe('test');
    expect(await page.locator('select[name=studentArchitecture]').inputValue()).toBe('test');
    expect(await page.inputValue('input[name=teacherCounts]')).toBe('2');
    expect(await page.inputValue('input[name=fractions]')).toBe('0.8, 1');
    // Every tie convention, epoch budget and restore-best policy of the schema is offered.
    expect(await page.locator('select[name=ties] option').allTextContents()).toEqual([
      'principled',
      'original',
    ]);
    expect(await page.locator('select[name="training.epochBudget"] option').allTextContents()).toEqual([
      '—',
      'original',
      'per_subset',
    ]);
    expect(await page.locator('select[name=rules] option').count()).toBe(18);
    await page.fill('input[name=name]', 'small grid');
    const shown = await previewTotal(page);
    // 2 teachers + 1 ensemble + 1 student per p, 2 p's, 1 baseline, the plan run.
    expect(shown).toBe(10);
    await page.getByTestId('grid-preview').getByText('This grid queues 10 runs: 4 teachers').waitFor();
    await shot(page, 'launch-defaults', true);
    await page.getByRole('button', { name: 'Launch grid' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Experiment small grid: 10 runs queued.' });
    await status.waitFor({ timeout: 30_000 });
    const experiment = await prisma().experiment.findFirstOrThrow({ where: { name: 'small grid' } });
    expect(await runsOf(experiment.id)).toBe(shown);
    await shot(page, 'launch-queued');
    await status.getByRole('link', { name: 'Open the experiment →' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const planRun = await prisma().run.findFirstOrThrow({
      where: { experimentId: experiment.id, kind: 'EXPERIMENT' },
    });
    expect(page.url()).toMatch(new RegExp(`/runs/${planRun.id}$`));
    await page.getByText('experiment small grid').first().waitFor();
  });

  it('asks before queuing a large grid and queues nothing until confirmed', async () => {
    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(launchUrl());
    await dark.getByRole('button', { name: 'Launch grid' }).waitFor();
    await dark.fill('input[name=name]', 'big grid');
    await dark.fill('input[name=teacherCounts]', '2, 3');
    await dark.fill('input[name=fractions]', '0.6, 0.8, 1');
    await dark.fill('input[name=alphas]', '0, 0.5');
    await dark.locator('select[name=modes]').selectOption(['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL']);
    const grid = {
      teacherCounts: [2, 3],
      fractions: [0.6, 0.8, 1],
      modes: ['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL'],
      alphas: [0, 0.5],
      repetitions: 1,
      includeBaselines: true,
    };
    // Just above the confirmation threshold (50 runs).
    expect(gridSize(grid)).toBe(53);
    expect(await previewTotal(dark)).toBe(gridSize(grid));
    const before = await projectRuns(stack.seeded.projectId);
    await dark.getByRole('button', { name: 'Launch grid' }).click();
    const ask = dark.getByRole('alertdialog', { name: 'Confirm launch' });
    await ask.getByText(`Queue all ${gridSize(grid)} runs? Nothing is queued until you confirm.`).waitFor();
    await ask.scrollIntoViewIfNeeded();
    await shot(dark, 'launch-confirm-dark');
    await ask.getByRole('button', { name: 'Back to the form' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await projectRuns(stack.seeded.projectId)).toBe(before);
    await dark.getByRole('button', { name: 'Launch grid' }).click();
    await ask.getByRole('button', { name: `Queue ${gridSize(grid)} runs` }).click();
    await dark
      .getByRole('status')
      .filter({ hasText: `Experiment big grid: ${gridSize(grid)} runs queued.` })
      .waitFor({
        timeout: 150_000,
      });
    const experiment = await prisma().experiment.findFirstOrThrow({ where: { name: 'big grid' } });
    expect(await runsOf(experiment.id)).toBe(gridSize(grid));
    await dark.close();
  }, 180_000);

  it('refuses an empty name in place and shows what the API refuses as its typed error, queuing nothing', async () => {
    await page.goto(launchUrl());
    await page.getByRole('button', { name: 'Launch grid' }).waitFor();
    const before = await projectRuns(stack.seeded.projectId);
    await page.fill('input[name=name]', '   ');
    await page.getByRole('button', { name: 'Launch grid' }).click();
    await page
      .locator('.field.invalid', { hasText: 'Name' })
      .getByRole('alert')
      .filter({ hasText: 'required' })
      .waitFor();
    // Larger than the API takes: the browser previews it, the API refuses it with BAD_USER_INPUT.
    await page.fill('input[name=name]', 'too big');
    await page.fill('input[name=teacherCounts]', '100');
    await page.fill('input[name=fractions]', '0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1');
    await page.fill('input[name=alphas]', '0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9');
    await page.fill('input[name=repetitions]', '5');
    await page
      .getByTestId('grid-preview')
      .getByText('The API queues at most 5,000 runs per launch.')
      .waitFor();
    await page.getByRole('button', { name: 'Launch grid' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: /^Queue / })
      .click();
    const refused = page
      .getByRole('alert')
      .filter({ hasText: 'input: the grid is too large (at most 5000 runs per launch)' });
    await refused.waitFor({ timeout: 30_000 });
    // The code rides beside the message as its own small tag (one component for every error).
    await expect(refused.locator('.error-code').textContent()).resolves.toBe('BAD_USER_INPUT');
    await page.getByRole('heading', { name: /Launch the experiment grid/ }).scrollIntoViewIfNeeded();
    await shot(page, 'launch-refused');
    expect(await projectRuns(stack.seeded.projectId)).toBe(before);
  });

  it('offers only the chosen split’s subsets, each with a distinct label', async () => {
    const { datasets } = await gqlData<{ datasets: { id: string; splits: { id: string }[] }[] }>(
      stack.apiUrl,
      'query($p: ID!) { datasets(projectId: $p) { id splits { id } } }',
      { p: stack.seeded.projectId },
      token,
    );
    const datasetId = datasets[0]!.id;
    const first = datasets[0]!.splits[0]!.id;
    const { createSplit } = await gqlData<{ createSplit: { id: string } }>(
      stack.apiUrl,
      'mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }',
      { i: { datasetId, seed: 9, valFraction: 0.1 } },
      token,
    );
    // The same (p, seed) twice on the second split, and p = 0.5 only there.
    for (let i = 0; i < 2; i++)
      await gqlData(
        stack.apiUrl,
        'mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }',
        { i: { splitId: createSplit.id, fractions: [0.5], seeds: [1] } },
        token,
      );
    await page.goto(launchUrl());
    await page.getByRole('tab', { name: 'Teachers' }).click();
    const subsets = page.locator('select[name=subsetIds] option');
    await page.locator('select[name=splitId]').selectOption(first);
    await subsets.first().waitFor();
    const ofFirst = await subsets.allTextContents();
    const firstSubsets = await prisma().subset.count({ where: { splitId: first } });
    expect(ofFirst).toHaveLength(firstSubsets);
    expect(ofFirst.every((l) => !l.startsWith('p=0.5'))).toBe(true);
    expect(new Set(ofFirst).size).toBe(ofFirst.length);
    await page.locator('select[name=splitId]').selectOption(createSplit.id);
    await expect.poll(() => subsets.count()).toBe(2);
    const ofSecond = await subsets.allTextContents();
    expect(ofSecond.every((l) => l.startsWith('p=0.5 · seed 1'))).toBe(true);
    expect(new Set(ofSecond).size).toBe(2);
    await shot(page, 'launch-teachers-subsets', true);
  });

  it('registers a built-in dataset by preset without asking for a hash', async () => {
    await page.goto(launchUrl());
    await page.getByRole('tab', { name: 'Dataset' }).click();
    await page.getByRole('button', { name: 'Register' }).waitFor();
    expect(await page.locator('input[name=contentHash]').count()).toBe(0);
    expect(await page.getByText(/SHA-256 of samples/).count()).toBe(0);
    await page.locator('select[name=preset]').selectOption('fmnist');
    await page.fill('input[name=name]', 'fashion');
    await shot(page, 'launch-dataset', true);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('status').filter({ hasText: 'Registered fashion.' }).waitFor({ timeout: 30_000 });
    const row = await prisma().dataset.findFirstOrThrow({
      where: { projectId: stack.seeded.projectId, name: 'fashion' },
    });
    expect(row).toMatchObject({
      source: 'FASHION_MNIST',
      contentHash: DATASET_PRESETS.fmnist!.builtinContentHash,
      trainCount: 60_000,
    });
    // The same name again: the API's field error sits at the Name field with its extensions.code,
    // tagged as the banners tag theirs (same size), light and dark.
    await page.getByRole('button', { name: 'Register' }).click();
    const nameError = page.locator('.field.invalid', { hasText: 'Name in this project' }).getByRole('alert');
    await nameError
      .filter({ hasText: 'the project already has a dataset "fashion"' })
      .waitFor({ timeout: 30_000 });
    await expect(nameError.locator('.error-code').textContent()).resolves.toBe('CONFLICT');
    const size = (l: ReturnType<Page['locator']>) =>
      l.evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle: (e: unknown) => { fontSize: string } }
          ).getComputedStyle(el).fontSize,
      );
    expect(parseFloat(await size(nameError.locator('.error-code')))).toBeLessThan(
      parseFloat(await size(nameError)),
    );
    await shot(page, 'launch-field-error-light', true);
    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(launchUrl());
    await dark.getByRole('tab', { name: 'Dataset' }).click();
    await dark.locator('select[name=preset]').selectOption('fmnist');
    await dark.fill('input[name=name]', 'fashion');
    await dark.getByRole('button', { name: 'Register' }).click();
    await dark
      .locator('.field.invalid .error-code')
      .filter({ hasText: 'CONFLICT' })
      .waitFor({ timeout: 30_000 });
    await shot(dark, 'launch-field-error-dark', true);
    await dark.context().close();
  });

  it('shows an empty project how to start and queues the sample experiment in one click', async () => {
    const admin = await prisma().user.findUniqueOrThrow({ where: { email: stack.seeded.admin.email } });
    const empty = await prisma().project.create({
      data: {
        slug: `empty-${Date.now()}`,
        name: 'Empty lab',
        memberships: { create: { userId: admin.id, role: 'ADMIN' } },
      },
    });
    // Dark first: once the sample has queued, the project is no longer empty.
    for (const dark of [true, false]) {
      const p = await stack.signedInPage({ dark });
      await p.goto(`${stack.webUrl}/p/${empty.id}`);
      const start = p.getByTestId('first-steps');
      await start.getByText(`npx distillery login --email ${admin.email} --project ${empty.slug}`).waitFor();
      await start.getByText('npx distillery datasets import mnist --per-class 200').waitFor();
      await shot(p, `empty-project${dark ? '-dark' : ''}`, true);
      if (!dark) {
        // Launch says the same: no dataset yet, register one or queue the sample.
        await p.goto(`${stack.webUrl}/p/${empty.id}/launch`);
        await p
          .getByTestId('launch-empty')
          .getByRole('button', { name: /^Run a sample experiment/ })
          .waitFor();
        expect(await p.locator('select[name=splitId] option').allTextContents()).toEqual([
          'no split yet: register a dataset and split it first',
        ]);
        await shot(p, 'launch-empty-project');
        await p.goto(`${stack.webUrl}/p/${empty.id}`);
        await start.getByRole('button', { name: /^Run a sample experiment \(6 runs/ }).click();
        const status = start.getByRole('status').filter({ hasText: '6 runs queued.' });
        await status.waitFor({ timeout: 60_000 });
        expect(await projectRuns(empty.id)).toBe(gridSize(SAMPLE_GRID));
        const ds = await prisma().dataset.findFirstOrThrow({
          where: { projectId: empty.id },
          include: { splits: true },
        });
        expect(ds).toMatchObject({
          name: 'sample-mnist',
          contentHash: DATASET_PRESETS.mnist!.builtinContentHash,
        });
        // 2 % of 60,000, 80 % of that to train (Bernoulli draws: about 960).
        expect(Math.abs(ds.splits[0]!.trainCount - 960)).toBeLessThan(100);
        await shot(p, 'empty-project-sample-queued', true);
        await status.getByRole('link', { name: 'Open the experiment →' }).click();
        await p.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
        await p.getByText('experiment sample experiment').first().waitFor();
      }
      await p.close();
    }
  }, 240_000);
});
