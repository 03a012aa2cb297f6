// @distillery/domain: the vocabulary every app and package shares (API, runner, ML core, CLI, dashboard).
// zod and @distillery/errors only — no TensorFlow.js, no Node built-ins — so a browser bundle can import it.
export {
  AUDIT_OUTCOMES,
  ROLE_DESCRIPTIONS,
  roleAtLeast,
  ROLES,
  roleSchema,
  TOKEN_ACCESS,
  type AuditOutcome,
  type Role,
  type TokenAccess,
} from './accounts.ts';
export {
  DISTILL_MODES,
  distillModeSchema,
  SUPERNET_MODES,
  TEACHER_ORIGINS,
  teacherOriginSchema,
  TEMPERATURE_MODES,
  temperatureModeSchema,
  TRAINING_MODES,
  type DistillMode,
  type TeacherOrigin,
  type TemperatureMode,
  type TrainingMode,
} from './distill-modes.ts';
export {
  FUSION_RULES,
  fusionRuleEnumValue,
  fusionRuleOfEnumValue,
  fusionRuleSchema,
  PROBABILITY_RULES,
  TIE_CONVENTIONS,
  tieConventionSchema,
  VOTING_RULES,
  type FusionRule,
  type TieConvention,
} from './fusion-rules.ts';
export { gridCounts, gridSize, MAX_GRID_RUNS, type GridCounts, type GridShape } from './experiment-grid.ts';
export {
  EPOCH_BUDGETS,
  epochBudgetSchema,
  MAX_PATIENCE,
  METHOD_TRAINING,
  RESTORE_BEST,
  restoreBestSchema,
  stepsPerEpoch,
  trainingOptionsSchema,
  type EpochBudget,
  type RestoreBest,
  type TrainingOptions,
} from './training.ts';
export {
  DATASET_SOURCES,
  datasetSourceSchema,
  SPLIT_METHOD_DOCS,
  SPLIT_METHODS,
  SPLIT_ROLES,
  splitMethodSchema,
  SUBSET_METHODS,
  type DatasetSource,
  type SplitMethod,
  type SplitRole,
  type SubsetMethod,
} from './datasets.ts';
export {
  DATASET_PRESET_KEYS,
  DATASET_PRESETS,
  getDatasetPreset,
  presetKeyOf,
  type DatasetPreset,
  type ImageShape,
  type JitterConfig,
} from './dataset-presets.ts';
export { cyclicPlan, type CyclicPlan } from './cyclic-teachers.ts';
export * from './job-payloads.ts';
export {
  isTerminalRunStatus,
  RUN_EVENT_TYPES,
  TERMINAL_RUN_STATUSES,
  type RunEventType,
  type TerminalRunStatus,
} from './run-events.ts';
export { argmaxRows } from './argmax.ts';
export { classReport, type ClassReport, type ClassScore } from './class-report.ts';
export {
  boundLogMessage,
  LOG_LEVELS,
  MAX_LOG_LINE_CHARS,
  MAX_LOG_LINES_PER_BATCH,
  MAX_LOG_LINES_PER_RUN,
  MAX_LOG_PAGE,
  type LogLevel,
  type LogLine,
} from './run-logs.ts';
export { NOTIFY_LIMIT, TOPICS, type Topic, type Topics } from './topics.ts';
export { MAX_STEP, METRIC_KEY, metricPointSchema, type MetricPoint } from './metric-point.ts';
export {
  parseTeacherMetricKey,
  TEACHER_METRICS,
  teacherMetricKey,
  teacherMetricsOf,
  type TeacherMetric,
} from './teacher-metrics.ts';
export { enumValueOf, isUuid, matchName } from './names.ts';
export { fixed2, fixedDigits, formatCell, mean, meanSem, poolCells, semOfSd, type MeanSem } from './stats.ts';
export { UNIT_BOUNDS, valueBounds, type ValueBounds } from './value-bounds.ts';
export { deriveSeed, Prng } from './random/prng.ts';
export {
  bytesToIndices,
  countRole,
  indicesOfRole,
  indicesToBytes,
  ROLE_BYTE,
  roleSource,
  UNUSED,
  type RoleSource,
} from './sampling/assignment.ts';
export {
  checkExactFractions,
  drawSplit,
  drawStratifiedSplit,
  markUnused,
  type ExactDraw,
  type SplitDraw,
} from './sampling/split.ts';
export { drawGroupSplit, groupSpanningRoles, NO_GROUP } from './sampling/group-split.ts';
export { checkFraction, drawSubset, type SubsetDraw } from './sampling/subset.ts';
