// Multi-teacher knowledge distillation: KD losses and the five modes of the MTKD method.
export { restoreAggregator, trainAggregator, type Aggregator, type AggregatorArgs } from './aggregator.ts';
export {
  aggregatorShares,
  meanKl,
  teacherContribution,
  type ContributionInput,
  type TeacherContribution,
} from './contribution.ts';
export { runDistillation, type DistillResult } from './run-distillation.ts';
export {
  categoricalCrossEntropy,
  combineLosses,
  kdLoss,
  KERAS_EPSILON,
  kerasKlDivergence,
  softTargets,
  validateKdConfig,
  type KdConfig,
} from './losses.ts';
export {
  distillLossAvg,
  distillMimicAll,
  distillOutputAvg,
  distillSupernet,
  distillSupernet2,
} from './modes.ts';
export { netFromCheckpoint } from './net-from-checkpoint.ts';
export type { DistillOptions } from './options.ts';
export {
  buildStudent,
  meanOfSoftmax,
  predictHeads,
  predictStudent,
  restoreStudentWeights,
  saveStudentWeights,
  type StudentNet,
} from './student.ts';
export {
  cacheOutputs,
  checkTeachers,
  frozenTeachers,
  liveTeachers,
  type OutputSource,
  type TeacherView,
} from './teachers.ts';
