// Issue 17 (misclassified samples), in Chromium against the real API and PostgreSQL: a finished
// classifier on a packed image dataset shows the samples it got wrong under its per-class report, as
// thumbnails that really load (the dataset's own pixels through the dashboard's same-origin proxy),
// paged, and narrowed to one confusion cell by clicking that cell of the heatmap (light and dark).
import { buildPack, type PackContent } from '@distillery/artifacts';
import { uploadDatasetPack } from '@distillery/client/node';
import { indicesToBytes } from '@distillery/domain';
import { gqlData, recordFinalPredictions } from '@distillery/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';

let stack: DashboardStack;
let runId: string;

const SHAPES = ['disc', 'ring', 'bar', 'cross', 'square', 'frame', 'diagonal', 'dot', 'stripes', 'checker'];
const SIDE = 28;
const PER_CLASS = { train: 4, test: 6 };

/** A 28×28 grayscale drawing of shape `c`, nudged by `k` so samples of one class differ. */
function glyph(c: number, k: number): Uint8Array {
  const px = new Uint8Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const dx = x - 13.5 - ((k % 3) - 1) * 2;
      const dy = y - 13.5 - ((Math.floor(k / 3) % 3) - 1) * 2;
      const [ax, ay, r] = [Math.abs(dx), Math.abs(dy), Math.hypot(dx, dy)];
      const inside = [
        r < 8,
        r > 6 && r < 10,
        ax < 3 && ay < 11,
        (ax < 2.5 || ay < 2.5) && ax < 11 && ay < 11,
        ax < 8 && ay < 8,
        Math.max(ax, ay) > 6 && Math.max(ax, ay) < 10,
        Math.abs(dx - dy) < 3 && r < 12,
        r < 3.5,
        y % 6 < 3 && ax < 10 && ay < 10,
        (Math.floor(x / 7) + Math.floor(y / 7)) % 2 === 0,
      ][c];
      px[y * SIDE + x] = inside ? 235 - 8 * (k % 4) : 18;
    }
  return px;
}

function shapesPack(): PackContent {
  const train = SHAPES.flatMap((_, c) => Array.from({ length: PER_CLASS.train }, () => c));
  const test = SHAPES.flatMap((_, c) => Array.from({ length: PER_CLASS.test }, () => c));
  const all = [...train, ...test];
  return {
    header: {
      name: 'shapes',
      shape: [SIDE, SIDE, 1],
      classNames: SHAPES,
      groupNames: [],
      counts: { train: train.length, val: 0, test: test.length },
      ids: all.map((c, i) => `shapes/${i < train.length ? 'train' : 'test'}/${SHAPES[c]}/${i}.png`),
    },
    labels: all,
    groups: all.map(() => 0xffffffff),
    pixels: all.map((c, i) => glyph(c, i)),
  };
}

/**
 * The predictions: of each class's 6 test samples, 3 right, 2 taken for the next class (0.60, 0.65),
 * and for even classes 1 taken for the class 3 on (0.55): 25 mistakes, one page of 24 and one of 1.
 */
function predictions() {
  const labels: number[] = [];
  const probs: number[] = [];
  for (let t = 0; t < SHAPES.length; t++)
    for (let j = 0; j < PER_CLASS.test; j++) {
      const [pred, conf] =
        j === 3 || j === 4
          ? [(t + 1) % 10, 0.45 + 0.05 * j]
          : j === 5 && t % 2 === 0
            ? [(t + 3) % 10, 0.55]
            : [t, 0.85];
      labels.push(t);
      probs.push(...SHAPES.map((_, c) => (c === pred ? conf : (1 - conf) / 9)));
    }
  const confusion = new Array<number>(100).fill(0);
  labels.forEach((t, s) => {
    const row = probs.slice(s * 10, s * 10 + 10);
    confusion[t * 10 + row.indexOf(Math.max(...row))]! += 1;
  });
  return { labels, probs, confusion };
}

beforeAll(async () => {
  stack = await startDashboardStack('wrong');
  const { projectId, admin } = stack.seeded;
  const pack = buildPack(shapesPack());
  await uploadDatasetPack(stack.apiUrl, admin.token, projectId, pack);
  const { registerDataset } = await gqlData<{ registerDataset: { id: string } }>(
    stack.apiUrl,
    `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
    { i: { projectId, name: 'shapes', contentHash: pack.sha256 } },
    admin.token,
  );
  const { createSplit } = await gqlData<{ createSplit: { id: string } }>(
    stack.apiUrl,
    `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
    { i: { datasetId: registerDataset.id, seed: 1, valFraction: 0.25 } },
    admin.token,
  );
  const prisma = stack.api.db.prisma;
  const run = await prisma.run.create({
    data: {
      projectId,
      kind: 'BASELINE',
      status: 'SUCCEEDED',
      name: 'shapes baseline',
      datasetId: registerDataset.id,
      splitId: createSplit.id,
      summary: { test_accuracy: 35 / 60 },
    },
  });
  runId = run.id;
  // What the runner's saveFinal stores: probabilities, their confusion matrix and the labels.
  const p = predictions();
  await recordFinalPredictions(prisma, {
    projectId,
    runId,
    splitId: createSplit.id,
    samples: p.labels.length,
    classes: 10,
    probs: p.probs,
    labels: indicesToBytes(p.labels),
    confusion: p.confusion,
    accuracy: 35 / 60,
  });
}, 900_000);
afterAll(async () => {
  await stack?.close();
});

