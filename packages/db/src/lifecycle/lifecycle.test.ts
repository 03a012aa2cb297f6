// The one run lifecycle on a real database: what a claim may take, what the fence refuses, how a finish
// merges, how metrics are refused, and that an oversize notification never breaks a commit.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NOTIFY_LIMIT, type MetricPoint } from '@distillery/domain';
import { AppErrorCode } from '@distillery/errors';

import { prismaQuery } from '../sql.ts';
import { createFullGraph, createTestDatabase, type FullGraph, type TestDatabase } from '../testing/index.ts';
import {
  appendMetrics,
  appendRunLogs,
  claimRun,
  FencedError,
  finishRun,
  heartbeat,
  noticeTexts,
  notify,
  releaseRun,
  type Lease,
} from './index.ts';

let db: TestDatabase;
let g: FullGraph;
let tokenA: string;
let tokenB: string;
beforeAll(async () => {
  db = await createTestDatabase();
  g = await createFullGraph(db.prisma, 'lifecycle');
  const token = (name: string) =>
    db.prisma.apiToken.create({
      data: {
        userId: g.userId,
        name,
        kind: 'RUNNER',
        projectId: g.projectId,
        prefix: 'x',
        tokenHash: `${name}-${Math.random()}`,
      },
    });
  tokenA = (await token('a')).id;
  tokenB = (await token('b')).id;
});
afterAll(() => db.drop());

async function queuedRun(): Promise<string> {
  const run = await db.prisma.run.create({
    data: { projectId: g.projectId, kind: 'TEACHER', name: `l-${Math.random()}` },
  });
  return run.id;
}

async function claimed(runId: string, runnerId: string, tokenId?: string): Promise<Lease> {
  const c = await claimRun(db.prisma, { runId, runnerId, tokenId });
  if (!c.claimed) throw new Error(`claim of ${runId} by ${runnerId} failed: ${c.reason}`);
  return c.lease;
}

const ageHeartbeat = (runId: string, seconds: number) =>
  db.prisma
    .$executeRaw`UPDATE "Run" SET "heartbeatAt" = "heartbeatAt" - make_interval(secs => ${seconds}::float8) WHERE id = ${runId}::uuid`;

const events = async (runId: string) =>
  (await db.prisma.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } })).map(
    (e) => `${e.type}@${e.attempt}`,
  );

const point = (step: number, value = step): MetricPoint => ({
  key: 'loss',
  step,
  value,
  wallTime: Date.now(),
});

const append = (lease: Lease, points: MetricPoint[]) =>
  db.prisma.$transaction((tx) => appendMetrics(prismaQuery(tx), { lease }, points));

describe('claiming', () => {
  it('never takes a RUNNING run whose heartbeat is live, and takes one whose lease expired', async () => {
    const runId = await queuedRun();
    const first = await claimed(runId, 'runner-a', tokenA);
    const second = await claimRun(db.prisma, { runId, runnerId: 'runner-b', tokenId: tokenB });
    expect(second).toMatchObject({ claimed: false, status: 'RUNNING', reason: 'live' });
    // Nothing changed hands: the first attempt still holds and writes.
    expect(await heartbeat(db.prisma, first)).toBe('ok');
    expect((await append(first, [point(1)])).accepted).toBe(1);

    await ageHeartbeat(runId, 30);
    // A shorter stale limit than the heartbeat's age: the lease has expired and the run can be taken.
    const taken = await claimRun(db.prisma, {
      runId,
      runnerId: 'runner-b',
      tokenId: tokenB,
      staleMs: 20_000,
    });
    if (!taken.claimed) throw new Error('the expired lease was not taken');
    expect(taken.lease.attempt).toBe(first.attempt + 1);
    expect(await events(runId)).toEqual(['STARTED@1', 'INTERRUPTED@1', 'STARTED@2']);
    // The old attempt is fenced everywhere.
    expect(await heartbeat(db.prisma, first)).toBe('fenced');
    await expect(append(first, [point(2)])).rejects.toBeInstanceOf(FencedError);
    await expect(finishRun(db.prisma, first, { status: 'SUCCEEDED' })).rejects.toBeInstanceOf(FencedError);
    expect(await db.prisma.metricPoint.count({ where: { runId } })).toBe(1);
  });

  it('resumes from the newest checkpoint after an interruption', async () => {
    const lease = await claimed(g.teacherRunId, 'runner-r');
    expect(await releaseRun(db.prisma, lease, 'shut down')).toBe('QUEUED');
    const again = await claimRun(db.prisma, { runId: g.teacherRunId, runnerId: 'runner-s' });
    expect(again).toMatchObject({ claimed: true, resume: { checkpointId: g.checkpointId } });
    expect((await events(g.teacherRunId)).slice(-3)).toEqual(['STARTED@1', 'INTERRUPTED@1', 'RESUMED@2']);
  });

  it('never takes a script run (RUNNING, no runner) nor a finished one', async () => {
    const script = await db.prisma.run.create({
      data: { projectId: g.projectId, kind: 'BASELINE', name: 'script', status: 'RUNNING' },
    });
    expect(await claimRun(db.prisma, { runId: script.id, runnerId: 'r', staleMs: 0 })).toMatchObject({
      claimed: false,
      reason: 'live',
    });
    const done = await db.prisma.run.create({
      data: { projectId: g.projectId, kind: 'BASELINE', name: 'done', status: 'SUCCEEDED' },
    });
    expect(await claimRun(db.prisma, { runId: done.id, runnerId: 'r' })).toMatchObject({
      claimed: false,
      reason: 'not-claimable',
    });
  });
});

