// Per-teacher contribution (issue 17): a real runner process distils a tiny mimic_all student from
// two teachers and logs, at every epoch end, each head's agreement with and KL to its own teacher,
// each head's accuracy and the student's agreement with each teacher, keyed by member position.
import { beforeAll, describe, expect, it } from 'vitest';

import { teacherMetricKey, teacherMetricsOf } from '@distillery/domain';

import {
  createMnistProject,
  createSmallSplit,
  createStudentRun,
  createTeacherRun,
  waitForEnd,
  type MnistProject,
} from './fixtures.ts';
import { runnerSuite } from './runner-process.ts';

const TRAIN = 512;
const STEPS_PER_EPOCH = TRAIN / 128;
const EPOCHS = 2;

// The native engine, whose per-head predictions feed mimic_all's figures (the tfjs executor's are
// covered in packages/ml's modes.test.ts).
const suite = runnerSuite({ ML_ENGINE: 'native' });
let p: MnistProject;
beforeAll(async () => {
  p = await createSmallSplit(suite.db.prisma, await createMnistProject(suite.db.prisma), {
    train: TRAIN,
    val: 128,
    test: 128,
  });
});

describe('a mimic_all student', () => {
  it('logs per-teacher figures for each head at every epoch end', async () => {
    suite.spawn('teacher-contribution');
    const teachers = [];
    for (const seed of [1, 2])
      teachers.push(
        await createTeacherRun(suite.db.prisma, p, { subsetSize: 256, epochs: 1, seed, name: `t${seed}` }),
      );
    for (const t of teachers)
      expect(await waitForEnd(suite.db.prisma, t.runId, 300_000)).toMatchObject({ status: 'SUCCEEDED' });
    const student = await createStudentRun(suite.db.prisma, p, {
      teacherIds: teachers.map((t) => t.teacherId),
      mode: 'MIMIC_ALL',
      epochs: EPOCHS,
      augment: false,
    });
    expect(await waitForEnd(suite.db.prisma, student.runId, 300_000)).toEqual({
      status: 'SUCCEEDED',
      failureReason: null,
    });

    const metrics = teacherMetricsOf('MIMIC_ALL');
    expect(metrics).toEqual(['val_agreement', 'val_head_agreement', 'val_head_kl', 'val_head_accuracy']);
    const keys = metrics.flatMap((m) => [0, 1].map((i) => teacherMetricKey(m, i)));
    const points = await suite.db.prisma.metricPoint.findMany({
      where: { runId: student.runId, key: { in: [...keys, 'val_accuracy'] } },
      orderBy: [{ key: 'asc' }, { step: 'asc' }],
    });
    const epochEnds = Array.from({ length: EPOCHS }, (_, e) => (e + 1) * STEPS_PER_EPOCH);
    for (const key of keys) {
      const series = points.filter((x) => x.key === key);
      expect(
        series.map((x) => x.step),
        key,
      ).toEqual(epochEnds);
      if (key.startsWith('val_head_kl/')) series.forEach((x) => expect(x.value, key).toBeGreaterThan(0));
      else series.forEach((x) => expect(x.value, key).toBeGreaterThanOrEqual(0));
      if (!key.startsWith('val_head_kl/')) series.forEach((x) => expect(x.value, key).toBeLessThanOrEqual(1));
    }
    // Accuracies are fractions of the 128 validation samples; no aggregator in this mode.
    for (const x of points.filter((x) => x.key.startsWith('val_head_accuracy/')))
      expect(Number.isInteger(Math.round(x.value * 128 * 1e6) / 1e6)).toBe(true);
    expect(
      await suite.db.prisma.metricPoint.count({
        where: { runId: student.runId, key: { startsWith: 'aggregator_share/' } },
      }),
    ).toBe(0);
    const run = await suite.db.prisma.run.findUniqueOrThrow({ where: { id: student.runId } });
    expect(run.summary).toMatchObject({
      mode: 'MIMIC_ALL',
      teachers: 2,
      engine: expect.stringMatching(/^native-/),
    });
  }, 900_000);
});
