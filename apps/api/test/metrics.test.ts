import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedArchitecture } from './helpers/domain.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let projectId: string;
let member: { userId: string; token: string };

const LOG = `mutation($r: ID!, $p: [MetricPointInput!]!, $a: Int) { logMetrics(runId: $r, points: $p, attempt: $a) { accepted maxStep } }`;
const SERIES = `query($r: ID!, $k: String!, $b: Int) { metricSeries(runId: $r, key: $k, buckets: $b) { exact totalPoints points { step min max last count } } }`;

beforeAll(async () => {
  api = await startApi();
  const p = await api.db.prisma.project.create({ data: { slug: 'metrics', name: 'M' } });
  projectId = p.id;
  member = await createUser(api, projectId, 'MEMBER', 'm');
  await seedArchitecture(api);
});
afterAll(() => api.close());

async function newRun(name = 'script'): Promise<string> {
  const r = await api.gql<{ createRun: { id: string } }>(
    `mutation($i: CreateRunInput!) { createRun(input: $i) { id } }`,
    { i: { projectId, name } },
    member.token,
  );
  return r.data!.createRun.id;
}

type Bucket = { step: number; min: number; max: number; last: number; count: number };

/** Every bucket must summarise exactly the points in (previous bucket's step, its step]. */
function checkBuckets(points: Map<number, number>, buckets: Bucket[]): void {
  const steps = [...points.keys()].sort((a, b) => a - b);
  let i = 0;
  for (const b of buckets) {
    const inBucket: number[] = [];
    while (i < steps.length && steps[i]! <= b.step) inBucket.push(steps[i++]!);
    const values = inBucket.map((s) => points.get(s)!);
    expect(b.count).toBe(values.length);
    expect(b.min).toBe(Math.min(...values));
    expect(b.max).toBe(Math.max(...values));
    expect(b.last).toBe(points.get(b.step));
  }
  expect(i).toBe(steps.length);
}

