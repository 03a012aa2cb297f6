// Multi-teacher knowledge distillation: KD losses and the five modes of the MTKD method.
export { trainAggregator, type Aggregator, type AggregatorArgs } from './aggregator.ts';
export { runDistillation, type DistillResult } from './loop.ts';
export {
  categoricalCrossEntropy,
  combineLosses,
  kdLoss,
  KERAS_EPSILON,
  kerasKlDivergence,
  softTargets,
  validateKdConfig,
  type KdConfig,
  type TemperatureMode,
} from './losses.ts';
export {
  distillLossAvg,
  distillMimicAll,
  distillOutputAvg,
  distillSupernet,
  distillSupernet2,
  trainBaseline,
} from './modes.ts';
export {
  DISTILL_MODES,
  type DistillEpochMetrics,
  type DistillMode,
  type DistillOptions,
  type DistillStepMetrics,
} from './options.ts';
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
  liveTeachers,
  type OutputSource,
  type TeacherView,
} from './teachers.ts';