/** Wait until every thumbnail on the page has loaded (or failed); their natural widths (0: broken). */
async function loadedWidths(page: Page): Promise<number[]> {
  const imgs = page.locator('[data-testid="misclassified-sample"] img');
  const read = () =>
    imgs.evaluateAll((els) =>
      els.map((e) => {
        const img = e as unknown as { complete: boolean; naturalWidth: number };
        return img.complete ? img.naturalWidth : -1;
      }),
    );
  await expect.poll(async () => (await read()).includes(-1), { timeout: 10_000 }).toBe(false);
  return read();
}

/** Click cell (true t, predicted p) of the 10-class confusion heatmap (its grid: heatmap.tsx). */
async function clickCell(page: Page, t: number, p: number): Promise<void> {
  const chart = page.getByTestId('class-confusion');
  const box = (await chart.boundingBox())!;
  const [left, right, top, bottom] = [90, 80, 24, 90];
  await chart.click({
    position: {
      x: left + ((p + 0.5) * (box.width - left - right)) / 10,
      y: top + ((t + 0.5) * (box.height - top - bottom)) / 10,
    },
  });
}

describe('misclassified samples on the run page', () => {
  it('shows loaded thumbnails (true → predicted, confidence), pages, and filters by a confusion cell', async () => {
    for (const dark of [false, true]) {
      const page = await stack.signedInPage({ dark, height: 1200 });
      await page.goto(`${stack.webUrl}/p/${stack.seeded.projectId}/runs/${runId}`);
      const section = page.getByTestId('misclassified');
      await section.locator('[data-testid="misclassified-sample"]').first().waitFor();
      await section.scrollIntoViewIfNeeded();
      expect(await page.getByTestId('misclassified-count').innerText()).toBe('1–24 of 25');
      const widths = await loadedWidths(page);
      expect(widths).toHaveLength(24);
      expect(widths.every((w) => w === SIDE)).toBe(true);
      const first = section.locator('[data-testid="misclassified-sample"]').first();
      expect(await first.innerText()).toMatch(/disc → ring\s+conf\. 60\.0 %/);
      await page.locator('[data-testid="class-confusion"] canvas').first().waitFor();
      await page.getByTestId('class-report').scrollIntoViewIfNeeded();
      await shot(page, `misclassified-${dark ? 'dark' : 'light'}`);

      await section.getByRole('button', { name: 'Next' }).click();
      await page.getByTestId('misclassified-count').filter({ hasText: '25–25 of 25' }).waitFor();
      await section.getByRole('button', { name: 'Previous' }).click();
      await page.getByTestId('misclassified-count').filter({ hasText: '1–24 of 25' }).waitFor();

      // diagonal (6) taken for dot (7): the two samples j = 3, 4 of class 6, test indices 39 and 40.
      await clickCell(page, 6, 7);
      await page
        .getByTestId('misclassified-filter')
        .filter({ hasText: 'true diagonal → predicted dot' })
        .waitFor();
      await page.getByTestId('misclassified-count').filter({ hasText: '1–2 of 2' }).waitFor();
      const cell = section.locator('[data-testid="misclassified-sample"]');
      expect(await cell.evaluateAll((els) => els.map((e) => e.getAttribute('data-index')))).toEqual([
        '39',
        '40',
      ]);
      expect((await cell.allInnerTexts()).every((t) => t.includes('diagonal → dot'))).toBe(true);
      expect(await loadedWidths(page)).toEqual([SIDE, SIDE]);
      await section.scrollIntoViewIfNeeded();
      await shot(page, `misclassified-cell-${dark ? 'dark' : 'light'}`);
      await page.getByRole('button', { name: 'Show every misclassified sample' }).click();
      await page.getByTestId('misclassified-count').filter({ hasText: '1–24 of 25' }).waitFor();
      await page.context().close();
    }
  });

  it('serves thumbnails only with a session', async () => {
    const page = await stack.signedInPage();
    await page.goto(`${stack.webUrl}/p/${stack.seeded.projectId}/runs/${runId}`);
    const src = await page.locator('[data-testid="misclassified-sample"] img').first().getAttribute('src');
    expect(src).toMatch(new RegExp(`^/samples/${runId}/TEST/\\d+\\.png$`));
    expect((await page.request.get(`${stack.webUrl}${src}`)).status()).toBe(200);
    const anonymous = await stack.browser.newContext();
    expect((await anonymous.request.get(`${stack.webUrl}${src}`)).status()).toBe(401);
    await anonymous.close();
    await page.context().close();
  });
});