describe('the fence', () => {
  it('refuses every write of another runner id or another token carrying the right attempt', async () => {
    const runId = await queuedRun();
    const lease = await claimed(runId, 'runner-a', tokenA);
    const forgers: Lease[] = [
      { ...lease, runnerId: 'runner-z' },
      { ...lease, tokenId: tokenB },
      { ...lease, tokenId: null },
    ];
    for (const forged of forgers) {
      expect(await heartbeat(db.prisma, forged)).toBe('fenced');
      await expect(append(forged, [point(1)])).rejects.toBeInstanceOf(FencedError);
      await expect(
        finishRun(db.prisma, forged, { status: 'SUCCEEDED', summary: { acc: 1 } }),
      ).rejects.toThrow(
        // The refusal names nothing the caller did not send (no current attempt, no holder).
        `run ${runId}: this attempt does not hold the run`,
      );
    }
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: 'RUNNING', summary: {}, attempt: lease.attempt });
    expect(await db.prisma.metricPoint.count({ where: { runId } })).toBe(0);
  });

  it('fences console lines like metrics, numbers them per run and keeps NUL out of the table', async () => {
    const runId = await queuedRun();
    const lease = await claimed(runId, 'runner-logs');
    const write = (l: Lease, message: string) =>
      db.prisma.$transaction((tx) => appendRunLogs(prismaQuery(tx), { lease: l }, [{ message }]));
    await expect(write({ ...lease, attempt: lease.attempt - 1 }, 'stale')).rejects.toBeInstanceOf(
      FencedError,
    );
    await expect(write({ ...lease, runnerId: 'runner-z' }, 'forged')).rejects.toBeInstanceOf(FencedError);
    expect(await db.prisma.runLogLine.count({ where: { runId } })).toBe(0);
    expect(await write(lease, 'a\u0000b')).toMatchObject({ accepted: 1, fromSeq: 1, toSeq: 1 });
    expect(await write(lease, 'second')).toMatchObject({ accepted: 1, fromSeq: 2, toSeq: 2 });
    const rows = await db.prisma.runLogLine.findMany({ where: { runId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.seq, r.attempt, r.message])).toEqual([
      [1, lease.attempt, 'a\ufffdb'],
      [2, lease.attempt, 'second'],
    ]);
    await finishRun(db.prisma, lease, { status: 'SUCCEEDED' });
    await expect(write(lease, 'after the end')).rejects.toBeInstanceOf(FencedError);
  });
});

describe('finishing', () => {
  it('merges the summary instead of replacing it, and releases the lease', async () => {
    const runId = await queuedRun();
    await db.prisma.run.update({ where: { id: runId }, data: { summary: { seed_note: 'kept', acc: 0.1 } } });
    const lease = await claimed(runId, 'runner-f');
    await finishRun(db.prisma, lease, {
      status: 'SUCCEEDED',
      summary: { acc: 0.9, loss: 0.2 },
      parameterCount: 7,
    });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      summary: { seed_note: 'kept', acc: 0.9, loss: 0.2 },
      parameterCount: 7,
      heartbeatAt: null,
    });
    expect(run.finishedAt).not.toBeNull();
    await expect(finishRun(db.prisma, lease, { status: 'FAILED', reason: 'again' })).rejects.toBeInstanceOf(
      FencedError,
    );
    expect(await events(runId)).toEqual(['STARTED@1', 'SUCCEEDED@1']);
  });

  it('keeps a run cancelled meanwhile CANCELLED, recording that its runner stopped', async () => {
    const runId = await queuedRun();
    const lease = await claimed(runId, 'runner-c');
    await db.prisma.run.update({ where: { id: runId }, data: { status: 'CANCELLED' } });
    expect(await heartbeat(db.prisma, lease)).toBe('cancelled');
    expect(await finishRun(db.prisma, lease, { status: 'SUCCEEDED', summary: { acc: 1 } })).toMatchObject({
      status: 'CANCELLED',
    });
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('CANCELLED');
    expect(await events(runId)).toEqual(['STARTED@1', 'STOPPED@1']);
  });
});