describe('logMetrics and metricSeries', () => {
  it('is idempotent on (run, key, step): a retried batch neither duplicates nor loses points', async () => {
    const runId = await newRun();
    const pts = Array.from({ length: 1000 }, (_, i) => ({
      key: i % 2 ? 'acc' : 'loss',
      step: i >> 1,
      value: Math.sin(i),
    }));
    const a = await api.gql<{ logMetrics: { accepted: number } }>(LOG, { r: runId, p: pts }, member.token);
    expect(a.data?.logMetrics.accepted).toBe(1000);
    const b = await api.gql<{ logMetrics: { accepted: number } }>(LOG, { r: runId, p: pts }, member.token);
    expect(b.data?.logMetrics.accepted).toBe(1000);
    expect(await api.db.prisma.metricPoint.count({ where: { runId } })).toBe(1000);
    const s = await api.gql<{ metricSeries: { exact: boolean; totalPoints: number; points: Bucket[] } }>(
      SERIES,
      { r: runId, k: 'loss', b: 1000 },
      member.token,
    );
    expect(s.data!.metricSeries).toMatchObject({ exact: true, totalPoints: 500 });
    expect(s.data!.metricSeries.points.map((p) => p.last)).toEqual(
      pts.filter((p) => p.key === 'loss').map((p) => p.value),
    );
    const tooMany = await api.gql(
      LOG,
      { r: runId, p: Array.from({ length: 10_001 }, (_, i) => ({ key: 'x', step: i, value: 1 })) },
      member.token,
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect(await api.db.prisma.metricPoint.count({ where: { runId, key: 'x' } })).toBe(0);
  });

  it('downsamples to at most `buckets` points with exact min/max/last per bucket, from points and from rollups', async () => {
    const runId = await newRun('long');
    const truth = new Map<number, number>();
    for (let batch = 0; batch < 7; batch++) {
      const pts = Array.from({ length: 10_000 }, (_, i) => {
        const step = batch * 10_000 + i;
        const value = Math.round(1000 * Math.sin(step / 700) + ((step * 7919) % 101)) / 10;
        truth.set(step, value);
        return { key: 'loss', step, value };
      });
      const r = await api.gql(LOG, { r: runId, p: pts }, member.token);
      expect(r.errors).toBeUndefined();
    }
    for (const buckets of [1000, 333, 50, 7, 1]) {
      const s = await api.gql<{ metricSeries: { exact: boolean; totalPoints: number; points: Bucket[] } }>(
        SERIES,
        { r: runId, k: 'loss', b: buckets },
        member.token,
      );
      const series = s.data!.metricSeries;
      expect(series.exact).toBe(false);
      expect(series.totalPoints).toBe(70_000);
      expect(series.points.length).toBeLessThanOrEqual(buckets);
      checkBuckets(truth, series.points);
    }
    // A short span takes the raw-points path (bucket width below the smallest rollup cell).
    const shortRun = await newRun('short');
    const shortTruth = new Map<number, number>();
    const pts = Array.from({ length: 3000 }, (_, i) => {
      shortTruth.set(i, (i * 37) % 113);
      return { key: 'k', step: i, value: (i * 37) % 113 };
    });
    await api.gql(LOG, { r: shortRun, p: pts }, member.token);
    const s = await api.gql<{ metricSeries: { points: Bucket[] } }>(
      SERIES,
      { r: shortRun, k: 'k', b: 1000 },
      member.token,
    );
    expect(s.data!.metricSeries.points.length).toBeLessThanOrEqual(1000);
    checkBuckets(shortTruth, s.data!.metricSeries.points);
  });

  it('compares many runs in one query, beyond 100', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      // Script-like runs (RUNNING, no runner): the only runs a user's logMetrics may write to.
      const run = await api.db.prisma.run.create({
        data: { projectId, kind: 'BASELINE', name: `c${i}`, status: 'RUNNING' },
      });
      ids.push(run.id);
    }
    await api.gql(LOG, { r: ids[5], p: [{ key: 'acc', step: 1, value: 0.5 }] }, member.token);
    const r = await api.gql<{ compareRuns: { runId: string; points: Bucket[] }[] }>(
      `query($ids: [ID!]!) { compareRuns(ids: $ids, keys: ["acc"], buckets: 10) { runId points { step last } } }`,
      { ids },
      member.token,
    );
    expect(r.data!.compareRuns).toHaveLength(120);
    expect(r.data!.compareRuns[5]!.points).toEqual([{ step: 1, last: 0.5 }]);
  });

  it('pages every exact point with its wall time by key then step (metricPoints), beyond 5,000 buckets', async () => {
    const runId = await newRun('history');
    // 6,000 loss points (more than metricSeries returns unaggregated), 3 of a key long enough that a
    // cursor on it is over 200 characters, and explicit wall times.
    const long = `val/${'x'.repeat(190)}`;
    const t0 = Date.parse('2026-01-02T03:04:05.000Z');
    const pts = [
      ...Array.from({ length: 6000 }, (_, step) => ({ key: 'loss', step, value: 1 / (step + 1) })),
      ...[0, 10, 20].map((step) => ({ key: long, step, value: step / 3 })),
    ].map((p, i) => ({ ...p, wallTime: new Date(t0 + i * 1000).toISOString() }));
    await api.gql(LOG, { r: runId, p: pts.slice(0, 5000) }, member.token);
    const second = await api.gql(LOG, { r: runId, p: pts.slice(5000) }, member.token);
    expect(second.errors).toBeUndefined();
    type Page = {
      metricPoints: {
        points: { key: string; step: number; value: number; wallTime: string }[];
        endCursor: string | null;
      };
    };
    const PAGE = `query($r: ID!, $n: Int, $a: String) { metricPoints(runId: $r, first: $n, after: $a) { points { key step value wallTime } endCursor } }`;
    const got: Page['metricPoints']['points'] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { data?: Page | null; errors?: unknown } = await api.gql<Page>(
        PAGE,
        { r: runId, n: 2500, a: after },
        member.token,
      );
      expect(res.errors).toBeUndefined();
      got.push(...res.data!.metricPoints.points);
      after = res.data!.metricPoints.endCursor;
      pages++;
    } while (after);
    expect(got.length).toBe(6003);
    expect(pages).toBe(3);
    const want = [...pts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.step - b.step));
    expect(got).toEqual(want);
    // A page ending exactly on the last point says so (no empty extra page).
    const exact = await api.gql<Page>(PAGE, { r: runId, n: 6003 }, member.token);
    expect(exact.data!.metricPoints).toMatchObject({ endCursor: null });
    expect(exact.data!.metricPoints.points).toHaveLength(6003);
    const tooBig = await api.gql(PAGE, { r: runId, n: 10_001 }, member.token);
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await api.gql(
      PAGE,
      { r: runId, a: Buffer.from('c:[1,2]').toString('base64url') },
      member.token,
    );
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('runs search', () => {
  it('filters on kind, status, tags, params and summary with comparisons and AND/OR, and pages', async () => {
    const p = await api.db.prisma.project.create({ data: { slug: 'search', name: 'S' } });
    await api.db.prisma.membership.create({
      data: { projectId: p.id, userId: member.userId, role: 'VIEWER' },
    });
    for (let i = 0; i < 40; i++) {
      await api.db.prisma.run.create({
        data: {
          projectId: p.id,
          kind: i % 2 ? 'STUDENT' : 'TEACHER',
          status: i % 3 ? 'SUCCEEDED' : 'FAILED',
          name: `run-${i}`,
          tags: i % 4 === 0 ? ['best', 'mnist'] : ['mnist'],
          params: { alpha: (i % 5) / 4, opt: { lr: i < 20 ? 0.01 : 0.001 } },
          summary: { acc: i / 40 },
        },
      });
    }
    const Q = `query($p: ID!, $f: RunFilter, $o: RunOrder, $n: Int, $a: String) { runs(projectId: $p, filter: $f, orderBy: $o, first: $n, after: $a) { totalCount edges { node { name kind status summary params } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      runs: {
        totalCount: number;
        edges: {
          node: {
            name: string;
            kind: string;
            status: string;
            summary: { acc: number };
            params: { alpha: number; opt: { lr: number } };
          };
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const q = async (f: unknown, o?: unknown, n = 50, a?: string) => {
      const r = await api.gql<Page>(Q, { p: p.id, f, o, n, a }, member.token);
      expect(r.errors).toBeUndefined();
      return r.data!.runs;
    };
    expect(
      (await q({ kind: ['STUDENT'], summary: [{ path: 'acc', op: 'GTE', value: 0.5 }] })).totalCount,
    ).toBe(10);
    const nested = await q({
      or: [
        { params: [{ path: 'opt.lr', op: 'EQ', value: 0.01 }], status: ['FAILED'] },
        { tagsAll: ['best'] },
      ],
      not: { kind: ['TEACHER'] },
    });
    for (const e of nested.edges) {
      const n = e.node;
      expect(n.kind).toBe('STUDENT');
      expect(
        (n.params.opt.lr === 0.01 && n.status === 'FAILED') || Number(n.name.split('-')[1]) % 4 === 0,
      ).toBe(true);
    }
    expect(nested.totalCount).toBe(nested.edges.length);
    // By id (the compare page's one request for its runs): only those, and only this project's.
    const some = await api.db.prisma.run.findMany({
      where: { projectId: p.id },
      take: 3,
      orderBy: { name: 'asc' },
    });
    const other = await api.db.prisma.project.create({ data: { slug: 'search-other', name: 'O' } });
    const foreign = await api.db.prisma.run.create({
      data: { projectId: other.id, kind: 'TEACHER', status: 'SUCCEEDED', name: 'foreign' },
    });
    const byId = await q({ ids: [...some.map((r) => r.id), foreign.id], kind: ['TEACHER', 'STUDENT'] });
    expect(byId.edges.map((e) => e.node.name).sort()).toEqual(some.map((r) => r.name).sort());
    expect((await q({ ids: [] })).totalCount).toBe(0);
    const badId = await api.gql(Q, { p: p.id, f: { ids: ['not-a-uuid'] } }, member.token);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.ids[0]' });
    const inList = await q({ params: [{ path: 'alpha', op: 'IN', value: [0, 1] }] });
    expect(inList.totalCount).toBe(16);
    const ordered = await q({}, { field: 'SUMMARY', path: 'acc', direction: 'DESC' }, 15);
    expect(ordered.edges[0]!.node.summary.acc).toBeCloseTo(39 / 40);
    expect(ordered.pageInfo.hasNextPage).toBe(true);
    const next = await q(
      {},
      { field: 'SUMMARY', path: 'acc', direction: 'DESC' },
      15,
      ordered.pageInfo.endCursor,
    );
    expect(next.edges[0]!.node.summary.acc).toBeCloseTo(24 / 40);
    const bad = await api.gql(
      Q,
      { p: p.id, f: { summary: [{ path: 'acc; DROP TABLE', op: 'GT', value: 1 }] } },
      member.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooBig = await api.gql(Q, { p: p.id, n: 500 }, member.token);
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const tooCostly = await api.gql(Q, { p: p.id, n: 100_000 }, member.token);
    expect(tooCostly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
