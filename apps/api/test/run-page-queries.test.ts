// List pages (issue 13 item 4): a page of runs with their metric keys, checkpoints, events,
// predictions, artifacts and teacher/student/ensemble records costs a bounded number of SQL statements,
// the same for 5 runs as for 50 (field resolvers go through batched loaders, no N+1). Statements are
// counted where they leave the process: every query a pg client of the API's role sends to this
// test's database (Prisma's adapter and the API's raw pool queries both go through pg.Client).
import { createHash } from 'node:crypto';

import { ingestMetricPoints, pgQuery } from '@distillery/db/metrics';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildData, seedArchitecture } from './helpers/domain.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let token: string;
let projectId: string;
let statements: string[] | null = null;
const clientQuery = pg.Client.prototype.query;

beforeAll(async () => {
  api = await startApi();
  const appRole = decodeURIComponent(new URL(api.db.appUrl).username);
  // Count what the API's connections send to this database while `statements` is set.
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const p = (this as unknown as { connectionParameters: { user: string; database: string } })
      .connectionParameters;
    if (statements && p.user === appRole && p.database === api.db.name) {
      const q = args[0];
      statements.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
    }
    return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  await seedArchitecture(api);
  ({ token } = await createUser(api, null, null, 'pager'));
  const p = await api.gql<{ createProject: { id: string } }>(
    `mutation { createProject(input: { slug: "pages", name: "Pages" }) { id } }`,
    {},
    token,
  );
  projectId = p.data!.createProject.id;
  const { splitId, subsetIds } = await buildData(api, token, projectId);
  const launch = async <T>(query: string, i: Record<string, unknown>): Promise<T> => {
    const r = await api.gql<T>(query, { i }, token);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const TEACHERS = `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id teacher { id } } }`;
  const bySeed = await launch<{ trainTeachers: { id: string; teacher: { id: string } }[] }>(TEACHERS, {
    splitId,
    architectureKey: 'tiny',
    seeds: Array.from({ length: 48 }, (_, i) => i),
  });
  const bySubset = await launch<{ trainTeachers: { id: string; teacher: { id: string } }[] }>(TEACHERS, {
    splitId,
    architectureKey: 'tiny',
    subsetIds,
  });
  const teachers = [...bySeed.trainTeachers, ...bySubset.trainTeachers];
  const teacherIds = teachers.slice(0, 3).map((t) => t.teacher.id);
  await launch(`mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`, {
    teacherIds,
    mode: 'LOSS_AVG',
    alpha: 0.5,
    architectureKey: 'tiny',
  });
  await launch(`mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id } }`, {
    name: 'page',
    teacherIds,
    rules: ['MEAN'],
  });
  // What a runner would have written for each teacher: checkpoints, metrics, predictions, an artifact.
  const db = api.db.prisma;
  for (const [i, t] of teachers.entries()) {
    await db.checkpoint.createMany({
      data: [1, 2].map((epoch) => ({
        runId: t.id,
        teacherId: t.teacher.id,
        kind: epoch === 2 ? ('FINAL' as const) : ('EPOCH' as const),
        epoch,
        step: epoch * 10,
      })),
    });
    await ingestMetricPoints(
      pgQuery(api.db.pool),
      t.id,
      ['loss', 'accuracy'].flatMap((key) =>
        [1, 2].map((step) => ({ key, step, value: i + step, wallTime: Date.now() })),
      ),
    );
    const probs = Buffer.from(new Float32Array([0.25, 0.75]).buffer);
    await db.prediction.create({
      data: {
        runId: t.id,
        splitId,
        splitRole: 'TEST',
        samples: 1,
        classes: 2,
        probs,
        probsHash: createHash('sha256').update(probs).digest('hex'),
      },
    });
    await db.artifact.create({
      data: {
        projectId,
        runId: t.id,
        kind: 'SAFETENSORS',
        name: 'model.safetensors',
        uri: `file:///nowhere/${t.id}`,
        sha256: 'b'.repeat(64),
        sizeBytes: 10n,
      },
    });
  }
}, 300_000);

afterAll(async () => {
  pg.Client.prototype.query = clientQuery;
  await api?.close();
});

const PAGE = `query($p: ID!, $n: Int!) {
  runs(projectId: $p, first: $n) {
    totalCount
    edges { node {
      id kind metricKeys
      checkpoints { id kind epoch }
      events(last: 5) { id type }
      predictions { id splitRole }
      artifacts { id kind }
      teacher { id subset { id fraction } checkpoints { id } run { id } artifacts { id } }
      student { id run { id } teachers { id } members { position checkpoint { id } } artifacts { id } }
      ensemble { id run { id } members { position teacher { id } } results { rule } diversity { entropy } }
    } }
  }
}`;

interface Page {
  runs: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        kind: string;
        metricKeys: string[];
        checkpoints: { kind: string }[];
        events: { type: string }[];
        predictions: { id: string; splitRole: string }[];
        artifacts: { kind: string }[];
        teacher: { subset: { fraction: number } | null; checkpoints: unknown[] } | null;
        student: { teachers: unknown[] } | null;
        ensemble: { members: unknown[] } | null;
      };
    }[];
  };
}

