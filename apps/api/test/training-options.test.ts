// Per-launch training switches and checkpoint members through GraphQL (issue 22): what a launch names
// (or the method's way when it names nothing) reaches every job payload and the run's params; bad
// values are refused with BAD_USER_INPUT before anything is written; ensembles keep their tie
// convention; a student distilled from snapshot checkpoints records them as its lineage.
import { METHOD_TRAINING } from '@distillery/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildData, seedArchitecture } from './helpers/domain.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let token: string;
let splitId: string;
let subsetIds: string[];
let projectId: string;
beforeAll(async () => {
  api = await startApi();
  await seedArchitecture(api);
  const admin = await createUser(api, null, null, 'trainer');
  token = admin.token;
  const p = await api.gql<{ createProject: { id: string } }>(
    `mutation { createProject(input: { slug: "training", name: "Training" }) { id } }`,
    {},
    token,
  );
  projectId = p.data!.createProject.id;
  ({ splitId, subsetIds } = await buildData(api, token, projectId));
});
afterAll(() => api.close());

/** The payload of the job of `runId`. */
async function payloadOf(runId: string): Promise<Record<string, unknown>> {
  const r = await api.db.pool.query<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM graphile_worker._private_jobs WHERE payload->>'runId' = $1`,
    [runId],
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0]!.payload;
}

async function countJobs(): Promise<number> {
  const r = await api.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM graphile_worker.jobs');
  return Number(r.rows[0]!.n);
}

const TEACHERS = `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id params teacher { id } } }`;
const training = (p: Record<string, unknown>) => ({
  augment: p.augment,
  epochBudget: p.epochBudget,
  patience: p.patience,
  restoreBest: p.restoreBest,
});

describe('training options of a launch', () => {
  it('sends the method’s way when a launch names nothing, and what it names otherwise', async () => {
    const plain = await api.gql<{
      trainTeachers: { id: string; params: { training: unknown }; teacher: { id: string } }[];
    }>(TEACHERS, { i: { splitId, architectureKey: 'tiny', subsetIds: [subsetIds[0]] } }, token);
    expect(plain.errors).toBeUndefined();
    const run = plain.data!.trainTeachers[0]!;
    expect(training(await payloadOf(run.id))).toEqual(METHOD_TRAINING);
    expect(run.params.training).toEqual(METHOD_TRAINING);

    const named = { augment: false, epochBudget: 'PER_SUBSET', patience: 3, restoreBest: 'ALWAYS' };
    const t = await api.gql<{
      trainTeachers: { id: string; params: { training: unknown }; teacher: { id: string } }[];
    }>(
      TEACHERS,
      { i: { splitId, architectureKey: 'tiny', subsetIds: [subsetIds[1]], training: named } },
      token,
    );
    expect(t.errors).toBeUndefined();
    expect(training(await payloadOf(t.data!.trainTeachers[0]!.id))).toEqual(named);
    expect(t.data!.trainTeachers[0]!.params.training).toEqual(named);

    const b = await api.gql<{ trainBaseline: { id: string } }>(
      `mutation($i: TrainBaselineInput!) { trainBaseline(input: $i) { id } }`,
      { i: { splitId, architectureKey: 'tiny', training: { patience: 0 } } },
      token,
    );
    expect(training(await payloadOf(b.data!.trainBaseline.id))).toEqual({ ...METHOD_TRAINING, patience: 0 });

    const s = await api.gql<{ distillStudent: { id: string } }>(
      `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
      {
        i: {
          teacherIds: [run, t.data!.trainTeachers[0]!].map((x) => x.teacher.id),
          mode: 'OUTPUT_AVG',
          alpha: 0.5,
          architectureKey: 'tiny',
          training: { augment: false, restoreBest: 'NEVER' },
        },
      },
      token,
    );
    expect(s.errors).toBeUndefined();
    expect(training(await payloadOf(s.data!.distillStudent.id))).toEqual({
      ...METHOD_TRAINING,
      augment: false,
      restoreBest: 'NEVER',
    });

    const grid = await api.gql<{
      launchExperiment: { experiment: { runs: { id: string; kind: string }[] } };
    }>(
      `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { experiment { runs { id kind } } } }`,
      {
        i: {
          name: 'per-subset grid',
          splitId,
          teacherArchitecture: 'tiny',
          studentArchitecture: 'tiny',
          teacherCounts: [2],
          fractions: [0.5],
          modes: ['OUTPUT_AVG'],
          alphas: [0.5],
          repetitions: 1,
          ties: 'ORIGINAL',
          training: { epochBudget: 'PER_SUBSET' },
        },
      },
      token,
    );
    expect(grid.errors).toBeUndefined();
    const runs = grid.data!.launchExperiment.experiment.runs;
    for (const r of runs.filter((x) => ['TEACHER', 'STUDENT', 'BASELINE'].includes(x.kind)))
      expect(training(await payloadOf(r.id))).toEqual({ ...METHOD_TRAINING, epochBudget: 'PER_SUBSET' });
    const ens = await api.db.prisma.ensemble.findMany({
      where: { runId: { in: runs.filter((r) => r.kind === 'ENSEMBLE_EVAL').map((r) => r.id) } },
    });
    expect(ens.map((e) => e.ties)).toEqual(['ORIGINAL']);
  });

  it('refuses bad values with BAD_USER_INPUT and writes nothing', async () => {
    const before = await countJobs();
    const runsBefore = await api.db.prisma.run.count();
    for (const [bad, field] of [
      [{ patience: -1 }, 'input.training.patience'],
      [{ patience: 1.5 }, null],
      [{ patience: 1e9 }, 'input.training.patience'],
      [{ epochBudget: 'WEEKLY' }, null],
      [{ restoreBest: 'SOMETIMES' }, null],
      [{ augment: 'yes' }, null],
    ] as const) {
      const r = await api.gql(
        TEACHERS,
        { i: { splitId, architectureKey: 'tiny', subsetIds, training: bad } },
        token,
      );
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      if (field) expect(r.errors?.[0]?.extensions?.field).toBe(field);
    }
    const ties = await api.gql(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id } }`,
      { i: { name: 'x', teacherIds: [], rules: ['MEAN'], ties: 'RANDOM' } },
      token,
    );
    expect(ties.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countJobs()).toBe(before);
    expect(await api.db.prisma.run.count()).toBe(runsBefore);
  });
});

describe('members from checkpoints', () => {
  it('distils a student from snapshot checkpoints, keeps an ensemble’s ties, and links the lineage', async () => {
    const t = await api.gql<{ trainTeachers: { id: string; teacher: { id: string } }[] }>(
      TEACHERS,
      { i: { splitId, architectureKey: 'tiny', seeds: [7], origin: 'SNAPSHOT', cycles: 3, epochs: 3 } },
      token,
    );
    expect(t.errors).toBeUndefined();
    const { id: runId, teacher } = t.data!.trainTeachers[0]!;
    // What the runner stores per cycle: a SNAPSHOT checkpoint with its weights.
    const cps = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      const artifact = await api.db.prisma.artifact.create({
        data: {
          projectId,
          runId,
          kind: 'CHECKPOINT',
          name: `snapshot-${cycle}`,
          uri: `file:///nowhere/${cycle}`,
          sha256: 'b'.repeat(64),
          sizeBytes: 1n,
        },
      });
      cps.push(
        await api.db.prisma.checkpoint.create({
          data: {
            runId,
            teacherId: teacher.id,
            kind: 'SNAPSHOT',
            epoch: cycle + 1,
            step: cycle + 1,
            cycle,
            artifactId: artifact.id,
          },
        }),
      );
    }
    const epoch = await api.db.prisma.checkpoint.create({
      data: { runId, teacherId: teacher.id, kind: 'EPOCH', epoch: 9, step: 9 },
    });
    const DISTILL = `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id student { id teachers { id } members { position teacher { id } checkpoint { id kind cycle } } } } }`;
    const base = { mode: 'MIMIC_ALL', alpha: 0.5, architectureKey: 'tiny' };
    const before = await countJobs();
    for (const [i, field] of [
      [{ ...base }, 'input.teacherIds'],
      [{ ...base, teacherIds: [teacher.id], checkpointIds: [cps[0]!.id] }, 'input.teacherIds'],
      [{ ...base, checkpointIds: [cps[0]!.id, cps[0]!.id] }, 'input.checkpointIds[1]'],
      [{ ...base, checkpointIds: [cps[0]!.id, epoch.id] }, 'input.checkpointIds[1]'],
      [
        { ...base, checkpointIds: [cps[0]!.id, '00000000-0000-4000-8000-000000000000'] },
        'input.checkpointIds[1]',
      ],
    ] as const) {
      const r = await api.gql(DISTILL, { i }, token);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(i)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(await countJobs()).toBe(before);

    const s = await api.gql<{
      distillStudent: {
        id: string;
        student: {
          id: string;
          teachers: { id: string }[];
          members: {
            position: number;
            teacher: { id: string };
            checkpoint: { id: string; kind: string; cycle: number };
          }[];
        };
      };
    }>(DISTILL, { i: { ...base, checkpointIds: cps.map((c) => c.id) } }, token);
    expect(s.errors).toBeUndefined();
    const student = s.data!.distillStudent.student;
    expect(student.teachers.map((x) => x.id)).toEqual([teacher.id, teacher.id, teacher.id]);
    expect(student.members).toEqual(
      cps.map((c, position) => ({
        position,
        teacher: { id: teacher.id },
        checkpoint: { id: c.id, kind: 'SNAPSHOT', cycle: position },
      })),
    );
    const payload = await payloadOf(s.data!.distillStudent.id);
    expect(payload.teacherIds).toEqual([teacher.id, teacher.id, teacher.id]);
    expect(payload.checkpointIds).toEqual(cps.map((c) => c.id));
    // The checkpoints exist already: the job need not wait for the teacher run to finish.
    expect(payload.dependsOnRunIds).toEqual([]);

    // A retry enqueues the very job the launch did: the same checkpoints and training options.
    const studentRunId = s.data!.distillStudent.id;
    await api.db.pool.query(`DELETE FROM graphile_worker._private_jobs WHERE payload->>'runId' = $1`, [
      studentRunId,
    ]);
    await api.db.pool.query(`UPDATE "Run" SET status = 'FAILED', "failureReason" = 'test' WHERE id = $1`, [
      studentRunId,
    ]);
    const retried = await api.gql<{ retryRun: { status: string } }>(
      `mutation($id: ID!) { retryRun(runId: $id) { status } }`,
      { id: studentRunId },
      token,
    );
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryRun.status).toBe('QUEUED');
    expect(await payloadOf(studentRunId)).toEqual(payload);

    const lin = await api.gql<{
      lineage: { nodes: { id: string; type: string }[]; edges: { from: string; to: string }[] };
    }>(
      `query($id: ID!) { lineage(id: $id) { nodes { id type } edges { from to } } }`,
      { id: student.id },
      token,
    );
    const into = lin.data!.lineage.edges.filter((e) => e.to === student.id).map((e) => e.from);
    expect(into.sort()).toEqual(cps.map((c) => c.id).sort());
    expect(lin.data!.lineage.nodes.find((n) => n.id === teacher.id)?.type).toBe('Teacher');

    const e = await api.gql<{ evaluateEnsemble: { id: string; ties: string } }>(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id ties } }`,
      {
        i: { name: 'snapshots', checkpointIds: cps.map((c) => c.id), rules: ['PLURALITY'], ties: 'ORIGINAL' },
      },
      token,
    );
    expect(e.errors).toBeUndefined();
    expect(e.data!.evaluateEnsemble.ties).toBe('ORIGINAL');
    const d = await api.gql<{ evaluateEnsemble: { ties: string } }>(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { ties } }`,
      { i: { name: 'default ties', checkpointIds: cps.map((c) => c.id), rules: ['BORDA'] } },
      token,
    );
    expect(d.data!.evaluateEnsemble.ties).toBe('PRINCIPLED');
  });
});

