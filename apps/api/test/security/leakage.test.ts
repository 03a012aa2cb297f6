// Issue 14 finding 9: data leakage and deferred validation are refused in the API with BAD_USER_INPUT
// and nothing written — subsets of non-train samples, empty subsets, p inconsistent with the size,
// all-zero ensemble weights, members without TEST predictions, duplicated members, bad wallTime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { indicesToBytes } from '@distillery/domain';
import { buildData, seedArchitecture } from '../helpers/domain.ts';
import { createUser, startApi, type Api } from '../helpers/harness.ts';

let api: Api;
let token: string;
let projectId: string;
let splitId: string;
let assignment: Uint8Array;
/** Teachers: two finished with TEST predictions, one finished without, one still queued. */
let withPreds: string[];
let noPreds: string;
let queued: string;

const SUBSETS = `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }`;
const ENSEMBLE = `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id } }`;
const STUDENT = `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`;

async function rows(): Promise<string> {
  const r = await api.db.pool.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM "Subset") || '/' || (SELECT count(*) FROM "Ensemble") || '/' || (SELECT count(*) FROM "Run") || '/' || (SELECT count(*) FROM "MetricPoint") AS n`,
  );
  return r.rows[0]!.n;
}

async function expectRefused(query: string, variables: Record<string, unknown>, field: RegExp) {
  const before = await rows();
  const r = await api.gql(query, variables, token);
  expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).toBe('BAD_USER_INPUT');
  expect(r.errors?.[0]?.extensions?.field ?? '').toMatch(field);
  expect(await rows()).toBe(before);
}

const members = (idx: number[]) => Buffer.from(indicesToBytes(Uint32Array.from(idx))).toString('base64');
const roleIndices = (role: number) => [...assignment.keys()].filter((i) => assignment[i] === role);

beforeAll(async () => {
  api = await startApi();
  const p = await api.db.prisma.project.create({ data: { slug: 'leak', name: 'Leak' } });
  projectId = p.id;
  token = (await createUser(api, projectId, 'ADMIN', 'leak')).token;
  await seedArchitecture(api);
  ({ splitId } = await buildData(api, token, projectId));
  assignment = new Uint8Array(
    (await api.db.prisma.split.findUniqueOrThrow({ where: { id: splitId } })).assignment,
  );
  const t = await api.gql<{ trainTeachers: { id: string; teacher: { id: string } }[] }>(
    `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id teacher { id } } }`,
    { i: { splitId, architectureKey: 'tiny', seeds: [1, 2, 3, 4] } },
    token,
  );
  const runs = t.data!.trainTeachers;
  for (const r of runs.slice(0, 3))
    await api.db.prisma.run.update({ where: { id: r.id }, data: { status: 'SUCCEEDED' } });
  for (const r of runs.slice(0, 2)) {
    // What a finished teacher job leaves: a FINAL checkpoint with its TEST predictions.
    const cp = await api.db.prisma.checkpoint.create({
      data: { runId: r.id, teacherId: r.teacher.id, kind: 'FINAL', epoch: 1, step: 1 },
    });
    await api.db.prisma.prediction.create({
      data: {
        runId: r.id,
        checkpointId: cp.id,
        splitId,
        splitRole: 'TEST',
        samples: 1,
        classes: 10,
        probs: new Uint8Array(40),
        probsHash: 'h',
      },
    });
  }
  withPreds = runs.slice(0, 2).map((r) => r.teacher.id);
  noPreds = runs[2]!.teacher.id;
  queued = runs[3]!.teacher.id;
});
afterAll(() => api.close());

describe('subsets', () => {
  it('refuses a subset made of validation samples (any non-train sample)', async () => {
    const val = roleIndices(1);
    expect(val.length).toBeGreaterThan(10);
    await expectRefused(
      SUBSETS,
      {
        i: {
          splitId,
          fractions: [0.1],
          seeds: [1],
          method: 'STRATIFIED_EXACT',
          membersBase64: [members(val.slice(0, 16))],
        },
      },
      /input\.membersBase64\[0\]/,
    );
    const mixed = [...roleIndices(0).slice(0, 15), val[0]!];
    await expectRefused(
      SUBSETS,
      {
        i: {
          splitId,
          fractions: [0.1],
          seeds: [1],
          method: 'STRATIFIED_EXACT',
          membersBase64: [members(mixed)],
        },
      },
      /input\.membersBase64\[0\]/,
    );
  });

  it('refuses empty subsets, drawn or given', async () => {
    await expectRefused(SUBSETS, { i: { splitId, fractions: [0.0001], seeds: [1] } }, /input\.fractions/);
    await expectRefused(
      SUBSETS,
      { i: { splitId, fractions: [0.1], seeds: [1], method: 'STRATIFIED_EXACT', membersBase64: [''] } },
      /input\.membersBase64\[0\]/,
    );
  });

  it('refuses members whose size is inconsistent with p, and repeats outside BOOTSTRAP', async () => {
    const train = roleIndices(0);
    await expectRefused(
      SUBSETS,
      {
        i: {
          splitId,
          fractions: [0.9],
          seeds: [1],
          method: 'STRATIFIED_EXACT',
          membersBase64: [members(train.slice(0, 10))],
        },
      },
      /input\.membersBase64\[0\]/,
    );
    const repeated = [...train.slice(0, Math.round(train.length * 0.5) - 1), train[0]!];
    await expectRefused(
      SUBSETS,
      {
        i: {
          splitId,
          fractions: [0.5],
          seeds: [1],
          method: 'STRATIFIED_EXACT',
          membersBase64: [members(repeated)],
        },
      },
      /input\.membersBase64\[0\]/,
    );
    const ok = await api.gql(
      SUBSETS,
      {
        i: {
          splitId,
          fractions: [0.5],
          seeds: [1],
          method: 'STRATIFIED_EXACT',
          membersBase64: [members(train.slice(0, Math.round(train.length * 0.5)))],
        },
      },
      token,
    );
    expect(ok.errors).toBeUndefined();
  });
});

describe('ensembles and students', () => {
  it('refuses all-zero weights', async () => {
    await expectRefused(
      ENSEMBLE,
      { i: { name: 'zero', teacherIds: withPreds, rules: ['MEAN'], weights: [0, 0] } },
      /input\.weights/,
    );
  });

  it('refuses a finished member without TEST predictions (a queued one will still make them)', async () => {
    await expectRefused(
      ENSEMBLE,
      { i: { name: 'nopred', teacherIds: [...withPreds, noPreds], rules: ['MEAN'] } },
      /input\.teacherIds\[2\]/,
    );
    const ok = await api.gql(
      ENSEMBLE,
      { i: { name: 'pending', teacherIds: [...withPreds, queued], rules: ['MEAN'] } },
      token,
    );
    expect(ok.errors).toBeUndefined();
  });

  it('refuses duplicated members and duplicated teachers instead of collapsing them', async () => {
    await expectRefused(
      ENSEMBLE,
      { i: { name: 'dup', teacherIds: [withPreds[0], withPreds[1], withPreds[0]], rules: ['MEAN'] } },
      /input\.teacherIds\[2\]/,
    );
    await expectRefused(
      STUDENT,
      {
        i: {
          teacherIds: [withPreds[0], withPreds[0]],
          mode: 'OUTPUT_AVG',
          alpha: 0.5,
          temperature: 1,
          temperatureMode: 'AS_ORIGINAL',
          architectureKey: 'tiny',
          seed: 1,
        },
      },
      /input\.teacherIds\[1\]/,
    );
  });
});

describe('metrics', () => {
  it('refuses an out-of-range wallTime with BAD_USER_INPUT, not INTERNAL', async () => {
    const run = await api.gql<{ createRun: { id: string } }>(
      `mutation($p: ID!) { createRun(input: { projectId: $p, name: "m" }) { id } }`,
      { p: projectId },
      token,
    );
    for (const wallTime of ['+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'])
      await expectRefused(
        `mutation($r: ID!, $w: DateTime!) { logMetrics(runId: $r, points: [{ key: "loss", step: 1, value: 1, wallTime: $w }]) { accepted } }`,
        { r: run.data!.createRun.id, w: wallTime },
        /./,
      );
  });
});
