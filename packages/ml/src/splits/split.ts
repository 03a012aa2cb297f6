import { drawSplit, drawStratifiedSplit, indicesOfRole, type SplitMethod } from '@distillery/domain';

/** Index lists of a train/val split (ascending). */
export interface SplitIndices {
  train: Uint32Array;
  val: Uint32Array;
}

/**
 * Seeded train/val split of a training set (mtkd-method.md §1.4, with a seed the original lacked),
 * drawn by @distillery/domain's sampler, so it matches the API's split of the same seed.
 */
export function splitTrainVal(
  labels: ArrayLike<number>,
  options: { method?: SplitMethod; valFraction?: number; seed: number },
): SplitIndices {
  const valFraction = options.valFraction ?? 0.2;
  const assignment =
    (options.method ?? 'STRATIFIED') === 'BERNOULLI'
      ? drawSplit(labels.length, { seed: options.seed, valFraction })
      : drawStratifiedSplit(labels, { seed: options.seed, valFraction });
  return { train: indicesOfRole(assignment, 'TRAIN'), val: indicesOfRole(assignment, 'VAL') };
}
