// The per-launch training switches (issue 22): augmentation, epoch budget and early stopping, as
// TrainingOptionsInput carries them. Fields left out take the method's way (@distillery/domain's
// METHOD_TRAINING), so every launch sends complete options in its job payloads and records them in
// the run's params.
import {
  epochBudgetSchema,
  MAX_PATIENCE,
  METHOD_TRAINING,
  restoreBestSchema,
  type TrainingOptions,
} from '@distillery/domain';
import { z } from 'zod';

/** zod schema of TrainingOptionsInput (every field optional; null = the method's default). */
export const trainingInputSchema = z
  .object({
    augment: z.boolean().nullish(),
    epochBudget: epochBudgetSchema.nullish(),
    patience: z.number().int().min(0).max(MAX_PATIENCE).nullish(),
    restoreBest: restoreBestSchema.nullish(),
  })
  .nullish();

/** Complete training options from a parsed TrainingOptionsInput. */
export function resolveTraining(input: z.infer<typeof trainingInputSchema>): TrainingOptions {
  return {
    augment: input?.augment ?? METHOD_TRAINING.augment,
    epochBudget: input?.epochBudget ?? METHOD_TRAINING.epochBudget,
    patience: input?.patience ?? METHOD_TRAINING.patience,
    restoreBest: input?.restoreBest ?? METHOD_TRAINING.restoreBest,
  };
}
