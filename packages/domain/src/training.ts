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
