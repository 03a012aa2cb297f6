// "Train once, compress the snapshot ensemble" end to end (issue 22): through GraphQL one SNAPSHOT
// teacher run makes five cycle checkpoints, a mimic_all student is distilled from those five
// checkpoints (one head each) by a real runner process, and the student's records name them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { DEMO_USER, seedArchitectures, seedDemo } from '@distillery/db/seed';
import { isTerminalRunStatus, Prng } from '@distillery/domain';
import { listArchitectures } from '@distillery/ml';

import { gql, startApi, type ApiProcess } from './api-process.ts';
import { mnistHash, tempArtifacts, waitFor } from './fixtures.ts';
import { spawnRunner, type RunnerProcess } from './runner-process.ts';

const CYCLES = 5;
let db: TestDatabase;
let api: ApiProcess;
let runner: RunnerProcess | undefined;
/** The first test's session token and split, reused by the grid test. */
let user = '';
let splitId = '';

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

/** 768 train and 256 val samples of MNIST's 60,000 (the rest unused); MNIST's own test set. */
function smallAssignment(): Uint8Array {
  const a = new Uint8Array(60000).fill(2);
  const perm = new Prng(5).permutation(60000);
  for (let i = 0; i < 1024; i++) a[perm[i]!] = i < 768 ? 0 : 1;
  return a;
}

async function finished(runId: string) {
  return waitFor(
    `run ${runId} to finish`,
    async () => {
      const r = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
      return isTerminalRunStatus(r.status) ? r : undefined;
    },
    600_000,
    500,
  );
}

