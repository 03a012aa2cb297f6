// The workers and queues page (issue 17) in Debian Chromium against the real API, PostgreSQL and a real
// runner in this process: the runner registers and heartbeats, the page (reached from the top bar) shows
// it live with the run it holds linked to the run page (a run of a project the user may not read only
// counted), a silent runner as lost, the gpu queue's waiting jobs that no live runner serves, and the
// runner as stopped once it stops. Light and dark screenshots.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { claimRun, registerRunner, type RunnerFacts } from '@distillery/db/lifecycle';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRunner, type RunningRunner } from '../../apps/runner/src/runner.ts';
import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';

let stack: DashboardStack;
let runner: RunningRunner | undefined;
let heldRunId: string;

const row = (p: Page) => p.locator(`tr[data-runner="${runner!.runnerId}"]`);

beforeAll(async () => {
  stack = await startDashboardStack('workers');
  const prisma = stack.api.db.prisma;
  runner = await startRunner({
    databaseUrl: stack.api.db.url,
    name: 'browser-box',
    // It serves cpu only: the gpu jobs below wait for a runner that is not there.
    queues: ['cpu'],
    concurrency: 2,
    artifacts: { kind: 'local', root: mkdtempSync(join(tmpdir(), 'distillery-workers-')) },
    engine: { engine: 'tfjs', nativeCpu: 'auto', backend: 'cpu' },
    presenceMs: 1000,
    // The run below is held without a job thread beating it; the reaper must leave it alone.
    staleMs: 600_000,
  });
  // A run held by that runner, claimed through the same lifecycle a job claim uses.
  heldRunId = (
    await prisma.run.create({
      data: { projectId: stack.seeded.projectId, kind: 'TEACHER', name: 'teacher held by browser-box' },
    })
  ).id;
  expect(await claimRun(prisma, { runId: heldRunId, runnerId: runner.runnerId })).toMatchObject({
    claimed: true,
  });
  // One of a project the admin is no member of: counted, never shown.
  const other = await prisma.project.create({ data: { slug: `other-${Date.now()}`, name: 'Other lab' } });
  const hidden = await prisma.run.create({
    data: { projectId: other.id, kind: 'STUDENT', name: 'someone else’s student' },
  });
  await claimRun(prisma, { runId: hidden.id, runnerId: runner.runnerId });
  // A GPU runner that went silent ten minutes ago, and one that stopped.
  const gpuBox: RunnerFacts = {
    id: 'gpu-box-1:4242:c0ffee',
    host: 'gpu-box-1',
    pid: 4242,
    version: '0123456789abcdef',
    engine: 'native',
    nativeCpu: 'avx512',
    backend: 'tensorflow (tfjs-node-gpu)',
    usesGpu: true,
    cpuModel: 'AMD EPYC 7543',
    cpuCores: 32,
    gpus: [{ name: 'NVIDIA A100', driver: '550.54', memoryMb: 40960 }],
    queues: ['gpu'],
    concurrency: 1,
    heartbeatMs: 5000,
    tokenId: null,
    projectId: null,
  };
  await registerRunner(prisma, gpuBox);
  await prisma.$executeRawUnsafe(
    `UPDATE "RunnerRegistration" SET "heartbeatAt" = "heartbeatAt" - interval '10 minutes' WHERE id = $1`,
    gpuBox.id,
  );
  await registerRunner(prisma, { ...gpuBox, id: 'cpu-box-2:99:beef00', host: 'cpu-box-2', queues: ['cpu'] });
  await prisma.runnerRegistration.update({
    where: { id: 'cpu-box-2:99:beef00' },
    data: { stoppedAt: new Date() },
  });
  for (let i = 0; i < 2; i++)
    await prisma.$queryRawUnsafe(
      `SELECT id FROM graphile_worker.add_job('train-teacher', '{}'::json, queue_name => 'gpu')`,
    );
}, 900_000);

afterAll(async () => {
  await runner?.stop();
  await stack?.close();
});

describe('workers page', () => {
  it('shows the live runner holding its run and the queued jobs per queue', async () => {
    const page = await stack.signedInPage();
    await page.goto(`${stack.webUrl}/projects`);
    await page.getByRole('link', { name: 'Workers', exact: true }).click();
    await page.waitForURL(/\/workers$/);
    await row(page).getByTestId('runner-state').filter({ hasText: 'live' }).waitFor();
    await expect(row(page).innerText()).resolves.toMatch(/cpu[\s\S]*2\/2[\s\S]*\+1 in other projects/);
    await expect(row(page).innerText()).resolves.not.toContain('someone else');
    await page.locator('tr[data-runner="gpu-box-1:4242:c0ffee"]').getByText('lost').waitFor();
    await page.locator('tr[data-runner="cpu-box-2:99:beef00"]').getByText('stopped').first().waitFor();
    await page
      .locator('tr[data-queue="gpu"]')
      .getByTestId('queue-waiting')
      .filter({ hasText: '2' })
      .waitFor();
    await expect(
      page.locator('tr[data-queue="gpu"] td').nth(5).innerText(),
      'no live runner serves gpu',
    ).resolves.toBe('0');
    await shot(page, 'workers-page-light', true);

    const dark = await stack.signedInPage({ dark: true });
    await dark.goto(`${stack.webUrl}/workers`);
    await row(dark).getByTestId('runner-state').filter({ hasText: 'live' }).waitFor();
    await dark.locator('tr[data-queue="gpu"]').waitFor();
    await shot(dark, 'workers-page-dark', true);
    await dark.context().close();

    // The held run links to its run page.
    await row(page).getByRole('link', { name: 'teacher held by browser-box' }).click();
    await page.waitForURL(new RegExp(`/runs/${heldRunId}$`));
    await page.goBack();
    await row(page).waitFor();
    // A graceful stop shows at the next refresh.
    await runner!.stop();
    await row(page).getByTestId('runner-state').filter({ hasText: 'stopped' }).waitFor({ timeout: 20_000 });
    runner = undefined;
    await page.context().close();
  });
});