describe('metric ingest', () => {
  it('refuses a batch with a non-finite value with BAD_USER_INPUT and writes nothing of it', async () => {
    const runId = await queuedRun();
    const lease = await claimed(runId, 'runner-m');
    for (const bad of [NaN, Infinity, -Infinity]) {
      await expect(append(lease, [point(1), point(2, bad)])).rejects.toMatchObject({
        code: AppErrorCode.BAD_USER_INPUT,
        field: 'points[1].value',
      });
    }
    expect(await db.prisma.metricPoint.count({ where: { runId } })).toBe(0);
    expect(await db.prisma.metricRollup.count({ where: { runId } })).toBe(0);
  });

  it("lets a script write to its own running run only, never to a finished run's history", async () => {
    const run = await db.prisma.run.create({
      data: { projectId: g.projectId, kind: 'BASELINE', name: 's', status: 'RUNNING' },
    });
    const write = () =>
      db.prisma.$transaction((tx) =>
        appendMetrics(prismaQuery(tx), { script: { runId: run.id } }, [point(1, 0.5)]),
      );
    expect((await write()).accepted).toBe(1);
    await db.prisma.run.update({ where: { id: run.id }, data: { status: 'SUCCEEDED' } });
    await expect(write()).rejects.toMatchObject({ code: AppErrorCode.CONFLICT });
    const jobRun = await queuedRun();
    await claimed(jobRun, 'runner-j');
    await expect(
      db.prisma.$transaction((tx) =>
        appendMetrics(prismaQuery(tx), { script: { runId: jobRun } }, [point(1)]),
      ),
    ).rejects.toMatchObject({ code: AppErrorCode.CONFLICT });
  });
});

describe('notifications', () => {
  it('cut an oversize payload down to a reference instead of failing the commit that wrote the rows', async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const heard: { channel: string; payload: string }[] = [];
    listener.on('notification', (m) => heard.push({ channel: m.channel, payload: m.payload ?? '' }));
    await listener.query('LISTEN "distillery.metrics_appended"');
    await listener.query('LISTEN "distillery.credentials_revoked"');
    try {
      const runId = await queuedRun();
      const keys = Array.from({ length: 80 }, (_, i) => `${'k'.repeat(190)}${i}`);
      const huge = {
        projectId: g.projectId,
        runId,
        keys,
        minStep: 0,
        maxStep: 9,
        count: 80,
        points: keys.map((k, i) => [k, i, i, 0] as [string, number, number, number]),
      };
      expect(Buffer.byteLength(JSON.stringify(huge))).toBeGreaterThan(NOTIFY_LIMIT);
      const ids = Array.from({ length: 400 }, () => crypto.randomUUID());
      await db.prisma.$transaction(async (tx) => {
        await tx.run.update({ where: { id: runId }, data: { note: 'written before the notifications' } });
        await notify(prismaQuery(tx), 'distillery.metrics_appended', huge);
        await notify(prismaQuery(tx), 'distillery.credentials_revoked', { tokenIds: ids });
      });
      expect((await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).note).toBe(
        'written before the notifications',
      );
      await new Promise((r) => setTimeout(r, 300));
      const metrics = heard.filter((h) => h.channel === 'distillery.metrics_appended');
      expect(metrics).toHaveLength(1);
      expect(JSON.parse(metrics[0]!.payload)).toEqual({
        projectId: g.projectId,
        runId,
        keys: [],
        minStep: 0,
        maxStep: 9,
        count: 80,
      });
      // A revocation list is split, never cut: every id reaches every listener.
      const revoked = heard
        .filter((h) => h.channel === 'distillery.credentials_revoked')
        .flatMap((h) => (JSON.parse(h.payload) as { tokenIds: string[] }).tokenIds);
      expect(revoked).toEqual(ids);
      expect(noticeTexts('distillery.credentials_revoked', { tokenIds: ids }).length).toBeGreaterThan(1);
    } finally {
      await listener.end();
    }
  });
});