describe('a student from the snapshots of one run', () => {
  it('distils mimic_all from five SNAPSHOT checkpoints through GraphQL and records them as its members', async () => {
    const { signIn } = await gql<{ signIn: { token: string } }>(
      api.url,
      `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`,
      { e: DEMO_USER.email, p: DEMO_USER.password },
    );
    user = signIn.token;
    const projectId = (await db.prisma.project.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
    const { createApiToken } = await gql<{ createApiToken: { secret: string } }>(
      api.url,
      `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }`,
      { i: { name: 'snapshot runner', kind: 'RUNNER', projectId } },
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
          seed: 5,
          valFraction: 0.005,
          testFraction: 0,
          assignmentBase64: Buffer.from(smallAssignment()).toString('base64'),
        },
      },
      user,
    );
    splitId = createSplit.id;
    const { trainTeachers } = await gql<{ trainTeachers: { id: string }[] }>(
      api.url,
      `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id } }`,
      {
        i: {
          splitId: createSplit.id,
          architectureKey: 'test',
          seeds: [3],
          origin: 'SNAPSHOT',
          cycles: CYCLES,
          epochs: CYCLES,
          // Raw images keep the teacher short; the student below trains the method's way (augmented).
          training: { augment: false },
        },
      },
      user,
    );
    runner = spawnRunner('snapshots', {
      DATABASE_URL: db.url,
      API_URL: api.url,
      RUNNER_TOKEN: createApiToken.secret,
      ARTIFACT_STORE: tempArtifacts().root,
    });
    const teacherRun = await finished(trainTeachers[0]!.id);
    expect([teacherRun.status, teacherRun.failureReason]).toEqual(['SUCCEEDED', null]);

    const { run } = await gql<{
      run: { teacher: { id: string; checkpoints: { id: string; kind: string; cycle: number | null }[] } };
    }>(
      api.url,
      `query($id: ID!) { run(id: $id) { teacher { id checkpoints { id kind cycle } } } }`,
      { id: teacherRun.id },
      user,
    );
    const snapshots = run.teacher.checkpoints.filter((c) => c.kind === 'SNAPSHOT');
    expect(snapshots.map((c) => c.cycle)).toEqual([0, 1, 2, 3, 4]);

    const { distillStudent } = await gql<{ distillStudent: { id: string; student: { id: string } } }>(
      api.url,
      `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id student { id } } }`,
      {
        i: {
          checkpointIds: snapshots.map((c) => c.id),
          mode: 'MIMIC_ALL',
          alpha: 0.5,
          architectureKey: 'test',
          epochs: 1,
        },
      },
      user,
    );
    const studentRun = await finished(distillStudent.id);
    expect([studentRun.status, studentRun.failureReason]).toEqual(['SUCCEEDED', null]);
    expect(studentRun.summary).toMatchObject({
      mode: 'MIMIC_ALL',
      teachers: CYCLES,
      from_checkpoints: CYCLES,
      augment: true,
      epoch_budget: 'ORIGINAL',
      restore_best: 'ON_EARLY_STOP',
    });
    expect((studentRun.summary as { test_accuracy: number }).test_accuracy).toBeGreaterThan(0.1);

    const { student } = await gql<{
      student: { members: { position: number; teacher: { id: string }; checkpoint: { id: string } }[] };
    }>(
      api.url,
      `query($id: ID!) { student(id: $id) { members { position teacher { id } checkpoint { id } } } }`,
      { id: distillStudent.student.id },
      user,
    );
    expect(student.members).toEqual(
      snapshots.map((c, position) => ({
        position,
        teacher: { id: run.teacher.id },
        checkpoint: { id: c.id },
      })),
    );
    const { lineage } = await gql<{ lineage: { edges: { from: string; to: string }[] } }>(
      api.url,
      `query($id: ID!) { lineage(id: $id) { edges { from to } } }`,
      { id: distillStudent.student.id },
      user,
    );
    expect(
      lineage.edges
        .filter((e) => e.to === distillStudent.student.id)
        .map((e) => e.from)
        .sort(),
    ).toEqual(snapshots.map((c) => c.id).sort());
  }, 600_000);

  it('runs a SNAPSHOT experiment grid whose launch-time checkpoints the teacher fills and the student and ensemble use', async () => {
    expect(runner, 'the first test started the runner').toBeDefined();
    const { launchExperiment } = await gql<{
      launchExperiment: { experiment: { id: string; runs: { id: string; kind: string }[] } };
    }>(
      api.url,
      `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { experiment { id runs { id kind } } } }`,
      {
        i: {
          name: 'snapshot grid',
          splitId,
          teacherArchitecture: 'test',
          studentArchitecture: 'test',
          teacherCounts: [2],
          fractions: [1],
          modes: ['MIMIC_ALL'],
          alphas: [0.5],
          repetitions: 1,
          includeBaselines: false,
          epochs: 1,
          teacherOrigin: 'SNAPSHOT',
          training: { augment: false },
        },
      },
      user,
    );
    const runs = launchExperiment.experiment.runs;
    const of = (kind: string) => runs.filter((r) => r.kind === kind).map((r) => r.id);
    for (const id of [...of('TEACHER'), ...of('STUDENT'), ...of('ENSEMBLE_EVAL')]) {
      const r = await finished(id);
      expect([r.kind, r.status, r.failureReason]).toEqual([r.kind, 'SUCCEEDED', null]);
    }
    const teacherRunId = of('TEACHER')[0]!;
    // The two rows reserved at launch were filled in place (weights, steps); no others were made.
    const cps = await db.prisma.checkpoint.findMany({
      where: { runId: teacherRunId, kind: 'SNAPSHOT' },
      orderBy: { cycle: 'asc' },
    });
    expect(cps.map((c) => [c.cycle, c.epoch, c.artifactId !== null, c.step > 0])).toEqual([
      [0, 1, true, true],
      [1, 2, true, true],
    ]);
    const student = await db.prisma.student.findUniqueOrThrow({
      where: { runId: of('STUDENT')[0]! },
      include: { teachers: { orderBy: { position: 'asc' } } },
    });
    expect(student.teachers.map((t) => t.checkpointId)).toEqual(cps.map((c) => c.id));
    const studentRun = await db.prisma.run.findUniqueOrThrow({ where: { id: of('STUDENT')[0]! } });
    expect(studentRun.summary).toMatchObject({ teachers: 2, from_checkpoints: 2 });
    const ens = await db.prisma.ensemble.findUniqueOrThrow({
      where: { runId: of('ENSEMBLE_EVAL')[0]! },
      include: { members: { orderBy: { position: 'asc' } } },
    });
    expect(ens.members.map((m) => m.checkpointId)).toEqual(cps.map((c) => c.id));
  }, 600_000);
});
