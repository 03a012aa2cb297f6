// The dashboard's one-click sample experiment (an empty project's first step, apps/web/src/lib/
// first-steps.ts) on a real runner process: MNIST's built-in copy registered by preset (no hash),
// a 2 % split and the 6-run grid, every run SUCCEEDED, with the wall time printed. The button
// promises "about a minute" on an idle machine; the budget here allows for a loaded one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildServer } from '@distillery/api';
import { DEMO_USER, seedDemo } from '@distillery/db/seed';
import { gridSize } from '@distillery/domain';
import { listArchitectures } from '@distillery/ml';
import {
  gqlData,
  signIn,
  spawnRunnerProcess,
  startTestApi,
  type RunnerChild,
  type TestApi,
  waitFor,
} from '@distillery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SAMPLE_DATASET, SAMPLE_GRID, SAMPLE_SPLIT } from '../../apps/web/src/lib/first-steps.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'distillery-sample-'));
let api: TestApi;
let runner: RunnerChild | undefined;

beforeAll(async () => {
  api = await startTestApi(buildServer, {
    architectures: listArchitectures(),
    server: { artifactStore: { kind: 'local', root: join(dataDir, 'artifacts') } },
  });
  await seedDemo(api.db.prisma);
  runner = spawnRunnerProcess('apps/runner/src/main.ts', ROOT, {
    DATABASE_URL: api.db.url,
    DISTILLERY_DATA_DIR: dataDir,
    RUNNER_CONCURRENCY: '2',
    RUNNER_POLL_MS: '200',
    // As `npm start` runs it: the gpu queue trained on the CPU.
    RUNNER_GPU_ALLOW_CPU: 'true',
  });
}, 120_000);
afterAll(async () => {
  await runner?.stop();
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the sample experiment', () => {
  it(
    'registers, splits and runs its whole grid on a runner',
    async () => {
      const token = await signIn(api.url, DEMO_USER.email, DEMO_USER.password);
      const call = <T>(query: string, i: object) => gqlData<T>(api.url, query, { i }, token);
      const project = await api.db.prisma.project.findUniqueOrThrow({ where: { slug: 'demo' } });
      const { registerDataset } = await call<{ registerDataset: { id: string } }>(
        'mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }',
        { projectId: project.id, ...SAMPLE_DATASET },
      );
      const { createSplit } = await call<{ createSplit: { id: string } }>(
        'mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }',
        { datasetId: registerDataset.id, ...SAMPLE_SPLIT },
      );
      const t0 = Date.now();
      const { launchExperiment } = await call<{
        launchExperiment: { runCount: number; experiment: { id: string } };
      }>(
        'mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount experiment { id } } }',
        { ...SAMPLE_GRID, splitId: createSplit.id },
      );
      expect(launchExperiment.runCount).toBe(gridSize(SAMPLE_GRID));
      const where = { experimentId: launchExperiment.experiment.id };
      await waitFor(
        async () =>
          (await api.db.prisma.run.count({ where: { ...where, status: { in: ['QUEUED', 'RUNNING'] } } })) ===
          0,
        14 * 60_000,
      ).catch((e: unknown) => {
        throw new Error(`${(e as Error).message}\nrunner log:\n${(runner?.output() ?? '').slice(-4000)}`);
      });
      const runs = await api.db.prisma.run.findMany({
        where,
        select: { name: true, status: true, failureReason: true },
      });
      console.info(
        `sample experiment: ${runs.length} runs finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      expect(
        runs.filter((r) => r.status !== 'SUCCEEDED'),
        (runner?.output() ?? '').slice(-4000),
      ).toEqual([]);
    },
    15 * 60_000,
  );
});