describe('a grid of checkpoint teachers', () => {
  const GRID = `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount jobCount experiment { id runs { id kind } } } }`;
  const grid = (i: Record<string, unknown>) => ({
    name: 'cyclic grid',
    splitId,
    teacherArchitecture: 'tiny',
    studentArchitecture: 'tiny',
    teacherCounts: [2, 3],
    fractions: [0.5],
    modes: ['MIMIC_ALL'],
    alphas: [0.5],
    repetitions: 1,
    includeBaselines: false,
    epochs: 2,
    ...i,
  });
  type Launched = {
    launchExperiment: {
      runCount: number;
      jobCount: number;
      experiment: { id: string; runs: { id: string; kind: string }[] };
    };
  };
  const counts = async () => ({
    jobs: await countJobs(),
    runs: await api.db.prisma.run.count(),
    checkpoints: await api.db.prisma.checkpoint.count(),
    experiments: await api.db.prisma.experiment.count(),
    subsets: await api.db.prisma.subset.count(),
  });

  it('trains one SNAPSHOT teacher per (r, p) whose first N checkpoints are the members of N, named at launch', async () => {
    const r = await api.gql<Launched>(GRID, { i: grid({ teacherOrigin: 'SNAPSHOT' }) }, token);
    expect(r.errors).toBeUndefined();
    const runs = r.data!.launchExperiment.experiment.runs;
    // 1 teacher + 2 ensembles + 2 students + the plan run
    expect(r.data!.launchExperiment).toMatchObject({ runCount: 6, jobCount: 6 });
    expect(runs.map((x) => x.kind).sort()).toEqual(
      ['ENSEMBLE_EVAL', 'ENSEMBLE_EVAL', 'EXPERIMENT', 'STUDENT', 'STUDENT', 'TEACHER'].sort(),
    );
    const teacherRun = runs.find((x) => x.kind === 'TEACHER')!;
    const teacher = await api.db.prisma.teacher.findUniqueOrThrow({ where: { runId: teacherRun.id } });
    expect(teacher.origin).toBe('SNAPSHOT');
    // cycles default to max N = 3; equal cost: 3 cycles × the 2 epochs of one independent teacher
    expect(await payloadOf(teacherRun.id)).toMatchObject({ origin: 'SNAPSHOT', cycles: 3, epochs: 6 });
    const cps = await api.db.prisma.checkpoint.findMany({
      where: { runId: teacherRun.id },
      orderBy: { cycle: 'asc' },
    });
    expect(cps.map((c) => [c.kind, c.cycle, c.epoch, c.teacherId, c.artifactId])).toEqual([
      ['SNAPSHOT', 0, 2, teacher.id, null],
      ['SNAPSHOT', 1, 4, teacher.id, null],
      ['SNAPSHOT', 2, 6, teacher.id, null],
    ]);

    for (const run of runs.filter((x) => x.kind === 'STUDENT')) {
      const p = await payloadOf(run.id);
      const n = (p.teacherIds as string[]).length;
      expect(p.teacherIds).toEqual(Array(n).fill(teacher.id));
      expect(p.checkpointIds).toEqual(cps.slice(0, n).map((c) => c.id));
      // the checkpoints are still to be trained: the student waits for the teacher run
      expect(p.dependsOnRunIds).toEqual([teacherRun.id]);
      const student = await api.db.prisma.student.findUniqueOrThrow({ where: { runId: run.id } });
      const lin = await api.gql<{ lineage: { edges: { from: string; to: string }[] } }>(
        `query($id: ID!) { lineage(id: $id) { edges { from to } } }`,
        { id: student.id },
        token,
      );
      const into = lin.data!.lineage.edges.filter((e) => e.to === student.id).map((e) => e.from);
      expect(into.sort()).toEqual(
        cps
          .slice(0, n)
          .map((c) => c.id)
          .sort(),
      );
    }
    expect(
      (await Promise.all(runs.filter((x) => x.kind === 'STUDENT').map((x) => payloadOf(x.id))))
        .map((p) => (p.teacherIds as string[]).length)
        .sort(),
    ).toEqual([2, 3]);
    const ens = await api.db.prisma.ensemble.findMany({
      where: { runId: { in: runs.filter((x) => x.kind === 'ENSEMBLE_EVAL').map((x) => x.id) } },
      include: { members: { orderBy: { position: 'asc' } } },
    });
    for (const e of ens) {
      expect(e.members.map((m) => m.teacherId)).toEqual(Array(e.members.length).fill(teacher.id));
      expect(e.members.map((m) => m.checkpointId)).toEqual(cps.slice(0, e.members.length).map((c) => c.id));
      expect((await payloadOf(e.runId!)).dependsOnRunIds).toEqual([teacherRun.id]);
    }
    expect(ens.map((e) => e.members.length).sort()).toEqual([2, 3]);
  });

  it('puts FGE checkpoints after the shared first half, one cycle of E/2 epochs each', async () => {
    const r = await api.gql<Launched>(
      GRID,
      { i: grid({ teacherOrigin: 'FGE', teacherCounts: [2], cycles: 4, name: 'fge grid' }) },
      token,
    );
    expect(r.errors).toBeUndefined();
    const teacherRun = r.data!.launchExperiment.experiment.runs.find((x) => x.kind === 'TEACHER')!;
    expect(await payloadOf(teacherRun.id)).toMatchObject({ origin: 'FGE', cycles: 4, epochs: 8 });
    const cps = await api.db.prisma.checkpoint.findMany({
      where: { runId: teacherRun.id },
      orderBy: { cycle: 'asc' },
    });
    expect(cps.map((c) => [c.kind, c.cycle, c.epoch])).toEqual([
      ['FGE', 0, 5],
      ['FGE', 1, 6],
      ['FGE', 2, 7],
      ['FGE', 3, 8],
    ]);
  });

  it('refuses origins and cycles that cannot make the grid with typed errors, writing nothing', async () => {
    const before = await counts();
    for (const [i, field] of [
      [{ teacherOrigin: 'FGE', teacherCounts: [2, 5], cycles: 3 }, 'input.teacherCounts'],
      [{ teacherOrigin: 'SNAPSHOT', teacherCounts: [4], cycles: 2 }, 'input.teacherCounts'],
      [{ teacherOrigin: 'FGE', epochs: 3 }, 'input.epochs'],
      [{ teacherOrigin: 'FGE', epochs: null }, 'input.epochs'],
      [{ teacherOrigin: 'INDEPENDENT', cycles: 3 }, 'input.cycles'],
      [{ teacherOrigin: 'SNAPSHOT', cycles: 0 }, 'input.cycles'],
      [{ teacherOrigin: 'SNAPSHOT', cycles: 1000 }, 'input.cycles'],
      [{ teacherOrigin: 'BAGGED' }, null],
    ] as const) {
      const r = await api.gql(GRID, { i: grid(i) }, token);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(i)).toBe('BAD_USER_INPUT');
      if (field) expect(r.errors?.[0]?.extensions?.field, JSON.stringify(i)).toBe(field);
    }
    expect(await counts()).toEqual(before);
  });
});
