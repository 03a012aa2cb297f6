/**
 * Multi-teacher distillation on the training engine (`train/engine.ts`), the loop teachers use:
 * each step draws one (augmented) batch, the frozen teachers run on those very pixels outside the
 * loss (live, or from a cache when augmentation is off), and the student's loss
 * L = α·CE + (1 − α)·L_KD of the mode is minimised over the student's trainable weights only, with
 * the engine's Adam (restorable state), per-step abort, per-epoch checkpoints and bit-identical
 * resume. supernet/supernet2 first fit their aggregator (aggregator.ts), which every checkpoint keeps.
 */
import type { DistillMode } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { getArchitecture } from '../models/registry.ts';
import { decodeCheckpoint } from '../train/checkpoint.ts';
import { checkData } from '../train/evaluate.ts';
import { runTraining, type EngineResult } from '../train/engine.ts';
import type { LossSpec } from '../train/step-executor.ts';
import { type Aggregator, restoreAggregator, trainAggregator } from './aggregator.ts';
import { aggregatorShares } from './contribution.ts';
import { type KdConfig, validateKdConfig } from './losses.ts';
import { type DistillOptions, resolveRun } from './options.ts';
import { buildStudent, type StudentNet } from './student.ts';
import {
  cacheOutputs,
  checkTeachers,
  ensembleClasses,
  frozenTeachers,
  liveTeachers,
  outputTables,
  teacherPredictions,
  type OutputSource,
} from './teachers.ts';

/** Outcome of a distillation run. */
export interface DistillResult extends EngineResult {
  mode: DistillMode;
  student: StudentNet;
  kd: KdConfig;
  /** Teacher forward passes per training step (0 when cached). */
  teacherPassesPerStep: number;
  aggregator?: { epochs: number; bestValLoss: number; valAccuracy: number; inputSize: number };
}

/** Run distillation in `mode` (see the named functions in modes.ts for each mode's definition). */
export async function runDistillation(mode: DistillMode, o: DistillOptions): Promise<DistillResult> {
  const teachers = o.teachers ?? [];
  const { inputShape, numClasses } = checkTeachers(teachers, 2, mode);
  if (o.alpha === undefined)
    throw badInput('alpha', undefined, `${mode} needs alpha in [0, 1] (the original's CLI requires --alpha)`);
  const kd = validateKdConfig({
    alpha: o.alpha,
    temperatureMode: o.temperatureMode ?? 'AS_ORIGINAL',
    temperature: o.temperature ?? 1,
  });
  const run = resolveRun(mode, o, getArchitecture(o.student).trainingParams);
  const student = buildStudent(
    o.student,
    inputShape,
    numClasses,
    o.seed,
    mode === 'MIMIC_ALL' ? teachers.length : 1,
  );
  const loss: LossSpec = { kind: 'distill', ...kd, targets: mode === 'OUTPUT_AVG' ? 'average' : 'each' };
  let aggregator: Aggregator | undefined;
  let source: OutputSource | undefined;
  try {
    checkData(student.built, o.train, 'train');
    if (o.val) checkData(student.built, o.val, 'val');
    const supernet = mode === 'SUPERNET' || mode === 'SUPERNET2';
    const view = mode === 'SUPERNET2' ? 'features' : 'logits';
    if (supernet && kd.alpha < 1) {
      const live = liveTeachers(teachers, view);
      aggregator = await prepareAggregator(o, live, run, inputShape, numClasses);
      const agg = aggregator;
      source = { outputs: (xs, idx) => [agg.apply(live.outputs(xs, idx))], dispose: () => undefined };
    } else if (kd.alpha < 1) {
      source = liveTeachers(teachers, 'logits');
    }
    if (source && o.cacheTeacherOutputs) source = cacheOutputs(source, o.train, inputShape);
    const aggWeights = aggregator?.weights();
    const valTeachers = o.val ? teacherPredictions(teachers, o.val) : undefined;
    // The aggregator is frozen while the student trains: its per-teacher shares are measured once.
    const share =
      aggWeights && o.val
        ? aggregatorShares(
            outputTables(liveTeachers(teachers, view), o.val, inputShape).tables,
            aggWeights[0]!.values,
            numClasses,
          )
        : undefined;
    const onEpochEnd = o.onEpochEnd;
    const result = await runTraining(
      {
        net: student,
        loss,
        ...(source ? { teachers: source } : {}),
        frozen: () => frozenTeachers(teachers, view, aggWeights),
        ...(aggWeights ? { extraGroups: { aggregator: aggWeights } } : {}),
      },
      // Agreement with the teachers' ensemble and with each teacher is measured on validation at
      // every epoch end; supernet runs add each teacher's (fixed) share of the aggregator.
      {
        ...o,
        ...run,
        ...(valTeachers ? { valTeachers, valReference: ensembleClasses(valTeachers, numClasses) } : {}),
        ...(onEpochEnd
          ? {
              onEpochEnd: (m) =>
                onEpochEnd(
                  share && m.valTeachers
                    ? { ...m, valTeachers: { ...m.valTeachers, aggregatorShare: share } }
                    : m,
                ),
            }
          : {}),
      },
    );
    return {
      ...result,
      mode,
      student,
      kd,
      teacherPassesPerStep: source && !o.cacheTeacherOutputs ? teachers.length : 0,
      ...(aggregator
        ? {
            aggregator: {
              epochs: aggregator.epochs,
              bestValLoss: aggregator.bestValLoss,
              valAccuracy: aggregator.valAccuracy,
              inputSize: aggregator.inputSize,
            },
          }
        : {}),
    };
  } catch (error) {
    student.dispose();
    throw error;
  } finally {
    source?.dispose();
    aggregator?.dispose();
  }
}

/** The aggregator of a resumed run comes from its checkpoint; a fresh run fits it first. */
async function prepareAggregator(
  o: DistillOptions,
  live: OutputSource,
  run: ReturnType<typeof resolveRun>,
  inputShape: StudentNet['built']['options']['inputShape'],
  numClasses: number,
): Promise<Aggregator> {
  const stored = o.resumeFrom ? decodeCheckpoint(o.resumeFrom).groups.aggregator : undefined;
  if (stored) return restoreAggregator(stored);
  return trainAggregator(o.cacheTeacherOutputs ? cacheOutputs(live, o.train, inputShape) : live, live, {
    train: o.train,
    val: o.val as NonNullable<typeof o.val>,
    inputShape,
    numClasses,
    learningRate: run.learningRate,
    batchSize: run.batchSize,
    stepsPerEpoch: run.stepsPerEpoch,
    seed: o.seed,
    augment: run.augment,
    ...(o.signal ? { signal: o.signal } : {}),
    ...o.supernet,
  });
}
