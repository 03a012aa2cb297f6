// The job kinds the API enqueues and the runner executes: one zod payload schema per kind (graphile-worker
// task identifier), validated when enqueued and again when a runner picks the job up.
import { z } from 'zod';

import { SPLIT_ROLES } from './datasets.ts';
import { distillModeSchema, teacherOriginSchema, temperatureModeSchema } from './distill-modes.ts';
import { fusionRuleSchema } from './fusion-rules.ts';
import { trainingOptionsSchema } from './training.ts';

/** Named graphile-worker queues: `gpu` jobs run one at a time per GPU runner, `cpu` jobs anywhere. */
export const JOB_QUEUES = ['cpu', 'gpu'] as const;
/** A queue name. */
export type JobQueue = (typeof JOB_QUEUES)[number];

const uuid = z.uuid();
const base = { runId: uuid, projectId: uuid };
/** How a training job trains (augmentation, epoch budget, early stopping; see training.ts). */
const training = trainingOptionsSchema.shape;

/** Train one teacher on one subset (or one seed), optionally as snapshot/FGE cycles. */
export const trainTeacherPayloadSchema = z.object({
  ...base,
  teacherId: uuid,
  subsetId: uuid.nullable(),
  splitId: uuid,
  architectureKey: z.string().min(1),
  seed: z.number().int(),
  origin: teacherOriginSchema,
  cycles: z.number().int().min(1).max(100),
  epochs: z.number().int().min(1).max(10_000).nullable(),
  ...training,
});
/** Train a student architecture without distillation (the baseline row of the results tables). */
export const trainBaselinePayloadSchema = z.object({
  ...base,
  splitId: uuid,
  architectureKey: z.string().min(1),
  seed: z.number().int(),
  epochs: z.number().int().min(1).max(10_000).nullable(),
  ...training,
});
/** Compute a checkpoint's softmax predictions on a split role. */
export const predictPayloadSchema = z.object({
  ...base,
  checkpointId: uuid,
  splitId: uuid,
  splitRole: z.enum(SPLIT_ROLES),
});
/** Evaluate an ensemble's fusion rules; waits for `dependsOnRunIds` to succeed first. */
export const evaluateEnsemblePayloadSchema = z.object({
  ...base,
  ensembleId: uuid,
  rules: z.array(fusionRuleSchema).min(1),
  dependsOnRunIds: z.array(uuid),
});
/**
 * Distill a student from teachers; waits for `dependsOnRunIds` to succeed first. Member i is
 * `teacherIds[i]` as of `checkpointIds[i]` (a snapshot/FGE checkpoint), or its FINAL checkpoint where
 * that is null or `checkpointIds` is absent.
 */
export const distillStudentPayloadSchema = z.object({
  ...base,
  studentId: uuid,
  teacherIds: z.array(uuid).min(1),
  checkpointIds: z.array(uuid.nullable()).optional(),
  mode: distillModeSchema,
  alpha: z.number().min(0).max(1),
  temperature: z.number().positive(),
  temperatureMode: temperatureModeSchema,
  architectureKey: z.string().min(1),
  seed: z.number().int(),
  dependsOnRunIds: z.array(uuid),
  ...training,
});
/** The experiment driver: tracks a launched grid and reports when all its runs are done. */
export const experimentPlanPayloadSchema = z.object({
  ...base,
  experimentId: uuid,
  runIds: z.array(uuid),
});

/** Payload schema of every job kind (the task identifier in graphile-worker). */
export const jobPayloadSchemas = {
  'train-teacher': trainTeacherPayloadSchema,
  'train-baseline': trainBaselinePayloadSchema,
  predict: predictPayloadSchema,
  'evaluate-ensemble': evaluateEnsemblePayloadSchema,
  'distill-student': distillStudentPayloadSchema,
  'experiment-plan': experimentPlanPayloadSchema,
} as const;

/** A job kind. */
export type JobKind = keyof typeof jobPayloadSchemas;
/** The payload type of job kind `K`. */
export type JobPayload<K extends JobKind> = z.infer<(typeof jobPayloadSchemas)[K]>;
/** What an enqueuer may pass for kind `K` (fields with a default may be left out). */
export type JobPayloadInput<K extends JobKind> = z.input<(typeof jobPayloadSchemas)[K]>;
/** All job kinds. */
export const JOB_KINDS = Object.keys(jobPayloadSchemas) as JobKind[];

/** Default queue per kind: training needs the accelerator, evaluation and planning do not. */
export const DEFAULT_QUEUE: Record<JobKind, JobQueue> = {
  'train-teacher': 'gpu',
  'train-baseline': 'gpu',
  predict: 'gpu',
  'evaluate-ensemble': 'cpu',
  'distill-student': 'gpu',
  'experiment-plan': 'cpu',
};
