// Fault drill for students (issue 22): a runner distilling a student on the tfjs CPU backend is
// killed with SIGKILL mid-epoch; another runner resumes the student from its last epoch checkpoint,
// and the result is bit-identical to the same student trained without interruption.
import { beforeAll, describe, expect, it } from 'vitest';

import {
  createMnistProject,
  createSmallSplit,
  createStudentRun,
  createTeacherRun,
  waitFor,
  waitForEnd,
  type MnistProject,
} from './fixtures.ts';
import { expectOneInterruption, runnerSuite } from './runner-process.ts';

// The pure-JS cpu backend is slow (tens of samples/s on a loaded 2-core machine): a tiny split keeps
// the drill short while an epoch (4 steps of 128) still outlasts the 250 ms metric hand-over.
const TRAIN = 512;
const STEPS_PER_EPOCH = TRAIN / 128;
const EPOCHS = 3;
const KEYS = [
  'loss',
  'student_loss',
  'distillation_loss',
  'accuracy',
  'val_student_loss',
  'val_accuracy',
  'val_agreement',
];

const suite = runnerSuite({ ML_BACKEND: 'cpu', ML_ENGINE: 'tfjs' });
let p: MnistProject;
beforeAll(async () => {
  p = await createSmallSplit(suite.db.prisma, await createMnistProject(suite.db.prisma), {
    train: TRAIN,
    val: 128,
    test: 256,
  });
});

async function series(runId: string) {
  const points = await suite.db.prisma.metricPoint.findMany({
    where: { runId, key: { in: KEYS } },
    select: { key: true, step: true, value: true },
    orderBy: [{ key: 'asc' }, { step: 'asc' }],
  });
  return points.map((m) => `${m.key}@${m.step}=${m.value}`);
}

async function finalOutputs(runId: string) {
  const cp = await suite.db.prisma.checkpoint.findFirstOrThrow({
    where: { runId, kind: 'FINAL' },
    include: { artifact: true, predictions: { orderBy: { splitRole: 'asc' } } },
  });
  return {
    weights: cp.artifact?.sha256,
    predictions: cp.predictions.map((x) => `${x.splitRole}:${x.probsHash}`),
  };
}

describe('a student whose runner is killed with SIGKILL mid-epoch (cpu backend)', () => {
  it('resumes from its last epoch checkpoint on another runner and ends bit-identical to an uninterrupted student', async () => {
    const a = suite.spawn('student-drill-a');
    const teachers = [];
    for (const seed of [1, 2]) {
      teachers.push(
        await createTeacherRun(suite.db.prisma, p, { subsetSize: 256, epochs: 1, seed, name: `t${seed}` }),
      );
    }
    for (const t of teachers)
      expect(await waitForEnd(suite.db.prisma, t.runId, 300_000)).toMatchObject({ status: 'SUCCEEDED' });
    const student = {
      teacherIds: teachers.map((t) => t.teacherId),
      mode: 'OUTPUT_AVG' as const,
      epochs: EPOCHS,
    };
    const killed = await createStudentRun(suite.db.prisma, p, { ...student, name: 'killed' });
    await waitFor(
      'an epoch checkpoint, then progress into the next epoch',
      async () => {
        const cp = await suite.db.prisma.checkpoint.findFirst({
          where: { runId: killed.runId, kind: 'EPOCH' },
          orderBy: { epoch: 'desc' },
        });
        if (!cp || cp.epoch >= EPOCHS) return undefined;
        const mid = await suite.db.prisma.metricPoint.count({
          where: { runId: killed.runId, key: 'loss', step: { gt: cp.epoch * STEPS_PER_EPOCH } },
        });
        return mid > 0 ? true : undefined;
      },
      300_000,
      50,
    );
    a.child.kill('SIGKILL');
    const killedAt = new Date();
    if (a.child.exitCode === null && a.child.signalCode === null)
      await new Promise((r) => a.child.once('exit', r));

    suite.spawn('student-drill-b');
    expect(await waitForEnd(suite.db.prisma, killed.runId, 300_000)).toEqual({
      status: 'SUCCEEDED',
      failureReason: null,
    });
    const events = await expectOneInterruption(suite.db.prisma, killed.runId);
    expect(events[3]!.message).toMatch(/from epoch [12] checkpoint/);
    // The second attempt really continued: the points up to the checkpoint were never logged again.
    const resumeStep = Number(/from epoch (\d+)/.exec(events[3]!.message)![1]) * STEPS_PER_EPOCH;
    const losses = await suite.db.prisma.metricPoint.findMany({
      where: { runId: killed.runId, key: 'loss' },
    });
    expect(losses.filter((m) => m.step <= resumeStep).every((m) => m.wallTime < killedAt)).toBe(true);
    expect(losses.filter((m) => m.step > resumeStep).every((m) => m.wallTime > killedAt)).toBe(true);

    const uninterrupted = await createStudentRun(suite.db.prisma, p, { ...student, name: 'uninterrupted' });
    expect(await waitForEnd(suite.db.prisma, uninterrupted.runId, 300_000)).toMatchObject({
      status: 'SUCCEEDED',
    });

    // Same weights (artifact hash), same predictions, and every logged point equal at the same step.
    expect(await finalOutputs(killed.runId)).toEqual(await finalOutputs(uninterrupted.runId));
    const [resumed, straight] = [await series(killed.runId), await series(uninterrupted.runId)];
    expect(resumed.length).toBe(straight.length);
    expect(resumed).toEqual(straight);
    // Validation points, agreement with the teachers' ensemble among them, sit at the batch step of their epoch end.
    for (const key of ['val_student_loss', 'val_agreement']) {
      const val = await suite.db.prisma.metricPoint.findMany({
        where: { runId: killed.runId, key },
        orderBy: { step: 'asc' },
      });
      expect(
        val.map((v) => v.step),
        key,
      ).toEqual(Array.from({ length: EPOCHS }, (_, i) => (i + 1) * STEPS_PER_EPOCH));
      if (key === 'val_agreement') expect(val.every((v) => v.value >= 0 && v.value <= 1)).toBe(true);
    }
    const run = await suite.db.prisma.run.findUniqueOrThrow({ where: { id: killed.runId } });
    expect(run.environment).toMatchObject({
      attempt: 2,
      engine: 'tfjs-cpu',
      backend: { name: 'cpu', requested: 'cpu', usesGpu: false },
    });
    expect((run.environment as { runnerId: string }).runnerId).toMatch(/^student-drill-b:/);
  }, 900_000);
});
