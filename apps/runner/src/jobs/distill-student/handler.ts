// Distil one student from N frozen teachers (mtkd-method.md §4): the teachers are rebuilt from their
// FINAL checkpoints, the student trains on the whole training split of the teachers' split.
import type { JobPayload } from '@distillery/db/jobs';
import { AppError, AppErrorCode, badInput, notFound } from '@distillery/errors';
import {
  buildModel,
  encodeCheckpoint,
  initBackend,
  loadWeightsFromBytes,
  scorePredictions,
  type BuiltModel,
  type StoredTensor,
} from '@distillery/ml';
import { predictStudent, runDistillation, type DistillMode, type StudentNet } from '@distillery/ml/distill';

import type { JobHandler } from '../context.ts';
import { loadTrainingData } from '../shared/load-data.ts';
import { storePredictions } from '../shared/predictions.ts';

function studentBytes(student: StudentNet, meta: Record<string, unknown>): Uint8Array {
  const weights: StoredTensor[] = student.trainedModel.getWeights().map((t, i) => ({
    name: `w${i}`,
    shape: t.shape.slice(),
    dtype: 'float32',
    values: Float32Array.from(t.dataSync()),
  }));
  return encodeCheckpoint({ meta, groups: { model: weights } });
}

/** Distil a student and record its metrics, weights, predictions and summary. */
export const handle: JobHandler<JobPayload<'distill-student'>> = async (ctx, p) => {
  const run = await ctx.prisma.run.findUniqueOrThrow({ where: { id: p.runId } });
  const teachers = await ctx.prisma.teacher.findMany({
    where: { id: { in: p.teacherIds } },
    include: { run: true },
  });
  if (teachers.length !== p.teacherIds.length)
    throw notFound(
      'Teacher',
      p.teacherIds.find((id) => !teachers.some((t) => t.id === id))!,
    );
  const splitId = run.splitId ?? teachers[0]?.run.splitId;
  if (!splitId) throw badInput('runId', p.runId, 'the student run and its teachers have no split');
  await initBackend({ backend: 'auto' });
  const data = await loadTrainingData(ctx.prisma, splitId, null);
  const shape = { inputShape: data.dataset.shape, numClasses: data.dataset.classNames.length };
  const frozen: BuiltModel[] = [];
  for (const id of p.teacherIds) {
    const t = teachers.find((x) => x.id === id)!;
    const cp = await ctx.prisma.checkpoint.findFirst({
      where: { teacherId: t.id, kind: 'FINAL' },
      include: { artifact: true },
      orderBy: { createdAt: 'desc' },
    });
    if (!cp?.artifact)
      throw new AppError(AppErrorCode.NOT_FOUND, `teacher ${t.run.name} has no final checkpoint`);
    const built = buildModel(t.architectureKey, { ...shape, seed: t.run.seed });
    loadWeightsFromBytes(built, await ctx.artifacts.get(cp.artifact.uri));
    frozen.push(built);
  }
  const params = run.params as { epochs?: unknown };
  const mode = p.mode.toLowerCase() as DistillMode;
  const result = runDistillation(mode, {
    teachers: frozen,
    student: p.architectureKey,
    train: data.train,
    ...(data.val.count > 0 ? { val: data.val } : {}),
    seed: p.seed,
    alpha: p.alpha,
    temperature: p.temperature,
    temperatureMode: p.temperatureMode === 'HINTON' ? 'hinton' : 'as-original',
    ...(typeof params.epochs === 'number' ? { epochs: params.epochs } : {}),
    // Jobs train without augmentation, so one teacher pass over the training set serves every epoch
    // (identical targets, N× fewer teacher forwards per later epoch).
    cacheTeacherOutputs: true,
    stepEvery: 1,
    onStep: (m) => {
      ctx.log('loss', m.globalStep, m.loss);
      ctx.log('student_loss', m.globalStep, m.studentLoss);
      ctx.log('distillation_loss', m.globalStep, m.distillationLoss);
      ctx.log('accuracy', m.globalStep, m.accuracy);
    },
    onEpochEnd: (m) => {
      ctx.log('epoch', m.epoch, m.epoch);
      if (m.valAccuracy !== undefined) ctx.log('val_accuracy', m.epoch, m.valAccuracy);
      if (m.valStudentLoss !== undefined) ctx.log('val_student_loss', m.epoch, m.valStudentLoss);
      void ctx.flush().catch(() => undefined);
    },
  });
  const classes = shape.numClasses;
  const test = predictStudent(result.student, data.test);
  const testScore = scorePredictions(test, data.test.labels, classes);
  const val = data.val.count > 0 ? predictStudent(result.student, data.val) : null;
  const valScore = val ? scorePredictions(val, data.val.labels, classes) : null;
  const epochs = result.history.length;
  const saved = await ctx.saveCheckpoint({
    kind: 'FINAL',
    epoch: epochs,
    step: epochs,
    bytes: studentBytes(result.student, { key: p.architectureKey, mode, heads: result.student.heads }),
    metrics: { test_accuracy: testScore.accuracy },
  });
  await ctx.fenced((tx) =>
    storePredictions(tx, p.runId, saved.checkpointId, [
      {
        splitId,
        splitRole: 'TEST',
        probs: test,
        samples: data.test.count,
        classes,
        accuracy: testScore.accuracy,
      },
      ...(val && valScore
        ? [
            {
              splitId,
              splitRole: 'VAL' as const,
              probs: val,
              samples: data.val.count,
              classes,
              accuracy: valScore.accuracy,
            },
          ]
        : []),
    ]),
  );
  const parameterCount = result.student.trainedModel.countParams();
  result.student.dispose();
  return {
    summary: {
      test_accuracy: testScore.accuracy,
      test_loss: testScore.loss,
      ...(valScore ? { val_accuracy: valScore.accuracy, val_loss: valScore.loss } : {}),
      mode,
      alpha: p.alpha,
      teachers: p.teacherIds.length,
      epochs,
      best_epoch: result.bestEpoch,
      stop: result.status,
      architecture: p.architectureKey,
    },
    parameterCount,
  };
};
