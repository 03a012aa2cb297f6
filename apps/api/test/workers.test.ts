// The workers and queues page (issue 17): runners as they registered, with state by heartbeat age and
// the runs they hold (shown only where the caller may read the project, counted everywhere), the job
// queue's depth per queue and task, and registration by RUNNER tokens of runners on the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { registerRunner, type RunnerFacts } from '@distillery/db/lifecycle';

import { createRunnerToken, createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
const project: Record<'a' | 'b', string> = { a: '', b: '' };
const t: Record<'viewer' | 'stranger' | 'runnerA' | 'runnerB', string> = {
  viewer: '',
  stranger: '',
  runnerA: '',
  runnerB: '',
};
const runIds: Record<'a' | 'b', string> = { a: '', b: '' };

const RUNNERS = `{ runners { id host engine nativeCpu backend gpus { name memoryMb } queues concurrency
  heartbeatAgeSeconds state stoppedAt heldRunCount heldRuns { id name projectId } project { id } } }`;
const QUEUES = `{ jobQueues { capped depths { queue task waiting running scheduled failed } } }`;
const REGISTER = `mutation($i: RegisterRunnerInput!) { registerRunner(input: $i) { id state project { id } } }`;
const STOP = `mutation($id: String!) { markRunnerStopped(runnerId: $id) { id state stoppedAt } }`;

type RunnerRow = {
  id: string;
  state: string;
  heldRunCount: number;
  heldRuns: { id: string; name: string; projectId: string }[];
  project: { id: string } | null;
  gpus: { name: string; memoryMb: number }[];
};

const facts = (id: string, over: Partial<RunnerFacts> = {}): RunnerFacts => ({
  id,
  host: 'gpu-box',
  pid: 4242,
  version: 'abc123',
  engine: 'native',
  nativeCpu: 'avx2',
  backend: 'tensorflow (tfjs-node-gpu)',
  usesGpu: true,
  cpuModel: 'Test CPU',
  cpuCores: 16,
  gpus: [{ name: 'RTX 4090', driver: '550.1', memoryMb: 24564 }],
  queues: ['gpu', 'cpu'],
  concurrency: 2,
  heartbeatMs: 5000,
  tokenId: null,
  projectId: null,
  ...over,
});

const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  r.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  api = await startApi();
  const { prisma } = api.db;
  project.a = (await prisma.project.create({ data: { slug: 'wa', name: 'A' } })).id;
  project.b = (await prisma.project.create({ data: { slug: 'wb', name: 'B' } })).id;
  const viewer = await createUser(api, project.a, 'VIEWER', 'viewer');
  t.viewer = viewer.token;
  t.stranger = (await createUser(api, null, null, 'stranger')).token;
  t.runnerA = await createRunnerToken(api, viewer.userId, project.a);
  const owner = await createUser(api, project.b, 'ADMIN', 'owner');
  t.runnerB = await createRunnerToken(api, owner.userId, project.b);

  // A live runner on the database holding one run in each project, a runner that went silent, one stopped.
  await registerRunner(prisma, facts('gpu-box:4242:aaaaaa'));
  await registerRunner(prisma, facts('old-box:7:bbbbbb', { host: 'old-box', gpus: [], usesGpu: false }));
  await prisma.$executeRawUnsafe(
    `UPDATE "RunnerRegistration" SET "heartbeatAt" = "heartbeatAt" - interval '1 minute' WHERE id = 'old-box:7:bbbbbb'`,
  );
  await registerRunner(prisma, facts('done-box:8:cccccc', { host: 'done-box' }));
  await prisma.runnerRegistration.update({
    where: { id: 'done-box:8:cccccc' },
    data: { stoppedAt: new Date() },
  });
  for (const k of ['a', 'b'] as const)
    runIds[k] = (
      await prisma.run.create({
        data: {
          projectId: project[k],
          kind: 'TEACHER',
          name: `teacher ${k}`,
          status: 'RUNNING',
          runnerId: 'gpu-box:4242:aaaaaa',
          heartbeatAt: new Date(),
          startedAt: new Date(),
        },
      })
    ).id;

  // The queue: two train-teacher jobs waiting on gpu, one of them then locked, one evaluation due later.
  for (const [task, queue, runAt] of [
    ['train-teacher', 'gpu', null],
    ['train-teacher', 'gpu', null],
    ['train-teacher', 'gpu', null],
    ['evaluate-ensemble', 'cpu', new Date(Date.now() + 3_600_000)],
  ] as const)
    await prisma.$queryRawUnsafe(
      `SELECT id FROM graphile_worker.add_job($1::text, '{}'::json, queue_name => $2::text, run_at => $3::timestamptz)`,
      task,
      queue,
      runAt,
    );
  await prisma.$executeRawUnsafe(
    `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test'
     WHERE id = (SELECT min(id) FROM graphile_worker._private_jobs)`,
  );
});
afterAll(() => api.close());

