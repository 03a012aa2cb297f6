import { z } from 'zod';

/**
 * How many optimizer steps one epoch has (the compute a run gets per epoch):
 * - `ORIGINAL`: floor(full training set / batch) whatever the subset, as the original's teachers
 *   (`steps_per_epoch = int(40097 / batch)` even at p = 0.6), so p is not confounded with compute;
 * - `PER_SUBSET`: floor(the run's own training samples / batch), one pass over its subset.
 * Students and baselines train on the full training set, where both budgets agree.
 */
export const EPOCH_BUDGETS = ['ORIGINAL', 'PER_SUBSET'] as const;
/** An epoch budget. */
export type EpochBudget = (typeof EPOCH_BUDGETS)[number];
/** zod schema of an epoch budget. */
export const epochBudgetSchema = z.enum(EPOCH_BUDGETS);

/** Steps per epoch under `budget` for a run on `trainCount` of the split's `fullTrainCount` training samples. */
export function stepsPerEpoch(
  budget: EpochBudget,
  trainCount: number,
  fullTrainCount: number,
  batchSize: number,
): number {
  return Math.max(1, Math.floor((budget === 'ORIGINAL' ? fullTrainCount : trainCount) / batchSize));
}

/**
 * Which weights a run with a validation split ends with (early stopping monitors val_loss, or
 * val_student_loss for students, with the architecture's patience):
 * - `ON_EARLY_STOP`: the best epoch's weights only when early stopping ends the run, else the last
 *   epoch's — what the original's `EarlyStopping(restore_best_weights=True)` did in the Keras of its
 *   time (TF 2.x before tf-keras#693, Nov 2023);
 * - `ALWAYS`: the best epoch's weights however the run ended (today's Keras);
 * - `NEVER`: the last epoch's weights.
 */
export const RESTORE_BEST = ['ON_EARLY_STOP', 'ALWAYS', 'NEVER'] as const;
/** A restore-best policy. */
export type RestoreBest = (typeof RESTORE_BEST)[number];
/** zod schema of a restore-best policy. */
export const restoreBestSchema = z.enum(RESTORE_BEST);

/** Largest early-stopping patience a launch may ask for (epochs). */
export const MAX_PATIENCE = 10_000;

/**
 * How a training job trains (issue 22), as launches send it and runs record it: `augment` = the
 * dataset's jitter + the architecture's RandAugment(n, m) on every training batch (distillation:
 * teachers and student on the same augmented batch); `epochBudget` = steps per epoch; `patience` =
 * early-stopping patience in epochs (null = the architecture's, 0 = off); `restoreBest` = which
 * weights the run ends with. The defaults are what a job queued before these fields existed did.
 */
export const trainingOptionsSchema = z.object({
  augment: z.boolean().default(false),
  epochBudget: epochBudgetSchema.default('PER_SUBSET'),
  patience: z.number().int().min(0).max(MAX_PATIENCE).nullable().default(null),
  restoreBest: restoreBestSchema.default('ALWAYS'),
});
/** Resolved training options. */
export type TrainingOptions = z.infer<typeof trainingOptionsSchema>;

/** What a launch trains with when it names nothing: the method's way (augmentation, ORIGINAL budget, Keras-era restore). */
export const METHOD_TRAINING: TrainingOptions = {
  augment: true,
  epochBudget: 'ORIGINAL',
  patience: null,
  restoreBest: 'ON_EARLY_STOP',
};
