// The end-to-end check: through GraphQL, launchExperiment with 3 teachers on MNIST subsets →
// ensemble evaluation with several rules → mimic_all and output_avg students, executed by a real runner
// process that writes metrics through the shared lifecycle straight into PostgreSQL (the runner's one
// production path); a graphql-ws subscriber of the API sees the points live through NOTIFY.

import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { DEMO_USER, seedArchitectures, seedDemo } from '@distillery/db/seed';
import { Prng } from '@distillery/domain';
import { listArchitectures } from '@distillery/ml';
import { PAIRWISE_MEASURES } from '@distillery/ml/diversity';

import { gql, startApi, type ApiProcess } from './api-process.ts';
import { gql as rawGql } from '@distillery/testing';
import { createTeacherRun, mnistHash, tempArtifacts, waitFor } from './fixtures.ts';
import { spawnRunner, type RunnerProcess } from './runner-process.ts';

let db: TestDatabase;
let api: ApiProcess;
let runner: RunnerProcess | undefined;
/** Set up by the first test, used by the second: the demo user's session, the runner token, the split. */
const shared: {
  user: string;
  runnerToken: string;
  projectId: string;
  datasetId: string;
  splitId: string;
  assignment: Uint8Array;
} = {
  user: '',
  runnerToken: '',
  projectId: '',
  datasetId: '',
  splitId: '',
  assignment: new Uint8Array(),
};

beforeAll(async () => {
  db = await createTestDatabase();
  await seedArchitectures(
    db.prisma,
    listArchitectures().map((a) => ({ ...a, trainingParams: { ...a.trainingParams } })),
  );
  await seedDemo(db.prisma);
  api = await startApi(db.url);
});
afterAll(async () => {
  await runner?.stop();
  await api?.stop();
  await db?.drop();
});

/** 1,500 train and 300 val samples of MNIST's 60,000; the rest unused; MNIST's own test set. */
function smallAssignment(): Uint8Array {
  const a = new Uint8Array(60000).fill(2);
  const perm = new Prng(11).permutation(60000);
  for (let i = 0; i < 1800; i++) a[perm[i]!] = i < 1500 ? 0 : 1;
  return a;
}

