// The lease protocol on a real database: one claim wins, the reaper takes runs from silent runners,
// late writes of a lost attempt are refused, a resumed attempt starts from the newest checkpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createFullGraph,
  createTestDatabase,
  type FullGraph,
  type TestDatabase,
} from '@distillery/db/testing';

import { enqueueJob } from '@distillery/db/jobs';

import {
  claimRun as claim,
  FencedError,
  finishRun,
  heartbeat,
  withLease,
  type Lease,
} from '@distillery/db/lifecycle';
import { refreshJobLock } from '../src/execution/job-locks.ts';
import { reapStaleRuns } from '../src/execution/reaper.ts';
import { SqlMetricSink } from '../src/metrics/sql-sink.ts';

const claimRun = (prisma: typeof db.prisma, runId: string, runnerId: string) =>
  claim(prisma, { runId, runnerId });

let db: TestDatabase;
let g: FullGraph;
beforeAll(async () => {
  db = await createTestDatabase();
  g = await createFullGraph(db.prisma);
});
afterAll(() => db.drop());

async function ageHeartbeat(runId: string, seconds: number): Promise<void> {
  await db.prisma
    .$executeRaw`UPDATE "Run" SET "heartbeatAt" = "heartbeatAt" - make_interval(secs => ${seconds}::float8) WHERE id = ${runId}::uuid`;
}

async function newQueuedRun(): Promise<string> {
  const run = await db.prisma.run.create({
    data: { projectId: g.projectId, kind: 'TEACHER', name: `t-${Math.random()}` },
  });
  return run.id;
}

describe('claiming a run', () => {
  it('lets exactly one of many concurrent claimers win, and increments the attempt', async () => {
    const runId = await newQueuedRun();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimRun(db.prisma, runId, `runner-${i}`)),
    );
    const winners = outcomes.filter((o) => o.claimed);
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => !o.claimed).every((o) => !o.claimed && o.status === 'RUNNING')).toBe(true);
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.attempt).toBe(1);
    expect(run.status).toBe('RUNNING');
    expect(winners[0]?.claimed && winners[0].lease.runnerId).toBe(run.runnerId);
  });
});

