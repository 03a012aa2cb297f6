import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildData, seedArchitecture, waitFor } from './helpers/domain.ts';
import { collect, createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let replica: Api;
let projectId: string;
let member: { userId: string; token: string };
let runId: string;

const LOG = `mutation($r: ID!, $p: [MetricPointInput!]!) { logMetrics(runId: $r, points: $p) { accepted } }`;
const SUB = `subscription($r: ID!, $k: [String!], $s: Int) { metricsAppended(runId: $r, keys: $k, sinceStep: $s) { runId backfill points { key step value } } }`;
type Batch = {
  metricsAppended: { backfill: boolean; points: { key: string; step: number; value: number }[] };
};

beforeAll(async () => {
  api = await startApi();
  // A second API process on the same database: subscriptions must cross processes through Postgres.
  replica = await startApi(api.db);
  const p = await api.db.prisma.project.create({ data: { slug: 'live', name: 'L' } });
  projectId = p.id;
  member = await createUser(api, projectId, 'MEMBER', 'live');
  runId = (
    await api.db.prisma.run.create({ data: { projectId, kind: 'BASELINE', name: 'live', status: 'RUNNING' } })
  ).id;
  await seedArchitecture(api);
});
afterAll(async () => {
  await replica.close();
  await api.close();
});

const points = (from: number, n: number, key = 'loss') =>
  Array.from({ length: n }, (_, i) => ({ key, step: from + i, value: (from + i) / 10 }));

describe('graphql-ws subscriptions', () => {
  it('delivers logged points to subscribers on another API replica, filtered by key, small and large batches', async () => {
    const client = replica.ws(member.token);
    const sub = collect<Batch>(client, SUB, { r: runId, k: ['loss'] }, 2);
    await waitFor(() => replica.server.deps.pubsub.listenerCount() > 0 && countSubs(replica) > 0);
    expect(
      (await api.gql(LOG, { r: runId, p: [...points(0, 10), ...points(0, 10, 'acc')] }, member.token)).errors,
    ).toBeUndefined();
    // 5,000 points do not fit in a NOTIFY payload: subscribers read them back from the table.
    expect((await api.gql(LOG, { r: runId, p: points(10, 5000) }, member.token)).errors).toBeUndefined();
    const [small, large] = await sub.done;
    expect(small!.metricsAppended.points).toEqual(points(0, 10));
    expect(large!.metricsAppended.points).toHaveLength(5000);
    expect(large!.metricsAppended.points.at(-1)).toEqual({ key: 'loss', step: 5009, value: 500.9 });
    sub.cancel();
  });

  it('backfills what a reconnecting client missed, then continues live without gaps or duplicates', async () => {
    const run = (
      await api.db.prisma.run.create({
        data: { projectId, kind: 'BASELINE', name: 'reconnect', status: 'RUNNING' },
      })
    ).id;
    const first = api.ws(member.token);
    const a = collect<Batch>(first, SUB, { r: run }, 1);
    await waitFor(() => countSubs(api) > 0);
    await api.gql(LOG, { r: run, p: points(0, 10) }, member.token);
    const seen = (await a.done)[0]!.metricsAppended.points;
    const lastStep = Math.max(...seen.map((p) => p.step));
    await first.dispose();
    await waitFor(() => countSubs(api) === 0);
    await api.gql(LOG, { r: run, p: points(10, 10) }, member.token);
    const second = replica.ws(member.token);
    const b = collect<Batch>(second, SUB, { r: run, s: lastStep }, 2);
    await waitFor(() => countSubs(replica) > 0);
    await new Promise((r) => setTimeout(r, 100));
    await api.gql(LOG, { r: run, p: points(20, 5) }, member.token);
    const [backfill, live] = await b.done;
    expect(backfill!.metricsAppended.backfill).toBe(true);
    expect(backfill!.metricsAppended.points.map((p) => p.step)).toEqual(
      Array.from({ length: 10 }, (_, i) => 10 + i),
    );
    expect(live!.metricsAppended.backfill).toBe(false);
    expect(live!.metricsAppended.points.map((p) => p.step)).toEqual([20, 21, 22, 23, 24]);
  });

  it('publishes run updates and job queue events of the caller’s projects', async () => {
    const client = api.ws(member.token);
    const runs = collect<{ runUpdated: { id: string; tags: string[] } }>(
      client,
      `subscription($p: ID!) { runUpdated(projectId: $p) { id tags } }`,
      { p: projectId },
      1,
    );
    const jobs = collect<{ jobQueueChanged: { kind: string; action: string } }>(
      client,
      `subscription { jobQueueChanged { kind action runId } }`,
      {},
      1,
    );
    await waitFor(() => api.server.deps.pubsub.listenerCount() >= 3);
    await api.gql(
      `mutation($r: ID!) { setRunTags(runId: $r, tags: ["a", "b"]) { id } }`,
      { r: runId },
      member.token,
    );
    expect((await runs.done)[0]!.runUpdated).toEqual({ id: runId, tags: ['a', 'b'] });
    const { splitId } = await buildData(api, member.token, projectId);
    await api.gql(
      `mutation($i: TrainBaselineInput!) { trainBaseline(input: $i) { id } }`,
      { i: { splitId, architectureKey: 'tiny' } },
      member.token,
    );
    expect((await jobs.done)[0]!.jobQueueChanged).toMatchObject({
      kind: 'train-baseline',
      action: 'ENQUEUED',
    });
  });

  it('refuses anonymous subscribers, unknown tokens and other projects', async () => {
    const anon = collect(
      api.ws(),
      `subscription($p: ID!) { runUpdated(projectId: $p) { id } }`,
      { p: projectId },
      1,
    );
    await expect(anon.done).rejects.toThrow(/UNAUTHENTICATED/);
    const bogus = collect(
      api.ws('dst_bogus'),
      `subscription($p: ID!) { runUpdated(projectId: $p) { id } }`,
      { p: projectId },
      1,
    );
    await expect(bogus.done).rejects.toThrow(/4403|Forbidden/);
    const stranger = await createUser(api, null, null, 'stranger');
    const denied = collect(api.ws(stranger.token), SUB, { r: runId }, 1);
    await expect(denied.done).rejects.toThrow(/FORBIDDEN/);
    const deep = collect(
      api.ws(member.token),
      `subscription($p: ID!) { runUpdated(projectId: $p) { student { teachers { run { student { teachers { run { student { teachers { run { id } } } } } } } } } } }`,
      { p: projectId },
      1,
    );
    await expect(deep.done).rejects.toThrow(/depth/);
  });
});

function countSubs(a: Api): number {
  return (a.server.deps.metrics as unknown as { byRun: Map<string, Set<unknown>> }).byRun.size;
}