describe('launchExperiment through GraphQL, executed by a runner', () => {
  it('trains 3 teachers, evaluates the ensemble, distils mimic_all and output_avg students; all SUCCEEDED with lineage and live metrics', async () => {
    const { signIn } = await gql<{ signIn: { token: string } }>(
      api.url,
      `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`,
      { e: DEMO_USER.email, p: DEMO_USER.password },
    );
    const user = signIn.token;
    const projectId = (await db.prisma.project.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
    const { createApiToken } = await gql<{ createApiToken: { secret: string } }>(
      api.url,
      `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }`,
      { i: { name: 'e2e runner', kind: 'RUNNER', projectId } },
      user,
    );
    const { registerDataset } = await gql<{ registerDataset: { id: string } }>(
      api.url,
      `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
      { i: { projectId, name: 'mnist', preset: 'mnist', source: 'MNIST', contentHash: await mnistHash() } },
      user,
    );
    const { createSplit } = await gql<{ createSplit: { id: string } }>(
      api.url,
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      {
        i: {
          datasetId: registerDataset.id,
          seed: 11,
          valFraction: 0.005,
          testFraction: 0,
          assignmentBase64: Buffer.from(smallAssignment()).toString('base64'),
        },
      },
      user,
    );
    Object.assign(shared, {
      user,
      runnerToken: createApiToken.secret,
      projectId,
      datasetId: registerDataset.id,
      splitId: createSplit.id,
      assignment: smallAssignment(),
    });
    const { launchExperiment } = await gql<{
      launchExperiment: { experiment: { id: string }; runCount: number };
    }>(
      api.url,
      `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { experiment { id } runCount } }`,
      {
        i: {
          name: 'e2e',
          splitId: createSplit.id,
          teacherArchitecture: 'test',
          studentArchitecture: 'test',
          teacherCounts: [3],
          fractions: [0.2],
          modes: ['MIMIC_ALL', 'OUTPUT_AVG'],
          alphas: [0.25],
          repetitions: 1,
          temperature: 1,
          temperatureMode: 'AS_ORIGINAL',
          rules: ['MEAN', 'BORDA', 'PLURALITY'],
          includeBaselines: false,
          epochs: 1,
        },
      },
      user,
    );
    expect(launchExperiment.runCount).toBe(3 + 1 + 2 + 1);
    const runs = await db.prisma.run.findMany({ where: { experimentId: launchExperiment.experiment.id } });
    const firstTeacher = runs.find((r) => r.kind === 'TEACHER')!;

    // Subscribe to the first teacher's metrics before any runner exists, so every point arrives live.
    const live: { step: number; key: string }[] = [];
    const ws = createClient({
      url: api.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user}` },
    });
    const unsubscribe = ws.subscribe<{
      metricsAppended: { backfill: boolean; points: { key: string; step: number }[] };
    }>(
      {
        query: `subscription($r: ID!) { metricsAppended(runId: $r) { backfill points { key step } } }`,
        variables: { r: firstTeacher.id },
      },
      {
        next: (m) => {
          if (m.data && !m.data.metricsAppended.backfill) live.push(...m.data.metricsAppended.points);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 500));

    runner = spawnRunner('e2e', {
      DATABASE_URL: db.url,
      ARTIFACT_STORE: tempArtifacts().root,
      RUNNER_CONCURRENCY: '2',
    });
    const experimentRun = runs.find((r) => r.kind === 'EXPERIMENT')!;
    await waitFor(
      'the experiment to finish',
      async () => {
        const r = await db.prisma.run.findUniqueOrThrow({ where: { id: experimentRun.id } });
        return r.status === 'SUCCEEDED' || r.status === 'FAILED' ? r : undefined;
      },
      240_000,
      500,
    );
    unsubscribe();
    await ws.dispose();

    const done = await db.prisma.run.findMany({
      where: { experimentId: launchExperiment.experiment.id },
      include: { student: true },
    });
    expect(done.map((r) => [r.kind, r.status, r.failureReason]).sort()).toEqual([
      ['ENSEMBLE_EVAL', 'SUCCEEDED', null],
      ['EXPERIMENT', 'SUCCEEDED', null],
      ['STUDENT', 'SUCCEEDED', null],
      ['STUDENT', 'SUCCEEDED', null],
      ['TEACHER', 'SUCCEEDED', null],
      ['TEACHER', 'SUCCEEDED', null],
      ['TEACHER', 'SUCCEEDED', null],
    ]);
    expect(
      done
        .filter((r) => r.kind === 'STUDENT')
        .map((r) => r.student?.mode)
        .sort(),
    ).toEqual(['MIMIC_ALL', 'OUTPUT_AVG']);
    // With --concurrency 2 the teachers (all in the `gpu` named queue) ran two at a time.
    const teachers = done
      .filter((r) => r.kind === 'TEACHER')
      .map((r) => [r.startedAt!.getTime(), r.finishedAt!.getTime()] as const);
    expect(teachers.some(([s1, e1], i) => teachers.some(([s2], j) => i !== j && s2 >= s1 && s2 < e1))).toBe(
      true,
    );
    for (const r of done.filter((x) => x.kind !== 'EXPERIMENT'))
      expect((r.summary as { test_accuracy?: number }).test_accuracy, r.name).toBeGreaterThan(0.1);

    const ensemble = await db.prisma.ensemble.findFirstOrThrow({
      where: { runId: done.find((r) => r.kind === 'ENSEMBLE_EVAL')!.id },
      include: { results: true },
    });
    expect(ensemble.results.map((r) => r.rule).sort()).toEqual(['borda', 'mean', 'plurality']);
    // The headline accuracy is the first rule asked for, not the best one picked on the test set.
    const headline = done.find((r) => r.kind === 'ENSEMBLE_EVAL')!.summary as Record<string, number | string>;
    expect(headline).toMatchObject({
      primary_rule: 'mean',
      test_accuracy: ensemble.results.find((r) => r.rule === 'mean')!.accuracy,
    });
    expect(headline.best_rule_test_accuracy).toBe(Math.max(...ensemble.results.map((r) => r.accuracy)));
    // The API serves each rule's confusion matrix (its trace is the accuracy) and the members' diversity.
    const { ensemble: served } = await gql<{
      ensemble: {
        results: { rule: string; accuracy: number; confusion: number[][] }[];
        diversity: {
          memberLabels: string[];
          measures: { measure: string; values: (number | null)[][] }[];
          oracleAccuracy: number;
        };
      };
    }>(
      api.url,
      `query($id: ID!) { ensemble(id: $id) { results { rule accuracy confusion } diversity { memberLabels measures { measure values } oracleAccuracy } } }`,
      { id: ensemble.id },
      user,
    );
    for (const r of served.results) {
      const total = r.confusion.flat().reduce((a, b) => a + b, 0);
      expect(r.confusion.reduce((a, row, i) => a + row[i]!, 0) / total, r.rule).toBeCloseTo(r.accuracy, 6);
    }
    expect(served.diversity.memberLabels).toHaveLength(3);
    expect(served.diversity.measures.map((m) => m.measure)).toEqual([...PAIRWISE_MEASURES]);
    for (const m of served.diversity.measures) expect(m.values.map((row) => row.length)).toEqual([3, 3, 3]);
    const evalSummary = done.find((r) => r.kind === 'ENSEMBLE_EVAL')!.summary as {
      best_member_accuracy: number;
    };
    expect(served.diversity.oracleAccuracy).toBeGreaterThanOrEqual(evalSummary.best_member_accuracy);

    // Metrics went through the lifecycle's ingest: points and the rollups metricSeries reads.
    const series = await gql<{ metricSeries: { totalPoints: number } }>(
      api.url,
      `query($r: ID!) { metricSeries(runId: $r, key: "loss") { totalPoints } }`,
      { r: firstTeacher.id },
      user,
    );
    expect(series.metricSeries.totalPoints).toBeGreaterThan(0);
    expect(live.some((p) => p.key === 'loss')).toBe(true);

    // Lineage: a student reaches its teachers, their subsets, the split and the dataset.
    const student = done.find((r) => r.kind === 'STUDENT')!;
    const { lineage } = await gql<{ lineage: { nodes: { type: string }[] } }>(
      api.url,
      `query($id: ID!) { lineage(id: $id) { nodes { type } } }`,
      { id: student.id },
      user,
    );
    const types = lineage.nodes.map((n) => n.type);
    for (const t of ['Dataset', 'Split', 'Teacher', 'Student']) expect(types, t).toContain(t);
    expect(types.filter((t) => t === 'Teacher')).toHaveLength(3);

    // A RUNNER token writing as an attempt that does not hold the run is refused, and nothing is written.
    const attempt = (await db.prisma.run.findUniqueOrThrow({ where: { id: firstTeacher.id } })).attempt;
    const late = await rawGql(
      api.url,
      `mutation($r: ID!, $a: Int, $n: String) { logMetrics(runId: $r, attempt: $a, runnerId: $n, points: [{ key: "late", step: 0, value: 1 }]) { accepted } }`,
      { r: firstTeacher.id, a: attempt - 1, n: 'old' },
      shared.runnerToken,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await db.prisma.metricPoint.count({ where: { runId: firstTeacher.id, key: 'late' } })).toBe(0);
  }, 300_000);

  it('cancelRun stops a running teacher within 5 s keeping its metrics; retryRun starts a fresh attempt', async () => {
    const trainIndices = [...shared.assignment.keys()].filter((i) => shared.assignment[i] === 0);
    const project = {
      projectId: shared.projectId,
      datasetId: shared.datasetId,
      splitId: shared.splitId,
      trainIndices,
    };
    const { runId } = await createTeacherRun(db.prisma, project, {
      subsetSize: 1024,
      epochs: 100,
      name: 'e2e long',
    });
    await waitFor(
      'the long run to log metrics',
      async () =>
        (await db.prisma.metricPoint.count({ where: { runId, key: 'loss' } })) > 2 ? true : undefined,
      120_000,
    );
    const cancelledAt = Date.now();
    await gql(api.url, `mutation($id: ID!) { cancelRun(runId: $id) { status } }`, { id: runId }, shared.user);
    await waitFor(
      'the runner to stop the run',
      async () => (await db.prisma.runEvent.findFirst({ where: { runId, type: 'STOPPED' } })) ?? undefined,
      10_000,
      100,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\nrunner output:\n${runner?.output().slice(-3000)}`);
    });
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    const cancelled = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(cancelled.status).toBe('CANCELLED');
    expect(await db.prisma.metricPoint.count({ where: { runId, key: 'loss' } })).toBeGreaterThan(2);

    await gql(api.url, `mutation($id: ID!) { retryRun(runId: $id) { status } }`, { id: runId }, shared.user);
    const restarted = await waitFor(
      'the retried run to start',
      async () =>
        (await db.prisma.runEvent.findFirst({
          where: { runId, attempt: cancelled.attempt + 1, type: { in: ['STARTED', 'RESUMED'] } },
        })) ?? undefined,
      120_000,
    );
    expect(restarted.type).toBe('STARTED');
    await gql(api.url, `mutation($id: ID!) { cancelRun(runId: $id) { status } }`, { id: runId }, shared.user);
    await waitFor(
      'the retried run to stop',
      async () =>
        (await db.prisma.runEvent.findFirst({
          where: { runId, attempt: cancelled.attempt + 1, type: 'STOPPED' },
        })) ?? undefined,
      10_000,
      100,
    );
  }, 300_000);
});