describe('a runner that stops heartbeating', () => {
  it('loses the run to the reaper, its late writes are refused, and the next attempt resumes from the checkpoint', async () => {
    await db.prisma.$transaction((tx) =>
      enqueueJob(tx, 'train-teacher', {
        runId: g.teacherRunId,
        projectId: g.projectId,
        teacherId: g.teacherId,
        subsetId: g.subsetId,
        splitId: g.splitId,
        architectureKey: 'test',
        seed: 1,
        origin: 'INDEPENDENT',
        cycles: 1,
        epochs: 1,
      }),
    );
    // Stand in for the graphile-worker pool of runner-a holding the job.
    await db.prisma
      .$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = 'runner-a', locked_at = now(), attempts = 1`;
    const first = await claimRun(db.prisma, g.teacherRunId, 'runner-a');
    if (!first.claimed) throw new Error('claim failed');
    expect(first.resume).toBeNull();
    expect(await heartbeat(db.prisma, first.lease)).toBe('ok');

    expect((await reapStaleRuns(db.prisma, 20_000)).requeued).not.toContain(g.teacherRunId);
    await ageHeartbeat(g.teacherRunId, 30);
    const reaped = await reapStaleRuns(db.prisma, 20_000);
    expect(reaped.requeued).toContain(g.teacherRunId);
    const job = await db.prisma.$queryRaw<
      { locked_by: string | null }[]
    >`SELECT locked_by FROM graphile_worker.jobs`;
    expect(job).toEqual([{ locked_by: null }]);

    // The lost runner comes back: every kind of write it tries is refused.
    expect(await heartbeat(db.prisma, first.lease)).toBe('fenced');
    await expect(withLease(db.prisma, first.lease, async () => 'written')).rejects.toBeInstanceOf(
      FencedError,
    );
    const sink = new SqlMetricSink(db.prisma);
    await expect(
      sink.write(first.lease, [{ key: 'late', step: 1, value: 1, wallTime: Date.now() }]),
    ).rejects.toBeInstanceOf(FencedError);
    await expect(
      finishRun(db.prisma, first.lease, { status: 'SUCCEEDED', summary: {} }),
    ).rejects.toBeInstanceOf(FencedError);
    expect(await db.prisma.metricPoint.count({ where: { runId: g.teacherRunId, key: 'late' } })).toBe(0);

    const second = await claimRun(db.prisma, g.teacherRunId, 'runner-b');
    if (!second.claimed) throw new Error('second claim failed');
    expect(second.lease.attempt).toBe(first.lease.attempt + 1);
    expect(second.resume).toMatchObject({ checkpointId: g.checkpointId, epoch: 1 });

    const events = await db.prisma.runEvent.findMany({
      where: { runId: g.teacherRunId },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.type)).toEqual(['QUEUED', 'STARTED', 'INTERRUPTED', 'RESUMED']);
    expect(events[2]?.message).toContain('runner-a stopped heartbeating');
  });
});

describe('metric writes', () => {
  it('are idempotent on (run, key, step): a retried batch never duplicates', async () => {
    const runId = await newQueuedRun();
    const claim = await claimRun(db.prisma, runId, 'runner-m');
    if (!claim.claimed) throw new Error('claim failed');
    const sink = new SqlMetricSink(db.prisma);
    const points = Array.from({ length: 50 }, (_, i) => ({
      key: 'loss',
      step: i,
      value: 1 / (i + 1),
      wallTime: Date.now(),
    }));
    await sink.write(claim.lease, points);
    await sink.write(claim.lease, points.slice(10, 30));
    const rows = await db.prisma.metricPoint.findMany({ where: { runId }, orderBy: { step: 'asc' } });
    expect(rows.map((r) => r.step)).toEqual(points.map((p) => p.step));
  });
});

describe('a run whose job has no attempts left', () => {
  it('is failed by the reaper with the reason', async () => {
    const runId = await newQueuedRun();
    const claim = await claimRun(db.prisma, runId, 'runner-x');
    if (!claim.claimed) throw new Error('claim failed');
    await ageHeartbeat(runId, 60);
    expect((await reapStaleRuns(db.prisma, 20_000)).failed).toContain(runId);
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('FAILED');
    expect(run.failureReason).toMatch(/runner-x stopped heartbeating.*no attempts left/);
  });
});

describe('cancellation and finishing', () => {
  it('reports a cancelled run to its runner, which may still record the end', async () => {
    const runId = await newQueuedRun();
    const claim = await claimRun(db.prisma, runId, 'runner-c');
    if (!claim.claimed) throw new Error('claim failed');
    const lease: Lease = claim.lease;
    await db.prisma.run.update({ where: { id: runId }, data: { status: 'CANCELLED' } });
    expect(await heartbeat(db.prisma, lease)).toBe('cancelled');
    await finishRun(db.prisma, lease, { status: 'CANCELLED', reason: 'cancelled; stopped by runner-c' });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.status).toBe('CANCELLED');
    expect(await claimRun(db.prisma, runId, 'runner-d')).toMatchObject({
      claimed: false,
      status: 'CANCELLED',
    });
  });
});

describe('a long run on a live runner', () => {
  it('keeps graphile-worker from handing its job out again after the 4-hour lock timeout', async () => {
    const runId = await newQueuedRun();
    const jobId = await db.prisma.$transaction((tx) =>
      enqueueJob(tx, 'experiment-plan', {
        runId,
        projectId: g.projectId,
        experimentId: g.projectId,
        runIds: [],
      }),
    );
    // The job has been locked by runner-l for five hours: graphile-worker would treat it as abandoned.
    await db.prisma
      .$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = 'runner-l', locked_at = now() - interval '5 hours' WHERE id = ${jobId}::bigint`;
    await refreshJobLock(db.prisma, jobId, 'runner-l');
    const stale = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_at < now() - interval '4 hours'`;
    expect(stale[0]?.n).toBe(0);
    // Another pool's refresh does not touch it.
    await db.prisma
      .$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '5 hours' WHERE id = ${jobId}::bigint`;
    await refreshJobLock(db.prisma, jobId, 'runner-other');
    const still = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE id = ${jobId}::bigint AND locked_at < now() - interval '4 hours'`;
    expect(still[0]?.n).toBe(1);
  });
});

describe('retryRun', () => {
  it('starts a fresh attempt: attempt + 1 and no resume, even though checkpoints exist', async () => {
    const runId = await newQueuedRun();
    const first = await claimRun(db.prisma, runId, 'runner-r');
    if (!first.claimed) throw new Error('claim failed');
    const artifact = await db.prisma.artifact.create({
      data: {
        projectId: g.projectId,
        runId,
        kind: 'CHECKPOINT',
        name: 'e1',
        uri: 'file:///tmp/e1',
        sha256: 'x',
        sizeBytes: 1n,
      },
    });
    await db.prisma.checkpoint.create({
      data: { runId, kind: 'EPOCH', epoch: 1, step: 4, artifactId: artifact.id },
    });
    await finishRun(db.prisma, first.lease, { status: 'FAILED', reason: 'TRAINING_DIVERGED: loss is NaN' });
    // What the API's retryRun does: back to QUEUED with a QUEUED event and a new job.
    await db.prisma.run.update({
      where: { id: runId },
      data: { status: 'QUEUED', failureReason: null, finishedAt: null, runnerId: null },
    });
    await db.prisma.runEvent.create({ data: { runId, type: 'QUEUED' } });
    const second = await claimRun(db.prisma, runId, 'runner-r');
    if (!second.claimed) throw new Error('second claim failed');
    expect(second.lease.attempt).toBe(first.lease.attempt + 1);
    expect(second.resume).toBeNull();
  });
});
