// Fault drills with real runner processes: a runner killed with SIGKILL mid-epoch, and a runner frozen
// (SIGSTOP) long enough to be declared dead that then comes back (SIGCONT).
import { beforeAll, describe, expect, it } from 'vitest';

import { isTerminalRunStatus } from '@distillery/domain';

import {
  createMnistProject,
  createTeacherRun,
  expectExactlyOnceMetrics,
  waitFor,
  waitForEnd,
  type MnistProject,
} from './fixtures.ts';
import { expectOneInterruption, runnerSuite, type RunnerProcess } from './runner-process.ts';

// Large enough that an epoch (~1.4 s on a quiet machine) outlasts the drill runners' 100 ms metric
// flush (runner-process.ts) by far, so the test can see points of an epoch that has no checkpoint yet.
const SUBSET = 4096;
const STEPS_PER_EPOCH = SUBSET / 128;
const EPOCHS = 4;

// tfjs steps: the drills need a run that lasts several seconds (the native engine trains these
// 4,096-sample epochs in a fraction of a second, so runner b would finish before a is thawed).
const suite = runnerSuite({ ML_ENGINE: 'tfjs' });
let p: MnistProject;
beforeAll(async () => {
  p = await createMnistProject(suite.db.prisma);
});

/** Throw, with what the runner printed, when the run already ended: what the drill waits for cannot come. */
async function expectStillRunning(runId: string, runner: RunnerProcess): Promise<void> {
  const run = await suite.db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
  if (!isTerminalRunStatus(run.status)) return;
  throw new Error(
    `run ended ${run.status} (${run.failureReason}) first; runner:\n${runner.output().slice(-4000)}`,
  );
}

async function newestEpochCheckpoint(runId: string): Promise<number> {
  const cp = await suite.db.prisma.checkpoint.findFirst({
    where: { runId, kind: 'EPOCH' },
    orderBy: { epoch: 'desc' },
  });
  return cp?.epoch ?? 0;
}

describe('a runner killed with SIGKILL mid-epoch', () => {
  it('is detected, its run resumes from the last checkpoint on another runner, and metrics are exactly once', async () => {
    const { runId } = await createTeacherRun(suite.db.prisma, p, {
      subsetSize: SUBSET,
      epochs: EPOCHS,
      name: 'drill-kill',
    });
    const a = suite.spawn('drill-a');
    await a.ready;
    await waitFor(
      'a checkpoint, then progress into the next epoch',
      async () => {
        await expectStillRunning(runId, a);
        const epoch = await newestEpochCheckpoint(runId);
        if (epoch < 1) return undefined;
        const mid = await suite.db.prisma.metricPoint.count({
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

    suite.spawn('drill-b');
    const interrupted = await waitFor(
      'the interruption to be detected',
      async () =>
        (await suite.db.prisma.runEvent.findFirst({ where: { runId, type: 'INTERRUPTED' } })) ?? undefined,
      60_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(interrupted.message).toMatch(/drill-a:\d+:[0-9a-f]+ stopped heartbeating/);

    expect(await waitForEnd(suite.db.prisma, runId)).toEqual({ status: 'SUCCEEDED', failureReason: null });
    const events = await expectOneInterruption(suite.db.prisma, runId);
    expect(events[3]!.message).toContain(`from epoch ${resumeEpoch} checkpoint`);
    expect(events[3]!.message).toMatch(/drill-b/);
    await expectExactlyOnceMetrics(suite.db.prisma, runId, EPOCHS, STEPS_PER_EPOCH);
  }, 180_000);
});

describe('a frozen runner that comes back', () => {
  it('never shares the run: the live runner takes it over and the returning runner’s writes are refused', async () => {
    const { runId } = await createTeacherRun(suite.db.prisma, p, {
      subsetSize: SUBSET,
      epochs: EPOCHS,
      name: 'drill-freeze',
    });
    const a = suite.spawn('freeze-a');
    await a.ready;
    await waitFor(
      'the first checkpoint',
      async () => {
        await expectStillRunning(runId, a);
        return (await newestEpochCheckpoint(runId)) >= 1 ? true : undefined;
      },
      90_000,
      50,
    );
    a.child.kill('SIGSTOP');

    suite.spawn('freeze-b');
    await waitFor(
      'runner b to take the run over',
      async () =>
        (await suite.db.prisma.runEvent.findFirst({ where: { runId, type: 'RESUMED' } })) ?? undefined,
      60_000,
    );
    a.child.kill('SIGCONT');
    await waitFor(
      'runner a to notice it lost the run',
      async () => (/this attempt does not hold the run/.test(a.output()) ? true : undefined),
      30_000,
    );

    expect(await waitForEnd(suite.db.prisma, runId)).toEqual({ status: 'SUCCEEDED', failureReason: null });
    const run = await suite.db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.attempt).toBe(2);
    expect(run.runnerId).toMatch(/^freeze-b:/);
    await expectOneInterruption(suite.db.prisma, runId);
    await expectExactlyOnceMetrics(suite.db.prisma, runId, EPOCHS, STEPS_PER_EPOCH);
    // Runner a is still alive and serving after losing the run.
    expect(a.child.exitCode).toBeNull();
  }, 180_000);
});
