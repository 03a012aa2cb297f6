// Distil one student from N frozen teachers (mtkd-method.md §4) on the training engine teachers use:
// each member is a teacher rebuilt from its FINAL checkpoint or from a named checkpoint (snapshot/FGE
// cycles of one run: "train once, compress the snapshot ensemble"), the student trains on the whole
// training split of the teachers' split, on the same augmented batches as the teachers when `augment`
// is on, checkpoints every epoch and resumes from the last one after a crash.
import type { JobPayload } from '@distillery/domain';
import { AppError, AppErrorCode, badInput, notFound } from '@distillery/errors';
import { buildModel, encodeCheckpoint, loadWeightsFromBytes, type BuiltModel } from '@distillery/ml';
import { runDistillation, saveStudentWeights, type StudentNet } from '@distillery/ml/distill';

import type { JobContext, JobHandler } from '../context.ts';
import { engineHooks } from '../shared/engine-hooks.ts';
import { saveFinal } from '../shared/final-outputs.ts';
import { dataAccessOf, loadTrainingData, type TrainingData } from '../shared/load-data.ts';
import { startEnvironment } from '../shared/run-environment.ts';
import { trainingPlan } from '../shared/training-plan.ts';

function studentBytes(student: StudentNet, meta: Record<string, unknown>): Uint8Array {
  return encodeCheckpoint({ meta, groups: { model: saveStudentWeights(student) } });
}

/** The checkpoint a member is rebuilt from: the named one (it must be the teacher's), else the teacher's FINAL. */
async function memberCheckpoint(
  ctx: JobContext,
  teacherId: string,
  checkpointId: string | null,
  name: string,
) {
  const cp = checkpointId
    ? await ctx.prisma.checkpoint.findUnique({ where: { id: checkpointId }, include: { artifact: true } })
    : await ctx.prisma.checkpoint.findFirst({
        where: { teacherId, kind: 'FINAL' },
        include: { artifact: true },
        orderBy: { createdAt: 'desc' },
      });
  if (checkpointId && cp?.teacherId !== teacherId)
    throw badInput('checkpointIds', checkpointId, `is not a checkpoint of teacher ${name}`);
  if (!cp?.artifact)
    throw new AppError(
      AppErrorCode.NOT_FOUND,
      checkpointId
        ? `checkpoint ${checkpointId} has no stored weights`
        : `teacher ${name} has no final checkpoint`,
    );
  return cp.artifact.uri;
}

/** The frozen members in the payload's order (head i ↔ member i), each from its checkpoint. */
async function loadTeachers(
  ctx: JobContext,
  p: JobPayload<'distill-student'>,
  data: TrainingData,
): Promise<BuiltModel[]> {
  const rows = await ctx.prisma.teacher.findMany({
    where: { id: { in: p.teacherIds } },
    include: { run: true },
  });
  const shape = { inputShape: data.dataset.shape, numClasses: data.dataset.classNames.length };
  const frozen: BuiltModel[] = [];
  for (const [i, id] of p.teacherIds.entries()) {
    const t = rows.find((x) => x.id === id);
    if (!t) throw notFound('Teacher', id);
    const uri = await memberCheckpoint(ctx, t.id, p.checkpointIds?.[i] ?? null, t.run.name);
    const built = buildModel(t.architectureKey, { ...shape, seed: t.run.seed });
    loadWeightsFromBytes(built, await ctx.artifacts.get(uri));
    frozen.push(built);
  }
  return frozen;
}

/** Distil a student and record its metrics, weights, predictions and summary. */
export const handle: JobHandler<JobPayload<'distill-student'>> = async (ctx, p) => {
  const run = await ctx.prisma.run.findUniqueOrThrow({ where: { id: p.runId } });
  const first = await ctx.prisma.teacher.findFirst({
    where: { id: p.teacherIds[0] },
    include: { run: true },
  });
  const splitId = run.splitId ?? first?.run.splitId;
  if (!splitId) throw badInput('runId', p.runId, 'the student run and its teachers have no split');
  const environment = await startEnvironment(ctx, { backend: true });
  const data = await loadTrainingData(ctx.prisma, splitId, null, dataAccessOf(ctx));
  const frozen = await loadTeachers(ctx, p, data);
  const params = run.params as { epochs?: unknown };
  const mode = p.mode;
  const plan = trainingPlan(data, p.architectureKey, p);
  const { stepsPerEpoch } = plan;
  const result = await runDistillation(mode, {
    teachers: frozen,
    student: p.architectureKey,
    train: data.train,
    ...(data.val.count > 0 ? { val: data.val } : {}),
    finalPredict: { test: data.test, ...(data.val.count > 0 ? { val: data.val } : {}) },
    seed: p.seed,
    alpha: p.alpha,
    temperature: p.temperature,
    temperatureMode: p.temperatureMode,
    ...(typeof params.epochs === 'number' ? { epochs: params.epochs } : {}),
    stepsPerEpoch,
    augment: plan.augment,
    patience: plan.patience,
    restoreBest: plan.restoreBest,
    // Without augmentation one teacher pass over the training set serves every epoch (identical
    // targets, N× fewer teacher forwards per step); with it teachers must see each augmented batch.
    cacheTeacherOutputs: plan.augment === null,
    ...(await engineHooks(ctx, {
      stepsPerEpoch,
      teacherId: null,
      valLossKey: 'val_student_loss',
      environment,
    })),
  });
  ctx.signal.throwIfAborted();
  const epochs = result.history.length;
  const classes = data.dataset.classNames.length;
  const { test, val } = await saveFinal(ctx, {
    splitId,
    data,
    classes,
    epoch: epochs,
    step: epochs * stepsPerEpoch,
    bytes: studentBytes(result.student, { key: p.architectureKey, mode, heads: result.student.heads }),
    teacherId: null,
    finals: result.finalPredictions,
    exportSource: result.student,
  });
  const parameterCount = result.student.trainedModel.countParams();
  result.student.dispose();
  return {
    summary: {
      test_accuracy: test.accuracy,
      test_loss: test.loss,
      ...(test.macroF1 !== null ? { test_macro_f1: test.macroF1 } : {}),
      ...(val ? { val_accuracy: val.accuracy, val_loss: val.loss } : {}),
      mode,
      engine: result.executor,
      alpha: p.alpha,
      teachers: p.teacherIds.length,
      from_checkpoints: p.checkpointIds?.filter(Boolean).length ?? 0,
      epochs,
      best_epoch: result.bestEpoch,
      stop: result.status,
      architecture: p.architectureKey,
      ...plan.summary,
    },
    parameterCount,
  };
};
