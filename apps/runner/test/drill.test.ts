// Fault drills with real runner processes: a runner killed with SIGKILL mid-epoch, and a runner frozen
// (SIGSTOP) long enough to be declared dead that then comes back (SIGCONT).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';

import {
  createMnistProject,
  createTeacherRun,
  tempArtifacts,
  waitFor,
  waitForEnd,
  type MnistProject,
} from './fixtures.ts';
import { spawnRunner, type RunnerProcess } from './runner-process.ts';

// Large enough that an epoch outlasts the 1 s metric flush on a quiet machine, so the test can see
// points of an epoch that has no checkpoint yet (with 1,024 samples an epoch took ~0.5 s).
const SUBSET = 4096;
const STEPS_PER_EPOCH = SUBSET / 128;
const EPOCHS = 4;

let db: TestDatabase;
let p: MnistProject;
let env: Record<string, string>;
const runners: RunnerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  p = await createMnistProject(db.prisma);
  // tfjs steps: the drills need a run that lasts several seconds (the native engine trains these
  // 4,096-sample epochs in a fraction of a second, so runner b would finish before a is thawed).
  env = { DATABASE_URL: db.url, ARTIFACT_STORE: tempArtifacts().root, ML_ENGINE: 'tfjs' };
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});
afterAll(() => db?.drop());

async function newestEpochCheckpoint(runId: string): Promise<number> {
  const cp = await db.prisma.checkpoint.findFirst({
    where: { runId, kind: 'EPOCH' },
    orderBy: { epoch: 'desc' },
  });
  return cp?.epoch ?? 0;
}

/** Every (key, step) the run should have exactly once, and what it has. */
async function expectExactlyOnceMetrics(runId: string): Promise<void> {
  const loss = await db.prisma.metricPoint.findMany({
    where: { runId, key: 'loss' },
    select: { step: true },
    orderBy: { step: 'asc' },
  });
  expect(loss.map((m) => m.step)).toEqual(Array.from({ length: EPOCHS * STEPS_PER_EPOCH }, (_, i) => i + 1));
  const epochs = await db.prisma.metricPoint.findMany({
    where: { runId, key: 'epoch' },
    select: { value: true },
    orderBy: { step: 'asc' },
  });
  expect(epochs.map((m) => m.value)).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
  const checkpoints = await db.prisma.checkpoint.findMany({
    where: { runId, kind: 'EPOCH' },
    orderBy: { epoch: 'asc' },
  });
  expect(checkpoints.map((c) => c.epoch)).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
}

/** The history of a run interrupted once: first attempt lost, second attempt resumed and finished. */
async function expectOneInterruption(runId: string): Promise<{ message: string }[]> {
  const events = await db.prisma.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
  expect(events.map((e) => `${e.type}:${e.attempt}`)).toEqual([
    'QUEUED:0',
    'STARTED:1',
    'INTERRUPTED:1',
    'RESUMED:2',
    'SUCCEEDED:2',
  ]);
  return events;
}

describe('a runner killed with SIGKILL mid-epoch', () => {
  it('is detected, its run resumes from the last checkpoint on another runner, and metrics are exactly once', async () => {
    const { runId } = await createTeacherRun(db.prisma, p, {
      subsetSize: SUBSET,
      epochs: EPOCHS,
      name: 'drill-kill',
    });
    const a = spawnRunner('drill-a', env);
    runners.push(a);
    await a.ready;
    await waitFor(
      'a checkpoint, then progress into the next epoch',
      async () => {
        const epoch = await newestEpochCheckpoint(runId);
        if (epoch < 1) return undefined;
        const mid = await db.prisma.metricPoint.count({
          where: { runId, key: 'loss', step: { gt: epoch * STEPS_PER_EPOCH + 2 } },
        });
        return mid > 0 ? true : undefined;
      },
      90_000,
      50,
    );
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    // Read the newest checkpoint only after the kill: on a quiet machine the runner can finish another
    // epoch between a read and the signal. Once it is dead its checkpoints can no longer change.
    if (a.child.exitCode === null && a.child.signalCode === null)
      await new Promise((r) => a.child.once('exit', r));
    const resumeEpoch = await newestEpochCheckpoint(runId);

    const b = spawnRunner('drill-b', env);
    runners.push(b);
    const interrupted = await waitFor(
      'the interruption to be detected',
      async () =>
        (await db.prisma.runEvent.findFirst({ where: { runId, type: 'INTERRUPTED' } })) ?? undefined,
      60_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(interrupted.message).toMatch(/drill-a:\d+:[0-9a-f]+ stopped heartbeating/);

    expect(await waitForEnd(db.prisma, runId)).toEqual({ status: 'SUCCEEDED', failureReason: null });
    const events = await expectOneInterruption(runId);
    expect(events[3]!.message).toContain(`from epoch ${resumeEpoch} checkpoint`);
    expect(events[3]!.message).toMatch(/drill-b/);
    await expectExactlyOnceMetrics(runId);
  }, 180_000);
});

describe('a frozen runner that comes back', () => {
  it('never shares the run: the live runner takes it over and the returning runner’s writes are refused', async () => {
    const { runId } = await createTeacherRun(db.prisma, p, {
      subsetSize: SUBSET,
      epochs: EPOCHS,
      name: 'drill-freeze',
    });
    const a = spawnRunner('freeze-a', env);
    runners.push(a);
    await a.ready;
    await waitFor(
      'the first checkpoint',
      async () => ((await newestEpochCheckpoint(runId)) >= 1 ? true : undefined),
      90_000,
      50,
    );
    a.child.kill('SIGSTOP');

    const b = spawnRunner('freeze-b', env);
    runners.push(b);
    await waitFor(
      'runner b to take the run over',
      async () => (await db.prisma.runEvent.findFirst({ where: { runId, type: 'RESUMED' } })) ?? undefined,
      60_000,
    );
    a.child.kill('SIGCONT');
    await waitFor(
      'runner a to notice it lost the run',
      async () => (/no longer holds the run/.test(a.output()) ? true : undefined),
      30_000,
    );

    expect(await waitForEnd(db.prisma, runId)).toEqual({ status: 'SUCCEEDED', failureReason: null });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.attempt).toBe(2);
    expect(run.runnerId).toMatch(/^freeze-b:/);
    await expectOneInterruption(runId);
    await expectExactlyOnceMetrics(runId);
    // Runner a is still alive and serving after losing the run.
    expect(a.child.exitCode).toBeNull();
  }, 180_000);
});
