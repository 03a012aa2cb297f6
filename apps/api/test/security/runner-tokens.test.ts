// Issue 14 finding 5: runner tokens can neither forge results nor steal runs. The API's runner operations
// (claimRun, heartbeat, reportRunStatus, logMetrics) are the shared lifecycle (@distillery/db/lifecycle):
// a claim never takes a run whose heartbeat is live, every write is fenced on attempt + runnerId + the
// claiming token, refusals reveal nothing, finished runs' metrics cannot be rewritten, and a non-finite
// value is refused the same way for runners and scripts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildData, seedArchitecture } from '../helpers/domain.ts';
import { createRunnerToken, createUser, startApi, type Api } from '../helpers/harness.ts';

let api: Api;
let projectId: string;
let member: { userId: string; token: string };

const LOG = `mutation($r: ID!, $p: [MetricPointInput!]!) { logMetrics(runId: $r, points: $p) { accepted } }`;

beforeAll(async () => {
  api = await startApi();
  projectId = (await api.db.prisma.project.create({ data: { slug: 'runner-tokens', name: 'R' } })).id;
  member = await createUser(api, projectId, 'MEMBER', 'm');
  await seedArchitecture(api);
});
afterAll(() => api.close());

async function newRun(name: string): Promise<string> {
  const r = await api.gql<{ createRun: { id: string } }>(
    `mutation($i: CreateRunInput!) { createRun(input: $i) { id } }`,
    { i: { projectId, name } },
    member.token,
  );
  return r.data!.createRun.id;
}

