// Augmentation and the epoch budget in real jobs (issue 22 items 1–2): what a teacher or student
// trained with is what its payload asked for, and the run's summary says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';

import type { RunningRunner } from '../src/runner.ts';
import {
  createMnistProject,
  createSmallSplit,
  createStudentRun,
  createTeacherRun,
  startTestRunner,
  waitForEnd,
  type MnistProject,
} from './fixtures.ts';

let db: TestDatabase;
let p: MnistProject;
let runner: RunningRunner;

beforeAll(async () => {
  db = await createTestDatabase();
  p = await createSmallSplit(db.prisma, await createMnistProject(db.prisma), {
    train: 1024,
    val: 128,
    test: 256,
  });
  runner = await startTestRunner(db.url);
});
afterAll(async () => {
  await runner?.stop();
  await db?.drop();
});

async function finished(runId: string) {
  expect(await waitForEnd(db.prisma, runId)).toEqual({ status: 'SUCCEEDED', failureReason: null });
  return db.prisma.run.findUniqueOrThrow({ where: { id: runId }, include: { checkpoints: true } });
}

describe('the epoch budget', () => {
  it('ORIGINAL gives a subset teacher floor(full training set / batch) steps per epoch, PER_SUBSET floor(subset / batch)', async () => {
    const original = await createTeacherRun(db.prisma, p, {
      subsetSize: 256,
      epochs: 2,
      seed: 1,
      epochBudget: 'ORIGINAL',
    });
    const perSubset = await createTeacherRun(db.prisma, p, {
      subsetSize: 256,
      epochs: 2,
      seed: 2,
      epochBudget: 'PER_SUBSET',
    });
    for (const [{ runId }, budget, steps] of [
      [original, 'ORIGINAL', 1024 / 128],
      [perSubset, 'PER_SUBSET', 256 / 128],
    ] as const) {
      const run = await finished(runId);
      expect(run.summary).toMatchObject({ epoch_budget: budget, steps_per_epoch: steps, train_samples: 256 });
      const epochs = run.checkpoints.filter((c) => c.kind === 'EPOCH').sort((a, b) => a.epoch - b.epoch);
      expect(epochs.map((c) => c.step)).toEqual([steps, 2 * steps]);
      const loss = await db.prisma.metricPoint.aggregate({
        where: { runId, key: 'loss' },
        _max: { step: true },
      });
      expect(loss._max.step).toBe(2 * steps);
    }
  });
});

describe('augmentation', () => {
  it('a teacher trains with the dataset jitter and its architecture RandAugment(3, 7); off, none; a job from before the switch trains unaugmented', async () => {
    const on = await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, seed: 3, augment: true });
    const off = await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, seed: 3, augment: false });
    const legacy = await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, seed: 3 });
    expect((await finished(on.runId)).summary).toMatchObject({
      augment: true,
      jitter: true,
      rand_augment_n: 3,
      rand_augment_m: 7,
    });
    const offRun = await finished(off.runId);
    expect(offRun.summary).toMatchObject({
      augment: false,
      jitter: false,
      rand_augment_n: 0,
      epoch_budget: 'PER_SUBSET',
    });
    const legacyRun = await finished(legacy.runId);
    expect(legacyRun.summary).toMatchObject({ augment: false });
    // Same seed and data: augmentation is the only difference, and it changes what was learned.
    const onRun = await db.prisma.run.findUniqueOrThrow({ where: { id: on.runId } });
    expect((onRun.summary as { loss: number }).loss).not.toBe((offRun.summary as { loss: number }).loss);
    expect((legacyRun.summary as { loss: number }).loss).toBe((offRun.summary as { loss: number }).loss);
  });

  it('a student distils on augmented batches with live teachers (no cache) and records it', async () => {
    const teachers = [
      await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, seed: 11 }),
      await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, seed: 12 }),
    ];
    for (const t of teachers) await finished(t.runId);
    const student = await createStudentRun(db.prisma, p, {
      teacherIds: teachers.map((t) => t.teacherId),
      mode: 'MIMIC_ALL',
      epochs: 1,
      augment: true,
    });
    expect((await finished(student.runId)).summary).toMatchObject({
      augment: true,
      jitter: true,
      rand_augment_n: 3,
      steps_per_epoch: 1024 / 128,
      mode: 'MIMIC_ALL',
    });
  });
});