/** The answer to `query` and the statements it cost. */
async function measure<T>(
  query: string,
  variables: Record<string, unknown>,
  as = token,
): Promise<{ data: T; statements: string[] }> {
  statements = [];
  try {
    const r = await api.gql<T>(query, variables, as);
    expect(r.errors).toBeUndefined();
    return { data: r.data!, statements };
  } finally {
    statements = null;
  }
}

/** The page of `n` runs and the statements it cost. */
const page = (n: number) => measure<Page>(PAGE, { p: projectId, n });

describe('list pages', () => {
  it('costs the same bounded number of statements for 5 runs as for 50', async () => {
    await page(5); // warm the actor cache so both measured pages start alike
    const small = await page(5);
    const large = await page(50);
    const runs = large.data.runs.edges.map((e) => e.node);
    expect(large.data.runs.totalCount).toBe(52);
    expect(runs).toHaveLength(50);
    // The page really carries what the statements fetched.
    const teachers = runs.filter((r) => r.kind === 'TEACHER');
    expect(teachers.length).toBeGreaterThanOrEqual(48);
    for (const t of teachers) {
      expect(t.metricKeys).toEqual(['accuracy', 'loss']);
      expect(t.checkpoints.map((c) => c.kind)).toEqual(['EPOCH', 'FINAL']);
      expect(t.events.map((e) => e.type)).toEqual(['QUEUED']);
      expect(t.predictions.map((p) => p.splitRole)).toEqual(['TEST']);
      expect(t.artifacts.map((a) => a.kind)).toEqual(['SAFETENSORS']);
      expect(t.teacher!.checkpoints).toHaveLength(2);
    }
    expect(teachers.filter((t) => t.teacher!.subset?.fraction === 0.5)).toHaveLength(2);
    expect(runs.find((r) => r.kind === 'STUDENT')!.student!.teachers).toHaveLength(3);
    expect(runs.find((r) => r.kind === 'ENSEMBLE_EVAL')!.ensemble!.members).toHaveLength(3);
    console.log(
      `runs page: ${small.statements.length} statements for 5 runs, ${large.statements.length} for 50`,
    );
    expect(large.statements.length).toBe(small.statements.length);
    // One per field path (plus auth, the page and its count), nowhere near one per run.
    expect(large.statements.length).toBeLessThanOrEqual(40);
  });

  it('lists projects with the caller’s role, members and counts in the same statements for 2 as for 12', async () => {
    const owner = await createUser(api, null, null, 'lister');
    const make = async (from: number, to: number) => {
      for (let i = from; i < to; i++)
        await api.gql(
          `mutation { createProject(input: { slug: "list-${i}", name: "List ${i}" }) { id } }`,
          {},
          owner.token,
        );
    };
    const LIST = `{ projects { id myRole runCount members { role user { id } } datasets { id } experiments { id } } }`;
    await make(0, 2);
    await measure(LIST, {}, owner.token); // warm the actor cache
    const few = await measure<{ projects: { myRole: string; members: unknown[] }[] }>(LIST, {}, owner.token);
    await make(2, 12);
    const many = await measure<{ projects: { myRole: string; members: unknown[] }[] }>(LIST, {}, owner.token);
    expect(few.data.projects).toHaveLength(2);
    expect(many.data.projects).toHaveLength(12);
    expect(many.data.projects.every((p) => p.myRole === 'ADMIN' && p.members.length === 1)).toBe(true);
    console.log(`projects list: ${few.statements.length} statements for 2, ${many.statements.length} for 12`);
    expect(many.statements.length).toBe(few.statements.length);
  });
});