describe('runner tokens', () => {
  const CLAIM = `mutation($r: ID!, $n: String!) { claimRun(runId: $r, runnerId: $n) { attempt run { status } } }`;
  const HEARTBEAT = `mutation($r: ID!, $a: Int!, $n: String!) { heartbeat(runId: $r, attempt: $a, runnerId: $n) { status } }`;
  const REPORT = `mutation($i: ReportRunStatusInput!) { reportRunStatus(input: $i) { status summary } }`;
  const RLOG = `mutation($r: ID!, $p: [MetricPointInput!]!, $a: Int, $n: String) { logMetrics(runId: $r, points: $p, attempt: $a, runnerId: $n) { accepted } }`;
  const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    r.errors?.[0]?.extensions?.code;

  it('a second runner cannot claim a live run, only an expired one; stale, forged and other-token writes are refused', async () => {
    const { splitId } = await buildData(api, member.token, projectId);
    const b = await api.gql<{ trainBaseline: { id: string } }>(
      `mutation($i: TrainBaselineInput!) { trainBaseline(input: $i) { id } }`,
      { i: { splitId, architectureKey: 'tiny' } },
      member.token,
    );
    const runId = b.data!.trainBaseline.id;
    const runner = await createRunnerToken(api, member.userId, projectId);
    const thief = await createRunnerToken(api, member.userId, projectId);
    const c1 = await api.gql<{ claimRun: { attempt: number } }>(CLAIM, { r: runId, n: 'runner-a' }, runner);
    expect(c1.data?.claimRun.attempt).toBe(1);
    expect(code(await api.gql(RLOG, { r: runId, p: [{ key: 'loss', step: 0, value: 1 }] }, runner))).toBe(
      'BAD_USER_INPUT',
    );
    const ok = await api.gql(
      RLOG,
      { r: runId, p: [{ key: 'loss', step: 0, value: 1 }], a: 1, n: 'runner-a' },
      runner,
    );
    expect(ok.errors).toBeUndefined();

    // The run is RUNNING with a live heartbeat: neither another runner name nor another token takes it.
    for (const [token, name] of [
      [runner, 'runner-b'],
      [thief, 'runner-a'],
    ] as const) {
      const refused = await api.gql(CLAIM, { r: runId, n: name }, token);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'runId' });
      expect(refused.errors?.[0]?.message).not.toMatch(/attempt/);
    }
    // Writes with the right attempt but another runner id, or another token, are refused and write nothing.
    for (const [token, name] of [
      [runner, 'runner-z'],
      [thief, 'runner-a'],
    ] as const) {
      const p = [{ key: 'loss', step: 5, value: 9 }];
      const forged = await api.gql(RLOG, { r: runId, p, a: 1, n: name }, token);
      expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'attempt' });
      // The refusal does not reveal the current attempt or who holds the run.
      expect(forged.errors?.[0]?.message).toBe(`run ${runId}: this attempt does not hold the run`);
      expect(code(await api.gql(HEARTBEAT, { r: runId, a: 1, n: name }, token))).toBe('CONFLICT');
      const report = {
        runId,
        attempt: 1,
        runnerId: name,
        status: 'SUCCEEDED',
        summary: { test_accuracy: 1 },
      };
      expect(code(await api.gql(REPORT, { i: report }, token))).toBe('CONFLICT');
    }
    expect(await api.db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: 'RUNNING',
      attempt: 1,
      runnerId: 'runner-a',
      summary: {},
    });
    expect(await api.db.prisma.metricPoint.count({ where: { runId } })).toBe(1);

    // runner-a goes silent: once its heartbeat is older than the lease, runner-b may take the run.
    await api.db.prisma
      .$executeRaw`UPDATE "Run" SET "heartbeatAt" = "heartbeatAt" - interval '1 minute' WHERE id = ${runId}::uuid`;
    const c2 = await api.gql<{ claimRun: { attempt: number } }>(CLAIM, { r: runId, n: 'runner-b' }, runner);
    expect(c2.data?.claimRun.attempt).toBe(2);
    const stale = await api.gql(
      RLOG,
      { r: runId, p: [{ key: 'loss', step: 1, value: 9 }], a: 1, n: 'runner-a' },
      runner,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'attempt' });
    expect(await api.db.prisma.metricPoint.count({ where: { runId } })).toBe(1);
    expect(code(await api.gql(HEARTBEAT, { r: runId, a: 1, n: 'runner-a' }, runner))).toBe('CONFLICT');
    expect((await api.gql(HEARTBEAT, { r: runId, a: 2, n: 'runner-b' }, runner)).data).toEqual({
      heartbeat: { status: 'RUNNING' },
    });
    const events = await api.db.prisma.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => `${e.type}@${e.attempt}`)).toEqual([
      'QUEUED@0',
      'STARTED@1',
      'INTERRUPTED@1',
      'STARTED@2',
    ]);

    // Progress and the end merge summary keys; the audit log has the runner's operations.
    const progress = {
      runId,
      attempt: 2,
      runnerId: 'runner-b',
      status: 'RUNNING',
      summary: { epochs_done: 3 },
    };
    expect((await api.gql(REPORT, { i: progress }, runner)).errors).toBeUndefined();
    const done = await api.gql<{ reportRunStatus: { status: string; summary: Record<string, number> } }>(
      REPORT,
      {
        i: { runId, attempt: 2, runnerId: 'runner-b', status: 'SUCCEEDED', summary: { test_accuracy: 0.97 } },
      },
      runner,
    );
    expect(done.data?.reportRunStatus).toEqual({
      status: 'SUCCEEDED',
      summary: { epochs_done: 3, test_accuracy: 0.97 },
    });
    const audit = await api.db.prisma.auditEvent.findMany({
      where: {
        targetId: runId,
        outcome: 'SUCCESS',
        operation: { in: ['claimRun', 'heartbeat', 'reportRunStatus', 'logMetrics'] },
      },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => e.operation)).toEqual([
      'claimRun',
      'logMetrics',
      'claimRun',
      'heartbeat',
      'reportRunStatus',
      'reportRunStatus',
    ]);

    // Finished: no runner write, and no member rewrites its metrics (a finished run's history is fixed).
    const after = await api.gql(
      RLOG,
      { r: runId, p: [{ key: 'loss', step: 0, value: 0.001 }], a: 2, n: 'runner-b' },
      runner,
    );
    expect(code(after)).toBe('CONFLICT');
    const rewrite = await api.gql(
      LOG,
      { r: runId, p: [{ key: 'loss', step: 0, value: 0.001 }] },
      member.token,
    );
    expect(code(rewrite)).toBe('CONFLICT');
    expect(
      (await api.db.prisma.metricPoint.findFirstOrThrow({ where: { runId, key: 'loss', step: 0 } })).value,
    ).toBe(1);

    // A runner token cannot act as a user, nor on another project's runs.
    expect((await api.gql(`{ projects { id } }`, {}, runner)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const other = await api.db.prisma.project.create({ data: { slug: 'other-runner', name: 'O' } });
    const otherRun = await api.db.prisma.run.create({
      data: { projectId: other.id, kind: 'BASELINE', name: 'x' },
    });
    expect(code(await api.gql(CLAIM, { r: otherRun.id, n: 'runner-a' }, runner))).toBe('FORBIDDEN');
  });

  it('refuses a non-finite value from a runner and from a script the same way, writing nothing', async () => {
    const script = await newRun('nan-script');
    const run = await api.db.prisma.run.create({ data: { projectId, kind: 'BASELINE', name: 'nan-runner' } });
    const runner = await createRunnerToken(api, member.userId, projectId);
    const claimed = await api.gql<{ claimRun: { attempt: number } }>(CLAIM, { r: run.id, n: 'r' }, runner);
    const a = claimed.data!.claimRun.attempt;
    // GraphQL's Float cannot carry NaN; 1e309 arrives as Infinity through JSON.
    const body = (r: string, extra: string) =>
      `{"query": "mutation { logMetrics(runId: \\"${r}\\", points: [{key: \\"loss\\", step: 1, value: 0.5}, {key: \\"loss\\", step: 2, value: 1e309}]${extra}) { accepted } }"}`;
    for (const [r, extra, token] of [
      [script, '', member.token],
      [run.id, `, attempt: ${a}, runnerId: \\"r\\"`, runner],
    ] as const) {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body(r, extra),
      });
      const json = (await res.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      // Refused by the lifecycle's check (GraphQL's Float literal lets Infinity through), naming the point.
      expect(json.errors?.[0]?.extensions, r).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'points[1].value',
      });
      expect(await api.db.prisma.metricPoint.count({ where: { runId: r } })).toBe(0);
    }
  });
});