describe('runners', () => {
  it('lists runners with state by heartbeat age, live first; a reader sees the runs of its project only', async () => {
    const r = await api.gql<{ runners: RunnerRow[] }>(RUNNERS, {}, t.viewer);
    expect(r.errors).toBeUndefined();
    const byId = new Map(r.data!.runners.map((x) => [x.id, x]));
    expect(r.data!.runners.map((x) => [x.id, x.state])).toEqual([
      ['gpu-box:4242:aaaaaa', 'LIVE'],
      ['old-box:7:bbbbbb', 'LOST'],
      ['done-box:8:cccccc', 'STOPPED'],
    ]);
    const live = byId.get('gpu-box:4242:aaaaaa')!;
    expect(live).toMatchObject({
      engine: 'native',
      nativeCpu: 'avx2',
      gpus: [{ name: 'RTX 4090', memoryMb: 24564 }],
      heldRunCount: 2,
      heldRuns: [{ id: runIds.a, name: 'teacher a', projectId: project.a }],
      project: null,
    });
  });

  it('a signed-in stranger sees the runner and its count, never the runs', async () => {
    const r = await api.gql<{ runners: RunnerRow[] }>(RUNNERS, {}, t.stranger);
    const live = r.data!.runners.find((x) => x.id === 'gpu-box:4242:aaaaaa')!;
    expect(live.heldRunCount).toBe(2);
    expect(live.heldRuns).toEqual([]);
  });

  it('refuses anonymous callers and runner tokens', async () => {
    expect(code(await api.gql(RUNNERS, {}))).toBe('UNAUTHENTICATED');
    expect(code(await api.gql(QUEUES, {}))).toBe('UNAUTHENTICATED');
    expect(code(await api.gql(RUNNERS, {}, t.runnerA))).toBe('FORBIDDEN');
    expect(code(await api.gql(QUEUES, {}, t.runnerA))).toBe('FORBIDDEN');
  });
});

describe('job queues', () => {
  it('counts waiting, running and scheduled jobs per queue and task', async () => {
    const r = await api.gql<{ jobQueues: { capped: boolean; depths: unknown[] } }>(QUEUES, {}, t.stranger);
    expect(r.errors).toBeUndefined();
    expect(r.data!.jobQueues).toEqual({
      capped: false,
      depths: [
        { queue: 'cpu', task: 'evaluate-ensemble', waiting: 0, running: 0, scheduled: 1, failed: 0 },
        { queue: 'gpu', task: 'train-teacher', waiting: 2, running: 1, scheduled: 0, failed: 0 },
      ],
    });
  });
});

describe('runners on the API', () => {
  const input = {
    runnerId: 'remote:1:dddddd',
    host: 'remote',
    engine: 'tfjs',
    backend: 'cpu',
    cpuModel: 'Remote CPU',
    cpuCores: 4,
    queues: ['cpu'],
    concurrency: 1,
    heartbeatMs: 2000,
  };

  it('register with their RUNNER token (the project recorded), and only that token may stop them', async () => {
    expect(code(await api.gql(REGISTER, { i: input }, t.viewer))).toBe('FORBIDDEN');
    expect(code(await api.gql(REGISTER, { i: input }))).toBe('UNAUTHENTICATED');
    expect(code(await api.gql(REGISTER, { i: { ...input, heartbeatMs: 10 } }, t.runnerA))).toBe(
      'BAD_USER_INPUT',
    );
    const reg = await api.gql<{ registerRunner: { state: string } }>(REGISTER, { i: input }, t.runnerA);
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.registerRunner.state).toBe('LIVE');
    const row = await api.db.prisma.runnerRegistration.findUniqueOrThrow({ where: { id: input.runnerId } });
    expect(row).toMatchObject({ projectId: project.a, host: 'remote', gpus: [] });
    expect(row.tokenId).not.toBeNull();
    // Registering again is the heartbeat; another token may not take the id over.
    expect((await api.gql(REGISTER, { i: input }, t.runnerA)).errors).toBeUndefined();
    expect(code(await api.gql(REGISTER, { i: input }, t.runnerB))).toBe('CONFLICT');
    // Its project shows to readers of the project only.
    const seen = async (token: string) =>
      (await api.gql<{ runners: RunnerRow[] }>(RUNNERS, {}, token)).data!.runners.find(
        (x) => x.id === input.runnerId,
      )!.project;
    expect(await seen(t.viewer)).toEqual({ id: project.a });
    expect(await seen(t.stranger)).toBeNull();

    expect(code(await api.gql(STOP, { id: input.runnerId }, t.runnerB))).toBe('NOT_FOUND');
    expect(code(await api.gql(STOP, { id: input.runnerId }, t.viewer))).toBe('FORBIDDEN');
    const stop = await api.gql<{ markRunnerStopped: { state: string } }>(
      STOP,
      { id: input.runnerId },
      t.runnerA,
    );
    expect(stop.data!.markRunnerStopped.state).toBe('STOPPED');
  });

  it('a run heartbeat through the API is a beat of the runner that holds it', async () => {
    const runnerId = 'remote:2:eeeeee';
    expect((await api.gql(REGISTER, { i: { ...input, runnerId } }, t.runnerA)).errors).toBeUndefined();
    await api.db.prisma.$executeRawUnsafe(
      `UPDATE "RunnerRegistration" SET "heartbeatAt" = "heartbeatAt" - interval '1 hour' WHERE id = $1`,
      runnerId,
    );
    const runId = (
      await api.db.prisma.run.create({ data: { projectId: project.a, kind: 'BASELINE', name: 'remote run' } })
    ).id;
    const claim = await api.gql<{ claimRun: { attempt: number } }>(
      `mutation($r: ID!, $w: String!) { claimRun(runId: $r, runnerId: $w) { attempt } }`,
      { r: runId, w: runnerId },
      t.runnerA,
    );
    expect(claim.errors).toBeUndefined();
    const beat = await api.gql(
      `mutation($r: ID!, $a: Int!, $w: String!) { heartbeat(runId: $r, attempt: $a, runnerId: $w) { id } }`,
      { r: runId, a: claim.data!.claimRun.attempt, w: runnerId },
      t.runnerA,
    );
    expect(beat.errors).toBeUndefined();
    const r = await api.gql<{ runners: RunnerRow[] }>(RUNNERS, {}, t.viewer);
    expect(r.data!.runners.find((x) => x.id === runnerId)).toMatchObject({
      state: 'LIVE',
      heldRunCount: 1,
      heldRuns: [{ id: runId, name: 'remote run', projectId: project.a }],
    });
  });
});
